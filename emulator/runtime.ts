/**
 * The emulated Apps Script runtime: one clock, the execution stack, and the gate every service
 * call passes through (counting, time limits, auth modes, OAuth scopes, injected faults, and
 * hooks that let a test slip another execution between two calls of a running one).
 */

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';

/** How an execution was started; decides its auth mode, user and time limit (PLATFORM.md, Triggers). */
export type TriggerKind =
  | 'simple' // simple trigger: onOpen, onEdit, onInstall (LIMITED, or NONE for an unused add-on)
  | 'installable' // installable trigger: runs as its owner, FULL
  | 'menu' // a menu item clicked by a user
  | 'run' // google.script.run from a sidebar or dialog
  | 'editor'; // run by hand from the script editor (setup steps, tests)

export interface ExecutionSpec {
  functionName: string;
  trigger: TriggerKind;
  /** e.g. 'open', 'edit', 'formSubmit', 'change', 'clock', 'install'; informative. */
  event?: string;
  authMode: AuthMode;
  /** What Session.getActiveUser() reports: '' when hidden (simple triggers, consumer accounts). */
  activeUser: string;
  /** What Session.getEffectiveUser() reports: the trigger owner for installable triggers. */
  effectiveUser: string;
  /** The person whose action caused the run (for the record; may differ from activeUser). */
  actor?: string;
  triggerUid?: string;
  /** Time limit in ms: 30 s for simple triggers, 6 min otherwise (PLATFORM.md, Quotas). */
  limitMs?: number;
}

export interface ExecutionRecord {
  id: number;
  at: number;
  function: string;
  trigger: string;
  user: string;
  ms: number;
  calls: Record<string, number>;
  /** Cells the execution read and wrote through ranges (values, formulas, notes, formats), charged at `cellCostMs`. */
  cellsRead: number;
  cellsWritten: number;
  /** The script's own CPU time, real ms on this machine (between and after service calls; the emulator's own work excluded). */
  cpuMs: number;
  error: string | null;
}

export class Execution {
  readonly calls: Record<string, number> = {};
  totalCalls = 0;
  cellsRead = 0;
  cellsWritten = 0;
  error: string | null = null;
  /** Modeled service time spent so far, ms. */
  modeledMs = 0;
  /** Locks this execution holds, released when it ends. */
  readonly locks = new Set<string>();
  /** Spreadsheet writes not applied yet (RuntimeOptions.bufferWrites), in call order. */
  readonly pendingWrites: (() => void)[] = [];
  /** Real time (performance.now) the script's own code last started running; null once a watchdog stopped it. */
  cpuMark: number | null = null;
  /** The script's own CPU time so far, real ms (before the factor). */
  cpuMs = 0;
  constructor(
    readonly id: number,
    readonly spec: ExecutionSpec,
    readonly startedAt: number,
    readonly limitMs: number,
  ) {}
}

/** A fault injected into a service method: the `nth` call from now on (1-based) fails `times` times. */
export interface FaultSpec {
  method: string;
  /** A kind ('quota', 'service', 'timeout', 'lock', 'permission', 'simultaneous') or an exact message. */
  error: string;
  times?: number;
  /** Skip this many matching calls before the first failure. */
  after?: number;
}

/** Called before a service call runs; `index` counts all service calls of the execution (1-based). */
export type CallHook = (info: { method: string; index: number; methodIndex: number; execution: Execution }) => void;

