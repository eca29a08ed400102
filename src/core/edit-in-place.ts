/**
 * The edit run on one lead (issue 16; docs/ARCHITECTURE.md, "Work proportional to change"): when
 * a person's edit of one row can change nothing but that row, its run reads and plans that row
 * alone, with the lead's record from Baton State, instead of the whole tab. What it decides:
 * - before reading any cell, whether the edit may qualify (`inPlaceCandidate`): the last full run
 *   left the quiet-sweep mark (the sheet and Baton State agreed, nothing was owed) and it still
 *   holds, nothing else is in flight, and the edit is one row of one known lead;
 * - once the row and its record are read, whether the row qualifies (`rowQualifies`): the header
 *   is the one that run planned with, the lead is owned and worked (Assigned or Contacted, and
 *   stays so) or held back for its fields (New, Needs info: `heldBack`, a lead being typed in), and
 *   no edited column reaches other leads (identity, ownership; contact keys but on a held-back
 *   lead, whose keys the run then looks for in Baton State);
 * - once planned, whether the row's plan is the one the whole tab would give (`planStaysInRow`):
 *   writes, log rows and decisions of that lead only; no alert and no routing, but a held-back
 *   lead's promotion and assignment (routing counting the others' open leads from the mark) and
 *   its new owner's notice.
 * Anything else takes the full path, which is always right; this one is only cheaper.
 */
import type { CellValue } from './conditions';
import type { JournalEdit } from './edit-journal';
import { fingerprint } from './fingerprint';
import type { HandoffPlan } from './handoff-plan';
import { cellText } from './lead-checks';
import type { LeadColumns } from './lead-columns';
import { leadIdOf } from './lead-id';
import { STATE_FIELDS, type LeadState } from './lead-state';
import type { RoutingState } from './routing';
import { OWNED_STATUSES, parseStatus, type Status } from './statuses';
import { reconcileMinutes, type SweepMark } from './sweep-mark';

/**
 * Fields whose change can reach other leads: the Lead ID and the contact keys (one person, one
 * live lead; returning contacts), the Owner (open leads per owner, notices), Created (which lead
 * of a person came first).
 */
const REACHES_OTHERS = new Set(['leadId', 'owner', 'email', 'phone', 'created']);
/** What a plan of the row alone may log: the lead's own status, its contact, an edit undone. */
const ROW_EVENTS = new Set(['contacted', 'status changed', 'reverted']);
/** And of a held-back lead's row: its check, its promotion, its owner. */
const HANDOFF_EVENTS = new Set([...ROW_EVENTS, 'validated', 'promoted', 'assigned']);
/** Held back for its own fields only: a lead being typed in, waiting for what it lacks. */
const HELD_BACK = new Set<Status | '' | null>(['New', 'Needs info']);
/** The alerts a lead's own SLA instant makes: its owner told it is due soon, or breached. */
const SLA_ALERTS = new Set<string>(['due soon', 'breached']);
/** Fields whose Problems notes come from other leads: a row carrying one is planned whole. */
const NOTES_FROM_OTHERS = /Returning contact:|Duplicate of /;
/** The fields a run on one lead may write: Baton State records each, so a misplaced write can be undone. */
const RECORDED = new Set<string>(STATE_FIELDS.filter((f) => f !== 'leadId' && f !== 'history'));

export interface InPlaceEdit {
  /** The sheet row the edit touched (1-based), and the lead it held. */
  row: number;
  leadId: string;
  /** The edit's columns (1-based, inclusive). */
  columnStart: number;
  columnEnd: number;
}

export interface InPlaceSight {
  mark: SweepMark | null;
  now: number;
  configRevision: number | null;
  sheet: string;
  backoff: boolean;
  /** Mail waits in the outbox: a full run sends it. */
  mailWaits: boolean;
  /** An intent of a run that stopped (Baton Pending, or an edit run's in the properties). */
  pending: boolean;
  /** Every journal entry (null: damaged). */
  journal: (JournalEdit | null)[];
  edited?: { rowStart: number; rowEnd: number; columnStart?: number; columnEnd?: number; leads?: { id: string }[] };
}

