/**
 * A bare emulated spreadsheet for conformance tests: a runtime on a fixed clock, the document (owned
 * by Maria, New York time), SpreadsheetApp, and helpers that run a body as one execution.
 */
import { ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createSpreadsheetApp, spreadsheetState } from '../../emulator/spreadsheet';

export const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
export const OWNER = 'maria@acme.test';

/** An installable, fully authorized execution as the owner; `over` changes what a test is about. */
export const spec = (over: Partial<ExecutionSpec> = {}): ExecutionSpec => ({
  functionName: 'f',
  trigger: 'installable',
  authMode: 'FULL',
  activeUser: OWNER,
  effectiveUser: OWNER,
  ...over,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export function setup(opts: ConstructorParameters<typeof Runtime>[1] = {}, editors: string[] = []) {
  const rt = new Runtime(T0, opts);
  const doc = spreadsheetState(rt);
  doc.owner = OWNER;
  if (editors.length) doc.editors = editors;
  doc.timeZone = 'America/New_York';
  const app = createSpreadsheetApp(rt) as Any;
  /** Runs `body` as one execution and returns its result, rethrowing a script error. */
  const run = <T>(body: () => T, over: Partial<ExecutionSpec> = {}): T => {
    const rec = rt.run(spec(over), body);
    if (rec.error) throw new Error(rec.error);
    return rec.result as T;
  };
  const errorOf = (body: () => unknown, over: Partial<ExecutionSpec> = {}): string | null => rt.run(spec(over), body).error;
  return { rt, doc, app, run, errorOf };
}