/** Options a scenario or test may set; every platform fact PLATFORM.md marks *unverified* is a switch here. */
export interface RuntimeOptions {
  /** Modeled cost of one service call, ms, by service prefix ('Range', 'Sheet', 'MailApp', ...) and default. */
  callCostMs: Record<string, number>;
  /**
   * Modeled cost per cell a range call reads or writes, ms, beside the per-call cost: Google's
   * time for `getValues` and `setValues` grows with the cells they move (docs/PLATFORM-FACTS.md, row 12).
   */
  cellCostMs: { read: number; write: number };
  /** Whether the clock moves by the modeled cost of each call (makes the 6 min limit reachable). */
  advanceClockPerCall: boolean;
  /** OAuth scopes granted (from the manifest). null = do not check scopes. */
  oauthScopes: string[] | null;
  /** *unverified*: installable onChange fires on API writes. Default off (PLATFORM.md, Triggers). */
  onChangeFiresOnApiWrites: boolean;
  /** *unverified*: developer metadata on rows survives a sort. Default off (stricter). */
  metadataSurvivesSort: boolean;
  /** Seed for deterministic pseudo-randomness (trigger jitter, UUIDs). */
  seed: number;
  /** 'bound' (container-bound script) or 'addon' (editor add-on: add-on trigger rules apply). */
  deployment: 'bound' | 'addon';
  /** The script project's time zone (manifest); may differ from the spreadsheet's. */
  scriptTimeZone: string;
  /** Workspace accounts get the larger quotas (1,500 mail recipients a day instead of 100). */
  workspace: boolean;
  /**
   * A string starting with "+" (not a number) written as user input is a formula, so
   * `+1 212 555 0101` reads back `#ERROR!` (issue 17; docs/PLATFORM-FACTS.md). Default true;
   * false keeps it as text (the emulator's earlier, kinder reading).
   */
  plusStartsFormula: boolean;
  /**
   * Whose e-mail a script sees for another person (`e.user`, Session.getActiveUser()):
   * 'documented' (default): blank in simple triggers, and in installable triggers blank unless the
   * person is the script's effective user or, on Workspace, in the same domain (reference:
   * Session.getActiveUser); 'always': every e-mail is visible (the earlier, kinder model).
   */
  editorEmails: 'documented' | 'always';
  /**
   * Spreadsheet writes wait in a per-execution buffer until the same execution reads the
   * spreadsheet, calls SpreadsheetApp.flush(), or ends; releasing a lock does not flush
   * (PLATFORM.md, Spreadsheet service semantics; reference: SpreadsheetApp.flush). Default true.
   */
  bufferWrites: boolean;
  /**
   * *unverified* (PLATFORM.md, HtmlService): a google.script.run result holding a Date anywhere
   * arrives as null as a whole ('wholeResult', default) or only that field is null ('field').
   */
  runResultWithDate: 'wholeResult' | 'field';
  /**
   * Utilities.formatDate with a time zone Java does not know: 'gmt' (default) formats in GMT, as
   * java.util.TimeZone.getTimeZone does for an unknown ID; 'throw' fails with `Invalid argument: timeZone`.
   */
  unknownTimeZone: 'gmt' | 'throw';
  /**
   * The script's own CPU time is charged to the emulated clock, times this factor (Apps Script's
   * V8 runs slower than Node; see docs/PLATFORM-FACTS.md), and a run in pure code is stopped at
   * its time limit. 0 turns CPU charging off (service calls alone move the clock).
   */
  cpuTimeFactor: number;
  /** Installable-trigger runtime per user per day, ms: 90 min consumer, 6 h Workspace (PLATFORM.md, Quotas). null: by `workspace`. */
  dailyTriggerRuntimeMs: number | null;
  /** Simultaneous executions per user (PLATFORM.md, Quotas): 30. */
  maxSimultaneousPerUser: number;
}

export const DEFAULT_OPTIONS: RuntimeOptions = {
  callCostMs: { default: 50, Properties: 5, Cache: 5, Lock: 5, Session: 1, Utilities: 0, Logger: 0, HtmlService: 5, Ui: 20 },
  cellCostMs: { read: 0.005, write: 0.01 },
  advanceClockPerCall: true,
  oauthScopes: null,
  onChangeFiresOnApiWrites: false,
  metadataSurvivesSort: false,
  seed: 1,
  deployment: 'bound',
  scriptTimeZone: 'America/New_York',
  workspace: false,
  plusStartsFormula: true,
  editorEmails: 'documented',
  bufferWrites: true,
  runResultWithDate: 'wholeResult',
  unknownTimeZone: 'gmt',
  cpuTimeFactor: 0,
  dailyTriggerRuntimeMs: null,
  maxSimultaneousPerUser: 30,
};

/** Exact texts of platform errors, each from PLATFORM.md (which cites its source). */
export const ERRORS = {
  timeLimit: 'Exceeded maximum execution time',
  dailyRuntime: 'Service using too much computer time for one day.',
  quotaEmail: 'Service invoked too many times for one day: email.',
  service: "We're sorry, a server error occurred. Please wait a bit and try again.",
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  simultaneous: 'There are too many scripts running simultaneously for this Google user account.',
  spreadsheetsBusy: 'Too many simultaneous invocations: Spreadsheets',
  permission: (method: string, scope: string) =>
    `You do not have permission to call ${method}. Required permissions: ${scope}`,
  noAuth: 'Authorization is required to perform that action.',
};

