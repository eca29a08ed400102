/**
 * The quiet sweep (issue 16, docs/ARCHITECTURE.md "Work proportional to change"): a clock sweep
 * that can show nothing changed since the last full run skips reading and planning the Leads tab.
 *
 * A full run that leaves nothing owed (no open failure, no alert waiting for a run that may mail,
 * no person's edit put back) records a mark: the config revision and the Leads tab's size it
 * saw, when it read the whole tab, and the next instant a lead's SLA changes on its own (due
 * soon, due, escalation) or a daily digest falls due. A later sweep is quiet while all of these
 * hold: same config revision, same last row and column (an API append adds rows), no run left
 * half done, no edit journal entry, no backoff, the next check not reached, and the whole tab
 * read less than `reconcileMinutes` ago (an hour, more for a tab past 100,000 cells, at most six).
 * What fires no trigger and adds no row (an integration rewriting cells in place) is found by
 * that reconcile, at most that late.
 */
import type { BatonConfig } from './config';
import type { CellValue } from './conditions';
import type { LeadColumns } from './lead-columns';
import { addBusinessMinutes, dueSoonAt } from './business-clock';
import { instantOf } from './cells';
import { leadIdOf } from './lead-id';
import { isClosed, parseStatus } from './statuses';
import type { TimePort } from './time-port';

/** The whole Leads tab is read and planned at least this often, whatever the marks say... */
export const RECONCILE_MINUTES = 60;
/** ...up to a tab of this many cells (5,000 leads of 20 columns); a larger tab proportionally less often... */
const RECONCILE_CELLS = 100_000;
/** ...but at least every six hours. */
const RECONCILE_MAX_MINUTES = 360;

/**
 * How long a mark vouches for a Leads tab of `cells` cells: an hour, longer for a larger tab so the
 * reconciles' share of the daily trigger runtime stays about what 24 reconciles of 5,000 leads
 * take (a reconcile reads and plans every cell), and never more than six hours. What it finds
 * (cells an integration rewrote in place, firing no trigger) waits at most that long.
 */
export function reconcileMinutes(cells: number): number {
  return Math.min(RECONCILE_MAX_MINUTES, Math.max(RECONCILE_MINUTES, Math.round((RECONCILE_MINUTES * cells) / RECONCILE_CELLS)));
}

export interface SweepMark {
  configRevision: number | null;
  /** The Leads tab's name, so a sweep can look at its size before reading the config. */
  sheet: string;
  lastRow: number;
  lastColumn: number;
  /** When the run that set the mark read the whole tab. */
  readAt: number;
  /** The next instant something is due without anyone changing the sheet; null: nothing is. */
  nextCheckAt: number | null;
  /**
   * The fingerprint of the header row the run planned with: an edit run on one lead trusts the
   * event's columns only while the header is still this one (gas/edit-in-place.ts). Absent in a
   * mark from before it was kept.
   */
  header?: string;
  /**
   * The leads whose SLA changes next on its own, earliest first (at most AGENDA_MAX): [sheet row,
   * Lead ID, instant]. A sweep past some of these instants, with nothing else changed, plans those
   * rows alone (gas/edit-in-place.ts). Absent in a mark from before it was kept.
   */
  agenda?: AgendaEntry[];
  /** The first instant the agenda does not cover (a later lead's, or the daily digests'); null: none. */
  agendaEnd?: number | null;
  /**
   * The Lead ID on the mark's last row ('' when it holds none): a sweep that finds rows added below
   * it plans them alone while this lead is still there (core/new-rows-in-place.ts).
   */
  tail?: string;
  /** Open leads per owner (lower-case) as the run left them: what routing counts for the leads such a sweep does not read. */
  loads?: Record<string, number>;
}

export type AgendaEntry = [row: number, leadId: string, at: number];

/** How many leads' next instants a mark lists; a sweep plans at most DUE_ROWS_MAX of them alone. */
export const AGENDA_MAX = 20;
export const DUE_ROWS_MAX = 5;

/** What a sweep sees before deciding, each read in one cheap call. */
export interface SweepSight {
  now: number;
  configRevision: number | null;
  lastRow: number;
  lastColumn: number;
  /** A run stopped half-way (Baton Pending holds its intent). */
  pending: boolean;
  /** People's edits made during a run, not yet put back. */
  journalEntries: number;
  /** Sweeps are backing off after runs that stopped. */
  backoff: boolean;
}

/** Whether this sweep may skip the Leads tab: nothing can have changed since `mark`. */
export function isQuiet(mark: SweepMark | null, sight: SweepSight): boolean {
  if (!mark || sight.pending || sight.backoff || sight.journalEntries > 0) return false;
  if (mark.configRevision !== sight.configRevision) return false;
  if (mark.lastRow !== sight.lastRow || mark.lastColumn !== sight.lastColumn) return false;
  if (sight.now - mark.readAt >= reconcileMinutes(mark.lastRow * mark.lastColumn) * 60_000) return false;
  return mark.nextCheckAt === null || sight.now < mark.nextCheckAt;
}

/** The next instant of local `hour` after `now` (the daily digests go out from the report hour). */
function nextLocalHour(now: number, hour: number, port: TimePort): number {
  const w = port.wall(now);
  const today = port.instant({ year: w.year, month: w.month, day: w.day, hour });
  if (today > now) return today;
  const tomorrow = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return port.instant({ year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), hour });
}

