/**
 * Applies a run's cell writes to the Leads tab by the write protocol (docs/ARCHITECTURE.md, "The
 * write protocol"; decisions in core/write-protocol.ts). Under the lock:
 * 1. read the tab, find each write's lead again (Lead ID, or the fingerprint of a row without one)
 *    and its column by header; a cell a person changed since the plan cancels a fresh plan;
 * 2. write the changes in few rectangles of Baton's columns (cells of a rectangle Baton is not
 *    changing are written back as read, formulas as formulas);
 * 3. read the tab again and trace every row and column back to the first read: a value that landed
 *    on another lead (rows or columns moved in between) is put back and written where it belongs,
 *    and a value a person typed meanwhile that a write replaced is put back on its lead (the edit
 *    journal); repeated until the sheet holds what it should, at most a few rounds.
 */
import { asCellValue } from '../core/cell-text';
import type { CellValue } from '../core/conditions';
import type { Typed } from '../core/edit-journal';
import { fingerprint, sameCell } from '../core/fingerprint';
import type { CellWrite } from '../core/intake-plan';
import { leadIdOf } from '../core/lead-id';
import { planBlocks, reconcile, type CellChange } from '../core/write-protocol';
import { addToList } from '../core/lists';
import { readWholeTab } from './read-tab';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A typed value the run's writes replaced, put back (0-based into `values`). */
export interface Restored {
  row: number;
  column: number;
  value: CellValue;
  user: string;
  /** What the run had decided the cell holds. */
  decided: CellValue;
}

export type ApplyResult =
  | {
      status: 'written';
      /**
       * The tab as the run read it with its writes and put-backs applied (header included): what
       * Baton decided each lead holds, for its state. People's other edits made meanwhile are not
       * in it, so the next run sees them as changes.
       */
      values: CellValue[][];
      applied: number;
      restored: Restored[];
      /** Misplaced cells that were still moving after the last round: the next run sees them. */
      unsettled: number;
      /**
       * Every write's value by the cell of `values` it was found at ("row:column"), written or
       * not (already there, or changed by a person meanwhile): what the run decided.
       */
      decided: Map<string, CellValue>;
    }
  /** The sheet changed since the snapshot: nothing was written; plan again from `values`. */
  | { status: 'conflict'; values: CellValue[][]; conflicts: number };

/** Rounds of read-and-put-right after the writes, while people keep moving rows. */
const VERIFY_ROUNDS = 3;

/** Finds rows again: by Lead ID, or by fingerprint for rows without a usable one. Built once per apply. */
class RowFinder {
  private readonly ids = new Map<string, number[]>();
  private prints: Map<string, number[]> | null = null;
  constructor(
    private readonly values: CellValue[][],
    private readonly idColumn: number,
  ) {
    for (let i = 1; i < values.length; i++) {
      const id = leadIdOf(values[i][idColumn]);
      if (id) addToList(this.ids, id, i);
    }
  }

  private byPrint(): Map<string, number[]> {
    if (!this.prints) {
      this.prints = new Map();
      for (let i = 1; i < this.values.length; i++) {
        const fp = fingerprint(this.values[i]);
        addToList(this.prints, fp, i);
      }
    }
    return this.prints;
  }

  /**
   * The 0-based index in `values` of the row a write targets now, or -1 when it is gone or cannot
   * be told apart. `newId` is the Lead ID the run gives a row that repeated another row's ID (a
   * copy): the ID it shows is its original's too, so it is found by its new ID once that landed,
   * else only among several rows showing the old one, never as the one row that does (that is the
   * original, once the copy moved away or took its new ID).
   */
  locate(write: CellWrite, newId?: string): number {
    const { leadId, row, fingerprint: fp } = write.target;
    if (newId) {
      const landed = this.ids.get(newId) ?? [];
      if (landed.length === 1) return landed[0];
    }
    const holders = leadId ? this.ids.get(leadId) ?? [] : [];
    if (leadId && holders.length === 1) return newId ? -1 : holders[0];
    // No ID yet, or several rows share it: only a row identical to the one in the snapshot will do,
    // preferably at the same place.
    const same = (this.byPrint().get(fp) ?? []).filter((i) => (leadId ? holders.includes(i) : leadIdOf(this.values[i][this.idColumn]) === ''));
    return same.includes(row - 1) ? row - 1 : same[0] ?? -1;
  }
}

