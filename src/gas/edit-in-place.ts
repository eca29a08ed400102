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
import { heldBack, inPlaceCandidate, planStaysInRow, rowQualifies, type InPlaceEdit } from '../core/edit-in-place';
import { overwrittenEdits, RowIndex, settled, showsTyped, typedBy, type JournalEdit } from '../core/edit-journal';
import { fingerprint, sameCell } from '../core/fingerprint';
import { planHandoff, type HandoffPlan } from '../core/handoff-plan';
import type { CellWrite } from '../core/intake-plan';
import { batonHeaders, locateColumns, type LeadColumns } from '../core/lead-columns';
import { hexStream, leadIdOf } from '../core/lead-id';
import { keptDecisions, memoryOf, recordedCell, recordedValue, seenLeads, stateFromLeads, type LeadState, type StateField } from '../core/lead-state';
import type { RoutingState } from '../core/routing';
import { knownTextPattern, loadsAfter } from '../core/new-rows-in-place';
import { emptyOutbox, knownKeys } from '../core/outbox';
import { recipientsOf } from '../core/recipients';
import { leadNextAt, markAfterRow, type AgendaEntry, type SweepMark } from '../core/sweep-mark';
import * as store from './document-store';
import { readJournal } from './edit-journal';
import { applyWrites } from './leads-apply';
import { appendLog } from './log';
import { deliver, loadOutbox, mailWaits, type Outbox } from './mailer';
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
  /** Whether the run may send mail now (an edit run: once a minute); asked only when it would. Default: yes. */
  mails?: () => boolean;
}

/**
 * 'done': the edit was handled on its row. 'full': the full path must run; `touched` when this run
 * already changed the properties (its intent recorded, the mark taken away), so they are read again.
 */
export type InPlaceResult = { kind: 'done'; writes: number } | { kind: 'full'; touched: boolean };

const FULL: InPlaceResult = { kind: 'full', touched: false };

export function editInPlace(x: InPlaceContext): InPlaceResult {
  const { sheet, all, mark } = x;
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
  return onRow(x, mark, edit, journal, null);
}

/**
 * The sweep whose only news is that the leads in `due` reached an SLA instant (core/sweep-mark.ts,
 * `dueRows`): each planned on its row, one after the other, as an edit of none of its cells. The
 * mark each leaves is the next one's; the first that cannot stay in its row sends the run the full way.
 */
export function dueInPlace(x: InPlaceContext, due: AgendaEntry[]): InPlaceResult {
  let mark = x.mark;
  let all = x.all;
  let writes = 0;
  // One outbox for the rows: each queues its alerts, and the digests go out once at the end, one
  // per recipient, as the full run sends them.
  const outbox = loadOutbox(x.ss, all);
  // In the tab's order, as the full plan makes (and the digests list) their alerts.
  for (const [row, leadId] of [...due].sort((a, b) => a[0] - b[0])) {
    if (!mark) return { kind: 'full', touched: true };
    const outcome = onRow({ ...x, all, mark }, mark, { row, leadId, columnStart: 1, columnEnd: 0 }, readJournal(all), outbox);
    if (outcome.kind === 'full') return outcome.touched || writes > 0 ? { kind: 'full', touched: true } : outcome;
    writes += outcome.writes;
    all = store.readAll();
    mark = store.readSweepMark(all);
  }
  // Mail left waiting (the quota, a failing service) is the next full run's to send and report.
  const left = deliver(x.ss, outbox, [], x.now, timePort(x.config.timeZone), x.sheet, true, recipientsOf(x.config));
  if (left.length) store.writeProperties({ [store.PROPERTY_KEYS.sweepMark]: '' });
  return { kind: 'done', writes };
}

/**
 * The run on one lead's row: `outbox` is given for a sweep's run on a lead whose SLA instant came
 * (its alerts are queued and sent, as the full run's are), null for an edit's (which makes none).
 */
