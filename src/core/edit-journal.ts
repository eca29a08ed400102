/**
 * The edit journal: a person's edit made while a Baton run holds the lock is written down by the
 * edit trigger before it waits for the lock. Before the run lets go, it puts back any of those
 * values its own block writes covered, so a value a person typed during a run is never lost
 * (SPEC.md, "Concurrency"). Edits made before the run read the sheet are in its snapshot already.
 */
import type { CellValue } from './conditions';
import { sameCell } from './fingerprint';
import { isDate } from './cells';

export const JOURNAL_PREFIX = 'baton.edit.';
/** Larger edits are not journaled (a property holds 9 KB); the before-checks still protect them. */
export const JOURNAL_MAX_CELLS = 50;

type JsonCell = string | number | boolean | { date: number };

export interface JournalEdit {
  sheet: string;
  /** 1-based sheet coordinates of the edit's top-left cell. */
  row: number;
  column: number;
  values: JsonCell[][];
  user: string;
  at: number;
}

export function toJournalCell(v: CellValue): JsonCell {
  return isDate(v) ? { date: v.getTime() } : v;
}

function fromJournalCell(v: JsonCell): CellValue {
  return typeof v === 'object' && v !== null ? new Date(v.date) : v;
}

export interface Restore {
  /** 0-based indexes into the tab's values (row 0 is the header). */
  row: number;
  column: number;
  value: CellValue;
  user: string;
}

/**
 * The cells to put back: those an edit made at or after `since` set to a value that Baton's
 * writes replaced (`written`: "row:column", 0-based → the value Baton re-read there just before
 * writing, and what it wrote). An edit whose value Baton had re-read was part of its decisions
 * (a revert of it is deliberate); only one that landed after the re-read was lost.
 */
export function restoresFor(
  edits: JournalEdit[],
  sheetName: string,
  since: number,
  written: Map<string, { before: CellValue; after: CellValue }>,
): Restore[] {
  const restores = new Map<string, Restore>();
  for (const e of [...edits].sort((a, b) => a.at - b.at)) {
    if (e.sheet !== sheetName || e.at < since) continue;
    e.values.forEach((rowValues, i) =>
      rowValues.forEach((cell, j) => {
        const row = e.row - 1 + i;
        const column = e.column - 1 + j;
        const key = `${row}:${column}`;
        const value = fromJournalCell(cell);
        const w = written.get(key);
        if (w && !sameCell(w.before, value) && !sameCell(w.after, value)) restores.set(key, { row, column, value, user: e.user });
      }),
    );
  }
  return [...restores.values()];
}
