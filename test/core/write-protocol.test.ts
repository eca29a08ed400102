/**
 * The write protocol's decisions (core/write-protocol.ts): where a run's changes are written, and,
 * after people moved rows or columns under the writes, which cells to put right.
 */
import type { CellValue } from '../../src/core/conditions';
import { columnOrigins, planBlocks, reconcile } from '../../src/core/write-protocol';

// Lead ID | Name | Email | Status | Owner: Baton writes columns 0, 3 and 4.
const WRITABLE = [true, false, false, true, true];
const HEADER = ['Lead ID', 'Name', 'Email', 'Status', 'Owner'];
const row = (id: string, name: string, status = '', owner = ''): CellValue[] => [id, name, `${name.toLowerCase()}@x.test`, status, owner];

describe('planBlocks', () => {
  it('writes contiguous changes in one rectangle per run of Baton columns, never over people’s data', () => {
    const changes = [1, 2, 3].flatMap((r) => [
      { row: r, column: 0, value: `L-${r}` },
      { row: r, column: 3, value: 'Assigned' },
      { row: r, column: 4, value: 'ana' },
    ]);
    expect(planBlocks(changes, WRITABLE)).toEqual([
      { row: 1, column: 0, rows: 3, columns: 1 },
      { row: 1, column: 3, rows: 3, columns: 2 },
    ]);
  });

  it('keeps scattered changes apart when the gap would cost more than a call', () => {
    const changes = [
      { row: 2, column: 3, value: 'Lost' },
      { row: 90_000, column: 3, value: 'Won' },
    ];
    expect(planBlocks(changes, WRITABLE)).toEqual([
      { row: 2, column: 3, rows: 1, columns: 1 },
      { row: 90_000, column: 3, rows: 1, columns: 1 },
    ]);
    // Close together, the gap is filled: one call.
    expect(planBlocks([changes[0], { row: 40, column: 4, value: 'ana' }], WRITABLE)).toEqual([{ row: 2, column: 3, rows: 39, columns: 2 }]);
  });

  it('with no gap allowed, writes only the changed cells (how corrections are written)', () => {
    const blocks = planBlocks(
      [
        { row: 1, column: 0, value: 'x' },
        { row: 1, column: 4, value: 'y' },
        { row: 3, column: 0, value: 'z' },
      ],
      [true, true, true, true, true],
      0,
    );
    expect(blocks.reduce((n, b) => n + b.rows * b.columns, 0)).toBe(3);
  });

  it('refuses a change to a column Baton does not write', () => {
    expect(() => planBlocks([{ row: 1, column: 1, value: 'Eve' }], WRITABLE)).toThrow(/does not write column 2/);
  });
});

describe('columnOrigins', () => {
  it('follows headers wherever columns moved, and marks an inserted column new', () => {
    expect(columnOrigins(HEADER, ['Lead ID', '', 'Name', 'Email', 'Status', 'Owner'])).toEqual([0, -1, 1, 2, 3, 4]);
    expect(columnOrigins(HEADER, ['Lead ID', 'Email', 'Status', 'Owner'])).toEqual([0, 2, 3, 4]);
  });
  it('keeps a header renamed in place as the same column', () => {
    expect(columnOrigins(HEADER, ['Lead ID', 'Name', 'E-mail', 'Status', 'Owner'])).toEqual([0, 1, 2, 3, 4]);
  });
});

/** A run read `before`, meant `expected`, wrote `wrote`; the tab is now `now`. */
function decide(before: CellValue[][], expected: CellValue[][], now: CellValue[][], wrote: [number, number, CellValue][], typed = new Map()) {
  return reconcile(before, expected, now, new Map(wrote.map(([r, c, v]) => [`${r}:${c}`, v])), WRITABLE, 0, typed);
}

