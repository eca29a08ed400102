/**
 * Keeps the grids of Baton's tabs to what they hold (issue 16: every cell of a tab's grid, empty
 * or not, counts against the spreadsheet's 10,000,000; a new tab is 1,000 × 26). Once a day, and
 * at the next sweep after Baton created a tab, after a full sweep, under the lock: each of Baton's tabs loses the empty columns past its
 * headers (Baton State and Baton Pending keep two, the Log Archive one) and the empty rows past a
 * hundred below its content, and Baton Pending, empty between runs, all but a few rows. Columns people added after the headers are kept (only columns
 * past the last one with content go).
 */
import { PENDING_SHEET } from '../core/pending-run';
import { STATE_HEADERS, STATE_SHEET } from '../core/lead-state';
import { FAILURE_HEADERS, FAILURES_SHEET, LOG_HEADERS, LOG_SHEET } from '../core/headers';
import { OUTBOX_HEADERS, OUTBOX_SHEET } from '../core/outbox';
import { LOG_ARCHIVE_SHEET } from '../core/log-archive';
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

/** Baton's tabs and the columns each keeps. */
const WIDTHS: [string, number][] = [
  [STATE_SHEET, STATE_HEADERS.length],
  [LOG_SHEET, LOG_HEADERS.length],
  [LOG_ARCHIVE_SHEET, 1],
  [FAILURES_SHEET, FAILURE_HEADERS.length],
  [OUTBOX_SHEET, OUTBOX_HEADERS.length],
];

export function tidyHiddenTabs(at: number): void {
  const all = store.readAll();
  if (at - store.readTidiedAt(all) < DAY_MS && !store.isUntidy(all)) return;
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(1000)) return;
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    for (const [name, width] of WIDTHS) {
      const sheet = ss.getSheetByName(name);
      if (!sheet) continue;
      trimColumns(sheet, width);
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
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
}
