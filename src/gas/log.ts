/** Appends rows to the Baton Log in one write. The log is append-only: Baton never edits a row. */
import { asCellText } from '../core/cell-text';
import { LOG_HEADERS, LOG_SHEET } from '../core/headers';
import type { LogEntry } from '../core/log-entry';
import { instantOf } from '../core/cells';
import type { CellValue } from '../core/conditions';
import { LOG_ARCHIVE_SHEET, packLogRows, unpackLogRows } from '../core/log-archive';

/** Log cells quote what people typed; a 50,000-character cell is cut to keep the log readable. */
const LOG_TEXT_MAX = 1000;
/** Empty rows the log keeps when it grows: hidden-tabs.ts keeps them too (800 cells). */
const LOG_ROOM_ROWS = 100;
function clip(text: string): string {
  return text.length > LOG_TEXT_MAX ? text.slice(0, LOG_TEXT_MAX - 1) + '…' : text;
}

/** Up to this many rows are appended one call each (`appendRow` grows the tab itself); more in one write. */
const APPEND_ONE_BY_ONE = 2;

export function appendLog(entries: LogEntry[], ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): void {
  if (entries.length === 0) return;
  const sheet = ss.getSheetByName(LOG_SHEET);
  if (!sheet) return; // setup creates it; a deleted log tab is reported by health checks
  const rows = entries.map((e) => [
    new Date(e.at),
    asCellText(e.leadId ?? '—'),
    asCellText(e.event),
    asCellText(clip(e.from ?? '')),
    asCellText(clip(e.to ?? '')),
    asCellText(e.actor),
    asCellText(clip(e.reason)),
    e.configVersion ?? '',
  ]);
  // Under the script lock no other run appends meanwhile (appendRow is not atomic: PLATFORM.md).
  if (rows.length <= APPEND_ONE_BY_ONE) {
    for (const row of rows) sheet.appendRow(row);
    return;
  }
  const first = sheet.getLastRow() + 1;
  // A tab has a fixed number of rows; writing past them fails, so the log grows it first, with
  // room for the next runs' rows (a run that must grow it makes two more calls).
  const maxRows = sheet.getMaxRows();
  const missing = first + rows.length - 1 - maxRows;
  if (missing > 0) sheet.insertRowsAfter(maxRows, missing + LOG_ROOM_ROWS);
  sheet.getRange(first, 1, rows.length, LOG_HEADERS.length).setValues(rows);
}

/**
 * Moves the log's `count` oldest rows into Baton Log Archive (packed, core/log-archive.ts), then
 * deletes them from the log, and trims the log's grid to its columns (gas/hidden-tabs.ts calls it
 * from a quiet sweep, under the lock). Archive first: a run that
 * stops between the two leaves rows in both places (a report counts them twice that week), never
 * in neither.
 */
export function archiveOldest(sheet: GoogleAppsScript.Spreadsheet.Sheet, count: number): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const rows = sheet.getRange(2, 1, count, LOG_HEADERS.length).getValues() as CellValue[][];
  let archive = ss.getSheetByName(LOG_ARCHIVE_SHEET);
  if (!archive) {
    archive = ss.insertSheet(LOG_ARCHIVE_SHEET);
    archive.hideSheet();
    archive.deleteColumns(2, archive.getMaxColumns() - 1);
  }
  const cells = packLogRows(rows).map((c) => [asCellText(c)]);
  const at = archive.getLastRow() + 1;
  const missing = at + cells.length - 1 - archive.getMaxRows();
  if (missing > 0) archive.insertRowsAfter(archive.getMaxRows(), missing);
  archive.getRange(at, 1, cells.length, 1).setValues(cells);
  SpreadsheetApp.flush();
  sheet.deleteRows(2, count);
  const columns = sheet.getMaxColumns();
  if (columns > LOG_HEADERS.length) sheet.deleteColumns(LOG_HEADERS.length + 1, columns - LOG_HEADERS.length);
}

/** The archived log rows, oldest first (none when nothing was archived). */
export function archivedLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): CellValue[][] {
  const archive = ss.getSheetByName(LOG_ARCHIVE_SHEET);
  if (!archive || archive.getLastRow() === 0) return [];
  return unpackLogRows(archive.getRange(1, 1, archive.getLastRow(), 1).getValues().map((r) => r[0] as CellValue));
}

/**
 * Whether `entries` were already appended (as one run appends them, possibly followed by a few
 * rows of its own): found among the Log tab's last rows by time, Lead ID and event.
 */
export function alreadyLogged(entries: LogEntry[]): boolean {
  if (entries.length === 0) return true;
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(LOG_SHEET);
  if (!sheet) return false;
  const last = sheet.getLastRow();
  const span = Math.min(last - 1, entries.length + TRAILING_ROWS);
  if (span < entries.length) return false;
  const rows = sheet.getRange(last - span + 1, 1, span, 3).getValues();
  const key = (at: unknown, leadId: unknown, event: unknown) =>
    `${instantOf(at) ?? String(at)}|${String(leadId)}|${String(event)}`;
  const seen = rows.map((r) => key(r[0], r[1], r[2])).join('\n');
  const wanted = entries.map((e) => key(e.at, e.leadId ?? '—', e.event)).join('\n');
  return seen.includes(wanted);
}

/** Rows a run may append after its planned ones (failures, restored edits). */
const TRAILING_ROWS = 200;
