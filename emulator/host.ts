/**
 * Runs the built bundle, dist/Code.js, inside the emulator. Each execution gets a fresh `vm`
 * context, as Apps Script loads the script afresh for every run (no global state survives between
 * executions), with the service globals bound to one Runtime and a Date that reads its clock.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ERRORS, isDate, isPlainObject, type ExecutionRecord, type ExecutionSpec, type Realm, Runtime } from './runtime';
import { createSpreadsheetApp } from './spreadsheet';
import { createCacheService } from './services/cache';
import { createHtmlService, projectFiles } from './services/html';
import { createLockService } from './services/lock';
import { createConsole, createLogger } from './services/logger';
import { createMailApp } from './services/mail';
import { createPropertiesService } from './services/properties';
import { createScriptApp } from './services/script-app';
import { createSession } from './services/session';
import { createUtilities } from './services/utilities';

export interface Project {
  code: string;
  manifest: { timeZone: string; oauthScopes: string[] };
  files: Record<string, string>;
}

/** Reads the deployable project from a dist/ folder (what clasp would push). */
export function loadProject(distDir = path.resolve(__dirname, '..', 'dist')): Project {
  const read = (f: string) => readFileSync(path.join(distDir, f), 'utf8');
  let code: string;
  try {
    code = read('Code.js');
  } catch {
    throw new Error(`No built bundle in ${distDir}: run \`npm run build\` first.`);
  }
  return { code, manifest: JSON.parse(read('appsscript.json')), files: { sidebar: read('sidebar.html') } };
}

/** Makes the context's Date read the emulated clock: `new Date()` and `Date.now()` are "now". */
const CLOCK_PRELUDE = `(function (now) {
  var D = Date;
  function EmulatedDate() {
    if (!new.target) return new D(now()).toString();
    return arguments.length ? new (Function.prototype.bind.apply(D, [null].concat([].slice.call(arguments))))() : new D(now());
  }
  EmulatedDate.prototype = D.prototype;
  EmulatedDate.now = function () { return now(); };
  EmulatedDate.UTC = D.UTC;
  EmulatedDate.parse = D.parse;
  Object.defineProperty(D.prototype, 'constructor', { value: EmulatedDate, writable: true, configurable: true });
  globalThis.Date = EmulatedDate;
})`;

/** Copies a host value into the script's realm: plain objects and arrays are rebuilt, others kept. */
const IMPORT_FN = `(function importValue(v) {
  if (Array.isArray(v)) return v.map(importValue);
  if (v && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Object]' &&
      (Object.getPrototypeOf(v) === null || Object.getPrototypeOf(Object.getPrototypeOf(v)) === null)) {
    var o = {};
    for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k)) o[k] = importValue(v[k]);
    return o;
  }
  return v;
})`;

export class Host {
  private readonly script: vm.Script;
  constructor(
    readonly rt: Runtime,
    readonly project: Project,
  ) {
    this.script = new vm.Script(project.code, { filename: 'Code.js' });
    for (const [name, content] of Object.entries(project.files)) projectFiles(rt).set(name, content);
  }

  /** A fresh global scope with the services, as Apps Script gives every execution. */
  private newContext(): { ctx: vm.Context; importValue: (v: unknown) => unknown } {
    const rt = this.rt;
    const ctx = vm.createContext({});
    (vm.runInContext(CLOCK_PRELUDE, ctx) as (now: () => number) => void)(() => rt.now());
    rt.realm = vm.runInContext('({ Array: Array, Date: Date, Error: Error, Object: Object })', ctx) as Realm;
    const globals: Record<string, unknown> = {
      SpreadsheetApp: createSpreadsheetApp(rt),
      PropertiesService: createPropertiesService(rt),
      LockService: createLockService(rt),
      CacheService: createCacheService(rt),
      MailApp: createMailApp(rt),
      ScriptApp: createScriptApp(rt),
      Session: createSession(rt),
      Utilities: createUtilities(rt),
      HtmlService: createHtmlService(rt),
      Logger: createLogger(rt),
      console: createConsole(rt),
    };
    for (const [k, v] of Object.entries(globals)) ctx[k] = v;
    this.script.runInContext(ctx);
    return { ctx, importValue: vm.runInContext(IMPORT_FN, ctx) as (v: unknown) => unknown };
  }

  private declared: Set<string> | null = null;

  /** Whether the script defines `name`: simple triggers run only for functions that exist. */
  defines(name: string): boolean {
    this.declared ??= new Set(this.globalFunctions());
    return this.declared.has(name);
  }

  /** The names of the functions the bundle declares at top level (what Apps Script can call). */
  globalFunctions(): string[] {
    const probe = this.rt.run(
      { functionName: '(load)', trigger: 'editor', authMode: 'NONE', activeUser: '', effectiveUser: '' },
      () => {
        const { ctx } = this.newContext();
        return Object.keys(ctx).filter((k) => typeof ctx[k] === 'function');
      },
    );
    this.rt.records.pop();
    return probe.result as string[];
  }

