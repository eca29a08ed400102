/**
 * How Baton Log stays within its share of the spreadsheet (issue 16; rule in docs/RECOVERY.md
 * "The log's size"): the log tab keeps its newest rows, at least LOG_KEEP_MIN and up to a tenth
 * of the Leads tab's cells; once it holds twice that, its older rows move, in order and whole,
 * into the hidden Baton Log Archive (by a quiet sweep: gas/hidden-tabs.ts), packed as JSON in cells of at most 45,000 characters (about
 * 300 log rows a cell). Nothing is lost: the weekly report reads the archive and the log together.
 */
import type { CellValue } from './conditions';
import { isDate } from './cells';
import { LOG_HEADERS } from './headers';

export const LOG_ARCHIVE_SHEET = 'Baton Log Archive';
export const LOG_KEEP_MIN = 2_000;
/** A cell holds 50,000 characters; a packed cell stays under this. */
const CELL_MAX = 45_000;

/** Rows the log tab keeps after archiving, for a Leads tab of `leadsCells` cells in use. */
export function logKeepRows(leadsCells: number): number {
  return Math.max(LOG_KEEP_MIN, Math.floor((0.1 * leadsCells) / LOG_HEADERS.length));
}

/** Whether a log of `rows` data rows is due for archiving. */
export function logArchiveDue(rows: number, leadsCells: number): boolean {
  return rows > 2 * logKeepRows(leadsCells);
}

type Packed = string | number | boolean | { d: number };

/** Log rows packed into cells: each cell a JSON array of whole rows, parsable on its own. */
export function packLogRows(rows: CellValue[][]): string[] {
  const cells: string[] = [];
  let current: string[] = [];
  let length = 2;
  for (const row of rows) {
    const text = JSON.stringify(row.map((v): Packed => (isDate(v) ? { d: v.getTime() } : ((v ?? '') as Packed))));
    if (current.length && length + text.length + 1 > CELL_MAX) {
      cells.push(`[${current.join(',')}]`);
      current = [];
      length = 2;
    }
    current.push(text.length + 2 > CELL_MAX ? JSON.stringify(row.map((v) => String(v ?? '').slice(0, 1000))) : text);
    length += text.length + 1;
  }
  if (current.length) cells.push(`[${current.join(',')}]`);
  return cells;
}

/** The archived rows, oldest first; a damaged cell is skipped (its rows are lost to reports only). */
export function unpackLogRows(cells: CellValue[]): CellValue[][] {
  let rows: CellValue[][] = [];
  for (const cell of cells) {
    if (typeof cell !== 'string' || cell === '') continue;
    try {
      const parsed = JSON.parse(cell) as unknown[][];
      rows = rows.concat(parsed.map((r) => r.map((v) => (v !== null && typeof v === 'object' && typeof (v as { d?: unknown }).d === 'number' ? new Date((v as { d: number }).d) : (v as CellValue)))));
    } catch {
      // see above
    }
  }
  return rows;
}
