/**
 * PropertiesService and Properties.
 * Reference: developers.google.com/apps-script/reference/properties/properties-service and
 * /properties; guides/properties; PLATFORM.md, Quotas (properties row).
 *
 * - Three stores: document (one per document), script (one per project), user (one per
 *   EFFECTIVE user: the trigger owner in an installable trigger).
 * - All values are strings: numbers and booleans are stored as their String; other types do not
 *   match the method signature (stricter than the platform, which stringifies some of them).
 * - Limits: a value over 9 KB (UTF-8 bytes of the value), or a store over 500 KB (UTF-8 bytes of
 *   all keys and values), throws `You have exceeded the property storage quota. Please remove
 *   some properties and try again.`; the write does not happen.
 * - Daily quota: every Properties method call (read or write) counts for the effective user:
 *   50,000 a day (500,000 with `options.workspace`), on a rolling 24 h window that starts at the
 *   first counted call (the same model as mail, PLATFORM.md). Over it:
 *   `Service invoked too many times for one day: properties.`
 * - Not available in AuthMode.NONE (PLATFORM.md, Triggers: "even PropertiesService fails").
 */
import { Runtime, isPlainObject } from '../runtime';
import { paramsError } from './utilities';

export const STORAGE_QUOTA_ERROR = 'You have exceeded the property storage quota. Please remove some properties and try again.';
export const PROPERTIES_DAILY_ERROR = 'Service invoked too many times for one day: properties.';
export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
export const DAY_MS = 86_400_000;

export type StoreKind = 'document' | 'script' | 'user';

export class PropertiesState {
  readonly document = new Map<string, string>();
  readonly script = new Map<string, string>();
  /** User stores by effective user. */
  readonly users = new Map<string, Map<string, string>>();
  /** Daily read/write counts per effective user: rolling window from its first counted call. */
  readonly daily = new Map<string, { since: number; count: number }>();
  /** Whether PropertiesService.getDocumentProperties() has a document (null otherwise). */
  hasDocument = true;

  userStore(user: string): Map<string, string> {
    let m = this.users.get(user);
    if (!m) this.users.set(user, (m = new Map()));
    return m;
  }

  store(kind: StoreKind, user = ''): Map<string, string> {
    return kind === 'document' ? this.document : kind === 'script' ? this.script : this.userStore(user);
  }

  /** Seed the day's count, e.g. to test the quota. */
  setDailyCount(user: string, count: number, since = 0): void {
    this.daily.set(user, { since, count });
  }
}

export function propertiesState(rt: Runtime): PropertiesState {
  return rt.slot('properties', () => new PropertiesState());
}

export function dailyLimit(rt: Runtime): number {
  return rt.options.workspace ? 500_000 : 50_000;
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function storeBytes(m: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of m) n += bytes(k) + bytes(v);
  return n;
}

function toValue(rt: Runtime, v: unknown, args: unknown[], method: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw paramsError(rt, args, method);
}

export class Properties {
  constructor(
    private readonly rt: Runtime,
    private readonly kind: StoreKind,
    private readonly user: string,
  ) {}

  private get map(): Map<string, string> {
    return propertiesState(this.rt).store(this.kind, this.user);
  }

  private op<T>(method: string, body: () => T): T {
    return this.rt.call('Properties.' + method, () => {
      const st = propertiesState(this.rt);
      const who = this.rt.execution().spec.effectiveUser;
      let d = st.daily.get(who);
      if (!d || this.rt.now() - d.since >= DAY_MS) st.daily.set(who, (d = { since: this.rt.now(), count: 0 }));
      if (d.count >= dailyLimit(this.rt)) throw this.rt.error(PROPERTIES_DAILY_ERROR);
      d.count += 1;
      return body();
    });
  }

  /** Apply `next` as the new content if it fits the limits; otherwise throw and keep the old. */
  private commit(next: Map<string, string>, changed: string[]): void {
    for (const k of changed) if (bytes(next.get(k) ?? '') > MAX_VALUE_BYTES) throw this.rt.error(STORAGE_QUOTA_ERROR);
    if (storeBytes(next) > MAX_STORE_BYTES) throw this.rt.error(STORAGE_QUOTA_ERROR);
    const map = this.map;
    map.clear();
    for (const [k, v] of next) map.set(k, v);
  }

  getProperty(...args: unknown[]): string | null {
    const [key] = args;
    return this.op('getProperty', () => {
      if (typeof key !== 'string' || args.length !== 1) throw paramsError(this.rt, args, 'Properties.getProperty');
      return this.map.get(key) ?? null;
    });
  }

  getProperties(): Record<string, string> {
    return this.op('getProperties', () => {
      const out = new this.rt.realm.Object() as Record<string, string>;
      for (const [k, v] of this.map) out[k] = v;
      return out;
    });
  }

  getKeys(): string[] {
    return this.op('getKeys', () => this.rt.list([...this.map.keys()]));
  }

  setProperty(...args: unknown[]): Properties {
    const [key, value] = args;
    return this.op('setProperty', () => {
      if (typeof key !== 'string' || args.length !== 2) throw paramsError(this.rt, args, 'Properties.setProperty');
      if (key === '') throw this.rt.error('Invalid argument: key');
      const v = toValue(this.rt, value, args, 'Properties.setProperty');
      const next = new Map(this.map);
      next.set(key, v);
      this.commit(next, [key]);
      return this;
    });
  }

  setProperties(...args: unknown[]): Properties {
    const [properties, deleteAllOthers] = args;
    return this.op('setProperties', () => {
      if (!isPlainObject(properties) || (deleteAllOthers !== undefined && typeof deleteAllOthers !== 'boolean'))
        throw paramsError(this.rt, args, 'Properties.setProperties');
      const next = deleteAllOthers ? new Map<string, string>() : new Map(this.map);
      const changed: string[] = [];
      for (const [k, v] of Object.entries(properties)) {
        if (k === '') throw this.rt.error('Invalid argument: key');
        next.set(k, toValue(this.rt, v, args, 'Properties.setProperties'));
        changed.push(k);
      }
      this.commit(next, changed);
      return this;
    });
  }

  deleteProperty(...args: unknown[]): Properties {
    const [key] = args;
    return this.op('deleteProperty', () => {
      if (typeof key !== 'string') throw paramsError(this.rt, args, 'Properties.deleteProperty');
      this.map.delete(key);
      return this;
    });
  }

  deleteAllProperties(): Properties {
    return this.op('deleteAllProperties', () => {
      this.map.clear();
      return this;
    });
  }
}

export class PropertiesService {
  constructor(private readonly rt: Runtime) {}

  getDocumentProperties(): Properties | null {
    return this.rt.call('PropertiesService.getDocumentProperties', () =>
      propertiesState(this.rt).hasDocument ? new Properties(this.rt, 'document', '') : null,
    );
  }

  getScriptProperties(): Properties {
    return this.rt.call('PropertiesService.getScriptProperties', () => new Properties(this.rt, 'script', ''));
  }

  getUserProperties(): Properties {
    return this.rt.call(
      'PropertiesService.getUserProperties',
      () => new Properties(this.rt, 'user', this.rt.execution().spec.effectiveUser),
    );
  }
}

export function createPropertiesService(rt: Runtime): PropertiesService {
  return new PropertiesService(rt);
}
