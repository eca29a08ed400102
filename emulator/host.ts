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
  if (isDate(value)) return true;
  if (Array.isArray(value)) return value.some(containsDate);
  if (isPlainObject(value)) return Object.values(value).some(containsDate);
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
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value === undefined) return direction === 'result' ? null : undefined;
  if (isDate(value)) {
    if (direction === 'result') return null;
    throw new Error(`Failed due to illegal value in property: ${where}`);
  }
  if (typeof value === 'function') throw new Error(`Failed due to illegal value in property: ${where}`);
  if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : toWireValue(v, direction, `${where}[${i}]`)));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = toWireValue(v, direction, k);
    }
    return out;
  }
  throw new Error(`Failed due to illegal value in property: ${where}`);
}
