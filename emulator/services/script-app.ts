/**
 * ScriptApp: installable triggers (clock and spreadsheet), their owners and limits, the add-on
 * trigger rules, and the enums the bundle compares against (PLATFORM.md, Triggers; Apps Script
 * reference: ScriptApp, TriggerBuilder, ClockTriggerBuilder, SpreadsheetTriggerBuilder, Trigger).
 *
 * Counted methods (names used for counting and fault injection):
 *   ScriptApp.getProjectTriggers, ScriptApp.getUserTriggers, ScriptApp.deleteTrigger,
 *   ScriptApp.getInstallationSource, ScriptApp.getScriptId, ScriptApp.getAuthorizationInfo,
 *   ClockTriggerBuilder.create, SpreadsheetTriggerBuilder.create (the class that owns create() in
 *   the reference; inject a fault into both, or 'ClockTriggerBuilder.*', to fail every creation).
 * Free (checked, not counted): ScriptApp.newTrigger (FULL + script.scriptapp: creating a trigger from
 *   a simple trigger fails at newTrigger with `You do not have permission to call ScriptApp.newTrigger.
 *   Required permissions: https://www.googleapis.com/auth/script.scriptapp`, the text seen live),
 *   every builder method, and the Trigger getters.
 *
 * The scenario runner drives firing through `triggerState(rt)`: nextDueClock/markFired for clock
 * triggers, installableFor for event triggers, timeDrivenEvent for the event object.
 */

import { Runtime, SCOPES, isDate } from '../runtime';
import { isValidTimeZone, zonedParts } from '../time-zones';
import { ClockSchedule, ClockSpec, firstFire, isoWeek, isoWeekday, nextFire, planSchedule } from './triggers-schedule';
import { gasScalarTypeName } from './utilities';

export type { ClockSchedule } from './triggers-schedule';

export type EventTypeName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
export type TriggerSourceName = 'CLOCK' | 'SPREADSHEETS';

/** Error texts. Sources beside each; "(chosen)" marks a text the emulator picked where none was found. */
export const TRIGGER_ERRORS = {
  /** PLATFORM.md, Triggers (20 triggers per user per script). */
  tooMany: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  /**
   * PLATFORM.md, Triggers (ljay79/jira-tools#53). A vendor's help page reports the same text for a
   * second on-edit trigger of an add-on in one document, so it is used for every event type.
   */
  addonTooMany: 'This add-on has created too many time-based triggers in this document for this Google user account.',
  /** Seen live (several repositories quote it from real accounts). */
  everyMinutes: 'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
  /** (chosen) by analogy with everyMinutes; the values are those the trigger editor offers. */
  everyHours: 'The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.',
  /** (chosen) editor-triggers page: add-on time-driven triggers run at most once per hour. */
  addonSubHourly: 'Add-ons may not create time-based triggers that run more often than once per hour.',
  /** (chosen) editor-triggers page: add-ons may only create triggers for the file they run in. */
  addonOtherFile: 'Add-ons can only create triggers for the document in which the add-on is used.',
  /** (chosen) */
  noSchedule:
    'A time-based trigger needs a schedule: call everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay, onMonthDay, at, after or atDate before create().',
  /** (chosen) ClockTriggerBuilder reference: atHour needs a daily or weekly frequency. */
  atHour: 'atHour() can only be used with everyDays(), everyWeeks(), onWeekDay(), onMonthDay() or atDate().',
  /** (chosen) */
  nearMinute: 'nearMinute() can only be used with everyHours(), everyDays(), everyWeeks(), onWeekDay(), onMonthDay() or atDate().',
  /** (chosen) */
  onWeekDay: 'onWeekDay() can only be used with everyWeeks().',
  /** (chosen) */
  onMonthDay: 'onMonthDay() cannot be combined with another frequency.',
  /** (chosen) */
  scheduleSet: "The trigger's schedule has already been set: everyMinutes, everyHours, everyDays, everyWeeks, at, after and atDate exclude each other.",
  /** (chosen) */
  noEventType: 'A spreadsheet trigger needs an event: call onOpen(), onEdit(), onChange() or onFormSubmit() before create().',
  /** (chosen) *unverified* that deleting a missing trigger throws; see TriggerOptions.deleteMissingThrows. */
  notFound: 'The trigger does not exist or belongs to another user.',
  /** Apps Script's message for arguments of the wrong type. */
  signature: (method: string, args: unknown[]) =>
    `The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`,
  invalidArgument: (name: string) => `Invalid argument: ${name}`,
  notSupported: (what: string) => `${what} is not supported in the emulator.`,
};