function onRow(x: InPlaceContext, mark: SweepMark, edit: InPlaceEdit, journal: ReturnType<typeof readJournal>, outbox: Outbox | null): InPlaceResult {
  const { sheet, all, config } = x;
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
  // A lead being typed in may be promoted and routed: routing counts the others' open leads from the mark.
  const held = heldBack(record) && outbox === null;
  if (held && !mark.loads) return FULL;
  const baton = batonHeaders(config.columns);
  const idColumn = columns.index.leadId!;
  const values = [header, row];
  const state = new Map([[edit.leadId, record!]]);
  // An edit the last run wrote over without seeing it is put back by the full path (overwritten-edits.ts).
  const decidedAt = store.readDecidedAt(all);
  const recorded = recordedCell(values, columns, state);
  if (decidedAt !== null && overwrittenEdits(journal.edits, sheet.getName(), decidedAt, values, idColumn, baton, (r, c) => recorded(r, c)?.value).size) return FULL;
  const routing = store.readRouting(all);
  const plan = planRow(x, edit, values, columns, state, journal.edits, baton, routing, outbox, held ? mark.loads : undefined);
  if (!planStaysInRow(plan, edit, routing, outbox !== null, held)) return FULL;
  if (held && !keysOnlyItsOwn(slot.range, plan, record!)) return FULL;
  const routed = held && plan.routingState !== null && JSON.stringify(plan.routingState) !== JSON.stringify(routing);

  // Intent first, and the mark taken away (an empty mark is none) in the same call: a run that
  // stops from here on is finished by the next, a full one.
  const kept = keptDecisions(plan.outcomes, plan.writes, plan.columns);
  const intent = pendingEditText({ writes: plan.writes, kept, log: plan.log, alerts: plan.alerts, routingState: routed ? plan.routingState : null, logged: false, readAt: x.now });
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
  // The lead's alerts queued, as the full run queues them; the sweep sends them with the others'.
  if (outbox !== null && plan.alerts.length > 0) deliver(x.ss, outbox, plan.alerts, x.now, timePort(config.timeZone), sheet, false, recipientsOf(config));
  // A held-back lead's new owner is told as the full run tells: queued, and sent if the run may mail.
  const waiting = held && plan.alerts.length > 0 && deliver(x.ss, loadOutbox(x.ss, all), plan.alerts, x.now, timePort(config.timeZone), sheet, x.mails?.() ?? true, recipientsOf(config)).length > 0;

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
  const left = latest.length > done.length || waiting;
  const nextAt = leadNextAt(decided[1], plan.columns, config, timePort(config.timeZone), x.now, plan.outcomes[0]?.readyAt ?? null);
  const after = markAfterRow(mark, edit.leadId, edit.row, nextAt);
  // A held-back lead was nobody's open lead: now its owner's, if the plan assigned it.
  const stays = held ? { ...after, loads: loadsAfter(mark.loads!, decided.slice(1), plan.columns) } : after;
  const finish: Record<string, string | null> = {};
  // Cleared by an empty value, in this call, rather than by a call of its own.
  if (writing) finish[keys.pendingEdit] = '';
  if (routed) finish[keys.routing] = JSON.stringify(plan.routingState);
  // The mark again, with this lead's next SLA instant, unless an edit made meanwhile waits.
  if (left) finish[keys.sweepMark] = '';
  else if (writing || JSON.stringify(stays) !== JSON.stringify(mark)) finish[keys.sweepMark] = JSON.stringify(stays);
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
  outbox: Outbox | null,
  openLoad?: Record<string, number>,
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
    // A lead whose SLA instant came is planned as a sweep plans it: no cell of it edited.
    edited: edit.columnEnd < edit.columnStart ? undefined : { rowStart: edit.row, rowEnd: edit.row, columnStart: edit.columnStart, columnEnd: edit.columnEnd, rows: [edit.row] },
    typedBy: typed.size ? typed : undefined,
    // A known lead keeps its ID: no new one is drawn (a plan that would is not this path's).
    nextHex: hexStream('0'),
    // An edit's run makes no alert: with none known to be queued, any the plan makes sends it the
    // full way. A due lead's run knows the outbox, so it proposes only what is news.
    routing: { state: routing, today: port.wall(x.now).date, port, queued: knownKeys(outbox?.record ?? emptyOutbox()), ...(openLoad ? { openLoad } : {}) },
  });
}

/**
 * Whether no other lead Baton knows (live, closed, or deleted since) shares the held-back lead's
 * mailbox or phone, as planned or as recorded: one search of Baton State, whose records keep every
 * lead's keys, may find them only in the lead's own record (a duplicate, a returning contact, a
 * lead linked to its old keys go the full way).
 */
function keysOnlyItsOwn(slot: GoogleAppsScript.Spreadsheet.Range, plan: HandoffPlan, record: LeadState): boolean {
  const memory = memoryOf(record);
  const outcome = plan.outcomes[0];
  const pattern = knownTextPattern([outcome.emailKey ?? '', outcome.phoneKey ?? '', memory.emailKey ?? '', memory.phoneKey ?? '']);
  if (pattern === null) return false;
  if (pattern === '') return true;
  const found = slot.getSheet().createTextFinder(pattern).useRegularExpression(true).findAll();
  return found.length === 0 || (found.length === 1 && found[0].getRow() === slot.getRow());
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
      const mine = recordedValue(state?.get(id), w.field as StateField);
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
