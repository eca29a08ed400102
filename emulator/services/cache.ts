/**
 * CacheService and Cache.
 * Reference: developers.google.com/apps-script/reference/cache/cache-service and /cache;
 * PLATFORM.md, Quotas (CacheService row).
 *
 * - Caches: script (all users), document (null without a container document:
 *   `cacheState(rt).hasDocument = false`), user (per effective user).
 * - put: key ≤ 250 characters (`Argument too large: key`, the platform's text as reported in
 *   Eloise1988/COINGECKO#13), value ≤ 100 KB in UTF-8 (`Argument too large: value`), expiry
 *   1–21,600 s, default 600 s (out of range: `Argument too large: expirationInSeconds` /
 *   `Invalid argument: expirationInSeconds`, the emulator's choice: the platform is silent).
 *   Values must be strings (stricter: the platform stringifies).
 * - At most 1,000 items: past that the cache keeps the 900 items farthest from expiry.
 * - Expiry uses the emulated clock. Real caches may drop entries earlier: tests call
 *   `cacheState(rt).evictAll()` to model it.
 */
import { Runtime, isPlainObject } from '../runtime';
import { paramsError } from './utilities';

export const MAX_KEY_LENGTH = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const DEFAULT_EXPIRATION_S = 600;
export const MAX_EXPIRATION_S = 21_600;
export const MAX_ITEMS = 1000;
export const KEEP_ON_OVERFLOW = 900;

interface Entry {
  value: string;
  expiresAt: number;
  seq: number;
}

export class CacheState {
  readonly caches = new Map<string, Map<string, Entry>>();
  hasDocument = true;
  private seq = 0;

  cache(scope: string): Map<string, Entry> {
    let c = this.caches.get(scope);
    if (!c) this.caches.set(scope, (c = new Map()));
    return c;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Drops every entry of every cache (the platform may evict at any time). */
  evictAll(): void {
    this.caches.clear();
  }

  /** The live value of `key` in `scope` ('script', 'document', 'user:<email>') at time `now`. */
  peek(scope: string, key: string, now: number): string | null {
    const e = this.caches.get(scope)?.get(key);
    return e && e.expiresAt > now ? e.value : null;
  }
}

export function cacheState(rt: Runtime): CacheState {
  return rt.slot('cache', () => new CacheState());
}

export class Cache {
  constructor(
    private readonly rt: Runtime,
    readonly scope: string,
  ) {}

  private get map(): Map<string, Entry> {
    return cacheState(this.rt).cache(this.scope);
  }

  private live(key: string): Entry | undefined {
    const e = this.map.get(key);
    if (e && e.expiresAt <= this.rt.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e;
  }

  private checkKey(key: unknown, args: unknown[], method: string): string {
    if (typeof key !== 'string') throw paramsError(this.rt, args, method);
    if (key.length > MAX_KEY_LENGTH) throw this.rt.error('Argument too large: key');
    return key;
  }

  private expiry(seconds: unknown, args: unknown[], method: string): number {
    if (seconds === undefined) return DEFAULT_EXPIRATION_S;
    if (typeof seconds !== 'number' || Number.isNaN(seconds)) throw paramsError(this.rt, args, method);
    const s = Math.trunc(seconds);
    if (s > MAX_EXPIRATION_S) throw this.rt.error('Argument too large: expirationInSeconds');
    if (s < 1) throw this.rt.error('Invalid argument: expirationInSeconds');
    return s;
  }

  private store(entries: [string, string][], seconds: number): void {
    const st = cacheState(this.rt);
    const expiresAt = this.rt.now() + seconds * 1000;
    for (const [k, v] of entries) this.map.set(k, { value: v, expiresAt, seq: st.nextSeq() });
    for (const k of [...this.map.keys()]) this.live(k);
    if (this.map.size > MAX_ITEMS) {
      const keep = [...this.map.entries()].sort((a, b) => b[1].expiresAt - a[1].expiresAt || b[1].seq - a[1].seq).slice(0, KEEP_ON_OVERFLOW);
      this.map.clear();
      for (const [k, e] of keep) this.map.set(k, e);
    }
  }

  get(...args: unknown[]): string | null {
    const [key] = args;
    return this.rt.call('Cache.get', () => {
      const k = this.checkKey(key, args, 'Cache.get');
      return this.live(k)?.value ?? null;
    });
  }

  getAll(...args: unknown[]): Record<string, string> {
    const [keys] = args;
    return this.rt.call('Cache.getAll', () => {
      if (!Array.isArray(keys)) throw paramsError(this.rt, args, 'Cache.getAll');
      const out = new this.rt.realm.Object() as Record<string, string>;
      for (const key of keys) {
        const k = this.checkKey(key, args, 'Cache.getAll');
        const e = this.live(k);
        if (e) out[k] = e.value;
      }
      return out;
    });
  }

  put(...args: unknown[]): void {
    const [key, value, expirationInSeconds] = args;
    this.rt.call('Cache.put', () => {
      const k = this.checkKey(key, args, 'Cache.put');
      if (typeof value !== 'string') throw paramsError(this.rt, args, 'Cache.put');
      if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) throw this.rt.error('Argument too large: value');
      this.store([[k, value]], this.expiry(expirationInSeconds, args, 'Cache.put'));
    });
  }

  putAll(...args: unknown[]): void {
    const [values, expirationInSeconds] = args;
    this.rt.call('Cache.putAll', () => {
      if (!isPlainObject(values)) throw paramsError(this.rt, args, 'Cache.putAll');
      const seconds = this.expiry(expirationInSeconds, args, 'Cache.putAll');
      const entries: [string, string][] = [];
      for (const [k, v] of Object.entries(values)) {
        this.checkKey(k, args, 'Cache.putAll');
        if (typeof v !== 'string') throw paramsError(this.rt, args, 'Cache.putAll');
        if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw this.rt.error('Argument too large: value');
        entries.push([k, v]);
      }
      this.store(entries, seconds);
    });
  }

  remove(...args: unknown[]): void {
    const [key] = args;
    this.rt.call('Cache.remove', () => {
      this.map.delete(this.checkKey(key, args, 'Cache.remove'));
    });
  }

  removeAll(...args: unknown[]): void {
    const [keys] = args;
    this.rt.call('Cache.removeAll', () => {
      if (!Array.isArray(keys)) throw paramsError(this.rt, args, 'Cache.removeAll');
      for (const key of keys) this.map.delete(this.checkKey(key, args, 'Cache.removeAll'));
    });
  }
}

export class CacheService {
  constructor(private readonly rt: Runtime) {}

  getScriptCache(): Cache {
    return this.rt.call('CacheService.getScriptCache', () => new Cache(this.rt, 'script'));
  }

  getDocumentCache(): Cache | null {
    return this.rt.call('CacheService.getDocumentCache', () => (cacheState(this.rt).hasDocument ? new Cache(this.rt, 'document') : null));
  }

  getUserCache(): Cache {
    return this.rt.call('CacheService.getUserCache', () => new Cache(this.rt, 'user:' + this.rt.execution().spec.effectiveUser));
  }
}

export function createCacheService(rt: Runtime): CacheService {
  return new CacheService(rt);
}
