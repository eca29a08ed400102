/**
 * The sweep, or form submission's run, whose only news is rows added below the tab (decisions in
 * core/new-rows-in-place.ts; docs/ARCHITECTURE.md, "Work proportional to change"): under the lock, the header and the rows
 * from the mark's last row down are read, the last row's record from Baton State, the rows planned
 * alone with the other leads' open leads per owner from the mark, and Baton State searched (Sheets'
 * TextFinder, no cell read) for the new leads' mailboxes, phones and Lead IDs. Then the intent is
 * recorded, the cells written in a few rectangles of Baton's columns, the header and rows read again
 * to check the writes landed on those rows, and the records, log rows, alerts and mark written.
 * If the check fails (rows or columns moved between the read and the writes), every cell the writes
 * reached is given back (gas/misplaced-writes.ts), the intent dropped, and the full path plans the
 * whole tab, new rows included.
 */
import { asCellValue } from '../core/cell-text';
import type { CellValue } from '../core/conditions';
import { sameCell } from '../core/fingerprint';
import { RowIndex, rowPrint, settled } from '../core/edit-journal';
import { planHandoff, type HandoffPlan } from '../core/handoff-plan';
import type { CellWrite } from '../core/intake-plan';
import { batonHeaders, locateColumns, WRITTEN_FIELDS, type LeadColumns } from '../core/lead-columns';
import { hexStream, leadIdOf } from '../core/lead-id';
import { keptDecisions, seenLeads, stateFromLeads, stateRow } from '../core/lead-state';
import { aboutNewRows, knownTextPattern, loadsAfter, newRowsQualify, planStaysInNewRows } from '../core/new-rows-in-place';
import { knownKeys } from '../core/outbox';
import type { PendingRun } from '../core/pending-run';
import { recipientsOf } from '../core/recipients';
import { leadNextAt, markAfterRows, type SweepMark } from '../core/sweep-mark';
import * as store from './document-store';
import { readJournal } from './edit-journal';
import type { InPlaceContext, InPlaceResult } from './edit-in-place';
import { appendLog } from './log';
import { deliver, loadOutbox } from './mailer';
import { takeBackNewRowWrites } from './misplaced-writes';
import { clearPending, pendingEditText, savePending } from './pending-run';
import { readStateRow } from './state-tab';
import { learnedZoneDays, timePort } from './time-port';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const FULL: InPlaceResult = { kind: 'full', touched: false };

