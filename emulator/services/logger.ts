/**
 * Logger and console for the bundle.
 * Reference: developers.google.com/apps-script/reference/base/logger and /console;
 * guides/logging.
 *
 * Lines are stored in `loggerState(rt).lines` (tests must not print); they go to
 * `process.stderr` as well only when `loggerState(rt).echo` is true (the CLI sets it).
 * Logger.log(format, ...values) replaces %s/%d/... like Utilities.formatString; other values are
 * printed with String(), objects and arrays as JSON. Logger calls are counted (cost 0); console
 * calls are not service calls.
 */
import { format } from 'node:util';
import { Runtime } from '../runtime';
import { formatString } from './utilities';

export type Level = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface LogLine {
  at: number;
  /** The execution that logged, or null outside one. */
  execution: number | null;
  source: 'Logger' | 'console';
  level: Level;
  text: string;
}

export class LoggerState {
  readonly lines: LogLine[] = [];
  /** Copy every line to process.stderr. */
  echo = false;

  texts(): string[] {
    return this.lines.map((l) => l.text);
  }
}

export function loggerState(rt: Runtime): LoggerState {
  return rt.slot('logger', () => new LoggerState());
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && Object.prototype.toString.call(v) !== '[object Date]') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function record(rt: Runtime, source: LogLine['source'], level: Level, text: string): void {
  const st = loggerState(rt);
  st.lines.push({ at: rt.now(), execution: rt.current?.id ?? null, source, level, text });
  if (st.echo) process.stderr.write(`[${source}.${level}] ${text}\n`);
}

export class Logger {
  /** Lines of the current execution, for getLog(). */
  private readonly since = new Map<number, number>();
  constructor(private readonly rt: Runtime) {}

  log(data?: unknown, ...values: unknown[]): Logger {
    const text = typeof data === 'string' && values.length ? safeFormat(data, values) : show(data);
    const body = () => {
      record(this.rt, 'Logger', 'log', text);
      return this;
    };
    return this.rt.current ? this.rt.call('Logger.log', body, { auth: 'NONE' }) : body();
  }

  getLog(): string {
    const body = () => {
      const exec = this.rt.current?.id ?? null;
      const from = exec === null ? 0 : (this.since.get(exec) ?? 0);
      return loggerState(this.rt)
        .lines.slice(from)
        .filter((l) => l.source === 'Logger' && l.execution === exec)
        .map((l) => l.text + '\n')
        .join('');
    };
    return this.rt.current ? this.rt.call('Logger.getLog', body, { auth: 'NONE' }) : body();
  }

  clear(): void {
    const body = () => {
      const exec = this.rt.current?.id;
      if (exec !== undefined) this.since.set(exec, loggerState(this.rt).lines.length);
    };
    if (this.rt.current) this.rt.call('Logger.clear', body, { auth: 'NONE' });
    else body();
  }
}

function safeFormat(template: string, values: unknown[]): string {
  try {
    return formatString(template, values.map(show));
  } catch {
    return [template, ...values.map(show)].join(' ');
  }
}

/** The `console` global of the bundle. */
export class ScriptConsole {
  private readonly timers = new Map<string, number>();
  constructor(private readonly rt: Runtime) {}
  log(...args: unknown[]): void {
    record(this.rt, 'console', 'log', format(...args));
  }
  info(...args: unknown[]): void {
    record(this.rt, 'console', 'info', format(...args));
  }
  warn(...args: unknown[]): void {
    record(this.rt, 'console', 'warn', format(...args));
  }
  error(...args: unknown[]): void {
    record(this.rt, 'console', 'error', format(...args));
  }
  debug(...args: unknown[]): void {
    record(this.rt, 'console', 'debug', format(...args));
  }
  time(label = 'default'): void {
    this.timers.set(label, this.rt.now());
  }
  timeEnd(label = 'default'): void {
    const t = this.timers.get(label);
    if (t === undefined) return;
    this.timers.delete(label);
    record(this.rt, 'console', 'log', `${label}: ${this.rt.now() - t}ms`);
  }
}

export function createLogger(rt: Runtime): Logger {
  return new Logger(rt);
}

export function createConsole(rt: Runtime): ScriptConsole {
  return new ScriptConsole(rt);
}
