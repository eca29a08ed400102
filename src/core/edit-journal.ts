/**
 * The edit journal: a person's edit is written down by the edit trigger before it waits for the
 * lock, naming each row by its lead (Lead ID, or for a row without one, a fingerprint of its
 * people's data) and each cell by its header, never by row or column number: rows and columns
 * move while a run holds the lock. Before the run lets go, any typed value its writes replaced is
 * put back on the same lead (SPEC.md, "Concurrency"; docs/ARCHITECTURE.md, "The write protocol").
 * Edits made before the run read the sheet are in its snapshot already.
 */
import type { CellValue } from './conditions';
import { fingerprint, sameCell } from './fingerprint';
import { isDate } from './cells';
import { leadIdOf } from './lead-id';
import { addToList } from './lists';

export const JOURNAL_PREFIX = 'baton.edit.';
/** An edit of up to this many cells is journaled whole, empty cells included. */
export const JOURNAL_ALL_CELLS = 50;
/**
 * A larger edit keeps only what Baton could overwrite: the non-empty cells of Baton's columns.
 * Past this size (a paste of thousands of worked leads) it is not journaled; a document's
 * properties hold 500 KB in all (PLATFORM.md, Quotas).
 */
export const JOURNAL_MAX_CHARS = 90_000;

type JsonCell = string | number | boolean | { date: number };

export interface JournalRow {
  /** The row's Lead ID when the edit was made ('' if none). */
  id: string;
  /** Its row number then: tells a copy from its original while neither has moved. */
  row?: number;
  /** Its people's data (see rowPrint), to find it without a Lead ID or among copies. */
  print: string;
  /** Header → the value typed, for the cells of Baton's columns the edit covered. */
  cells: [string, JsonCell][];
}

export interface JournalEdit {
  sheet: string;
  user: string;
  at: number;
  /** More than one cell (a paste): the ownership guard treats an older value pasted back as stale. */
  bulk: boolean;
  rows: JournalRow[];
  /**
   * A one-cell edit's cell as the event named it ([row, column], 1-based): the other edit trigger
   * finds this entry by it, without reading the sheet (gas/edit-journal.ts). Absent for pastes,
   * and in entries written before it was kept.
   */
  cell?: [number, number];
}

/** How long an entry no run could match to the sheet is kept (someone changed the cell again). */
export const JOURNAL_KEEP_MS = 60 * 60_000;

export function toJournalCell(v: CellValue): JsonCell {
  return isDate(v) ? { date: v.getTime() } : v;
}

function fromJournalCell(v: JsonCell): CellValue {
  return typeof v === 'object' && v !== null ? new Date(v.date) : v;
}

/**
 * A row's people's data (the columns Baton never writes), ordered by header text so the same row
 * gives the same print wherever its columns are.
 */
export function rowPrint(header: CellValue[], row: CellValue[], baton: (header: string) => boolean): string {
  const cells: [string, CellValue][] = [];
  header.forEach((h, c) => {
    const text = String(h ?? '').trim();
    if (!baton(text)) cells.push([text, row[c] ?? '']);
  });
  cells.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return fingerprint(cells.flatMap(([h, v]) => [h, v]));
}

/**
 * The journal entry for an edit of `rows` (the whole rows the edit touched, as they are after it)
 * in columns `first`..`last` (0-based), or null when it is too large to keep.
 */
export function journalRows(
  header: CellValue[],
  rows: CellValue[][],
  /** The sheet row (1-based) of rows[0]. */
  firstRow: number,
  first: number,
  last: number,
  idColumn: number,
  baton: (header: string) => boolean,
): JournalRow[] | null {
  const whole = rows.length * (last - first + 1) <= JOURNAL_ALL_CELLS;
  const out: JournalRow[] = [];
  let chars = 0;
  for (const [k, row] of rows.entries()) {
    const cells: [string, JsonCell][] = [];
    for (let c = first; c <= last; c++) {
      const h = String(header[c] ?? '').trim();
      if (!baton(h) || (!whole && (row[c] === '' || row[c] === undefined))) continue;
      cells.push([h, toJournalCell(row[c] ?? '')]);
    }
    if (!cells.length) continue;
    const entry = { id: idColumn < 0 ? '' : leadIdOf(row[idColumn]), row: firstRow + k, print: rowPrint(header, row, baton), cells };
    chars += JSON.stringify(entry).length;
    if (chars > JOURNAL_MAX_CHARS) return null;
    out.push(entry);
  }
  return out;
}

/**
 * Finds journal rows in a tab's values: by Lead ID, among copies or without one by its print (a
 * row that had no ID among those without one, else among those a run has given one since); -1 if
 * not found once. Indexes the tab once (prints only if a row needs them): a paste of thousands
 * of rows is found in one pass, not one pass per row.
 */
