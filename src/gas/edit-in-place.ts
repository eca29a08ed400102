/**
 * The edit run on one lead (decisions in core/edit-in-place.ts; docs/ARCHITECTURE.md, "Work
 * proportional to change"): under the lock, the header and the edited row are read (two reads of
 * one row each), the lead's record from its row of Baton State, the row planned alone, its intent
 * kept in a property, its cells written, the header and row read again to check the writes landed
 * on that lead, then its record, log rows and the quiet-sweep mark written. Whatever the full run
 * does with a whole tab, this does with one row: a whole-tab read happens only when the check
 * finds the writes misplaced (rows or columns moved mid-run), to put the other leads' cells back
 * before the full path takes over.
 */
import { asCellValue } from '../core/cell-text';
import type { BatonConfig } from '../core/config';
import type { CellValue } from '../core/conditions';
import { inPlaceCandidate, planStaysInRow, rowQualifies, type InPlaceEdit } from '../core/edit-in-place';
import { overwrittenEdits, RowIndex, settled, showsTyped, typedBy, type JournalEdit } from '../core/edit-journal';
import { fingerprint, sameCell } from '../core/fingerprint';
import { planHandoff, type HandoffPlan } from '../core/handoff-plan';
import type { CellWrite } from '../core/intake-plan';
import { batonHeaders, locateColumns, type LeadColumns } from '../core/lead-columns';
import { hexStream, leadIdOf } from '../core/lead-id';
import { keptDecisions, recordedCell, seenLeads, stateFromLeads, type LeadState, type StateField } from '../core/lead-state';
import type { RoutingState } from '../core/routing';
import { emptyOutbox, knownKeys } from '../core/outbox';
import { nextCheckAt, type SweepMark } from '../core/sweep-mark';
import * as store from './document-store';
import { readJournal } from './edit-journal';
import { applyWrites } from './leads-apply';
import { appendLog } from './log';
import { mailWaits } from './mailer';
import { pendingEditText } from './pending-run';
import { readWholeTab } from './read-tab';
import { loadState, readStateRow, writeStateRow } from './state-tab';
import { learnedZoneDays, timePort } from './time-port';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface InPlaceContext {
  ss: Spreadsheet;
  sheet: Sheet;
  /** The properties as read under the lock. */
  all: Record<string, string>;
  config: BatonConfig;
  configRevision: number | null;
  mark: SweepMark | null;
  actor: string;
  edited?: { rowStart: number; rowEnd: number; columnStart?: number; columnEnd?: number; leads?: { id: string }[] };
  now: number;
}

/**
 * 'done': the edit was handled on its row. 'full': the full path must run; `touched` when this run
 * already changed the properties (its intent recorded, the mark taken away), so they are read again.
 */
export type InPlaceResult = { kind: 'done'; writes: number } | { kind: 'full'; touched: boolean };

const FULL: InPlaceResult = { kind: 'full', touched: false };

