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
  /**
   * What the run decided that needed no write: people's changes its plan accepted (cells of Baton
   * State's fields that differ from the lead's record), as writes of the value they hold. Finishing
   * the run records these and the writes as the leads' state, and nothing typed since: the next
   * plan judges that (issue 15).
   */
  kept: CellWrite[];
  log: LogEntry[];
  alerts: Alert[];
  routingState: RoutingState | null;
  /** Set once the log rows are appended, so finishing the run never appends them twice. */
  logged: boolean;
  /**
   * When the run read the tab (null in a record from before this field): a cell people typed since
   * that shows what they typed is theirs, and finishing the run does not write over it.
   */
  readAt: number | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Dates survive the trip as {"$date": ms}. */
function encode(v: CellValue): Json {
  return isDate(v) ? { $date: v.getTime() } : (v as Json);
}

function decode(v: unknown): CellValue {
  return v && typeof v === 'object' && '$date' in (v as object) ? new Date((v as { $date: number }).$date) : (v as CellValue);
}

/** A cell holds 50,000 characters: the record is cut into pieces this long, one per row. */
export const PENDING_CHUNK = 45_000;

/**
 * The record in a compact encoding, O(writes): one JSON text (row targets listed once, each write
 * as `[target, field, column, before, value]`), cut into cells of at most PENDING_CHUNK characters,
 * one per row (`['run', piece]`), then the `['logged', 'true'|'false']` flag. 50,000 new leads'
 * intent is about 1,000 rows of 2 columns, where one row per record took 6-8 rows per lead
 * (issue 16: the spreadsheet passed its 10,000,000 cells).
 */
export function encodePending(run: PendingRun): string[][] {
  const targets: CellWrite['target'][] = [];
  const index = new Map<CellWrite['target'], number>();
  const encoded = (w: CellWrite): Json[] => {
    let i = index.get(w.target);
    if (i === undefined) {
      i = targets.length;
      targets.push(w.target);
      index.set(w.target, i);
    }
    return [i, w.field, w.column, encode(w.before), encode(w.value)];
  };
  const writes = run.writes.map(encoded);
  const kept = run.kept.map(encoded);
  const text = JSON.stringify({ t: targets, w: writes, k: kept, l: run.log, a: run.alerts, r: run.routingState, at: run.readAt });
  const rows: string[][] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + PENDING_CHUNK, text.length);
    // Never between the two halves of a surrogate pair: Sheets would not keep half a character.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    rows.push(['run', text.slice(at, end)]);
    at = end;
  }
  rows.push(['logged', String(run.logged)]);
  return rows;
}

type EncodedWrite = [number, string, number, Json, Json];

/** null when there is no pending run (an empty tab), or it cannot be read (then it is dropped). */
export function decodePending(rows: CellValue[][]): PendingRun | null {
  const run: PendingRun = { writes: [], kept: [], log: [], alerts: [], routingState: null, logged: false, readAt: null };
  let any = false;
  let text = '';
  // Several writes to one target come from one plan: they share the target object again.
  const targets = new Map<string, CellWrite['target']>();
  try {
    for (const [kind, json] of rows) {
      if (!kind) continue;
      any = true;
      const value = String(json);
      if (kind === 'run') text += value;
      else if (kind === 'logged') run.logged = value === 'true';
      // A record kept by the version before issue 16, one row per record.
      else if (kind === 'write') {
        const w = JSON.parse(value) as CellWrite;
        const key = `${w.target.row}|${w.target.leadId}|${w.target.fingerprint}`;
        const target = targets.get(key) ?? w.target;
        targets.set(key, target);
        run.writes.push({ ...w, target, before: decode(w.before), value: decode(w.value) });
      } else if (kind === 'log') run.log.push(JSON.parse(value) as LogEntry);
      else if (kind === 'alert') run.alerts.push(JSON.parse(value) as Alert);
      else if (kind === 'routing') run.routingState = JSON.parse(value) as RoutingState | null;
    }
    if (text) {
      const record = JSON.parse(text) as { t: CellWrite['target'][]; w: EncodedWrite[]; k?: EncodedWrite[]; l: LogEntry[]; a: Alert[]; r: RoutingState | null; at?: number | null };
      run.readAt = typeof record.at === 'number' ? record.at : null;
      for (const [t, field, column, before, value] of record.w) run.writes.push({ target: record.t[t], field, column, before: decode(before), value: decode(value) });
      // A record from before `k` was kept has none: finishing it records the sheet as it is.
      for (const [t, field, column, before, value] of record.k ?? []) run.kept.push({ target: record.t[t], field, column, before: decode(before), value: decode(value) });
      // concat, not push(...): a big import's record holds 100,000+ log rows.
      run.log = run.log.concat(record.l);
      run.alerts = run.alerts.concat(record.a);
      run.routingState = record.r;
    }
  } catch {
    return null;
  }
  return any ? run : null;
}
