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

/** The description that marks a protection as Baton's own. */
export const BATON_TAB_PROTECTION = "Baton's own tab: Baton writes it; editing it by hand can confuse Baton.";

/**
 * Baton's own tabs (Log, Failures, State, Pending, Report) carry a warning-only protection: a person
 * about to edit one is asked first, while Baton's runs, the simple edit trigger's included (it runs
 * as whoever edited), still write. Nothing in them can make Baton act: what must not be edited
 * (the outbox) lives in the document properties.
 */
export function guardTab(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  // A nicety, never worth a run: a protection Baton may not set up is left to the next setup.
  try {
    const ours = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).some((p) => p.getDescription() === BATON_TAB_PROTECTION);
    // Warning-only first: a new protection is strict until then.
    if (!ours) sheet.protect().setWarningOnly(true).setDescription(BATON_TAB_PROTECTION);
  } catch {
    // Not this account's to protect (not an editor of the spreadsheet's protections).
  }
}

/**
 * A tab Baton creates for itself is cut to its columns at once: a new tab is 26 columns wide, and
 * every cell of its grid counts against the spreadsheet's 10,000,000 (a 300,000-row log of 26
 * columns is 7.8 million), long before a quiet sweep's tidying (hidden-tabs.ts) could trim it.
 */
export function fitColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, width: number): void {
  const columns = sheet.getMaxColumns();
  if (columns > width) sheet.deleteColumns(width + 1, columns - width);
}

/** Creates or completes a tab; `batons` marks it as Baton's own (guarded, cut to its columns), not the team's Leads tab. */
export function applyTab(ss: Spreadsheet, action: TabAction, batons: boolean): void {
  if (action.kind === 'create') {
    const sheet = ss.insertSheet(action.name);
    writeHeaders(sheet, 1, action.headers);
    if (batons) {
      guardTab(sheet);
      fitColumns(sheet, action.headers.length);
    }
    return;
  }
  const sheet = ss.getSheetByName(action.name)!;
  if (batons) guardTab(sheet);
  if (action.appendHeaders.length === 0) return;
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
