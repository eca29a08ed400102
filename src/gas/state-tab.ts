/**
 * The hidden `Baton State` tab: Baton's record of what it last wrote for each lead (see
 * core/lead-state.ts for why it exists). A full run reads it in one call and writes back only the
 * rows that changed; each lead's record sits on the row its lead has in the Leads tab, so a run on
 * one lead reads and writes that row alone (gas/edit-in-place.ts).
 */
import type { CellValue } from '../core/conditions';
import { alignedStateRows, isWideStateHeader, readState, STATE_HEADERS, STATE_SHEET, stateRow, stateRows, type LeadState } from '../core/lead-state';
export { stateFromLeads } from '../core/lead-state';
import { asCellValue } from '../core/cell-text';
import { leadIdOf } from '../core/lead-id';
import { fitColumns, guardTab } from './tabs';
import { markUntidy } from './document-store';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** The tab as this execution last read it (header first), to write back only what changed. */
let loaded: CellValue[][] = [];

/** null when the tab does not exist yet: Baton has recorded nothing. */
export function loadState(ss: Spreadsheet): Map<string, LeadState> | null {
  const sheet = ss.getSheetByName(STATE_SHEET);
  if (!sheet) return null;
  loaded = sheet.getDataRange().getValues() as CellValue[][];
  return readState(loaded.slice(1), isWideStateHeader(loaded[0] ?? []));
}

/** Past this many separate runs of changed rows, the tab is written in one call instead. */
const MAX_BLOCKS = 8;

function asCells(row: CellValue[]): CellValue[] {
  return row.map(asCellValue);
}

/**
 * Records `state`, each lead on the row it has in `layout.values` (the Leads tab as decided, header
 * first) when given; writes the rows that differ from the tab as read (nothing when none does).
 */
export function saveState(ss: Spreadsheet, state: LeadState[], layout?: { values: CellValue[][]; idColumn: number }): void {
  let sheet = ss.getSheetByName(STATE_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(STATE_SHEET);
    sheet.hideSheet();
    guardTab(sheet);
    fitColumns(sheet, STATE_HEADERS.length);
    markUntidy();
    loaded = [];
  }
  const table: CellValue[][] = [STATE_HEADERS, ...(layout ? alignedStateRows(state, layout.values, layout.idColumn) : stateRows(state))];
  const width = STATE_HEADERS.length;
  // The nine-column layout before issue 16: rewritten whole once, its other columns cleared.
  const wide = (loaded[0]?.length ?? 0) > width;
  const changed: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const was = loaded[i];
    if (wide || !was || String(was[0] ?? '') !== String(table[i][0]) || String(was[1] ?? '') !== String(table[i][1])) changed.push(i);
  }
  const lastRow = loaded.length;
  if (table.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), table.length - sheet.getMaxRows());
  const blocks: [number, number][] = [];
  for (const i of changed) {
    const last = blocks[blocks.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else blocks.push([i, i]);
  }
  if (blocks.length > MAX_BLOCKS) blocks.splice(0, blocks.length, [blocks[0][0], blocks[blocks.length - 1][1]]);
  for (const [from, to] of blocks) sheet.getRange(from + 1, 1, to - from + 1, width).setValues(table.slice(from, to + 1).map(asCells));
  if (lastRow > table.length) sheet.getRange(table.length + 1, 1, lastRow - table.length, width).clearContent();
  if (wide) sheet.getRange(1, width + 1, Math.max(lastRow, table.length), loaded[0].length - width).clearContent();
  loaded = table.map((r) => [...r]);
}

/** One lead's record, read from its row (the row its lead has in the Leads tab); null when that row holds another. */
export interface StateSlot {
  range: Range;
  record: LeadState | null;
  /** The row as read. */
  read: CellValue[];
}

export function readStateRow(ss: Spreadsheet, row: number, leadId: string): StateSlot | null {
  const sheet = ss.getSheetByName(STATE_SHEET);
  if (!sheet) return null;
  const range = sheet.getRange(row, 1, 1, STATE_HEADERS.length);
  const values = range.getValues() as CellValue[][];
  if (leadIdOf(values[0][0]) !== leadId) return null;
  return { range, record: readState(values).get(leadId) ?? null, read: values[0] };
}

/** Rewrites the lead's row read by readStateRow, unless it already holds `record` (compared as saveState does, by text). */
export function writeStateRow(slot: StateSlot, record: LeadState): void {
  const row = stateRow(record);
  if (row.every((v, i) => String(v) === String(slot.read[i] ?? ''))) return;
  slot.range.setValues([asCells(row)]);
}
