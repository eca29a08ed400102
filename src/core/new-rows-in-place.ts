/**
 * The run that finds rows added below the tab (a sweep after an integration appended leads, no
 * trigger fired; a form submission's run; issue 16, docs/ARCHITECTURE.md "Work proportional to
 * change"): when the quiet-sweep mark holds but for the new rows, they are read and planned alone,
 * with the mark's last row above them, instead of the whole tab. What it decides:
 * - from the mark and the tab's size, whether rows were only added (`newRows`), people's edits of
 *   those rows aside (`aboutNewRows`: a paste of new leads, or a new row being typed, has its own
 *   run take this path too);
 * - once the rows are read, whether they are fresh inquiries that reach no other lead but through
 *   their contact details (`newRowsQualify`): no Lead ID, none of Baton's cells filled;
 * - the search that proves no lead Baton knows shares their contact details or new Lead IDs
 *   (`knownTextPattern`, run by Sheets' TextFinder over Baton State, whose records keep every
 *   lead's mailbox and phone keys: a match sends the run the full way);
 * - once planned, whether the plan is the whole tab's (`planStaysInNewRows`): it writes, logs and
 *   alerts about the new leads only, and routing counts everyone else's open leads from the mark.
 * Anything else takes the full path, which is always right; this one is only cheaper.
 */
import type { CellValue } from './conditions';
import type { JournalEdit } from './edit-journal';
import { fingerprint } from './fingerprint';
import type { HandoffPlan } from './handoff-plan';
import { cellText } from './lead-checks';
import { WRITTEN_FIELDS, type LeadColumns } from './lead-columns';
import { leadIdOf } from './lead-id';
import { OWNED_STATUSES, parseStatus, type Status } from './statuses';
import { isQuiet, type SweepMark, type SweepSight } from './sweep-mark';

/** How many added rows a sweep plans this way; more go the full way (an import: new-lead-cap.ts). */
export const NEW_ROWS_MAX = 100;
/** Owners a mark counts open leads for; past this (owners typed by hand) the mark keeps no count. */
export const LOADS_MAX = 200;

/** The rows added below the mark's last row, when they are all a sweep has to do; else null. */
export function newRows(mark: SweepMark | null, sight: SweepSight): { first: number; last: number } | null {
  if (!mark?.loads || !mark.tail || mark.header === undefined || mark.lastRow < 2) return null;
  if (sight.lastRow <= mark.lastRow || sight.lastRow - mark.lastRow > NEW_ROWS_MAX) return null;
  // Everything else as a quiet sweep would have it, SLA instants included (those go the full way).
  if (!isQuiet({ ...mark, lastRow: sight.lastRow }, sight)) return null;
  return { first: mark.lastRow + 1, last: sight.lastRow };
}

/**
 * Whether an edit's run may find it among rows planned alone, before asking the tab's size: it lies
 * below the mark's last row, within NEW_ROWS_MAX of it (a paste of new leads, a new row typed).
 */
export function editBelowTab(mark: SweepMark | null, edited: { rowStart: number; rowEnd: number } | undefined): boolean {
  return mark !== null && edited !== undefined && edited.rowStart > mark.lastRow && edited.rowEnd - mark.lastRow <= NEW_ROWS_MAX;
}

/**
 * Whether a journal entry speaks only of rows below the mark's last row, none with a Lead ID: a
 * paste of new leads, or a cell of Baton's typed into a new row. The run that plans those rows
 * alone reads what they hold (a typed Status or Owner keeps it off this path: `newRowsQualify`)
 * and settles the entry; any other entry is the full run's to judge.
 */
export function aboutNewRows(edit: JournalEdit | null, mark: Pick<SweepMark, 'lastRow' | 'sheet'>): boolean {
  return edit !== null && edit.sheet === mark.sheet && edit.rows.length > 0 && edit.rows.every((r) => r.id === '' && r.row !== undefined && r.row > mark.lastRow);
}

const isOwned = (s: Status | '' | null) => s !== null && s !== '' && OWNED_STATUSES.includes(s);

/**
 * Open leads (Assigned or Contacted, with an owner) per owner, lower-case, among `rows`: what
 * routing counts (routing-plan.ts) for the leads a run on new rows does not read. Null past
 * LOADS_MAX owners: the mark would grow past its property.
 */