export function editInPlace(x: InPlaceContext): InPlaceResult {
  const { sheet, all, config, mark } = x;
  const journal = readJournal(all);
  const edit = inPlaceCandidate({
    mark,
    now: x.now,
    configRevision: x.configRevision,
    sheet: sheet.getName(),
    backoff: store.readBackoff(all) !== null,
    mailWaits: mailWaits(all),
    pending: store.readPendingEdit(all) !== null,
    journal: journal.entries.map((e) => e.edit),
    edited: x.edited,
  });
  if (!edit || !mark) return FULL;
  const width = mark.lastColumn;
  // Kept to read again after the writes: a Range names its cells, not a snapshot of them.
  const headerRange = sheet.getRange(1, 1, 1, width);
  const rowRange = sheet.getRange(edit.row, 1, 1, width);
  const header = headerRange.getValues()[0] as CellValue[];
  const row = rowRange.getValues()[0] as CellValue[];
  const columns = locateColumns(header, config);
  const slot = readStateRow(x.ss, edit.row, edit.leadId);
  const record = slot?.record ?? null;
  const journaled = journal.edits.flatMap((e) => e.rows.flatMap((r) => r.cells.map(([h]) => h)));
  if (!slot || !rowQualifies({ header, row, columns, mark, edit, record, journaled })) return FULL;
  const baton = batonHeaders(config.columns);
  const idColumn = columns.index.leadId!;
  const values = [header, row];
  const state = new Map([[edit.leadId, record!]]);
  // An edit the last run wrote over without seeing it is put back by the full path (overwritten-edits.ts).
  const decidedAt = store.readDecidedAt(all);
  const recorded = recordedCell(values, columns, state);
  if (decidedAt !== null && overwrittenEdits(journal.edits, sheet.getName(), decidedAt, values, idColumn, baton, (r, c) => recorded(r, c)?.value).size) return FULL;
  const routing = store.readRouting(all);
  const plan = planRow(x, edit, values, columns, state, journal.edits, baton, routing);
  if (!planStaysInRow(plan, edit, routing)) return FULL;

  // Intent first, and the mark taken away (an empty mark is none) in the same call: a run that
  // stops from here on is finished by the next, a full one.
  const kept = keptDecisions(plan.outcomes, plan.writes, plan.columns);
  const intent = pendingEditText({ writes: plan.writes, kept, log: plan.log, alerts: [], routingState: null, logged: false, readAt: x.now });
  if (intent === null) return FULL;
  const keys = store.PROPERTY_KEYS;
  const writing = plan.writes.length > 0;
  if (writing) {
    store.writeProperties({ [keys.pendingEdit]: intent, [keys.sweepMark]: '' });
    writeRow(sheet, edit.row, plan.writes);
    // The writes landed on this lead if its row and the header are still where the plan read them.
    const headerNow = headerRange.getValues()[0] as CellValue[];
    const rowNow = rowRange.getValues()[0] as CellValue[];
    const landed = fingerprint(headerNow) === mark.header && leadIdOf(rowNow[idColumn]) === edit.leadId && plan.writes.every((w) => sameCell(rowNow[w.column], w.value));
    if (!landed) {
      putBackMisplaced(x, edit, plan, header, row, baton);
      return { kind: 'full', touched: true };
    }
  }

  // What the plan decided the lead holds: its row with the writes, recorded in its State row.
  const decided = [header, [...row]];
  for (const w of plan.writes) decided[1][w.column] = w.value;
  const next = stateFromLeads(decided, plan.columns, state, seenLeads(plan.outcomes), x.now)[0];
  if (next) writeStateRow(slot, next);
  appendLog(plan.log, x.ss);
  if (plan.toasts.length) x.ss.toast(plan.toasts.slice(0, 3).join(' '), 'Baton', 10);

  // The journal entries this run is done with; an edit made meanwhile keeps the mark away.
  const latest = writing ? readJournal(store.readAll()).entries : journal.entries;
  const index = new RowIndex(values, idColumn, baton);
  const written = new Set(plan.writes.map((w) => w.column));
  // As on the full path: a value typed that equals Baton's record, in a cell the run then wrote,
  // came after the read; its entry stays for the next run to judge with its editor.
  const unseen = (_: number, c: number, typed: CellValue) => written.has(c) && sameCell(typed, recorded(1, c)?.value ?? '');
  // Only this lead's entries can be settled here: the row alone cannot tell another lead's row is gone.
  const ours = (e: JournalEdit) => e.sheet === sheet.getName() && e.rows.every((r) => r.id === edit.leadId);
  const done = latest.filter((e) => e.edit && ours(e.edit) && settled(e.edit, sheet.getName(), values, index, x.now, unseen));
  const left = latest.length > done.length;
  const due = nextCheckAt(decided, plan.columns, config, timePort(config.timeZone), x.now, () => plan.outcomes[0]?.readyAt ?? null);
  const stays: SweepMark = { ...mark, nextCheckAt: mark.nextCheckAt === null ? due : Math.min(mark.nextCheckAt, due) };
  const finish: Record<string, string | null> = {};
  // Cleared by an empty value, in this call, rather than by a call of its own.
  if (writing) finish[keys.pendingEdit] = '';
  // The mark again, with this lead's next SLA instant, unless an edit made meanwhile waits.
  if (left) finish[keys.sweepMark] = '';
  else if (writing || stays.nextCheckAt !== mark.nextCheckAt) finish[keys.sweepMark] = JSON.stringify(stays);
  for (const e of done) for (const k of e.keys) finish[k] = null;
  Object.assign(finish, learnedZoneDays());
  if (Object.keys(finish).length) store.writeProperties(finish);
  return { kind: 'done', writes: plan.writes.length };
}