/** The realm the script runs in: values handed to the script are built with its constructors. */
export interface Realm {
  Array: ArrayConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
  Object: ObjectConstructor;
}

export class Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    if (ms < this.ms) return; // time never runs backwards
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += Math.max(0, ms);
  }
}

/** Deterministic PRNG (mulberry32), so jitter and ids repeat across runs of the same scenario. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GateOptions {
  /** Minimum auth mode: 'LIMITED' (most services) or 'FULL' (MailApp, ScriptApp, ...). Default LIMITED. */
  auth?: AuthMode;
  /** OAuth scope(s) the call needs; any one of them suffices. */
  scopes?: string[];
  /** Not counted as a service call (pure getters on already-fetched objects, builders). */
  free?: boolean;
}

const AUTH_RANK: Record<AuthMode, number> = { NONE: 0, LIMITED: 1, FULL: 2 };

export class Runtime {
  readonly clock: Clock;
  readonly options: RuntimeOptions;
  realm: Realm = { Array, Date, Error, Object };
  readonly random: () => number;
  readonly records: ExecutionRecord[] = [];
  private readonly stack: Execution[] = [];
  private nextExecutionId = 1;
  private faults: (FaultSpec & { seen: number; fired: number })[] = [];
  private hooks: { hook: CallHook; once: boolean }[] = [];
  private readonly slots = new Map<string, unknown>();

  constructor(startMs: number, options: Partial<RuntimeOptions> = {}) {
    this.clock = new Clock(startMs);
    this.options = {
      ...DEFAULT_OPTIONS,
      ...options,
      callCostMs: { ...DEFAULT_OPTIONS.callCostMs, ...options.callCostMs },
      cellCostMs: { ...DEFAULT_OPTIONS.cellCostMs, ...options.cellCostMs },
    };
    this.random = seededRandom(this.options.seed);
  }

  /** Per-service state, created on first use; keeps service modules independent of each other. */
  slot<T>(key: string, make: () => T): T {
    if (!this.slots.has(key)) this.slots.set(key, make());
    return this.slots.get(key) as T;
  }

  now(): number {
    return this.clock.now();
  }

  get current(): Execution | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  /** The running execution; service calls outside one are a test bug. */
  execution(): Execution {
    const e = this.current;
    if (!e) throw new Error('emulator: service called outside an execution (use runtime.run)');
    return e;
  }

  /**
   * Runs `body` as one execution. Errors thrown by the script are caught and recorded (as Apps
   * Script records a failed execution); the record is returned. Executions nest: a hook may start
   * another one between two service calls of the running one.
   */
  run(spec: ExecutionSpec, body: () => unknown): ExecutionRecord & { result?: unknown } {
    const limit = spec.limitMs ?? (spec.trigger === 'simple' ? 30_000 : 360_000);
    const exec = new Execution(this.nextExecutionId++, spec, this.now(), limit);
    const user = spec.effectiveUser || spec.activeUser || spec.actor || '';
    // Quotas checked before the script starts (PLATFORM.md, Quotas): simultaneous executions per
    // user, and an installable trigger's owner out of trigger runtime for the day.
    const running = user ? this.stack.filter((e) => (e.spec.effectiveUser || e.spec.activeUser || e.spec.actor || '') === user).length : 0;
    const refusal =
      running >= this.options.maxSimultaneousPerUser ? ERRORS.simultaneous : spec.trigger === 'installable' && this.triggerRuntimeLeft(user) <= 0 ? ERRORS.dailyRuntime : null;
    this.stack.push(exec);
    let result: unknown;
    // The script's CPU is always measured (the bench reports it); charged to the clock only with a factor.
    exec.cpuMark = performance.now();
    try {
      if (refusal) throw this.error(refusal);
      result = body();
      // Pure code after the last service call still counts; past the limit, Google has stopped the run.
      if (this.chargeCpu(exec)) throw this.error(ERRORS.timeLimit);
    } catch (err) {
      exec.error = errorMessage(err);
    } finally {
      this.stack.pop();
      for (const release of this.releaseHandlers) release(exec);
      if (spec.trigger === 'installable' && !refusal) this.chargeTriggerRuntime(user, exec.startedAt, Math.max(0, this.now() - exec.startedAt));
    }
    const record: ExecutionRecord = {
      id: exec.id,
      at: exec.startedAt,
      function: spec.functionName,
      trigger: spec.event ? `${spec.trigger}:${spec.event}` : spec.trigger,
      user: spec.effectiveUser || spec.activeUser,
      ms: Math.round(exec.modeledMs),
      calls: { ...exec.calls },
      cellsRead: exec.cellsRead,
      cellsWritten: exec.cellsWritten,
      cpuMs: Math.round(exec.cpuMs * 10) / 10,
      error: exec.error,
    };
    this.records.push(record);
    return { ...record, result };
  }