export function openLoads(rows: CellValue[][], columns: LeadColumns): Record<string, number> | null {
  const { status, owner } = columns.index;
  const loads: Record<string, number> = {};
  if (status === undefined || owner === undefined) return loads;
  for (const row of rows) {
    const who = cellText(row[owner]).toLowerCase();
    if (who && isOwned(parseStatus(row[status]))) loads[who] = (loads[who] ?? 0) + 1;
  }
  return Object.keys(loads).length > LOADS_MAX ? null : loads;
}

/**
 * Whether the rows as read may be planned alone: `rows[0]` is the mark's last row, still holding
 * its lead, under the header the mark's run planned with; every row below is a fresh inquiry (no
 * Lead ID, Baton's cells empty but for a Created its source gave) or empty.
 */
export function newRowsQualify(x: { header: CellValue[]; rows: CellValue[][]; columns: LeadColumns; mark: SweepMark }): boolean {
  const col = x.columns.index;
  if (fingerprint(x.header) !== x.mark.header || x.rows.length < 2) return false;
  // Every column Baton writes is there: a missing one (renamed) is the full run's to report.
  if (WRITTEN_FIELDS.some((f) => col[f] === undefined)) return false;
  if (leadIdOf(x.rows[0][col.leadId!]) !== x.mark.tail) return false;
  const blank = WRITTEN_FIELDS.filter((f) => f !== 'created').map((f) => col[f]!);
  return x.rows.slice(1).every((row) => blank.every((c) => cellText(row[c]) === '' && typeof row[c] !== 'number'));
}

/** JSON would escape these in Baton State's Record cells: such a text could not be found there as it is. */
const jsonEscapes = (t: string) => JSON.stringify(t) !== `"${t}"`;

/**
 * The regular expression that finds any of `texts` in Baton State (each as it is, anywhere in a
 * cell: a longer key that contains one matches too, and only sends the run the full way); null
 * when one could not be found as written. Only literal characters and `|`, which RE2 (Sheets)
 * and JavaScript read alike.
 */
export function knownTextPattern(texts: string[]): string | null {
  const unique = [...new Set(texts.filter((t) => t !== ''))];
  if (unique.length === 0 || unique.some(jsonEscapes)) return unique.length === 0 ? '' : null;
  return unique.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** What a plan of new rows may log: each lead's arrival, its check, its owner, a duplicate among them. */
const NEW_LEAD_EVENTS = new Set(['created', 'validated', 'promoted', 'duplicate', 'assigned']);

/**
 * The new leads' IDs when the plan of the rows alone is the whole tab's: it writes to the new rows
 * only (Baton's columns, First Contact aside), logs and alerts (their owners' notices)
 * about the new leads only, opens no failure and tells nobody else; else null.
 */
export function planStaysInNewRows(plan: HandoffPlan, first: number, tail: string): string[] | null {
  if (plan.sheetProblems.length || plan.notices.length || plan.failures.length) return null;
  const fresh = plan.outcomes.filter((o) => o.row >= first);
  const anchor = plan.outcomes.filter((o) => o.row < first);
  if (anchor.length !== 1 || anchor[0].leadId !== tail || !anchor[0].known) return null;
  if (fresh.some((o) => o.known || o.leadId === '' || o.leadId === tail)) return null;
  const ids = new Set(fresh.map((o) => o.leadId));
  if (ids.size !== fresh.length) return null;
  const writable = new Set<string>(WRITTEN_FIELDS.filter((f) => f !== 'firstContact'));
  if (!plan.writes.every((w) => w.target.row >= first && w.target.leadId === '' && writable.has(w.field))) return null;
  if (!plan.log.every((e) => e.leadId !== undefined && ids.has(e.leadId) && NEW_LEAD_EVENTS.has(e.event))) return null;
  if (!plan.alerts.every((a) => a.kind === 'assigned' && ids.has(a.leadId))) return null;
  return [...ids];
}

/** The mark's open leads with the new rows' added, counted as `openLoads` counts them. */
export function loadsAfter(loads: Record<string, number>, rows: CellValue[][], columns: LeadColumns): Record<string, number> {
  const out = { ...loads };
  for (const [owner, n] of Object.entries(openLoads(rows, columns) ?? {})) out[owner] = (out[owner] ?? 0) + n;
  return out;
}