export function newRowsInPlace(x: InPlaceContext, fresh: { first: number; last: number }): InPlaceResult {
  const { ss, sheet, all, config, mark } = x;
  if (!mark?.loads || !mark.tail || fresh.first !== mark.lastRow + 1) return FULL;
  const width = mark.lastColumn;
  // Kept to read again after the writes: a Range names its cells, not a snapshot of them.
  const headerRange = sheet.getRange(1, 1, 1, width);
  const blockRange = sheet.getRange(mark.lastRow, 1, fresh.last - mark.lastRow + 1, width);
  const header = headerRange.getValues()[0] as CellValue[];
  const rows = blockRange.getValues() as CellValue[][];
  const columns = locateColumns(header, config);
  if (!newRowsQualify({ header, rows, columns, mark })) return FULL;
  // The last row's record: the plan knows Baton has records (new rows are arrivals, not adopted).
  const slot = readStateRow(ss, mark.lastRow, mark.tail);
  if (!slot?.record) return FULL;
  const routing = store.readRouting(all);
  const outbox = loadOutbox(ss, all);
  const port = timePort(config.timeZone);
  const plan = planHandoff({
    snapshot: { header, rows, firstRow: mark.lastRow },
    state: new Map([[mark.tail, slot.record]]),
    config,
    configVersion: x.configRevision,
    now: x.now,
    actor: x.actor,
    // A form submission's row, as the full run sees it; a sweep's rows were nobody's edit.
    edited: x.edited ? { rowStart: x.edited.rowStart, rowEnd: x.edited.rowEnd, columnStart: x.edited.columnStart, columnEnd: x.edited.columnEnd } : undefined,
    nextHex: hexStream(Utilities.getUuid()),
    routing: { state: routing, today: port.wall(x.now).date, port, queued: knownKeys(outbox.record), openLoad: mark.loads },
  });
  const ids = planStaysInNewRows(plan, fresh.first, mark.tail);
  if (!ids) return FULL;
  // No lead Baton knows (live, closed, or gone since the mark) shares a new lead's mailbox, phone
  // or Lead ID: each record keeps them, so one search of the tab tells (a match goes the full way).
  const arrivals = plan.outcomes.filter((o) => o.row >= fresh.first);
  const pattern = knownTextPattern(arrivals.flatMap((o) => [o.leadId, o.emailKey ?? '', o.phoneKey ?? '']));
  if (pattern === null) return FULL;
  const stateSheet = slot.range.getSheet();
  // No key and no new ID (the rows hold no lead): nothing to look for, and Sheets refuses an empty search.
  if (pattern !== '' && stateSheet.createTextFinder(pattern).useRegularExpression(true).findNext() !== null) return FULL;

  // Intent first, and the mark taken away: a run that stops from here on is finished by the next, a full one.
  const run: PendingRun = { writes: plan.writes, kept: keptDecisions(plan.outcomes, plan.writes, plan.columns), log: plan.log, alerts: plan.alerts, routingState: plan.routingState, logged: false, readAt: x.now };
  const keys = store.PROPERTY_KEYS;
  const intent = pendingEditText(run);
  if (intent !== null) store.writeProperties({ [keys.pendingEdit]: intent, [keys.sweepMark]: '' });
  else {
    store.writeProperties({ [keys.sweepMark]: '' });
    savePending(ss, run);
  }
  const decided = rows.map((r) => [...r]);
  for (const w of plan.writes) decided[w.target.row - mark.lastRow][w.column] = w.value;
  const written = writeRectangles(sheet, mark.lastRow, decided, columns, plan.writes);
  // The writes landed on the new rows if the header and the rows are still where the plan read them
  // (a cell of theirs that shows something else was typed since: its edit is journaled, and judged).
  const headerNow = headerRange.getValues()[0] as CellValue[];
  const rowsNow = blockRange.getValues() as CellValue[][];
  const columnsMoved = headerNow.length !== header.length || headerNow.some((h, c) => !sameCell(h, header[c]));
  if (columnsMoved || !rowsInPlace(header, rows, rowsNow, columns, batonHeaders(config.columns))) {
    // Nothing this run decided stands: its writes are taken back, then its intent dropped, and the
    // full path plans the rows again. A run that stops in between leaves the intent, which the next
    // run finishes on the rows it finds as read.
    takeBackNewRowWrites(x, { header, rows, decided, first: fresh.first, columns: written, ids: new Set(ids) }, columnsMoved ? headerNow : null, rowsNow);
    if (intent !== null) store.writeProperties({ [keys.pendingEdit]: '' });
    else clearPending(ss);
    return { kind: 'full', touched: true };
  }

  // Each new lead's record on its row of Baton State, as the plan decided the lead.
  const records = new Map(stateFromLeads([header, ...decided.slice(1)], plan.columns, null, seenLeads(plan.outcomes), x.now).map((r) => [String(r.leadId), r]));
  const stateRows = decided.slice(1).map((row) => {
    const record = records.get(leadIdOf(row[plan.columns.index.leadId!]));
    return (record ? stateRow(record) : ['', '']).map(asCellValue);
  });
  const maxRows = stateSheet.getMaxRows();
  if (fresh.last > maxRows) stateSheet.insertRowsAfter(maxRows, fresh.last - maxRows);
  stateSheet.getRange(fresh.first, 1, stateRows.length, 2).setValues(stateRows);
  appendLog(plan.log, ss);
  // The new owners' notices queued and sent, one digest per recipient, as the full run sends them.
  const recipients = recipientsOf(config);
  // An edit run sends at most once a minute: mail it leaves waiting is the next sweep's to send.
  const left = deliver(ss, outbox, plan.alerts, x.now, port, sheet, x.mails?.() ?? true, recipients);
  // People's edits of these rows (their paste, a cell typed into one) are done with once the rows as
  // read again show them, or show a blank they left filled by the handoff (RowIndex.keeps).
  // A cell this run wrote that shows what someone typed instead was typed after the write: that
  // edit is the next run's to judge, with its editor (a paste that cleared the new Lead ID).
  const checked = [header, ...rowsNow];
  const index = new RowIndex(checked, columns.index.leadId!, batonHeaders(config.columns));
  const wrote = new Set(plan.writes.map((w) => `${w.target.row - mark.lastRow + 1}:${w.column}`));
  const journal = readJournal(store.readAll()).entries;
  const done = journal.filter(
    (e) => aboutNewRows(e.edit, mark) && e.edit!.rows.every((r) => index.find(r) >= 0) && settled(e.edit!, sheet.getName(), checked, index, x.now, (i, c) => wrote.has(`${i}:${c}`)),
  );

  const finish: Record<string, string | null> = {};
  if (intent !== null) finish[keys.pendingEdit] = '';
  else clearPending(ss);
  if (plan.routingState && JSON.stringify(plan.routingState) !== JSON.stringify(routing)) finish[keys.routing] = JSON.stringify(plan.routingState);
  // Mail left waiting (the quota, a failing service), or an edit made meanwhile (journaled, to be
  // judged with its editor), is the next full run's: no mark.
  const owed = left.length > 0 || journal.length > done.length;
  finish[keys.sweepMark] = owed ? '' : JSON.stringify(markAfter(mark, fresh.last, decided, plan, x));
  for (const e of done) for (const k of e.keys) finish[k] = null;
  Object.assign(finish, learnedZoneDays());
  store.writeProperties(finish);
  return { kind: 'done', writes: plan.writes.length };
}

