/**
 * Keeps Baton's tabs to what they hold (issue 16: every cell of a tab's grid, empty or not, counts
 * against the spreadsheet's 10,000,000; a new tab is 1,000 × 26). In quiet sweeps, under the lock:
 * the log archives its older rows when due; once a day, and after Baton created a tab, each of Baton's tabs loses the empty columns past its
 * headers (Baton State and Baton Pending keep two, the Log Archive one), the failure queue and the
 * archive their empty rows past a hundred below their content, and Baton Pending, empty between
 * runs, all but a few rows. Columns people added after the headers are kept (only columns
 * past the last one with content go).
 */
import { PENDING_SHEET } from '../core/pending-run';
import { STATE_HEADERS, STATE_SHEET } from '../core/lead-state';
import { FAILURE_HEADERS, FAILURES_SHEET, LOG_HEADERS, LOG_SHEET } from '../core/headers';
import { LOG_ARCHIVE_SHEET, logArchiveDue, logKeepRows } from '../core/log-archive';
import { archiveOldest } from './log';
import * as store from './document-store';

const DAY_MS = 86_400_000;
const PENDING_ROWS = 10;
/** Empty rows a tab keeps past its content. */
const ROOM_ROWS = 100;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function trimColumns(sheet: Sheet, width: number): void {
  const keep = Math.max(width, sheet.getLastColumn());
  const columns = sheet.getMaxColumns();
  if (columns > keep) sheet.deleteColumns(keep + 1, columns - keep);
}

/**
 * Baton's tabs, the columns each keeps, and whether its empty rows go too. Tabs most runs append
 * to (State, Log) keep their rows: cut, they would grow again in the next busy run (the
 * log sheds rows when it archives).
 */
const WIDTHS: [string, number, boolean][] = [
  [STATE_SHEET, STATE_HEADERS.length, false],
  [LOG_SHEET, LOG_HEADERS.length, false],
  [LOG_ARCHIVE_SHEET, 1, true],
  [FAILURES_SHEET, FAILURE_HEADERS.length, true],
];

/**
 * Housekeeping in a quiet sweep (one that found nothing to do, so has time and leaves busy runs'
 * calls flat): archives the log's older rows once it is past its share of a Leads tab of
 * `leadsCells` cells (core/log-archive.ts), and trims the tabs' grids daily or after Baton created
 * one. Two calls when there is nothing to do.
 */
export function tidyHiddenTabs(at: number, all: Record<string, string>, leadsCells: number): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const log = ss.getSheetByName(LOG_SHEET);
  const logRows = log ? Math.max(0, log.getLastRow() - 1) : 0;
  const archive = log !== null && logArchiveDue(logRows, leadsCells);
  const trim = at - store.readTidiedAt(all) >= DAY_MS || store.isUntidy(all);
  if (!archive && !trim) return;
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(1000)) return;
  try {
    if (archive) archiveOldest(log, logRows - logKeepRows(leadsCells));
    if (!trim) return;
    for (const [name, width, rowsToo] of WIDTHS) {
      const sheet = ss.getSheetByName(name);
      if (!sheet) continue;
      trimColumns(sheet, width);
      if (!rowsToo) continue;
      // Empty rows past the last one with content, but for some room: every writer grows a tab it needs.
      const keep = Math.max(sheet.getLastRow(), 1) + ROOM_ROWS;
      const rows = sheet.getMaxRows();
      if (rows > keep) sheet.deleteRows(keep + 1, rows - keep);
    }
    const pending = ss.getSheetByName(PENDING_SHEET);
    // Only an empty record's tab loses rows: a run that stopped keeps its intent where it is.
    if (pending && pending.getLastRow() === 0) {
      trimColumns(pending, 2);
      const rows = pending.getMaxRows();
      if (rows > PENDING_ROWS) pending.deleteRows(PENDING_ROWS + 1, rows - PENDING_ROWS);
    }
    store.writeTidiedAt(at);
  } finally {
    try {
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
  }
}
