/**
 * Write buffering in Baton's runs (issue 17, item 7): the emulator holds a run's spreadsheet
 * writes until it reads, flushes or ends, and releasing the lock does not flush (PLATFORM.md).
 * What a run wrote must be in the sheet when the next run can take the lock.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { builtProject, OWNER, scenario } from '../support/scenario';

/** The Baton Log rows a person (or the next run) sees at the moment `fn` releases the script lock. */
function logAtRelease(fn: string, args: unknown[], emulator: Record<string, unknown> = {}): { atRelease: number; after: number } {
  const run = new ScenarioRun(parseScenario(scenario({ config: SPEC_EXAMPLE, emulator })), builtProject());
  run.install();
  const rows = () => spreadsheetState(run.rt).values('Baton Log').length;
  let atRelease = -1;
  const stop = run.rt.onCall(({ method, execution }) => {
    if (method === 'Lock.releaseLock' && execution.spec.functionName === fn) atRelease = rows();
  });
  run.call(OWNER, fn, args);
  stop();
  return { atRelease, after: rows() };
}

describe('a run releases the lock only after its writes reach the sheet', () => {
  it.each([
    ['saveConfig', [{ ...SPEC_EXAMPLE, sweepMinutes: 10 }, 1]],
    ['buildWeeklyReport', []],
  ])('%s: its log row is in the sheet when the lock is released', (fn, args) => {
    const { atRelease, after } = logAtRelease(fn, args);
    expect(after).toBeGreaterThan(1);
    expect(atRelease).toBe(after);
  });

  it('without buffering (bufferWrites: false) the rows are there at once too', () => {
    const { atRelease, after } = logAtRelease('saveConfig', [{ ...SPEC_EXAMPLE, sweepMinutes: 10 }, 1], { bufferWrites: false });
    expect(atRelease).toBe(after);
  });
});