describe('reconcile', () => {
  const before = [HEADER, row('L-1', 'Ana', 'Assigned', 'cy'), row('', 'Ben'), row('L-3', 'Cy', 'Assigned', 'ana')];
  const expected = [HEADER, row('L-1', 'Ana', 'Assigned', 'cy'), row('L-2', 'Ben', 'Assigned', 'ana'), row('L-3', 'Cy', 'Assigned', 'ana')];
  // The run wrote Ben's new ID, Status and Owner at row 2.
  const wrote: [number, number, CellValue][] = [
    [2, 0, 'L-2'],
    [2, 3, 'Assigned'],
    [2, 4, 'ana'],
  ];

  it('finds nothing to do when the writes landed where they were meant', () => {
    const r = decide(before, expected, expected, wrote);
    expect(r.fixes).toEqual([]);
    expect(r.rowOrigins).toEqual([0, 1, 2, 3]);
  });

  it('after a sort before the writes: puts back the lead that was written over, and writes the one that was missed', () => {
    // Sorted by name descending before the write: Cy at row 1, Ben at row 2 (unchanged), Ana at row 3... here: Ana and Cy swap,
    // and Ben moved to row 3, so the writes meant for Ben landed on Cy's row.
    const now = [HEADER, row('L-1', 'Ana', 'Assigned', 'cy'), ['L-2', 'Cy', 'cy@x.test', 'Assigned', 'ana'], row('', 'Ben')];
    const r = decide(before, expected, now, wrote);
    expect(r.rowOrigins).toEqual([0, 1, 3, 2]);
    expect(r.fixes).toEqual([
      { row: 2, column: 0, value: 'L-3' },
      { row: 3, column: 0, value: 'L-2' },
      { row: 3, column: 3, value: 'Assigned' },
      { row: 3, column: 4, value: 'ana' },
    ]);
  });

  it('after rows were inserted above: clears what landed on the new row, and writes the lead', () => {
    const now = [HEADER, ['', '', '', '', ''], row('L-1', 'Ana', 'Assigned', 'cy'), ['L-2', 'Ben', 'ben@x.test', 'Assigned', 'ana'], row('L-3', 'Cy', 'Assigned', 'ana')];
    // Row 2 was Ana's when written: Ben's values landed on Ana's row.
    const landed = [HEADER, ['', '', '', '', ''], ['L-2', 'Ana', 'ana@x.test', 'Assigned', 'ana'], row('', 'Ben'), row('L-3', 'Cy', 'Assigned', 'ana')];
    const r = decide(before, expected, landed, wrote);
    expect(r.rowOrigins).toEqual([0, -1, 1, 2, 3]);
    expect(r.fixes).toEqual([
      { row: 2, column: 0, value: 'L-1' },
      { row: 2, column: 4, value: 'cy' },
      { row: 3, column: 0, value: 'L-2' },
      { row: 3, column: 3, value: 'Assigned' },
      { row: 3, column: 4, value: 'ana' },
    ]);
    // Had the rows been inserted after the write, everything is in place.
    expect(decide(before, expected, now, wrote).fixes).toEqual([]);
  });

  it('after a column was inserted: puts back people’s data a write reached and writes each value under its header', () => {
    // A column inserted before Name: the writes at columns 3 and 4 landed in Email and Status.
    const now = [
      ['Lead ID', '', 'Name', 'Email', 'Status', 'Owner'],
      ['L-1', '', 'Ana', 'ana@x.test', 'Assigned', 'cy'],
      ['L-2', '', 'Ben', 'Assigned', 'ana', ''],
      ['L-3', '', 'Cy', 'cy@x.test', 'Assigned', 'ana'],
    ];
    const r = decide(before, expected, now, wrote);
    expect(r.columnOrigins).toEqual([0, -1, 1, 2, 3, 4]);
    expect(r.fixes).toEqual([
      { row: 2, column: 3, value: 'ben@x.test' },
      { row: 2, column: 4, value: 'Assigned' },
      { row: 2, column: 5, value: 'ana' },
    ]);
  });

  it('leaves a value a person typed after the writes, and puts back one a write replaced', () => {
    const typedStatus = new Map([['1:3', { value: 'Contacted', user: 'cy' }]]);
    // Typed after the write: it is there, and stays.
    const kept = [HEADER, row('L-1', 'Ana', 'Contacted', 'cy'), expected[2], expected[3]];
    expect(decide(before, expected, kept, wrote, typedStatus)).toMatchObject({ fixes: [], restored: [] });
    // Typed before a block wrote Ana's row back as read: put back, and reported.
    const replaced = decide(before, expected, expected, [...wrote, [1, 3, 'Assigned']], typedStatus);
    expect(replaced.fixes).toEqual([{ row: 1, column: 3, value: 'Contacted' }]);
    expect(replaced.restored).toEqual([{ row: 1, column: 3, value: 'Contacted', user: 'cy' }]);
    // Anyone's later value (not Baton's, not the typed one) is left alone.
    const later = [HEADER, row('L-1', 'Ana', 'Won', 'cy'), expected[2], expected[3]];
    expect(decide(before, expected, later, wrote, typedStatus).fixes).toEqual([]);
  });

  it('tells a copied row from its original by the Lead ID it shows', () => {
    const copied = [HEADER, row('L-1', 'Ana', 'Assigned', 'cy'), row('L-1', 'Ana', 'Assigned', 'cy')];
    const meant = [HEADER, row('L-1', 'Ana', 'Assigned', 'cy'), row('L-9', 'Ana', 'Duplicate', '')];
    const swapped = decide(copied, meant, [HEADER, meant[2], meant[1]], [
      [2, 0, 'L-9'],
      [2, 3, 'Duplicate'],
      [2, 4, ''],
    ]);
    expect(swapped.rowOrigins).toEqual([0, 2, 1]);
    expect(swapped.fixes).toEqual([]);
  });
});