  /** Installable-trigger runtime per user: a rolling day from the first run in it (PLATFORM.md, Quotas). */
  private readonly triggerRuntime = new Map<string, { since: number; usedMs: number }>();

  /** The daily installable-trigger runtime quota: 90 min consumer, 6 h Workspace, unless set. */
  get dailyTriggerRuntimeMs(): number {
    return this.options.dailyTriggerRuntimeMs ?? (this.options.workspace ? 6 * 3_600_000 : 90 * 60_000);
  }

  /** Ms of installable-trigger runtime `user` has left today. */
  triggerRuntimeLeft(user: string, at = this.now()): number {
    const day = this.triggerRuntime.get(user);
    if (!day || at - day.since >= 86_400_000) return this.dailyTriggerRuntimeMs;
    return this.dailyTriggerRuntimeMs - day.usedMs;
  }

  private chargeTriggerRuntime(user: string, startedAt: number, ms: number): void {
    const day = this.triggerRuntime.get(user);
    if (!day || startedAt - day.since >= 86_400_000) this.triggerRuntime.set(user, { since: startedAt, usedMs: ms });
    else day.usedMs += ms;
  }

  /** Services that hold per-execution resources (locks) register a release here. */
  readonly releaseHandlers: ((e: Execution) => void)[] = [];