  /**
   * Runs one global function as one execution. `makeArgs` builds the arguments inside the
   * execution (events hold Range objects, which are bound to the running execution).
   */
  invoke(spec: ExecutionSpec, makeArgs: () => unknown[] = () => []): ExecutionRecord & { result?: unknown } {
    return this.rt.run(spec, () => {
      const { ctx, importValue } = this.newContext();
      const fn = ctx[spec.functionName];
      if (typeof fn !== 'function') throw this.rt.error(`Script function not found: ${spec.functionName}`);
      const args = makeArgs().map(importValue);
      const exec = this.rt.execution();
      // The script's CPU is counted from its function's start: creating the global scope and
      // loading the bundle is the emulator's work, and the same for every run.
      if (exec.cpuMark !== null) exec.cpuMark = performance.now();
      const budget = this.rt.cpuBudgetMs(exec);
      if (budget === Infinity) return (fn as (...a: unknown[]) => unknown)(...args);
      // CPU charged (RuntimeOptions.cpuTimeFactor): a run stuck in pure code is stopped at its
      // limit too, by vm's watchdog on the real time the limit leaves at that factor.
      ctx.__emulatorArgs = args;
      try {
        return vm.runInContext(`${spec.functionName}.apply(null, __emulatorArgs)`, ctx, { timeout: Math.ceil(budget) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
          this.rt.clock.set(exec.startedAt + exec.limitMs + 1);
          exec.cpuMark = null;
          throw this.rt.error(ERRORS.timeLimit);
        }
        throw err;
      }
    });
  }
}

/** Whether a Date sits anywhere in a value (arrays and plain objects searched). */
export function containsDate(value: unknown): boolean {
  // Iterative: a value nested thousands deep (a hostile import) must not overflow the stack here.
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (isDate(v)) return true;
    // Pushed one by one: spreading a 100,000-row array into push() overflows the stack.
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (isPlainObject(v)) for (const x of Object.values(v)) stack.push(x);
  }
  return false;
}

/**
 * google.script.run's rules for what crosses the wire (PLATFORM.md, HtmlService): numbers,
 * booleans, strings, null, and arrays/objects of those. A Date or function argument fails;
 * `undefined` inside an array becomes null. A result holding a Date anywhere arrives as null as a
 * whole (`dates: 'wholeResult'`, the default: RuntimeOptions.runResultWithDate, *unverified*), or
 * with only that field null (`'field'`).
 */
export function toWire(value: unknown, direction: 'argument' | 'result', where = 'value', dates: 'wholeResult' | 'field' = 'wholeResult'): unknown {
  if (direction === 'result' && dates === 'wholeResult' && containsDate(value)) return null;
  return toWireValue(value, direction, where);
}

function toWireValue(value: unknown, direction: 'argument' | 'result', where: string): unknown {
  // Copied with an explicit stack, not recursion: how deep a value may be is Google's to say
  // (undocumented); the emulator passes any depth on, so Baton's own checks are what is tested.
  const illegal = (at: string) => new Error(`Failed due to illegal value in property: ${at}`);
  const leaf = (v: unknown, at: string): { done: true; value: unknown } | { done: false } => {
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return { done: true, value: v };
    if (v === undefined) return { done: true, value: direction === 'result' ? null : undefined };
    if (isDate(v)) {
      if (direction === 'result') return { done: true, value: null };
      throw illegal(at);
    }
    if (typeof v === 'function' || (!Array.isArray(v) && !isPlainObject(v))) throw illegal(at);
    return { done: false };
  };
  const top = leaf(value, where);
  if (top.done) return top.value;
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: { from: unknown; to: unknown; where: string }[] = [{ from: value, to: root, where }];
  while (stack.length) {
    const { from, to, where: at } = stack.pop()!;
    if (Array.isArray(from)) {
      from.forEach((v, i) => {
        const here = `${at}[${i}]`;
        if (v === undefined) return void ((to as unknown[])[i] = null);
        const l = leaf(v, here);
        if (l.done) (to as unknown[])[i] = l.value;
        else stack.push({ from: v, to: ((to as unknown[])[i] = Array.isArray(v) ? [] : {}), where: here });
      });
    } else {
      for (const [k, v] of Object.entries(from as Record<string, unknown>)) {
        if (v === undefined) continue;
        const l = leaf(v, k);
        if (l.done) (to as Record<string, unknown>)[k] = l.value;
        else stack.push({ from: v, to: ((to as Record<string, unknown>)[k] = Array.isArray(v) ? [] : {}), where: k });
      }
    }
  }
  return root;
}
