/**
 * A run's intent, recorded before it touches the Leads tab (a write-ahead record): its cell
 * writes, log rows, alerts and routing state. If the run stops half-way (quota, timeout, a
 * service error), the next run finishes it first: writes whose cells still hold their old value
 * are made, the log rows appended, the alerts queued. So a partial failure loses nothing and
 * repeats nothing (SPEC.md, "Never lose a lead").
 */
import type { CellValue } from './conditions';
import type { CellWrite } from './intake-plan';
import type { LogEntry } from './log-entry';
import type { RoutingState } from './routing';
import type { Alert } from './sla-plan';
import { isDate } from './cells';

export const PENDING_SHEET = 'Baton Pending';

export interface PendingRun {
  /** Cell writes; finishing them finds each column again by its field (people may move columns). */
  writes: CellWrite[];
  log: LogEntry[];
  alerts: Alert[];
  routingState: RoutingState | null;
  /** Set once the log rows are appended, so finishing the run never appends them twice. */
  logged: boolean;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Dates survive the trip as {"$date": ms}. */
function encode(v: CellValue): Json {
  return isDate(v) ? { $date: v.getTime() } : (v as Json);
}

function decode(v: unknown): CellValue {
  return v && typeof v === 'object' && '$date' in (v as object) ? new Date((v as { $date: number }).$date) : (v as CellValue);
}

/** A cell holds 50,000 characters; a record this long (a huge cell's old value) is left out. */
const MAX_RECORD = 45_000;

/** One row per record: [kind, json]. */
export function encodePending(run: PendingRun): string[][] {
  const rows: string[][] = [
    ...run.writes.map((w) => ['write', JSON.stringify({ ...w, before: encode(w.before), value: encode(w.value) })]),
    ...run.log.map((e) => ['log', JSON.stringify(e)]),
    ...run.alerts.map((a) => ['alert', JSON.stringify(a)]),
    ['routing', JSON.stringify(run.routingState)],
    ['logged', String(run.logged)],
  ];
  // Finishing a run without one such write only leaves that cell to the next plan.
  return rows.filter(([, json]) => json.length <= MAX_RECORD);
}

/** null when there is no pending run (an empty tab), or it cannot be read (then it is dropped). */
export function decodePending(rows: CellValue[][]): PendingRun | null {
  const run: PendingRun = { writes: [], log: [], alerts: [], routingState: null, logged: false };
  let any = false;
  // Several writes to one target come from one plan: they share the target object again.
  const targets = new Map<string, CellWrite['target']>();
  try {
    for (const [kind, json] of rows) {
      if (!kind) continue;
      any = true;
      const text = String(json);
      if (kind === 'write') {
        const w = JSON.parse(text) as CellWrite;
        const key = `${w.target.row}|${w.target.leadId}|${w.target.fingerprint}`;
        const target = targets.get(key) ?? w.target;
        targets.set(key, target);
        run.writes.push({ ...w, target, before: decode(w.before), value: decode(w.value) });
      } else if (kind === 'log') run.log.push(JSON.parse(text) as LogEntry);
      else if (kind === 'alert') run.alerts.push(JSON.parse(text) as Alert);
      else if (kind === 'routing') run.routingState = JSON.parse(text) as RoutingState | null;
      else if (kind === 'logged') run.logged = text === 'true';
    }
  } catch {
    return null;
  }
  return any ? run : null;
}