  /** Inject a fault; see FaultSpec. */
  injectFault(fault: FaultSpec): void {
    this.faults.push({ times: 1, after: 0, ...fault, seen: 0, fired: 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Run `hook` before every service call (or once, at the first call it does not ignore). */
  onCall(hook: CallHook, once = false): () => void {
    const entry = { hook, once };
    this.hooks.push(entry);
    return () => {
      this.hooks = this.hooks.filter((h) => h !== entry);
    };
  }

  /** Builds an Error of the script's realm, so `err instanceof Error` holds inside the bundle. */
  error(message: string): Error {
    return new this.realm.Error(message);
  }

  /** A Date of the script's realm. */
  date(ms: number): Date {
    return new this.realm.Date(ms);
  }

  /** A 2-D array of the script's realm. */
  grid<T>(rows: T[][]): T[][] {
    const outer = new this.realm.Array<T[]>();
    for (const row of rows) {
      const inner = new this.realm.Array<T>();
      for (const v of row) inner.push(v);
      outer.push(inner);
    }
    return outer;
  }

  /** A 1-D array of the script's realm. */
  list<T>(items: T[]): T[] {
    const out = new this.realm.Array<T>();
    for (const v of items) out.push(v);
    return out;
  }

  /**
   * The gate every emulated service method goes through. `method` is 'Service.method'
   * (e.g. 'Range.getValues'), the key used for counting and fault injection.
   */
  /**
   * Charges the script's own CPU time since its last mark to the clock, times
   * `options.cpuTimeFactor`; returns true when the execution is now past its time limit.
   */
  chargeCpu(exec: Execution): boolean {
    if (exec.cpuMark === null) return false;
    const now = performance.now();
    const cpu = now - exec.cpuMark;
    exec.cpuMark = now;
    exec.cpuMs += cpu;
    if (this.options.cpuTimeFactor <= 0) return false;
    const charged = cpu * this.options.cpuTimeFactor;
    exec.modeledMs += charged;
    this.clock.advance(charged);
    return this.now() - exec.startedAt > exec.limitMs;
  }

  /**
   * Charges `count` cells read or written by the running call (RuntimeOptions.cellCostMs): modeled
   * time, and the clock when calls move it, so a run that moves many cells meets its time limit.
   */
  chargeCells(kind: 'read' | 'write', count: number): void {
    const exec = this.current;
    if (!exec || count <= 0) return;
    if (kind === 'read') exec.cellsRead += count;
    else exec.cellsWritten += count;
    const cost = count * this.options.cellCostMs[kind];
    exec.modeledMs += cost;
    if (this.options.advanceClockPerCall) this.clock.advance(cost);
    if (this.now() - exec.startedAt > exec.limitMs) throw this.error(ERRORS.timeLimit);
  }

  /** Real ms the script may still run in pure code before its time limit (Infinity when CPU is not charged). */
  cpuBudgetMs(exec: Execution): number {
    if (this.options.cpuTimeFactor <= 0) return Infinity;
    return Math.max(1, (exec.limitMs - (this.now() - exec.startedAt)) / this.options.cpuTimeFactor);
  }

  call<T>(method: string, body: () => T, opts: GateOptions = {}): T {
    const exec = this.execution();
    if (exec.cpuMark !== null) {
      if (this.chargeCpu(exec)) throw this.error(ERRORS.timeLimit);
      try {
        return this.gate(exec, method, body, opts);
      } finally {
        // Service time is modeled per call, not measured: the script's clock restarts here.
        exec.cpuMark = performance.now();
      }
    }
    return this.gate(exec, method, body, opts);
  }

  private gate<T>(exec: Execution, method: string, body: () => T, opts: GateOptions): T {
    const needed = opts.auth ?? 'LIMITED';
    if (AUTH_RANK[exec.spec.authMode] < AUTH_RANK[needed]) {
      const scope = opts.scopes?.[0];
      throw this.error(scope ? ERRORS.permission(method, scope) : ERRORS.noAuth);
    }
    if (opts.scopes && this.options.oauthScopes && !opts.scopes.some((s) => this.options.oauthScopes!.includes(s))) {
      throw this.error(ERRORS.permission(method, opts.scopes[0]));
    }
    if (opts.free) return body();

    exec.totalCalls += 1;
    exec.calls[method] = (exec.calls[method] ?? 0) + 1;
    const info = { method, index: exec.totalCalls, methodIndex: exec.calls[method], execution: exec };
    for (const entry of [...this.hooks]) {
      if (entry.once) this.hooks = this.hooks.filter((h) => h !== entry);
      entry.hook(info);
    }

    const service = method.split('.')[0];
    const cost = this.options.callCostMs[service] ?? this.options.callCostMs.default ?? 0;
    exec.modeledMs += cost;
    if (this.options.advanceClockPerCall) this.clock.advance(cost);
    if (this.now() - exec.startedAt > exec.limitMs) throw this.error(ERRORS.timeLimit);
    if (exec.spec.trigger === 'installable') {
      const user = exec.spec.effectiveUser || exec.spec.activeUser || exec.spec.actor || '';
      if (this.triggerRuntimeLeft(user, exec.startedAt) - (this.now() - exec.startedAt) < 0) throw this.error(ERRORS.dailyRuntime);
    }

    for (const f of this.faults) {
      if (f.method !== method && f.method !== service + '.*' && f.method !== '*') continue;
      if (f.fired >= (f.times ?? 1)) continue;
      f.seen += 1;
      if (f.seen <= (f.after ?? 0)) continue;
      f.fired += 1;
      throw this.error(faultMessage(f.error, method));
    }
    return body();
  }
}

/** Message for an injected fault: a known kind maps to the platform's text, anything else is used as is. */
export function faultMessage(kind: string, method: string): string {
  switch (kind) {
    case 'quota':
      return method.startsWith('MailApp') ? ERRORS.quotaEmail : 'Service invoked too many times for one day: ' + method + '.';
    case 'service':
      return ERRORS.service;
    case 'timeout':
      return ERRORS.timeLimit;
    case 'lock':
      return ERRORS.lockTimeout;
    case 'permission':
      return ERRORS.permission(method, 'https://www.googleapis.com/auth/spreadsheets.currentonly');
    case 'simultaneous':
      return ERRORS.simultaneous;
    case 'busy':
      return ERRORS.spreadsheetsBusy;
    default:
      return kind;
  }
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

/** Cross-realm type checks: values from the script belong to another realm, so no instanceof. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return Object.prototype.toString.call(v) === '[object Object]';
}

/** Scopes, named once. */
export const SCOPES = {
  currentSheet: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  userEmail: 'https://www.googleapis.com/auth/userinfo.email',
} as const;