function cellForWrite(value: CellValue, formula: string): CellValue {
  if (formula) return formula;
  return asCellValue(value);
}

export interface ApplyOptions {
  /**
   * 'all-or-nothing' (a fresh plan): any moved row or changed cell cancels every write.
   * 'roll-forward' (finishing a run that stopped): each cell is written if it still holds its
   * `before`, left if it already holds the value, skipped if a person changed it.
   */
  mode: 'all-or-nothing' | 'roll-forward';
  /** The header row the writes' columns index (the plan's): columns are found again by its text. */
  header: CellValue[];
  /** Whether a header is one of Baton's written columns (core/lead-columns.ts batonHeaders). */
  baton: (header: string) => boolean;
  /** Called once the writes are checked and before the first one (to record intent). */
  beforeWriting?: () => void;
  /** The Name column in `header`: a new lead whose row shows another Name mid-run was pasted over. */
  nameColumn?: number;
  /**
   * 'roll-forward': the cells of `values` people typed since the stopped run read the tab and that
   * show it (the edit journal): never written over, though they may hold the write's `before`.
   */
  theirs?: (values: CellValue[][], idColumn: number) => Set<string>;
  /** What people typed since the run's read, by cell of `values` (the edit journal, read after the writes). */
  typed?: (values: CellValue[][], idColumn: number) => Map<string, Typed>;
}

/**
 * Writes `changes` (0-based into the tab as `base` shows it) in few rectangles; cells of a
 * rectangle not being changed are written back as `base` has them, formulas as formulas.
 * Records in `wrote` where each value went ("row:column" → value), as the sheet was when written.
 */
function writeBlocks(sheet: Sheet, changes: CellChange[], base: CellValue[][], writable: boolean[], wrote: Map<string, CellValue>, gapCells?: number): void {
  if (!changes.length) return;
  const blocks = planBlocks(changes, writable, gapCells);
  const changed = new Map(changes.map((c) => [`${c.row}:${c.column}`, c.value]));
  // Formulas matter only where a block covers a cell it is not changing.
  const cells = blocks.reduce((n, b) => n + b.rows * b.columns, 0);
  let formulas: string[][] = [];
  let top = 0;
  let left = 0;
  if (cells > changes.length) {
    // Loops, not Math.min(...): spreading thousands of blocks into a call can overflow the stack.
    top = blocks.reduce((m, b) => Math.min(m, b.row), Infinity);
    left = blocks.reduce((m, b) => Math.min(m, b.column), Infinity);
    const bottom = blocks.reduce((m, b) => Math.max(m, b.row + b.rows - 1), 0);
    const right = blocks.reduce((m, b) => Math.max(m, b.column + b.columns - 1), 0);
    formulas = sheet.getRange(top + 1, left + 1, bottom - top + 1, right - left + 1).getFormulas();
  }
  for (const b of blocks) {
    const rows: CellValue[][] = [];
    for (let i = b.row; i < b.row + b.rows; i++) {
      const row: CellValue[] = [];
      for (let c = b.column; c < b.column + b.columns; c++) {
        const key = `${i}:${c}`;
        const value = changed.has(key) ? changed.get(key)! : base[i]?.[c] ?? '';
        row.push(changed.has(key) ? cellForWrite(value, '') : cellForWrite(value, formulas[i - top]?.[c - left] ?? ''));
        wrote.set(key, value);
      }
      rows.push(row);
    }
    sheet.getRange(b.row + 1, b.column + 1, b.rows, b.columns).setValues(rows);
  }
}

/**
 * The usual case, read cheaply: the header and the rows the writes spanned, and if the header is
 * the same and each of those rows still holds the lead it held (its people's data unchanged), the
 * tab as it is now (rows outside the span, which no write reached, as first read). Null when
 * anything moved: the caller reads the whole tab.
 */
function readInPlace(sheet: Sheet, values: CellValue[][], changes: CellChange[], writable: boolean[]): CellValue[][] | null {
  const width = values[0]?.length ?? 0;
  const top = changes.reduce((m, c) => Math.min(m, c.row), Infinity);
  const bottom = changes.reduce((m, c) => Math.max(m, c.row), 0);
  if (!width || top < 1) return null;
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[];
  if (header.some((h, c) => !sameCell(h, values[0][c]))) return null;
  const span = sheet.getRange(top + 1, 1, bottom - top + 1, width).getValues() as CellValue[][];
  const inPlace = span.every((row, k) => row.every((v, c) => writable[c] || sameCell(v, values[top + k][c])));
  if (!inPlace) return null;
  const now = values.slice();
  span.forEach((row, k) => (now[top + k] = row));
  return now;
}

