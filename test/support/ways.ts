/**
 * Running the same scenario two ways, for the paths that plan a few rows alone (issue 16): the
 * cheap way, and the full way (the quiet-sweep mark taken away before each sweep, so every sweep
 * reads and plans the whole tab). Both must leave the same sheet, log, Baton State and mail.
 */
import type { ExecutionRecord } from '../../emulator/runtime';
import type { ScenarioResult } from '../../emulator/scenario';
import { propertiesState } from '../../emulator/services/properties';
import { leadRows, logRows } from './leads';
import type { Steps } from './steps';

const MARK = 'baton.sweepMark';

/** Runs the 5-minute sweeps up to `time`; with `full`, the mark is taken away before each. Returns the sweeps' records. */
export function sweepTo(s: Steps, time: string, full: boolean): ExecutionRecord[] {
  const from = s.run.rt.records.length;
  const end = Date.parse(time);
  while (s.run.rt.now() < end) {
    if (full) propertiesState(s.run.rt).document.delete(MARK);
    const next = Math.min(end, s.run.rt.now() + 5 * 60_000);
    s.run.fireClockUntil(next);
    if (s.run.rt.now() < next) s.run.rt.clock.set(next);
  }
  return s.run.rt.records.slice(from).filter((r) => r.function === 'batonSweep');
}

/** Whether a run read a whole tab (the full path reads Leads, State and Pending whole). */
export const readTheTab = (r: ExecutionRecord) => (r.calls['Sheet.getDataRange'] ?? 0) > 0;

/** What the two ways must agree on: the leads, the log (times aside), Baton State's records by Lead ID, the mail. */
export function outcome(r: ScenarioResult): unknown {
  const state = (r.sheets['Baton State'] ?? []).slice(1).filter((row) => row[0] !== '').map((row) => [row[0], row[1]]);
  state.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const log = logRows(r).map(({ Time: _, ...entry }) => entry);
  const emails = r.emails.map(({ at: _, ...mail }) => mail);
  return { leads: leadRows(r), log, state, emails };
}
