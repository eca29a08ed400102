/** Reads the header rows of Baton's tabs and applies the tab plans setup decided on. */
import type { ExistingTab, TabAction } from '../core/tab-layout';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function readTab(ss: Spreadsheet, name: string): ExistingTab | null {
  const sheet = ss.getSheetByName(name);
  if (!sheet) return null;
  const lastColumn = sheet.getLastColumn();
  const headerRow = lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0] : [];
  return { name, headerRow, lastColumn };
}

export function applyTab(ss: Spreadsheet, action: TabAction): void {
  if (action.kind === 'create') {
    const sheet = ss.insertSheet(action.name);
    writeHeaders(sheet, 1, action.headers);
    return;
  }
  if (action.appendHeaders.length === 0) return;
  const sheet = ss.getSheetByName(action.name)!;
  const needed = action.atColumn + action.appendHeaders.length - 1;
  const max = sheet.getMaxColumns();
  if (needed > max) sheet.insertColumnsAfter(max, needed - max);
  writeHeaders(sheet, action.atColumn, action.appendHeaders);
}

function writeHeaders(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number, headers: string[]): void {
  // Header texts are Baton's own or a manager's renames; the apostrophe keeps any of them text.
  sheet.getRange(1, column, 1, headers.length).setValues([headers.map((h) => "'" + h)]).setFontWeight('bold');
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
}