describe('reconcile: a row deleted under the writes', () => {
  it('clears what a write left on the empty row below, ID included, rather than taking the ID for a lead', () => {
    const before = [HEADER, row('L-1', 'Ana', 'Assigned', 'cy'), row('', 'Ben')];
    const expected = [HEADER, before[1], row('L-2', 'Ben', 'Assigned', 'ana')];
    // Ben's row was deleted before the run wrote row 2: its values landed on the empty row there.
    const now = [HEADER, before[1], ['L-2', '', '', 'Assigned', 'ana']];
    const r = reconcile(before, expected, now, new Map([['2:0', 'L-2'], ['2:3', 'Assigned'], ['2:4', 'ana']]), WRITABLE, 0);
    expect(r.rowOrigins).toEqual([0, 1, -1]);
    expect(r.fixes).toEqual([
      { row: 2, column: 0, value: '' },
      { row: 2, column: 3, value: '' },
      { row: 2, column: 4, value: '' },
    ]);
  });
});

describe('reconcile: a new lead pasted over by another under the writes', () => {
  const before = [HEADER, row('L-1', 'Ana', 'Assigned', 'cy'), row('', 'Ben')];
  const expected = [HEADER, before[1], row('L-2', 'Ben', 'Assigned', 'ana')];
  const wrote = new Map<string, CellValue>([
    ['2:0', 'L-2'],
    ['2:3', 'Assigned'],
    ['2:4', 'ana'],
  ]);

  it('gives the pasted lead none of the new lead’s writes, its ID included (the Name tells)', () => {
    // Pat's row (no ID) was pasted over Ben's before the run wrote row 2.
    const now = [HEADER, before[1], ['L-2', 'Pat', 'pat@x.test', 'Assigned', 'ana']];
    const r = reconcile(before, expected, now, wrote, WRITABLE, 0, new Map(), 1);
    expect(r.rowOrigins).toEqual([0, 1, -1]);
    expect(r.fixes).toEqual([
      { row: 2, column: 0, value: '' },
      { row: 2, column: 3, value: '' },
      { row: 2, column: 4, value: '' },
    ]);
  });

  it('still follows the new lead when only its other people’s data changed (an e-mail fixed)', () => {
    const now = [HEADER, before[1], ['L-2', 'Ben', 'ben@fixed.test', 'Assigned', 'ana']];
    const r = reconcile(before, expected, now, wrote, WRITABLE, 0, new Map(), 1);
    expect(r.rowOrigins).toEqual([0, 1, 2]);
    expect(r.fixes).toEqual([]);
  });
});
