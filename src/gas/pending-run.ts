/**
 * Keeps the pending run (core/pending-run.ts) in a hidden tab: one write before, one clear after.
 * The record takes two columns and as many rows as its pieces (issue 16: hidden tabs spend the
 * user's 10,000,000 cells); the sweep trims the tab's grid (gas/hidden-tabs.ts).
 */
import { asCellText } from '../core/cell-text';
import type { CellValue } from '../core/conditions';
import { decodePending, encodePending, PENDING_SHEET, type PendingRun } from '../core/pending-run';
import { fitColumns, guardTab } from './tabs';
import * as store from './document-store';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The intent of an edit run on one lead (gas/edit-in-place.ts) is a few cells: it is kept in the
 * document properties (one call, where the tab takes four to write and four to clear), and read
 * first. Null when it does not fit in one property: that run takes the full path instead.
 */
export function pendingEditText(run: PendingRun): string | null {
  const text = JSON.stringify(encodePending(run));
  return text.length <= PENDING_EDIT_MAX ? text : null;
}

/** A property holds 9 KB (PLATFORM.md, Quotas); the rest of the document's properties share 500 KB. */
const PENDING_EDIT_MAX = 8_000;

export function loadPending(ss: Spreadsheet, all: Record<string, string>): PendingRun | null {
  const edit = store.readPendingEdit(all);
  if (edit !== null) {
    try {
      const run = decodePending(JSON.parse(edit) as CellValue[][]);
      if (run) return run;
    } catch {
      // A damaged record is dropped like a damaged tab (decodePending): the next plan sees the sheet.
    }
  }
  const sheet = ss.getSheetByName(PENDING_SHEET);
  if (!sheet || sheet.getLastRow() === 0) return null;
  return decodePending(sheet.getDataRange().getValues() as CellValue[][]);
}

export function savePending(ss: Spreadsheet, run: PendingRun): void {
  let sheet = ss.getSheetByName(PENDING_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(PENDING_SHEET);
    sheet.hideSheet();
    guardTab(sheet);
    fitColumns(sheet, 2);
    store.markUntidy();
  }
  const rows = encodePending(run).map((r) => r.map(asCellText));
  const maxRows = sheet.getMaxRows();
  if (rows.length > maxRows) sheet.insertRowsAfter(maxRows, rows.length - maxRows);
  sheet.getRange(1, 1, rows.length, 2).setValues(rows);
}

/** Marks the pending run's log rows as appended (the last record is the 'logged' flag). */
export function markLogged(ss: Spreadsheet): void {
  const sheet = ss.getSheetByName(PENDING_SHEET);
  if (sheet) sheet.getRange(sheet.getLastRow(), 2).setValue("'true");
}

export function clearPending(ss: Spreadsheet): void {
  const sheet = ss.getSheetByName(PENDING_SHEET);
  if (sheet && sheet.getLastRow() > 0) sheet.getRange(1, 1, sheet.getLastRow(), 2).clearContent();
}