export function applyWrites(sheet: Sheet, writes: CellWrite[], idColumn: number, options: ApplyOptions): ApplyResult {
  const values = readWholeTab(sheet);
  if (writes.length === 0) return { status: 'written', values, applied: 0, restored: [], unsettled: 0, decided: new Map() };
  const header = (values[0] ?? []).map((h) => String(h ?? '').trim());
  const writable = header.map((h) => options.baton(h));
  // Columns by header text: a column inserted or deleted since the plan moves the others.
  const columnOf = (planned: number) => {
    const text = String(options.header[planned] ?? '').trim();
    const at = header.indexOf(text);
    return text !== '' && at >= 0 && header.lastIndexOf(text) === at ? at : -1;
  };
  const id = columnOf(idColumn);
  const finder = new RowFinder(values, id < 0 ? idColumn : id);
  // Rows that take a new Lead ID: a copy (it shows its original's ID) and a row that had none.
  const newIds = new Map(writes.filter((w) => w.field === 'leadId').map((w) => [w.target, String(w.value)]));
  // Locate every write before changing anything: a new ID must not hide its own row.
  const expected = values.map((row) => [...row]);
  const changes: CellChange[] = [];
  const decided = new Map<string, CellValue>();
  const theirs = options.mode === 'roll-forward' && id >= 0 ? options.theirs?.(values, id) : undefined;
  let conflicts = 0;
  for (const w of writes) {
    const column = columnOf(w.column);
    const newId = newIds.get(w.target);
    let i = column < 0 || id < 0 ? -1 : finder.locate(w, w.target.leadId && newId !== w.target.leadId ? newId : undefined);
    // A row with no ID before is found by the new one when finishing a stopped run that wrote it.
    if (i < 0 && column >= 0 && id >= 0 && options.mode === 'roll-forward' && newId && !w.target.leadId) {
      i = finder.locate({ ...w, target: { ...w.target, leadId: newId } });
    }
    const current = i < 0 ? undefined : values[i][column] ?? '';
    if (i >= 0) decided.set(`${i}:${column}`, w.value);
    if (i >= 0 && options.mode === 'roll-forward' && (sameCell(current, w.value) || theirs?.has(`${i}:${column}`))) continue;
    if (i < 0 || !writable[column] || !sameCell(current, w.before)) {
      conflicts++;
      continue;
    }
    expected[i][column] = w.value;
    changes.push({ row: i, column, value: w.value });
  }
  if (conflicts && options.mode === 'all-or-nothing') return { status: 'conflict', values, conflicts };
  options.beforeWriting?.();
  const wrote = new Map<string, CellValue>();
  writeBlocks(sheet, changes, values, writable, wrote);

  // Verify: trace the tab as it is now back to the read, and put right what moved under the writes.
  const restored: Restored[] = [];
  let unsettled = 0;
  for (let round = 1; changes.length && round <= VERIFY_ROUNDS; round++) {
    // The tab first (the read also makes the writes land: Apps Script buffers them), then the
    // journal: an edit made before the writes landed is in it, and one made after the read is put
    // back where it already is, which changes nothing.
    const now = (round === 1 && readInPlace(sheet, values, changes, writable)) || readWholeTab(sheet);
    const typed = options.typed?.(values, id) ?? new Map<string, Typed>();
    for (const r of restored) typed.delete(`${r.row}:${r.column}`);
    const result = reconcile(values, expected, now, wrote, writable, id, typed, options.nameColumn === undefined ? -1 : columnOf(options.nameColumn));
    for (const r of result.restored) {
      restored.push({ ...r, decided: expected[r.row][r.column] });
      expected[r.row][r.column] = r.value;
    }
    unsettled = result.fixes.length;
    if (!result.fixes.length || round === VERIFY_ROUNDS) break;
    // Put right cell by cell (a block only where fixes touch): nothing else of the tab just read is
    // written back, people's data included.
    writeBlocks(sheet, result.fixes, now, result.columnOrigins.map(() => true), wrote, 0);
  }
  // What Baton decided, without the put-backs: the next run judges those with their editor.
  for (const r of [...restored].reverse()) expected[r.row][r.column] = r.decided;
  return { status: 'written', values: expected, applied: changes.length, restored, unsettled, decided };
}
