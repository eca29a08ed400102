/**
 * The hidden `Baton State` tab: Baton's record of what it last wrote for each lead, read and
 * rewritten in one call each per run (see core/lead-state.ts for why it exists).
 */
import type { CellValue } from '../core/conditions';
import { isWideStateHeader, readState, STATE_FIELDS, STATE_HEADERS, STATE_SHEET, stateRows, type LeadState } from '../core/lead-state';
export { stateFromLeads } from '../core/lead-state';
import { asCellText } from '../core/cell-text';
import { sameCell } from '../core/fingerprint';
import { guardTab } from './tabs';

function sameRecord(a: LeadState | undefined, b: LeadState): boolean {
  return !!a && STATE_FIELDS.every((f) => sameCell(a[f], b[f]));
}

import { markUntidy } from './document-store';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** null when the tab does not exist yet: Baton has recorded nothing. */
export function loadState(ss: Spreadsheet): Map<string, LeadState> | null {
  const sheet = ss.getSheetByName(STATE_SHEET);
  if (!sheet) return null;
  const values = sheet.getDataRange().getValues() as CellValue[][];
  loadedWidth = values[0]?.length ?? 0;
  return readState(values.slice(1), isWideStateHeader(values[0] ?? []));
}

/** How wide the tab was when this execution read it: a save clears what the two columns leave. */
let loadedWidth = 0;

/** Rewrites the tab in one call; nothing at all when the state did not change. */
export function saveState(ss: Spreadsheet, state: LeadState[], previous: Map<string, LeadState> | null): void {
  if (previous && previous.size === state.length && state.every((s) => sameRecord(previous.get(String(s.leadId)), s))) return;
  let sheet = ss.getSheetByName(STATE_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(STATE_SHEET);
    sheet.hideSheet();
    guardTab(sheet);
    markUntidy();
  }
  const table: CellValue[][] = [STATE_HEADERS, ...stateRows(state)];
  const rows = table.map((r) => r.map((v) => (typeof v === 'string' && v !== '' ? asCellText(v) : v)));
  const lastRow = sheet.getLastRow();
  if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  sheet.getRange(1, 1, rows.length, STATE_HEADERS.length).setValues(rows);
  if (lastRow > rows.length) sheet.getRange(rows.length + 1, 1, lastRow - rows.length, STATE_HEADERS.length).clearContent();
  // The nine-column layout before issue 16: its other columns are cleared once, at the first save.
  if (loadedWidth > STATE_HEADERS.length) {
    sheet.getRange(1, STATE_HEADERS.length + 1, Math.max(lastRow, rows.length), loadedWidth - STATE_HEADERS.length).clearContent();
    loadedWidth = STATE_HEADERS.length;
  }
}