/** The edit, when its run may plan its row alone as far as the properties and the event tell; else null. */
export function inPlaceCandidate(x: InPlaceSight): InPlaceEdit | null {
  const { mark, edited } = x;
  if (!mark || mark.header === undefined || x.backoff || x.mailWaits || x.pending) return null;
  if (mark.configRevision !== x.configRevision || mark.sheet !== x.sheet) return null;
  // The mark vouches for the rest of the tab only while a quiet sweep would trust it.
  if (x.now - mark.readAt >= reconcileMinutes(mark.lastRow * mark.lastColumn) * 60_000 || (mark.nextCheckAt !== null && x.now >= mark.nextCheckAt)) return null;
  if (!edited || edited.rowStart !== edited.rowEnd || edited.rowStart < 2 || edited.columnStart === undefined) return null;
  const leadId = edited.leads?.length === 1 ? edited.leads[0].id : '';
  if (!leadId) return null;
  // Every edit in flight is of this lead (others' runs are waiting for the lock, or failed).
  if (!x.journal.every((e) => e !== null && e.sheet === x.sheet && e.rows.every((r) => r.id === leadId))) return null;
  return { row: edited.rowStart, leadId, columnStart: edited.columnStart, columnEnd: edited.columnEnd ?? edited.columnStart };
}

const isOwned = (s: Status | '' | null) => s !== null && s !== '' && OWNED_STATUSES.includes(s);

/** Whether Baton's record holds the lead back for its own fields (New, Needs info). */
export function heldBack(record: LeadState | null): boolean {
  return record !== null && HELD_BACK.has(parseStatus(record.status));
}

/** Whether the row, as read under the lock with its record, may be planned alone. */
export function rowQualifies(x: {
  header: CellValue[];
  row: CellValue[];
  columns: LeadColumns;
  mark: SweepMark;
  edit: InPlaceEdit;
  record: LeadState | null;
  /** The headers the journal names for this lead's typed cells. */
  journaled: string[];
}): boolean {
  const { columns, record, edit } = x;
  const col = columns.index;
  if (fingerprint(x.header) !== x.mark.header || col.leadId === undefined || col.status === undefined || col.problems === undefined) return false;
  if (leadIdOf(x.row[col.leadId]) !== edit.leadId || !record) return false;
  const held = heldBack(record);
  if (!held && (!isOwned(parseStatus(record.status)) || cellText(record.owner) === '')) return false;
  // A held-back lead's contact keys are looked for in Baton State once it is planned.
  const reaches = (field: string) => REACHES_OTHERS.has(field) && !(held && (field === 'email' || field === 'phone'));
  const fieldAt = new Map(Object.entries(col).map(([field, c]) => [c, field]));
  const byHeader = new Map(Object.entries(col).map(([field, c]) => [String(x.header[c] ?? '').trim(), field]));
  for (let c = edit.columnStart; c <= edit.columnEnd; c++) if (reaches(fieldAt.get(c - 1) ?? '')) return false;
  if (x.journaled.some((h) => reaches(byHeader.get(h) ?? ''))) return false;
  const status = cellText(x.row[col.status]);
  const same = status.toLowerCase() === cellText(record.status).toLowerCase();
  if (held ? !same || cellText(x.row[col.owner!]) !== '' : !isOwned(parseStatus(status)) && !same) return false;
  return !NOTES_FROM_OTHERS.test(cellText(record.problems)) && !NOTES_FROM_OTHERS.test(cellText(x.row[col.problems]));
}

/**
 * Whether the plan of the row alone is the whole tab's plan: it touches that lead and nothing
 * else. `sla`: a sweep's plan of a lead whose SLA instant came, which may also log its breach and
 * alert its owner (due soon, breached) as the full run would; an escalation is the full run's.
 */
export function planStaysInRow(plan: HandoffPlan, edit: InPlaceEdit, routingBefore: RoutingState, sla = false, held = false): boolean {
  if (plan.sheetProblems.length || plan.notices.length || plan.failures.length || plan.leads !== 1) return false;
  const alertOk = (kind: string) => (sla && SLA_ALERTS.has(kind)) || (held && kind === 'assigned');
  if (!plan.alerts.every((a) => a.leadId === edit.leadId && alertOk(a.kind))) return false;
  const outcome = plan.outcomes.length === 1 ? plan.outcomes[0] : undefined;
  // A held-back lead's outcome is its status before routing: still held back, or Ready (and then
  // assigned: a lead left Ready is a routing failure, the full run's).
  if (!outcome || outcome.leadId !== edit.leadId || !outcome.known || !(isOwned(outcome.status) || (held && (HELD_BACK.has(outcome.status) || outcome.status === 'Ready')))) return false;
  if (!held && plan.routingState !== null && JSON.stringify(plan.routingState) !== JSON.stringify(routingBefore)) return false;
  const events = held ? HANDOFF_EVENTS : ROW_EVENTS;
  if (!plan.log.every((e) => e.leadId === edit.leadId && (events.has(e.event) || (sla && e.event === 'breached')))) return false;
  return plan.writes.every((w) => w.target.row === edit.row && w.target.leadId === edit.leadId && RECORDED.has(w.field));
}