export class RowIndex {
  private readonly ids = new Map<string, number[]>();
  private readonly idless = new Set<number>();
  private prints: Map<string, number[]> | null = null;
  /** The rows with a Lead ID by their print, built only when an ID-less row is not found among the ID-less ones. */
  private identifiedPrints: Map<string, number[]> | null = null;
  constructor(
    private readonly values: CellValue[][],
    idColumn: number,
    private readonly baton: (header: string) => boolean,
  ) {
    for (let i = 1; i < values.length; i++) {
      const id = idColumn < 0 ? '' : leadIdOf(values[i][idColumn]);
      addToList(this.ids, id, i);
      if (id === '') this.idless.add(i);
    }
  }

  /**
   * Whether a run must keep a journaled cell's value on row `i`, found for `row`. A blank typed on
   * a row that had no Lead ID, found since on a row that has one (a run handed it over), asks for
   * nothing: the handoff filled the cells that were empty (a pasted row's Created, its Owner), and
   * putting the blank back would only undo it. On a row still without an ID a blank is a person's
   * (a cleared Lead ID or Created): kept until a run has seen it. Who typed it still counts (typedBy).
   */
  keeps(row: Pick<JournalRow, 'id'>, i: number, cell: JsonCell): boolean {
    return cell !== '' || row.id !== '' || this.idless.has(i);
  }

  private print(i: number): string {
    return rowPrint(this.values[0] ?? [], this.values[i], this.baton);
  }

  find(row: Pick<JournalRow, 'id' | 'print' | 'row'>): number {
    const holders = row.id !== '' ? this.ids.get(row.id) ?? [] : [];
    if (holders.length === 1) return holders[0];
    if (holders.length > 1) return this.one(holders.filter((i) => this.print(i) === row.print), row.row);
    if (!this.prints) {
      this.prints = new Map();
      for (const i of this.idless) addToList(this.prints, this.print(i), i);
    }
    const blank = this.one(this.prints.get(row.print) ?? [], row.row);
    if (blank >= 0 || row.id !== '') return blank;
    // A row edited before it had a Lead ID (a new lead typed on while a run handed it over) has one
    // now: found by its people's data among those rows, as the one there or the one still at its row.
    if (!this.identifiedPrints) {
      this.identifiedPrints = new Map();
      for (let i = 1; i < this.values.length; i++) if (!this.idless.has(i)) addToList(this.identifiedPrints, this.print(i), i);
    }
    return this.one(this.identifiedPrints.get(row.print) ?? [], row.row);
  }

  /** The one row of `same`, or among look-alikes the one still at the row the edit was made in. */
  private one(same: number[], at: number | undefined): number {
    if (same.length === 1) return same[0];
    return at !== undefined && same.includes(at - 1) ? at - 1 : -1;
  }
}

export interface Typed {
  value: CellValue;
  user: string;
}

/**
 * What people typed in the tab since `since` (the read a run's writes were checked against),
 * keyed "row:column" in that read's values: the last value typed in each cell, for cells of
 * Baton's columns. A cell that already held the value in that read was seen by the run (its
 * decisions took it into account, a revert included): not listed.
 */
export function typedSince(edits: JournalEdit[], sheetName: string, since: number, values: CellValue[][], idColumn: number, baton: (header: string) => boolean): Map<string, Typed> {
  const typed = lastTyped(edits, sheetName, since, values, idColumn, baton);
  for (const [key, t] of typed) if (sameCell(cellAt(values, key), t.value)) typed.delete(key);
  return typed;
}

/** The last value typed in each cell since `since`, keyed "row:column" of `values`, with its editor. */
function lastTyped(edits: JournalEdit[], sheetName: string, since: number, values: CellValue[][], idColumn: number, baton: (header: string) => boolean): Map<string, Typed> {
  const header = (values[0] ?? []).map((h) => String(h ?? '').trim());
  const last = new Map<string, Typed>();
  const index = new RowIndex(values, idColumn, baton);
  for (const e of [...edits].sort((a, b) => a.at - b.at)) {
    if (e.sheet !== sheetName || e.at < since) continue;
    for (const r of e.rows) {
      const i = index.find(r);
      if (i < 0) continue;
      for (const [h, cell] of r.cells) {
        const c = header.indexOf(h);
        if (c >= 0 && index.keeps(r, i, cell)) last.set(`${i}:${c}`, { value: fromJournalCell(cell), user: e.user });
      }
    }
  }
  return last;
}