/** The trigger builders name arrays `Array` and every other object `Object` (no element or class names). */
function typeName(v: unknown): string {
  return gasScalarTypeName(v) ?? (Array.isArray(v) ? 'Array' : 'Object');
}

/** Switches for the trigger model; platform facts PLATFORM.md marks *unverified* default to the stricter side. */
export interface TriggerOptions {
  /**
   * *unverified* (issuetracker 150756612 via ttsukagoshi/mail-merge-for-gmail#242): a trigger created
   * from inside a trigger execution is created but disabled, so it never fires. Default true.
   */
  creationInsideTriggerDisabled: boolean;
  /**
   * *unverified*: a one-shot trigger (at, after, atDate) stays in the trigger list after it fired
   * (counting toward the 20-trigger limit) until the script deletes it. Default true (stricter);
   * false removes it after its run.
   */
  oneShotKeptAfterFiring: boolean;
  /** *unverified*: deleteTrigger of a trigger that no longer exists (or is not yours) throws. Default true. */
  deleteMissingThrows: boolean;
  /**
   * The spreadsheet the script is running in (container of a bound script, or the document the
   * add-on runs in). The host sets it. Used for the add-on rules (one trigger per type per
   * document, only the current file) and to tie add-on clock triggers to their document. A
   * function is called at each create() (e.g. `() => spreadsheetState(rt).id`). While null, the
   * only-the-current-file rule is not checked and add-on clock triggers have documentId null.
   */
  currentDocumentId: string | null | (() => string | null);
  /** What ScriptApp.getScriptId() returns. */
  scriptId: string;
  /** How the add-on deployment reports its installation (a bound script reports NONE). */
  installationSource: 'WEB_STORE_ADD_ON' | 'APPS_MARKETPLACE_DOMAIN_ADD_ON';
  /**
   * Time zone of the time-driven event's fields. 'trigger' (default, per the lead's brief): the
   * trigger's zone; 'UTC': the example on guides/triggers/events shows `timezone: UTC`.
   */
  timeDrivenEventTimezone: 'trigger' | 'UTC';
  /** Users who have authorized the script (for getAuthorizationInfo); null = infer from the execution's auth mode. */
  authorizedUsers: string[] | null;
  /** Installable triggers per user per script (PLATFORM.md, Triggers). */
  maxTriggersPerUser: number;
}

export const DEFAULT_TRIGGER_OPTIONS: TriggerOptions = {
  creationInsideTriggerDisabled: true,
  oneShotKeptAfterFiring: true,
  deleteMissingThrows: true,
  currentDocumentId: null,
  scriptId: '1BatonEmulatorScriptId0000000000000000000000000000000',
  installationSource: 'WEB_STORE_ADD_ON',
  timeDrivenEventTimezone: 'trigger',
  authorizedUsers: null,
  maxTriggersPerUser: 20,
};

export interface TriggerRecord {
  uid: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** Spreadsheet id for spreadsheet triggers; null for clock triggers (Trigger.getTriggerSourceId). */
  sourceId: string | null;
  /** Document the trigger belongs to: the spreadsheet, or for an add-on's clock trigger the document it was created in. */
  documentId: string | null;
  /** Effective user at creation: the account the trigger runs as (PLATFORM.md, Triggers). */
  owner: string;
  /** Never fires while true (created inside a trigger, or a one-shot that already fired). */
  disabled: boolean;
  disabledReason: string | null;
  schedule: ClockSchedule | null;
  createdAt: number;
  /** Next fire time of an enabled clock trigger; null otherwise. */
  nextFireAt: number | null;
  lastFiredAt: number | null;
  fireCount: number;
}

