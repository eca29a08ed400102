/**
 * Unknown time zones (issue 17, item 11): Google's Utilities.formatDate formats a zone it does not
 * know as GMT, silently (java.util.TimeZone.getTimeZone), and so does the emulator by default.
 * Baton's time port (src/gas/time-port.ts) refuses such a zone instead of computing due times
 * hours off.
 */
import { ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createUtilities } from '../../emulator/services/utilities';
import type { TimePort } from '../../src/core/time-port';
import type * as TimePortModule from '../../src/gas/time-port';
import { unknownTimeZoneMessage } from '../../src/gas/time-port';

/**
 * The port as a new execution makes it: Apps Script gives every execution a fresh global scope, and
 * the module keeps one port per zone (and the days it learned) for the execution it runs in.
 */
function timePort(zone: string): TimePort {
  let mod: typeof TimePortModule | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<typeof TimePortModule>('../../src/gas/time-port');
  });
  return mod!.timePort(zone);
}

const SPEC: ExecutionSpec = { functionName: 'batonSweep', trigger: 'installable', event: 'clock', authMode: 'FULL', activeUser: 'own@x.test', effectiveUser: 'own@x.test' };
const JAN = Date.UTC(2026, 0, 15, 12);

function inExecution<T>(rt: Runtime, body: () => T): { result?: T; error: string | null; calls: number } {
  const g = globalThis as { Utilities?: unknown };
  try {
    const record = rt.run(SPEC, () => {
      g.Utilities = createUtilities(rt);
      return body();
    });
    return { result: record.result as T, error: record.error, calls: record.calls['Utilities.formatDate'] ?? 0 };
  } finally {
    delete g.Utilities;
  }
}

describe('the time port and zones Google does not know', () => {
  it('refuses an unknown zone with a message, instead of the GMT Google would silently use', () => {
    const r = inExecution(new Runtime(JAN), () => timePort('America/Nowhere').wall(JAN));
    expect(r.error).toBe(unknownTimeZoneMessage('America/Nowhere'));
    expect(r.error).toContain('Set a zone like America/New_York in Settings');
  });

  it('accepts a zone at offset zero in winter (Europe/London) after one more formatDate call, and UTC without one', () => {
    const london = inExecution(new Runtime(JAN), () => timePort('Europe/London').wall(JAN).hour);
    expect(london).toMatchObject({ result: 12, error: null });
    const utc = inExecution(new Runtime(JAN), () => timePort('UTC').wall(JAN).hour);
    expect(utc).toMatchObject({ result: 12, error: null });
    expect(london.calls).toBe(utc.calls + 1);
    expect(inExecution(new Runtime(JAN), () => timePort('America/New_York').wall(JAN).hour)).toMatchObject({ result: 7, error: null });
  });

  it("with the emulator switched to throw (unknownTimeZone: 'throw'), formatDate's own error surfaces", () => {
    const r = inExecution(new Runtime(JAN, { unknownTimeZone: 'throw' }), () => timePort('America/Nowhere').wall(JAN));
    expect(r.error).toBe('Invalid time zone: America/Nowhere');
  });
});