function cellAt(values: CellValue[][], key: string): CellValue | undefined {
  const [i, c] = key.split(':').map(Number);
  return values[i]?.[c];
}

/**
 * Who put each value a run finds there ("row:field" → editor and whether it was a paste), from the
 * journal entries whose typed value the cell still holds (the latest such edit wins). A paste's
 * cells are read when it is journaled, so they may already hold a one-cell edit someone made just
 * after it: where both hold the value the cell shows, the one-cell edit (whose value the event
 * itself gave) names the editor. `fieldOf` names the field of a header.
 */
export function typedBy(
  edits: JournalEdit[],
  sheetName: string,
  values: CellValue[][],
  idColumn: number,
  baton: (header: string) => boolean,
  fieldOf: (header: string) => string | undefined,
): Map<string, { actor: string; bulk: boolean }> {
  const header = (values[0] ?? []).map((h) => String(h ?? '').trim());
  const by = new Map<string, { actor: string; bulk: boolean }>();
  const index = new RowIndex(values, idColumn, baton);
  for (const e of [...edits].sort((a, b) => Number(b.bulk) - Number(a.bulk) || a.at - b.at)) {
    if (e.sheet !== sheetName) continue;
    for (const r of e.rows) {
      const i = index.find(r);
      if (i < 0) continue;
      for (const [h, cell] of r.cells) {
        const c = header.indexOf(h);
        const field = fieldOf(h);
        if (c < 0 || field === undefined || !sameCell(values[i][c], fromJournalCell(cell))) continue;
        by.set(`${i + 1}:${field}`, { actor: e.user, bulk: e.bulk });
      }
    }
  }
  return by;
}

/**
 * Whether a run that planned from `values` (read at `now` or just after) is done with an entry:
 * every row it names is gone or holds what was typed (the run saw it), or it is too old to match
 * anything. An entry typed after the run read the tab is kept for the next run, which judges it
 * with its editor; so is one whose value the read showed but could not tell from no edit at all
 * (`unseen`), unless the entry was journaled before `now`: an edit is journaled after it is made,
 * so that edit was in the read (a paste's blank Lead ID the run then filled is settled here).
 */
export function settled(
  e: JournalEdit,
  sheetName: string,
  values: CellValue[][],
  index: RowIndex,
  now: number,
  unseen: (row: number, column: number, typed: CellValue) => boolean = () => false,
): boolean {
  if (e.sheet !== sheetName || now - e.at > JOURNAL_KEEP_MS) return true;
  const header = (values[0] ?? []).map((h) => String(h ?? '').trim());
  return e.rows.every((r) => {
    const i = index.find(r);
    return (
      i < 0 ||
      r.cells.every(([h, cell]) => {
        const c = header.indexOf(h);
        const typed = fromJournalCell(cell);
        // Blanks the handoff filled are done with only when the read came after the entry: a blank
        // journaled meanwhile may be a paste that cleared the ID the run had just written.
        return c < 0 || (e.at < now && !index.keeps(r, i, cell)) || (sameCell(values[i][c], typed) && (e.at < now || !unseen(i, c, typed)));
      })
    );
  });
}

/**
 * Edits a run wrote over without ever seeing them: typed after the run that last recorded the
 * leads' state read the tab (`since`), journaled only after that run's last check (a simple
 * trigger starts a moment after the edit), and now showing exactly what that run recorded for the
 * lead (`recorded`, by row and column) instead of the typed value. Each is the typed value to put
 * back, keyed like `typedSince`, so the next plan judges it with its editor.
 */
export function overwrittenEdits(
  edits: JournalEdit[],
  sheetName: string,
  since: number,
  values: CellValue[][],
  idColumn: number,
  baton: (header: string) => boolean,
  recorded: (row: number, column: number) => CellValue | undefined,
): Map<string, Typed> {
  const out = new Map<string, Typed>();
  for (const [key, typed] of typedSince(edits, sheetName, since, values, idColumn, baton)) {
    const [row, column] = key.split(':').map(Number);
    const mine = recorded(row, column);
    if (mine !== undefined && sameCell(values[row][column], mine)) out.set(key, typed);
  }
  return out;
}

/**
 * The cells (keyed "row:column" of `values`) that show the value a person typed there since
 * `since`, the latest edit of each cell counting: theirs, whatever a run that read the tab before
 * meant to write (finishing a stopped run never writes over them; the next plan judges them).
 */
export function showsTyped(edits: JournalEdit[], sheetName: string, since: number, values: CellValue[][], idColumn: number, baton: (header: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const [key, t] of lastTyped(edits, sheetName, since, values, idColumn, baton)) if (sameCell(cellAt(values, key), t.value)) out.add(key);
  return out;
}
