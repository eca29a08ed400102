/**
 * The write protocol's decisions (docs/ARCHITECTURE.md, "The write protocol"). People sort,
 * insert, delete and type while a run writes, and a write lands at a row and column number, not
 * on a lead. So a run writes from one read of the tab (`before`) in a few rectangles, reads the
 * tab again, and decides here, cell by cell, what the sheet should hold: each row of the new read
 * is traced back to the row it was in `before` (by the people's data Baton never writes, so a
 * misplaced write cannot disguise it), each column by its header, and every cell of Baton's that
 * holds what the run wrote at that place but not what its lead should hold is put right. Values
 * people typed meanwhile are left alone.
 */
import type { CellValue } from './conditions';
import type { Typed } from './edit-journal';
import { fingerprint, sameCell } from './fingerprint';
import { addToList } from './lists';

/** 0-based into a tab's values (row 0 is the header). */
export interface CellChange {
  row: number;
  column: number;
  value: CellValue;
}

export interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * Cells of a block Baton is not changing are written back as read. A gap is worth filling when
 * it costs less than another call: a call is charged like about 5,000 cells written
 * (docs/PLATFORM-FACTS.md, row 12); a smaller figure keeps blocks tight around the changes. A
 * block as dense as its gaps (an import's rows, each with its own few cells) is never split, so
 * its calls do not grow with its size.
 */
const GAP_CELLS = 2_000;

/**
 * The rectangles that carry `changes` in few calls. A block only spans columns Baton writes
 * (`writable`): cells of people's data are never written, not even back as they were, so they
 * always tell which lead a row holds.
 */
export function planBlocks(changes: CellChange[], writable: boolean[], gapCells = GAP_CELLS): Block[] {
  // Runs of adjacent writable columns: a block stays inside one.
  const runOf: number[] = [];
  let run = -1;
  for (let c = 0; c < writable.length; c++) {
    if (writable[c] && !(c > 0 && writable[c - 1])) run++;
    runOf[c] = writable[c] ? run : -1;
  }
  // Each row's changes in a run, as segments: cells between two changes are filled while the gap is cheap.
  const sorted = [...changes].sort((a, b) => a.row - b.row || a.column - b.column);
  const segments: { run: number; row: number; first: number; last: number }[] = [];
  for (const ch of sorted) {
    const r = runOf[ch.column] ?? -1;
    if (r < 0) throw new Error(`Baton does not write column ${ch.column + 1}`);
    const last = segments[segments.length - 1];
    if (last && last.run === r && last.row === ch.row && ch.column - last.last - 1 <= gapCells) last.last = ch.column;
    else segments.push({ run: r, row: ch.row, first: ch.column, last: ch.column });
  }
  segments.sort((a, b) => a.run - b.run || a.first - b.first || a.row - b.row);
  const blocks: Block[] = [];
  let current: (Block & { run: number; cells: number }) | null = null;
  for (const s of segments) {
    const width = s.last - s.first + 1;
    if (current && current.run === s.run && s.row >= current.row + current.rows) {
      const first = Math.min(current.column, s.first);
      const last = Math.max(current.column + current.columns - 1, s.last);
      const rows = s.row - current.row + 1;
      if (rows * (last - first + 1) - current.cells - width <= (gapCells > 0 ? gapCells + current.cells : 0)) {
        current.column = first;
        current.columns = last - first + 1;
        current.rows = rows;
        current.cells += width;
        continue;
      }
    }
    if (current) blocks.push(current);
    current = { run: s.run, row: s.row, column: s.first, rows: 1, columns: width, cells: width };
  }
  if (current) blocks.push(current);
  return blocks.map(({ row, column, rows, columns }) => ({ row, column, rows, columns }));
}

/** For each column of `now`, the column of `before` it is (by header text; by place if renamed), or -1 for a new one. */
export function columnOrigins(beforeHeader: CellValue[], nowHeader: CellValue[]): number[] {
  const text = (v: CellValue | undefined) => (v === undefined || v === null ? '' : String(v).trim());
  const byText = new Map<string, number[]>();
  beforeHeader.forEach((h, c) => {
    if (text(h) !== '') addToList(byText, text(h), c);
  });
  const origins = nowHeader.map((h) => {
    const found = byText.get(text(h));
    return found && found.length === 1 ? found[0] : -1;
  });
  // A header renamed (or cleared) in place, while no column moved: the same column.
  if (beforeHeader.length === nowHeader.length) {
    const taken = new Set(origins.filter((o) => o >= 0));
    origins.forEach((o, c) => {
      if (o < 0 && !taken.has(c) && !nowHeader.some((h, i) => i !== c && text(h) !== '' && text(h) === text(beforeHeader[c]))) origins[c] = c;
    });
  }
  return origins;
}

export interface Reconciled {
  /** For each row of `now`, the row of `before` it is, or -1 (a row people added). Row 0 is the header. */
  rowOrigins: number[];
  columnOrigins: number[];
  /** Cells to write so every lead holds what it should. */
  fixes: CellChange[];
  /** Values people typed during the run that the run's writes replaced, put back (0-based into `before`). */
  restored: (CellChange & { user: string })[];
}

/**
 * Traces the rows and columns of `now` back to `before`, and lists the cells of Baton's columns
 * to put right:
 * - a cell of a lead the run meant to change that still holds its old value, or the value the run
 *   wrote at that place for another lead: written again, with the lead's value (`expected`);
 * - a cell the run did not mean to change that holds what the run wrote at that place, not what it
 *   held: put back (in a row or column people added, to empty).
 * Anything else that differs is a person's doing, and stays.
 * `wrote` maps "row:column" (where the run wrote, as the sheet was then) to the value written.
 */
export function reconcile(
  before: CellValue[][],
  expected: CellValue[][],
  now: CellValue[][],
  wrote: Map<string, CellValue>,
  writable: boolean[],
  idColumn: number,
  typed: Map<string, Typed> = new Map(),
  nameColumn = -1,
): Reconciled {
  const cols = columnOrigins(before[0] ?? [], now[0] ?? []);
  // Columns of the sheet the run wrote to: after a column moved, people's data may sit there.
  const written = new Set<number>();
  for (const key of wrote.keys()) written.add(Number(key.slice(key.indexOf(':') + 1)));
  // People's data, where no write of the run can have reached it: what tells rows apart.
  const identity: [number, number][] = [];
  cols.forEach((o, c) => {
    if (o >= 0 && !writable[o] && !written.has(c)) identity.push([o, c]);
  });
  const keyBefore = (i: number) => fingerprint(identity.map(([o]) => before[i][o]));
  const keyNow = (j: number) => fingerprint(identity.map(([, c]) => now[j][c]));
  const idNow = idColumn < 0 ? -1 : cols.indexOf(idColumn);

  const rowOrigins = now.map(() => -1);
  rowOrigins[0] = 0;
  const taken = new Set<number>();
  const claim = (j: number, i: number) => {
    rowOrigins[j] = i;
    taken.add(i);
  };
  // Rows still where they were first (usually all of them), so a copy pasted elsewhere cannot take
  // an original's place. Compared cell by cell: no fingerprint of every row on every run.
  // A row in place also shows the Lead ID it should: a copy and its original look alike otherwise.
  const samePlace = (j: number) => identity.every(([o, c]) => sameCell(before[j][o], now[j][c])) && (idNow < 0 || sameCell(now[j][idNow], expected[j][idColumn]));
  for (let j = 1; j < now.length && j < before.length; j++) if (samePlace(j)) claim(j, j);
  let byKey: Map<string, number[]> | null = null;
  for (let j = 1; j < now.length; j++) {
    if (rowOrigins[j] >= 0) continue;
    if (!byKey) {
      byKey = new Map();
      for (let i = 1; i < before.length; i++) {
        if (taken.has(i)) continue;
        const k = keyBefore(i);
        addToList(byKey, k, i);
      }
    }
    const candidates = (byKey.get(keyNow(j)) ?? []).filter((i) => !taken.has(i));
    if (candidates.length === 0) continue;
    // Rows alike in people's data (a copied row): the one whose Lead ID this row shows.
    const id = idNow < 0 ? '' : now[j][idNow];
    const shown = candidates.find((i) => id !== '' && (sameCell(before[i][idColumn], id) || sameCell(expected[i][idColumn], id)));
    claim(j, shown ?? candidates[0]);
  }
  // A row whose people's data changed during the run: by the Lead ID it should hold, else, if no
  // row came or went, by its place.
  // A row with no people's data at all holds no lead, whatever Lead ID a write left there.
  const empty = (j: number) => identity.every(([, c]) => now[j][c] === '' || now[j][c] === undefined);
  // A lead that takes its Lead ID in this run has nothing but its people's data to be known by: a
  // row that shows another Name now is another lead pasted over it (the ID there may be the run's
  // own write), and gets none of its writes (docs/INTAKE.md, "overwritten by a paste").
  const nameNow = nameColumn < 0 ? -1 : cols.indexOf(nameColumn);
  const mayBe = (j: number, i: number) =>
    (idColumn >= 0 && before[i][idColumn] !== '' && sameCell(before[i][idColumn], expected[i][idColumn])) || (nameNow >= 0 && sameCell(now[j][nameNow], before[i][nameColumn]));
  for (let j = 1; j < now.length && idNow >= 0; j++) {
    const id = now[j][idNow];
    if (rowOrigins[j] >= 0 || id === '' || id === undefined || empty(j)) continue;
    const matches: number[] = [];
    for (let i = 1; i < before.length; i++) if (!taken.has(i) && sameCell(expected[i][idColumn], id)) matches.push(i);
    if (matches.length === 1 && mayBe(j, matches[0])) claim(j, matches[0]);
  }
  if (now.length === before.length) {
    for (let j = 1; j < now.length; j++) if (rowOrigins[j] < 0 && !taken.has(j) && !empty(j) && mayBe(j, j)) claim(j, j);
  }

  const fixes: CellChange[] = [];
  const restored: Reconciled['restored'] = [];
  // Only Baton's columns, columns people added and columns written to can hold a misplaced value.
  const checked = cols.flatMap((o, c) => (o < 0 || writable[o] || written.has(c) ? [c] : []));
  for (let j = 1; j < now.length; j++) {
    const i = rowOrigins[j];
    for (const c of checked) {
      const o = cols[c];
      const have = now[j][c];
      const ours = wrote.get(`${j}:${c}`);
      const misplaced = ours !== undefined && sameCell(have, ours);
      if (i < 0 || o < 0) {
        // A row or column people added: anything of the run's there is misplaced.
        if (misplaced && ours !== '') fixes.push({ row: j, column: c, value: '' });
        continue;
      }
      const was = before[i][o] ?? '';
      if (!writable[o]) {
        // People's data a write reached after a column moved: put back.
        if (misplaced && !sameCell(have, was)) fixes.push({ row: j, column: c, value: was });
        continue;
      }
      const want = expected[i][o] ?? '';
      const person = typed.get(`${i}:${o}`);
      if (person) {
        // Typed after the run's read: kept if it is there, put back if the run's write replaced it.
        if (sameCell(have, person.value)) continue;
        if (sameCell(have, want) || sameCell(have, was) || misplaced) {
          fixes.push({ row: j, column: c, value: person.value });
          restored.push({ row: i, column: o, value: person.value, user: person.user });
        }
        continue;
      }
      if (sameCell(have, want)) continue;
      // The run's own write to this very cell, on a row still in its place, no longer shows: a
      // person changed the cell after the write landed (an Owner cleared again, a value typed back).
      // It is theirs: the next run judges it with its editor (the journal names them).
      if (i === j && ours !== undefined && !sameCell(have, ours)) continue;
      const meant = !sameCell(want, was);
      if ((meant && sameCell(have, was)) || misplaced) fixes.push({ row: j, column: c, value: want });
    }
  }
  return { rowOrigins, columnOrigins: cols, fixes, restored };
}
