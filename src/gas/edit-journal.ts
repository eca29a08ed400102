/** Writes and reads the edit journal in document properties (see core/edit-journal.ts). */
import { asCellText } from '../core/cell-text';
import type { CellValue } from '../core/conditions';
import { JOURNAL_MAX_CELLS, JOURNAL_PREFIX, toJournalCell, type JournalEdit, type Restore } from '../core/edit-journal';
import { CHUNK_BYTES } from '../core/chunks';
import { now } from './clock';

/** Called by an edit trigger before it waits for the lock. */
export function journalEdit(range: GoogleAppsScript.Spreadsheet.Range, user: string): void {
  if (range.getNumRows() * range.getNumColumns() > JOURNAL_MAX_CELLS) return;
  const values = (range.getValues() as CellValue[][]).map((r) => r.map(toJournalCell));
  const entry: JournalEdit = { sheet: range.getSheet().getName(), row: range.getRow(), column: range.getColumn(), values, user, at: now() };
  const text = JSON.stringify(entry);
  if (text.length * 3 > CHUNK_BYTES) return;
  PropertiesService.getDocumentProperties().setProperty(`${JOURNAL_PREFIX}${entry.at}.${Utilities.getUuid().slice(0, 8)}`, text);
}

export function readJournal(all: Record<string, string>): { keys: string[]; edits: JournalEdit[] } {
  const keys = Object.keys(all).filter((k) => k.startsWith(JOURNAL_PREFIX));
  const edits: JournalEdit[] = [];
  for (const k of keys) {
    try {
      edits.push(JSON.parse(all[k]) as JournalEdit);
    } catch {
      // A damaged entry protects nothing; it is dropped with the others.
    }
  }
  return { keys, edits };
}

export function dropJournal(keys: string[]): void {
  if (keys.length === 0) return;
  const props = PropertiesService.getDocumentProperties();
  for (const k of keys) props.deleteProperty(k);
}

/** Puts the people's values back, one cell at a time (a handful at most: edits made during one run). */
export function applyRestores(sheet: GoogleAppsScript.Spreadsheet.Sheet, restores: Restore[], values: CellValue[][]): void {
  for (const r of restores) {
    const v = typeof r.value === 'string' && r.value !== '' ? asCellText(r.value) : r.value;
    sheet.getRange(r.row + 1, r.column + 1).setValue(v);
    values[r.row][r.column] = r.value;
  }
}