/** The plan of the row alone: the full plan's inputs, with the row at its place and its record as the state. */
function planRow(
  x: InPlaceContext,
  edit: InPlaceEdit,
  values: CellValue[][],
  columns: LeadColumns,
  state: Map<string, LeadState>,
  edits: JournalEdit[],
  baton: (h: string) => boolean,
  routing: RoutingState,
): HandoffPlan {
  const fields = new Map(Object.entries(columns.index).map(([field, c]) => [String(values[0][c] ?? '').trim(), field]));
  // typedBy keys cells "row:field" by their place in `values`: the row is values[1], sheet row 2 there.
  const typed = new Map([...typedBy(edits, x.sheet.getName(), values, columns.index.leadId!, baton, (h) => fields.get(h))].map(([key, by]) => [`${edit.row}:${key.split(':')[1]}`, by]));
  const port = timePort(x.config.timeZone);
  return planHandoff({
    snapshot: { header: values[0], rows: [values[1]], firstRow: edit.row },
    state,
    config: x.config,
    configVersion: x.configRevision,
    now: x.now,
    actor: x.actor,
    edited: { rowStart: edit.row, rowEnd: edit.row, columnStart: edit.columnStart, columnEnd: edit.columnEnd, rows: [edit.row] },
    typedBy: typed.size ? typed : undefined,
    // A known lead keeps its ID: no new one is drawn (a plan that would is not this path's).
    nextHex: hexStream('0'),
    // No alert is this path's either: none is known to be queued, so any the plan makes sends it the full way.
    routing: { state: routing, today: port.wall(x.now).date, port, queued: knownKeys(emptyOutbox()) },
  });
}

/** The writes of one row, in one call per run of adjacent columns (all of them Baton's). */
function writeRow(sheet: Sheet, row: number, writes: CellWrite[]): void {
  const sorted = [...writes].sort((a, b) => a.column - b.column);
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j].column === sorted[j - 1].column + 1) j++;
    const cells = sorted.slice(i, j).map((w) => asCellValue(w.value));
    sheet.getRange(row, sorted[i].column + 1, 1, cells.length).setValues([cells]);
    i = j;
  }
}

/**
 * The writes did not land on the lead (rows or columns moved between the read and the writes): the
 * cells they reached are put back before the full path finishes this run's intent on the lead,
 * wherever it is now. A cell of another lead showing a value this run wrote, that Baton's record
 * of that lead does not hold and no one typed since the mark, gets its record back; a column that
 * moved into one this run wrote, on the lead's own row, gets back what the read showed there.
 */
function putBackMisplaced(x: InPlaceContext, edit: InPlaceEdit, plan: HandoffPlan, header: CellValue[], row: CellValue[], baton: (h: string) => boolean): void {
  const values = readWholeTab(x.sheet);
  const edits = readJournal(store.readAll()).edits;
  const columns = locateColumns(values[0] ?? [], x.config);
  const idColumn = columns.index.leadId;
  if (idColumn === undefined) return;
  const state = loadState(x.ss);
  const writes: CellWrite[] = [];
  const target = (i: number) => ({ row: i + 1, leadId: leadIdOf(values[i][idColumn]), fingerprint: fingerprint(values[i]) });
  for (const w of plan.writes) {
    const c = columns.index[w.field];
    if (c === undefined) continue;
    for (let i = 1; i < values.length; i++) {
      const id = leadIdOf(values[i][idColumn]);
      if (id === edit.leadId || !sameCell(values[i][c], w.value)) continue;
      const mine = state?.get(id)?.[w.field as StateField];
      if (mine === undefined || sameCell(mine, w.value)) continue;
      writes.push({ target: target(i), field: w.field, column: c, before: values[i][c], value: mine });
    }
  }
  // A column that moved into a place this run wrote, on the lead's row: what the plan read there.
  const now = (values[0] ?? []).map((h) => String(h ?? '').trim());
  const then = header.map((h) => String(h ?? '').trim());
  const at = values.findIndex((r, i) => i > 0 && leadIdOf(r[idColumn]) === edit.leadId);
  for (const w of plan.writes) {
    const moved = now[w.column];
    if (at < 0 || moved === undefined || moved === then[w.column] || !sameCell(values[at][w.column], w.value)) continue;
    const was = then.indexOf(moved);
    writes.push({ target: target(at), field: moved, column: w.column, before: values[at][w.column], value: was < 0 ? '' : row[was] ?? '' });
  }
  if (!writes.length) return;
  const mark = x.mark!;
  applyWrites(x.sheet, writes, idColumn, {
    mode: 'roll-forward',
    header: values[0] ?? [],
    baton: () => true,
    nameColumn: columns.index.name,
    // What people typed since the last full run read the tab stays theirs.
    theirs: (read, id) => showsTyped(edits, x.sheet.getName(), mark.readAt, read, id, baton),
  });
}