/**
 * The first instant after `now` at which a lead's SLA column would change with nobody touching
 * the sheet (On track → Due soon → Breached → escalated), or the daily digests fall due (`next`);
 * the `max` leads whose SLA changes first, with their instants (`agenda`: the sheet row of
 * values[i] as i + 1, the Lead ID); and the first instant the agenda leaves out (`end`: the next
 * lead's, or the digests'), so every lead with an instant before `end` is in the agenda.
 * `readyAt` gives the start of the customer's clock where it is earlier than the assignment.
 */
export function upcoming(
  values: CellValue[][],
  columns: LeadColumns,
  config: BatonConfig,
  port: TimePort,
  now: number,
  readyAt: (row: number) => number | null,
  max: number,
): { next: number; agenda: AgendaEntry[]; end: number } {
  const col = columns.index;
  // Without Assigned At or SLA Due (a column deleted or renamed) the clocks run from what Baton
  // recorded (docs/RECOVERY.md), which the tab does not show: no sweep may skip the tab then.
  if (col.assignedAt === undefined || col.slaDue === undefined) return { next: now, agenda: [], end: now };
  const digests = nextLocalHour(now, config.report.hour, port);
  const leads: AgendaEntry[] = [];
  for (let i = 1; i < values.length; i++) {
    const at = leadNextAt(values[i], columns, config, port, now, readyAt(i));
    if (at !== null && at < digests) leads.push([i + 1, col.leadId === undefined ? '' : leadIdOf(values[i][col.leadId]), at]);
  }
  leads.sort((a, b) => a[2] - b[2]);
  const agenda = leads.slice(0, max);
  const end = leads.length > max ? leads[max][2] : digests;
  return { next: agenda.length ? agenda[0][2] : end, agenda, end };
}

/** The next instant after `now` the lead on `row` changes on its own (Due soon, Breached, escalated); null: none. */
export function leadNextAt(row: CellValue[], columns: LeadColumns, config: BatonConfig, port: TimePort, now: number, ready: number | null): number | null {
  const col = columns.index;
  if (col.assignedAt === undefined || col.slaDue === undefined) return now;
  const assignedAt = instantOf(row[col.assignedAt]);
  const due = instantOf(row[col.slaDue]);
  if (assignedAt === null || due === null) return null;
  if (col.firstContact !== undefined && instantOf(row[col.firstContact]) !== null) return null;
  if (col.status !== undefined && isClosed(parseStatus(row[col.status]))) return null;
  const start = config.sla.clockStarts === 'assigned' || ready === null ? assignedAt : Math.min(ready, assignedAt);
  let next: number | null = null;
  const consider = (t: number) => {
    if (t > now && (next === null || t < next)) next = t;
  };
  const escalation = config.sla.escalation;
  if (due > now) {
    consider(due);
    consider(dueSoonAt(start, due, config.sla.dueSoonPercent, config.sla, port));
  } else if (escalation) {
    consider(addBusinessMinutes(due, escalation.afterMinutes, config.sla, port));
  }
  return next;
}

/**
 * The mark after a run on one lead's row: the lead's entry in the agenda replaced by its next
 * instant (kept only before the agenda's end: later ones wait for the full run at the end),
 * and the next check moved to match. A mark without an agenda keeps the earlier of the two.
 */
export function markAfterRow(mark: SweepMark, leadId: string, row: number, at: number | null): SweepMark {
  if (!mark.agenda) return { ...mark, nextCheckAt: at === null ? mark.nextCheckAt : mark.nextCheckAt === null ? at : Math.min(mark.nextCheckAt, at) };
  const end = mark.agendaEnd ?? null;
  const agenda = mark.agenda.filter((e) => e[1] !== leadId);
  if (at !== null && (end === null || at < end)) agenda.push([row, leadId, at]);
  agenda.sort((a, b) => a[2] - b[2]);
  const first = agenda.length ? agenda[0][2] : end;
  return { ...mark, agenda, nextCheckAt: first };
}

/**
 * The mark after a run on several leads' rows (new leads: gas/new-rows-in-place.ts): each lead's
 * entry replaced by its next instant as `markAfterRow` does, then the agenda kept to AGENDA_MAX
 * entries, its end moved to the first one left out (every lead turning before the end is listed).
 */
export function markAfterRows(mark: SweepMark, rows: [row: number, leadId: string, at: number | null][]): SweepMark {
  let next = mark;
  for (const [row, leadId, at] of rows) next = markAfterRow(next, leadId, row, at);
  if (!next.agenda || next.agenda.length <= AGENDA_MAX) return next;
  const agenda = next.agenda.slice(0, AGENDA_MAX);
  return { ...next, agenda, agendaEnd: next.agenda[AGENDA_MAX][2], nextCheckAt: agenda[0][2] };
}

/**
 * The agenda's leads whose instant a sweep has reached, when they are all it has to do: the mark
 * would be quiet but for them (`isQuiet` with the next check not reached), the agenda covers
 * `now`, and at most DUE_ROWS_MAX are due. Else null: a full run.
 */
export function dueRows(mark: SweepMark | null, sight: SweepSight): AgendaEntry[] | null {
  if (!mark?.agenda || mark.header === undefined || mark.nextCheckAt === null || sight.now < mark.nextCheckAt) return null;
  if (mark.agendaEnd !== null && mark.agendaEnd !== undefined && sight.now >= mark.agendaEnd) return null;
  if (!isQuiet({ ...mark, nextCheckAt: null }, sight)) return null;
  const due = mark.agenda.filter((e) => e[2] <= sight.now);
  return due.length > 0 && due.length <= DUE_ROWS_MAX && due.every((e) => e[1] !== '') ? due : null;
}