/** The mark with the new rows in it: the last row and its lead, the open leads, each new lead's next SLA instant. */
function markAfter(mark: SweepMark, last: number, decided: CellValue[][], plan: HandoffPlan, x: InPlaceContext): SweepMark {
  const port = timePort(x.config.timeZone);
  const idColumn = plan.columns.index.leadId!;
  const instants = plan.outcomes
    .filter((o) => o.row > mark.lastRow)
    .map((o): [number, string, number | null] => [o.row, o.leadId, leadNextAt(decided[o.row - mark.lastRow], plan.columns, x.config, port, x.now, o.readyAt)]);
  return { ...markAfterRows(mark, instants), lastRow: last, tail: leadIdOf(decided[decided.length - 1][idColumn]), loads: loadsAfter(mark.loads ?? {}, decided.slice(1), plan.columns) };
}

/**
 * The rows' cells of Baton's columns, written in one rectangle per run of adjacent such columns
 * (all the new rows at once): what the plan decided, and what was read where it decided nothing
 * (empty, or the Created a row came with). Returns the columns written.
 */
function writeRectangles(sheet: Sheet, firstRow: number, decided: CellValue[][], columns: LeadColumns, writes: CellWrite[]): number[] {
  const planned = new Set(writes.map((w) => w.column));
  const baton = WRITTEN_FIELDS.map((f) => columns.index[f]!).sort((a, b) => a - b);
  const written: number[] = [];
  for (let i = 0; i < baton.length; ) {
    let j = i + 1;
    while (j < baton.length && baton[j] === baton[j - 1] + 1) j++;
    const span = baton.slice(i, j);
    if (span.some((c) => planned.has(c))) {
      const cells = decided.slice(1).map((row) => span.map((c) => asCellValue(row[c] ?? '')));
      sheet.getRange(firstRow + 1, span[0] + 1, cells.length, span.length).setValues(cells);
      written.push(...span);
    }
    i = j;
  }
  return written;
}

/**
 * With the header unchanged, whether the writes found the rows where the plan read them: the mark's
 * last row still its lead's, each new row still showing its people's data (no row moved).
 */
function rowsInPlace(header: CellValue[], rows: CellValue[][], rowsNow: CellValue[][], columns: LeadColumns, baton: (h: string) => boolean): boolean {
  const id = columns.index.leadId!;
  if (rowsNow.length !== rows.length || leadIdOf(rowsNow[0][id]) !== leadIdOf(rows[0][id])) return false;
  return rowsNow.every((row, i) => i === 0 || rowPrint(header, row, baton) === rowPrint(header, rows[i], baton));
}
