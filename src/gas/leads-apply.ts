/**
 * Applies cell writes to the Leads tab safely and in a fixed number of calls: re-read the tab
 * under the lock, find each write's row again by Lead ID (or, for a row without a usable ID, by
 * its fingerprint), skip any cell a person changed since the snapshot, then write each touched
 * column as one block. Cells in a block that Baton is not changing are written back as they are
 * (formulas as formulas, text kept text), so a block never alters what it does not mean to.
 */
import { asCellText } from '../core/cell-text';
import type { CellValue } from '../core/conditions';
import { fingerprint, sameCell } from '../core/fingerprint';
import type { CellWrite } from '../core/intake-plan';
import { leadIdOf } from '../core/lead-id';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface WrittenCell {
  before: CellValue;
  after: CellValue;
}

export type ApplyResult =
  | {
      status: 'written';
      /** The tab's values after the writes (header included). */
      values: CellValue[][];
      applied: number;
      /** Every cell a block wrote ("row:column", 0-based into `values`): what it held when re-read, and what was written. */
      written: Map<string, WrittenCell>;
    }
  /** The sheet changed since the snapshot: nothing was written; plan again from `values`. */
  | { status: 'conflict'; values: CellValue[][]; conflicts: number };

function rowsById(values: CellValue[][], idColumn: number): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (let i = 1; i < values.length; i++) {
    const id = leadIdOf(values[i][idColumn]);
    if (id) map.set(id, [...(map.get(id) ?? []), i]);
  }
  return map;
}

/** Finds rows again: by Lead ID, or by fingerprint for rows without a usable one. Built once per apply. */
class RowFinder {
  private readonly ids: Map<string, number[]>;
  private prints: Map<string, number[]> | null = null;
  constructor(
    private readonly values: CellValue[][],
    private readonly idColumn: number,
  ) {
    this.ids = rowsById(values, idColumn);
  }

  private byPrint(): Map<string, number[]> {
    if (!this.prints) {
      this.prints = new Map();
      for (let i = 1; i < this.values.length; i++) {
        const fp = fingerprint(this.values[i]);
        this.prints.set(fp, [...(this.prints.get(fp) ?? []), i]);
      }
    }
    return this.prints;
  }

  /** The 0-based index in `values` of the row a write targets now, or -1 when it is gone. */
  locate(write: CellWrite): number {
    const { leadId, row, fingerprint: fp } = write.target;
    const holders = leadId ? this.ids.get(leadId) ?? [] : [];
    if (leadId && holders.length === 1) return holders[0];
    // No ID yet, or several rows share it: only a row identical to the one in the snapshot will do,
    // preferably at the same place.
    const same = (this.byPrint().get(fp) ?? []).filter((i) => (leadId ? holders.includes(i) : leadIdOf(this.values[i][this.idColumn]) === ''));
    return same.includes(row - 1) ? row - 1 : same[0] ?? -1;
  }
}

function cellForWrite(value: CellValue, formula: string): CellValue {
  if (formula) return formula;
  return typeof value === 'string' && value !== '' ? asCellText(value) : value;
}

export interface ApplyOptions {
  /**
   * 'all-or-nothing' (a fresh plan): any moved row or changed cell cancels every write.
   * 'roll-forward' (finishing a run that stopped): each cell is written if it still holds its
   * `before`, left if it already holds the value, skipped if a person changed it.
   */
  mode: 'all-or-nothing' | 'roll-forward';
  /** Called once the writes are checked and before the first one (to record intent). */
  beforeWriting?: () => void;
}

export function applyWrites(sheet: Sheet, writes: CellWrite[], idColumn: number, options: ApplyOptions = { mode: 'all-or-nothing' }): ApplyResult {
  const range = sheet.getDataRange();
  const values = range.getValues() as CellValue[][];
  if (writes.length === 0) return { status: 'written', values, applied: 0, written: new Map() };
  const finder = new RowFinder(values, idColumn);
  // A row whose new Lead ID already landed is found by that ID when finishing a stopped run.
  const newIds = new Map(writes.filter((w) => w.field === 'leadId').map((w) => [w.target, String(w.value)]));
  // Locate every write before changing anything: a new ID must not hide its own row.
  const byColumn = new Map<number, Map<number, CellValue>>();
  let conflicts = 0;
  for (const w of writes) {
    let i = finder.locate(w);
    if (i < 0 && options.mode === 'roll-forward' && newIds.has(w.target)) {
      i = finder.locate({ ...w, target: { ...w.target, leadId: newIds.get(w.target)! } });
    }
    const current = i < 0 ? undefined : values[i][w.column] ?? '';
    if (i >= 0 && options.mode === 'roll-forward' && sameCell(current, w.value)) continue;
    if (i < 0 || !sameCell(current, w.before)) {
      conflicts++;
      continue;
    }
    const column = byColumn.get(w.column) ?? new Map<number, CellValue>();
    column.set(i, w.value);
    byColumn.set(w.column, column);
  }
  if (conflicts && options.mode === 'all-or-nothing') return { status: 'conflict', values, conflicts };
  options.beforeWriting?.();
  const formulas = byColumn.size ? range.getFormulas() : [];
  const written = new Map<string, WrittenCell>();
  let applied = 0;
  for (const [column, changes] of byColumn) {
    const rows = [...changes.keys()];
    // A loop, not Math.min(...rows): spreading 100,000 rows into a call overflows the stack.
    const first = rows.reduce((a, b) => Math.min(a, b));
    const last = rows.reduce((a, b) => Math.max(a, b));
    const block: CellValue[][] = [];
    for (let i = first; i <= last; i++) {
      const changed = changes.has(i);
      const value = changed ? changes.get(i)! : values[i][column];
      block.push([changed ? cellForWrite(value, '') : cellForWrite(value, formulas[i]?.[column] ?? '')]);
      written.set(`${i}:${column}`, { before: values[i][column], after: value });
      values[i][column] = value;
    }
    sheet.getRange(first + 1, column + 1, block.length, 1).setValues(block);
    applied += changes.size;
  }
  return { status: 'written', values, applied, written };
}