type EnumValue = { toString(): string; name(): string; ordinal(): number };
type EnumSet = Record<string, EnumValue>;

interface Enums {
  AuthMode: EnumSet;
  AuthorizationStatus: EnumSet;
  EventType: EnumSet;
  InstallationSource: EnumSet;
  TriggerSource: EnumSet;
  WeekDay: EnumSet;
}

/**
 * Enum values are opaque objects with toString(), name() and ordinal(), as in Apps Script (compare
 * with `===` against ScriptApp.X.Y, or use String(v)). Their prototype is not Object.prototype, so
 * the host's importValue passes them by reference instead of rebuilding them as `{}`.
 */
const enumProto = Object.freeze(
  Object.create(Object.prototype, {
    toString: { value(this: { _name: string }) { return this._name; } },
    name: { value(this: { _name: string }) { return this._name; } },
    ordinal: { value(this: { _ordinal: number }) { return this._ordinal; } },
  }),
);

function makeEnum(names: string[]): EnumSet {
  const set: EnumSet = {};
  names.forEach((n, i) => {
    set[n] = Object.freeze(Object.create(enumProto, { _name: { value: n }, _ordinal: { value: i } })) as EnumValue;
  });
  return Object.freeze(set);
}

/**
 * One set of enum objects per Runtime, shared by every execution (each gets a fresh realm), so an
 * event built outside an execution still satisfies `e.authMode === ScriptApp.AuthMode.FULL`.
 */
export function scriptAppEnums(rt: Runtime): Enums {
  return rt.slot('scriptApp.enums', () => ({
    AuthMode: makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']),
    AuthorizationStatus: makeEnum(['REQUIRED', 'NOT_REQUIRED']),
    EventType: makeEnum(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']),
    InstallationSource: makeEnum(['APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON']),
    TriggerSource: makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']),
    WeekDay: makeEnum(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY']),
  }));
}

/** The ScriptApp.AuthMode enum object for a runtime auth mode (for event objects: `e.authMode`). */
export function authModeEnum(rt: Runtime, mode: 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION'): unknown {
  return scriptAppEnums(rt).AuthMode[mode];
}

/** Plain time-driven event object (PLATFORM.md, Triggers: time-driven event). */
export interface TimeDrivenEvent {
  /** The ScriptApp.AuthMode.FULL enum object: copy the reference, do not clone it. */
  authMode: unknown;
  year: number;
  month: number;
  'day-of-month': number;
  'day-of-week': number;
  'week-of-year': number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
  triggerUid: string;
}

export class TriggerState {
  readonly options: TriggerOptions = { ...DEFAULT_TRIGGER_OPTIONS };
  /** All installable triggers of the script, every owner, in creation order. */
  readonly triggers: TriggerRecord[] = [];
  private nextUid = 1;

  constructor(private readonly rt: Runtime) {}

  list(): TriggerRecord[] {
    return [...this.triggers];
  }

  get(uid: string): TriggerRecord | undefined {
    return this.triggers.find((t) => t.uid === uid);
  }

  newUid(): string {
    // Real ids are long decimal strings; these are deterministic.
    return String(8_301_457_000_000_000 + this.nextUid++ * 7_919);
  }

  /** Adds a trigger without a script call (seeding a scenario). Clock triggers need `schedule`. */
  seed(t: Partial<TriggerRecord> & Pick<TriggerRecord, 'handler' | 'eventType' | 'owner'>): TriggerRecord {
    const createdAt = t.createdAt ?? this.rt.now();
    const rec: TriggerRecord = {
      uid: t.uid ?? this.newUid(),
      handler: t.handler,
      eventType: t.eventType,
      source: t.eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS',
      sourceId: t.sourceId ?? null,
      documentId: t.documentId ?? t.sourceId ?? null,
      owner: t.owner,
      disabled: t.disabled ?? false,
      disabledReason: t.disabledReason ?? null,
      schedule: t.schedule ?? null,
      createdAt,
      nextFireAt: null,
      lastFiredAt: t.lastFiredAt ?? null,
      fireCount: t.fireCount ?? 0,
    };
    if (rec.schedule && !rec.disabled) rec.nextFireAt = t.nextFireAt ?? firstFire(rec.schedule, createdAt);
    this.triggers.push(rec);
    return rec;
  }

  /** The earliest enabled clock trigger due at or before `untilMs` (ties: creation order), or null. */
  nextDueClock(untilMs: number): { trigger: TriggerRecord; at: number } | null {
    let best: TriggerRecord | null = null;
    for (const t of this.triggers) {
      if (t.eventType !== 'CLOCK' || t.disabled || t.nextFireAt === null || t.nextFireAt > untilMs) continue;
      if (!best || t.nextFireAt < best.nextFireAt!) best = t;
    }
    return best ? { trigger: best, at: best.nextFireAt! } : null;
  }

  /** Records that a clock trigger fired at `at` and schedules its next run (one-shots: see options). */
  markFired(uid: string, at: number): void {
    const t = this.get(uid);
    if (!t) return;
    t.lastFiredAt = at;
    t.fireCount += 1;
    if (!t.schedule) return;
    const next = nextFire(t.schedule, at);
    if (next !== null) {
      t.nextFireAt = next;
      return;
    }
    t.nextFireAt = null;
    if (this.options.oneShotKeptAfterFiring) {
      t.disabled = true;
      t.disabledReason = 'one-shot trigger already fired';
    } else {
      this.remove(uid);
    }
  }

  /** Enabled triggers of an event type (optionally only those for one spreadsheet), in creation order. */
  installableFor(eventType: EventTypeName, sourceId?: string): TriggerRecord[] {
    return this.triggers.filter((t) => t.eventType === eventType && !t.disabled && (sourceId === undefined || t.sourceId === sourceId));
  }

  remove(uid: string): boolean {
    const i = this.triggers.findIndex((t) => t.uid === uid);
    if (i < 0) return false;
    this.triggers.splice(i, 1);
    return true;
  }

  /** A user uninstalls the add-on or loses access: their triggers go (optionally only for one document). Returns how many. */
  removeAllFor(owner: string, documentId?: string): number {
    let n = 0;
    for (let i = this.triggers.length - 1; i >= 0; i--) {
      const t = this.triggers[i];
      if (t.owner === owner && (documentId === undefined || t.documentId === documentId)) {
        this.triggers.splice(i, 1);
        n += 1;
      }
    }
    return n;
  }

  /** The event object handed to a time-driven trigger's handler for a run at `at`. */
  timeDrivenEvent(trigger: TriggerRecord, at: number): TimeDrivenEvent {
    const tz = this.options.timeDrivenEventTimezone === 'UTC' ? 'UTC' : (trigger.schedule?.timezone ?? this.rt.options.scriptTimeZone);
    const p = zonedParts(at, tz);
    return {
      authMode: scriptAppEnums(this.rt).AuthMode.FULL,
      year: p.year,
      month: p.month,
      'day-of-month': p.day,
      'day-of-week': isoWeekday(p.year, p.month, p.day),
      'week-of-year': isoWeek(p.year, p.month, p.day),
      hour: p.hour,
      minute: p.minute,
      second: p.second,
      timezone: tz,
      triggerUid: trigger.uid,
    };
  }
}

export function triggerState(rt: Runtime): TriggerState {
  return rt.slot('scriptApp.triggers', () => new TriggerState(rt));
}

/** Standalone form of TriggerState.timeDrivenEvent. */
export function timeDrivenEvent(rt: Runtime, trigger: TriggerRecord, at: number): TimeDrivenEvent {
  return triggerState(rt).timeDrivenEvent(trigger, at);
}

// ---------------------------------------------------------------------------------------------
// The ScriptApp global

const SCRIPT_GATE = { auth: 'FULL' as const, scopes: [SCOPES.scriptApp] };
const FREE_SCRIPT_GATE = { ...SCRIPT_GATE, free: true };
const EVERY_MINUTES = [1, 5, 10, 15, 30];
const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

export function createScriptApp(rt: Runtime) {
  const state = triggerState(rt);
  const enums = () => scriptAppEnums(rt);
  const triggerObjects = new WeakMap<object, string>();

  const obj = <T extends object>(props: T): T => Object.assign(new rt.realm.Object() as T, props);

  function toScriptTrigger(t: TriggerRecord) {
    const free = <R>(method: string, body: () => R) => rt.call(method, body, FREE_SCRIPT_GATE);
    const o = obj({
      getUniqueId: () => free('Trigger.getUniqueId', () => t.uid),
      getHandlerFunction: () => free('Trigger.getHandlerFunction', () => t.handler),
      getEventType: () => free('Trigger.getEventType', () => enums().EventType[t.eventType]),
      getTriggerSource: () => free('Trigger.getTriggerSource', () => enums().TriggerSource[t.source]),
      getTriggerSourceId: () => free('Trigger.getTriggerSourceId', () => t.sourceId),
      toString: () => 'Trigger',
    });
    triggerObjects.set(o, t.uid);
    return o;
  }

  /** Shared checks and bookkeeping of create(): limits, add-on rules, ownership, disabling. */
  function install(fields: {
    handler: string;
    eventType: EventTypeName;
    sourceId: string | null;
    clock: ClockSpec | null;
  }): TriggerRecord {
    const spec = rt.execution().spec;
    const owner = spec.effectiveUser;
    const addon = rt.options.deployment === 'addon';
    const cur = state.options.currentDocumentId;
    const current = typeof cur === 'function' ? cur() : cur;
    const documentId = fields.eventType === 'CLOCK' ? (addon ? current : null) : fields.sourceId;
    const mine = state.triggers.filter((t) => t.owner === owner);
    if (addon) {
      if (fields.eventType !== 'CLOCK' && current !== null && fields.sourceId !== current) throw rt.error(TRIGGER_ERRORS.addonOtherFile);
      if (mine.some((t) => t.eventType === fields.eventType && t.documentId === documentId)) throw rt.error(TRIGGER_ERRORS.addonTooMany);
    }
    if (mine.length >= state.options.maxTriggersPerUser) throw rt.error(TRIGGER_ERRORS.tooMany);

    const createdAt = rt.now();
    const insideTrigger = spec.trigger === 'installable' || spec.trigger === 'simple';
    const disabled = state.options.creationInsideTriggerDisabled && insideTrigger;
    const schedule = fields.clock ? planSchedule(fields.clock, createdAt, rt.random) : null;
    const rec: TriggerRecord = {
      uid: state.newUid(),
      handler: fields.handler,
      eventType: fields.eventType,
      source: fields.eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS',
      sourceId: fields.sourceId,
      documentId,
      owner,
      disabled,
      disabledReason: disabled ? `created inside a ${spec.trigger} trigger execution (${spec.functionName})` : null,
      schedule,
      createdAt,
      nextFireAt: schedule && !disabled ? firstFire(schedule, createdAt) : null,
      lastFiredAt: null,
      fireCount: 0,
    };
    state.triggers.push(rec);
    return rec;
  }

  function clockBuilder(handler: string) {
    const spec: ClockSpec = { timezone: rt.options.scriptTimeZone };
    let frequency: 'minutes' | 'hours' | 'days' | 'weeks' | 'at' | 'after' | 'atDate' | null = null;
    const name = 'ClockTriggerBuilder';
    const gate = <R>(method: string, body: () => R) => rt.call(`${name}.${method}`, body, FREE_SCRIPT_GATE);
    const setFrequency = (f: NonNullable<typeof frequency>) => {
      if (frequency !== null && frequency !== f) throw rt.error(TRIGGER_ERRORS.scheduleSet);
      frequency = f;
    };
    const intArg = (method: string, v: unknown, min: number, max: number, argName: string): number => {
      if (typeof v !== 'number' || Number.isNaN(v)) throw rt.error(TRIGGER_ERRORS.signature(`${name}.${method}`, [v]));
      if (!isInt(v) || v < min || v > max) throw rt.error(TRIGGER_ERRORS.invalidArgument(argName));
      return v;
    };

    const b = obj({
      everyMinutes: (n: unknown) =>
        gate('everyMinutes', () => {
          if (typeof n !== 'number') throw rt.error(TRIGGER_ERRORS.signature(`${name}.everyMinutes`, [n]));
          if (!EVERY_MINUTES.includes(n)) throw rt.error(TRIGGER_ERRORS.everyMinutes);
          setFrequency('minutes');
          spec.minutes = n;
          return b;
        }),
      everyHours: (n: unknown) =>
        gate('everyHours', () => {
          if (typeof n !== 'number') throw rt.error(TRIGGER_ERRORS.signature(`${name}.everyHours`, [n]));
          if (!EVERY_HOURS.includes(n)) throw rt.error(TRIGGER_ERRORS.everyHours);
          setFrequency('hours');
          spec.hours = n;
          return b;
        }),
      everyDays: (n: unknown) =>
        gate('everyDays', () => {
          spec.days = intArg('everyDays', n, 1, 366, 'n');
          setFrequency('days');
          return b;
        }),
      everyWeeks: (n: unknown) =>
        gate('everyWeeks', () => {
          spec.weeks = intArg('everyWeeks', n, 1, 52, 'n');
          setFrequency('weeks');
          return b;
        }),
      onWeekDay: (day: unknown) =>
        gate('onWeekDay', () => {
          const wd = enums().WeekDay;
          const key = Object.keys(wd).find((k) => wd[k] === day);
          if (!key) throw rt.error(TRIGGER_ERRORS.signature(`${name}.onWeekDay`, [day]));
          spec.weekDay = key === 'SUNDAY' ? 7 : wd[key].ordinal();
          return b;
        }),
      onMonthDay: (day: unknown) =>
        gate('onMonthDay', () => {
          spec.monthDay = intArg('onMonthDay', day, 1, 31, 'day');
          return b;
        }),
      atHour: (h: unknown) =>
        gate('atHour', () => {
          spec.atHour = intArg('atHour', h, 0, 23, 'hour');
          return b;
        }),
      nearMinute: (m: unknown) =>
        gate('nearMinute', () => {
          spec.nearMinute = intArg('nearMinute', m, 0, 59, 'minute');
          return b;
        }),
      at: (date: unknown) =>
        gate('at', () => {
          if (!isDate(date)) throw rt.error(TRIGGER_ERRORS.signature(`${name}.at`, [date]));
          const ms = date.getTime();
          if (Number.isNaN(ms)) throw rt.error(TRIGGER_ERRORS.invalidArgument('date'));
          setFrequency('at');
          spec.at = ms;
          return b;
        }),
      after: (ms: unknown) =>
        gate('after', () => {
          if (typeof ms !== 'number' || Number.isNaN(ms)) throw rt.error(TRIGGER_ERRORS.signature(`${name}.after`, [ms]));
          if (ms < 0) throw rt.error(TRIGGER_ERRORS.invalidArgument('durationMilliseconds'));
          setFrequency('after');
          spec.after = Math.floor(ms);
          return b;
        }),
      atDate: (year: unknown, month: unknown, day: unknown) =>
        gate('atDate', () => {
          if (!isInt(year) || !isInt(month) || !isInt(day)) throw rt.error(TRIGGER_ERRORS.signature(`${name}.atDate`, [year, month, day]));
          if (month < 1 || month > 12) throw rt.error(TRIGGER_ERRORS.invalidArgument('month'));
          if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) throw rt.error(TRIGGER_ERRORS.invalidArgument('day'));
          setFrequency('atDate');
          spec.atDate = { year, month, day };
          return b;
        }),
      inTimezone: (tz: unknown) =>
        gate('inTimezone', () => {
          if (typeof tz !== 'string') throw rt.error(TRIGGER_ERRORS.signature(`${name}.inTimezone`, [tz]));
          if (!isValidTimeZone(tz)) throw rt.error(TRIGGER_ERRORS.invalidArgument('timezone'));
          spec.timezone = tz;
          return b;
        }),
      create: () =>
        rt.call(
          `${name}.create`,
          () => {
            validateClock(spec, frequency);
            if (rt.options.deployment === 'addon' && frequency === 'minutes') throw rt.error(TRIGGER_ERRORS.addonSubHourly);
            return toScriptTrigger(install({ handler, eventType: 'CLOCK', sourceId: null, clock: { ...spec } }));
          },
          SCRIPT_GATE,
        ),
      toString: () => name,
    });
    return b;
  }

  function validateClock(spec: ClockSpec, frequency: string | null): void {
    const once = frequency === 'at' || frequency === 'after' || frequency === 'atDate';
    if (spec.monthDay !== undefined && (frequency !== null || spec.weekDay !== undefined)) throw rt.error(TRIGGER_ERRORS.onMonthDay);
    if (spec.weekDay !== undefined && frequency !== null && frequency !== 'weeks') throw rt.error(TRIGGER_ERRORS.onWeekDay);
    const daily = frequency === 'days' || frequency === 'weeks' || spec.weekDay !== undefined || spec.monthDay !== undefined;
    if (spec.atHour !== undefined && !(daily || frequency === 'atDate')) throw rt.error(TRIGGER_ERRORS.atHour);
    if (spec.nearMinute !== undefined && !(daily || frequency === 'hours' || frequency === 'atDate')) throw rt.error(TRIGGER_ERRORS.nearMinute);
    if (frequency === null && !daily && !once) throw rt.error(TRIGGER_ERRORS.noSchedule);
  }

  function spreadsheetBuilder(handler: string, sourceId: string) {
    let eventType: EventTypeName | null = null;
    const name = 'SpreadsheetTriggerBuilder';
    const gate = <R>(method: string, body: () => R) => rt.call(`${name}.${method}`, body, FREE_SCRIPT_GATE);
    const b = obj({
      onOpen: () => gate('onOpen', () => ((eventType = 'ON_OPEN'), b)),
      onEdit: () => gate('onEdit', () => ((eventType = 'ON_EDIT'), b)),
      onChange: () => gate('onChange', () => ((eventType = 'ON_CHANGE'), b)),
      onFormSubmit: () => gate('onFormSubmit', () => ((eventType = 'ON_FORM_SUBMIT'), b)),
      create: () =>
        rt.call(
          `${name}.create`,
          () => {
            if (eventType === null) throw rt.error(TRIGGER_ERRORS.noEventType);
            return toScriptTrigger(install({ handler, eventType, sourceId, clock: null }));
          },
          SCRIPT_GATE,
        ),
      toString: () => name,
    });
    return b;
  }

  function documentId(doc: unknown, method: string): string {
    if (typeof doc === 'string' && doc !== '') return doc;
    if (doc && typeof doc === 'object' && typeof (doc as { getId?: unknown }).getId === 'function') {
      const id = (doc as { getId(): unknown }).getId();
      if (typeof id === 'string') return id;
    }
    throw rt.error(TRIGGER_ERRORS.signature(method, [doc]));
  }

  const currentUserTriggers = () => state.triggers.filter((t) => t.owner === rt.execution().spec.effectiveUser);

  const ScriptApp = obj({
    newTrigger: (functionName: unknown) =>
      rt.call(
        'ScriptApp.newTrigger',
        () => {
          if (typeof functionName !== 'string') throw rt.error(TRIGGER_ERRORS.signature('ScriptApp.newTrigger', [functionName]));
          const handler = functionName;
          const tb = obj({
            timeBased: () => rt.call('TriggerBuilder.timeBased', () => clockBuilder(handler), FREE_SCRIPT_GATE),
            forSpreadsheet: (ss: unknown) =>
              rt.call('TriggerBuilder.forSpreadsheet', () => spreadsheetBuilder(handler, documentId(ss, 'TriggerBuilder.forSpreadsheet')), FREE_SCRIPT_GATE),
            forDocument: () => {
              throw rt.error(TRIGGER_ERRORS.notSupported('TriggerBuilder.forDocument'));
            },
            forForm: () => {
              throw rt.error(TRIGGER_ERRORS.notSupported('TriggerBuilder.forForm'));
            },
            forUserCalendar: () => {
              throw rt.error(TRIGGER_ERRORS.notSupported('TriggerBuilder.forUserCalendar'));
            },
            toString: () => 'TriggerBuilder',
          });
          return tb;
        },
        FREE_SCRIPT_GATE,
      ),

    getProjectTriggers: () =>
      rt.call('ScriptApp.getProjectTriggers', () => rt.list(currentUserTriggers().map(toScriptTrigger)), SCRIPT_GATE),

    getUserTriggers: (doc: unknown) =>
      rt.call(
        'ScriptApp.getUserTriggers',
        () => {
          const id = documentId(typeof doc === 'string' ? null : doc, 'ScriptApp.getUserTriggers');
          return rt.list(currentUserTriggers().filter((t) => t.documentId === id).map(toScriptTrigger));
        },
        SCRIPT_GATE,
      ),

    deleteTrigger: (trigger: unknown) =>
      rt.call(
        'ScriptApp.deleteTrigger',
        () => {
          const uid = trigger && typeof trigger === 'object' ? triggerObjects.get(trigger) : undefined;
          if (uid === undefined) throw rt.error(TRIGGER_ERRORS.signature('ScriptApp.deleteTrigger', [trigger]));
          const t = state.get(uid);
          if (!t || t.owner !== rt.execution().spec.effectiveUser) {
            if (state.options.deleteMissingThrows) throw rt.error(TRIGGER_ERRORS.notFound);
            return;
          }
          state.remove(uid);
        },
        SCRIPT_GATE,
      ),

    getInstallationSource: () =>
      rt.call(
        'ScriptApp.getInstallationSource',
        () => enums().InstallationSource[rt.options.deployment === 'addon' ? state.options.installationSource : 'NONE'],
        { auth: 'NONE' },
      ),

    getScriptId: () => rt.call('ScriptApp.getScriptId', () => state.options.scriptId, { auth: 'NONE' }),

    getAuthorizationInfo: (authMode: unknown) =>
      rt.call('ScriptApp.getAuthorizationInfo', () => {
        const modes = enums().AuthMode;
        if (!Object.keys(modes).some((k) => modes[k] === authMode)) throw rt.error(TRIGGER_ERRORS.signature('ScriptApp.getAuthorizationInfo', [authMode]));
        const spec = rt.execution().spec;
        const user = spec.effectiveUser || spec.activeUser;
        const authorized = state.options.authorizedUsers ? state.options.authorizedUsers.includes(user) : spec.authMode === 'FULL';
        const status = enums().AuthorizationStatus[authorized ? 'NOT_REQUIRED' : 'REQUIRED'];
        const url = authorized ? null : `https://script.google.com/macros/d/${state.options.scriptId}/authorize`;
        return obj({
          getAuthorizationStatus: () => status,
          getAuthorizationUrl: () => url,
          toString: () => 'AuthorizationInfo',
        });
      }),

    getService: () => {
      throw rt.error(TRIGGER_ERRORS.notSupported('ScriptApp.getService'));
    },

    toString: () => 'ScriptApp',
  });

  // The enums are properties of the global, built in the script's realm.
  Object.defineProperties(ScriptApp, {
    AuthMode: { get: () => enums().AuthMode, enumerable: true },
    AuthorizationStatus: { get: () => enums().AuthorizationStatus, enumerable: true },
    EventType: { get: () => enums().EventType, enumerable: true },
    InstallationSource: { get: () => enums().InstallationSource, enumerable: true },
    TriggerSource: { get: () => enums().TriggerSource, enumerable: true },
    WeekDay: { get: () => enums().WeekDay, enumerable: true },
  });
  return ScriptApp as typeof ScriptApp & Pick<Enums, 'AuthMode' | 'AuthorizationStatus' | 'EventType' | 'InstallationSource' | 'TriggerSource' | 'WeekDay'>;
}
