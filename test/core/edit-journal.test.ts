/**
 * The edit journal (core/edit-journal.ts): edits named by lead and header, found again wherever
 * their rows moved, and what a run makes of them.
 */
import type { CellValue } from '../../src/core/conditions';
import { JOURNAL_KEEP_MS, journalRows, overwrittenEdits, RowIndex, rowPrint, settled, typedBy, typedSince, type JournalEdit } from '../../src/core/edit-journal';
import { batonHeaders } from '../../src/core/lead-columns';

const baton = batonHeaders(null);
const HEADER = ['Lead ID', 'Name', 'Email', 'Status', 'Owner'];
const tab: CellValue[][] = [HEADER, ['L-AAAAAA', 'Ana', 'ana@x.test', 'Assigned', 'cy@acme.test'], ['', 'Ben', 'ben@x.test', 'New', ''], ['L-AAAAAA', 'Ana', 'ana@x.test', 'Assigned', 'cy@acme.test']];
const fieldOf = (h: string) => ({ 'Lead ID': 'leadId', Status: 'status', Owner: 'owner' })[h];

function edit(user: string, at: number, rows: JournalEdit['rows'], bulk = false): JournalEdit {
  return { sheet: 'Leads', user, at, bulk, rows };
}
const named = (values: CellValue[], cells: JournalEdit['rows'][number]['cells']) => ({ id: String(values[0]), print: rowPrint(HEADER, values, baton), cells });

describe('journalRows', () => {
  it('keeps a small edit whole, by header, and only the cells of Baton’s columns', () => {
    const rows = journalRows(HEADER, [tab[1]], 2, 1, 3, 0, baton)!;
    expect(rows).toEqual([{ id: 'L-AAAAAA', row: 2, print: rowPrint(HEADER, tab[1], baton), cells: [['Status', 'Assigned']] }]);
  });
  it('keeps a large paste by its non-empty cells of Baton’s columns, and none past its size limit', () => {
    const pasted = Array.from({ length: 60 }, (_, i): CellValue[] => ['', `P${i}`, `p${i}@x.test`, i === 7 ? 'Lost' : '', '']);
    const rows = journalRows(HEADER, pasted, 2, 0, 4, 0, baton)!;
    expect(rows.map((r) => r.cells)).toEqual([[['Status', 'Lost']]]);
    const huge = Array.from({ length: 3_000 }, (_, i): CellValue[] => [`L-${i}`, `P${i}`, `p${i}@x.test`, 'Lost', 'someone.with.a.long.address@acme.test']);
    expect(journalRows(HEADER, huge, 2, 0, 4, 0, baton)).toBeNull();
  });
});

describe('RowIndex', () => {
  const index = new RowIndex(tab, 0, baton);
  it('finds a row by its Lead ID, a copy among its look-alikes by its people’s data, a new row by its print', () => {
    expect(index.find({ id: '', print: rowPrint(HEADER, tab[2], baton) })).toBe(2);
    // Two rows show L-AAAAAA with the same people's data: neither is named once.
    expect(index.find({ id: 'L-AAAAAA', print: rowPrint(HEADER, tab[1], baton) })).toBe(-1);
    expect(new RowIndex(tab.slice(0, 3), 0, baton).find({ id: 'L-AAAAAA', print: 'anything' })).toBe(1);
    expect(index.find({ id: 'L-GONE00', print: 'x' })).toBe(-1);
  });
  it('finds a row edited before it had a Lead ID once a run has given it one, by its people’s data', () => {
    // Ben's row was journaled with no ID; the run handing it over wrote L-BBBBBB meanwhile.
    const handed = [HEADER, tab[1], ['L-BBBBBB', 'Ben', 'ben@x.test', 'Needs info', 'ben@acme.test']];
    expect(new RowIndex(handed, 0, baton).find({ id: '', print: rowPrint(HEADER, tab[2], baton), row: 3 })).toBe(2);
    // Two rows with that data (a copy): the one still at the edit's row, else neither.
    const twice = [...handed, ['L-CCCCCC', 'Ben', 'ben@x.test', 'Duplicate', '']];
    expect(new RowIndex(twice, 0, baton).find({ id: '', print: rowPrint(HEADER, tab[2], baton), row: 3 })).toBe(2);
    expect(new RowIndex(twice, 0, baton).find({ id: '', print: rowPrint(HEADER, tab[2], baton), row: 9 })).toBe(-1);
    // A row without an ID that matches is still the one found, before any row with an ID.
    const both = [...handed, ['', 'Ben', 'ben@x.test', '', '']];
    expect(new RowIndex(both, 0, baton).find({ id: '', print: rowPrint(HEADER, tab[2], baton), row: 3 })).toBe(3);
  });
  it('finds a row wherever a sort moved it, whatever Baton’s columns hold now', () => {
    const sorted = [HEADER, ['', 'Ben', 'ben@x.test', 'Ready', 'ana@acme.test'], tab[1]];
    expect(new RowIndex(sorted, 0, baton).find({ id: '', print: rowPrint(HEADER, tab[2], baton) })).toBe(1);
  });
});

describe('what a run makes of the journal', () => {
  const sheet: CellValue[][] = [HEADER, ['L-AAAAAA', 'Ana', 'ana@x.test', 'Assigned', 'cy@acme.test'], ['L-BBBBBB', 'Ben', 'ben@x.test', 'Assigned', 'ana@acme.test']];
  const contacted = edit('cy@acme.test', 1_000, [named(sheet[1], [['Status', 'Contacted']])]);
  const handed = edit('maria@acme.test', 2_000, [named(sheet[2], [['Owner', 'cy@acme.test']])], true);

  it('typedSince: the cells people typed since the run read the tab, keyed where that read had them; a value the read already held is not listed', () => {
    const typed = typedSince([contacted, handed], 'Leads', 500, sheet, 0, baton);
    expect([...typed]).toEqual([
      ['1:3', { value: 'Contacted', user: 'cy@acme.test' }],
      ['2:4', { value: 'cy@acme.test', user: 'maria@acme.test' }],
    ]);
    expect([...typedSince([contacted], 'Leads', 1_500, sheet, 0, baton)]).toEqual([]);
    const seen = [HEADER, ['L-AAAAAA', 'Ana', 'ana@x.test', 'Contacted', 'cy@acme.test'], sheet[2]];
    expect([...typedSince([contacted], 'Leads', 500, seen, 0, baton)]).toEqual([]);
    // A later edit back to the value read cancels the earlier one.
    const back = edit('ana@acme.test', 3_000, [named(sheet[1], [['Status', 'Assigned']])]);
    expect([...typedSince([contacted, back], 'Leads', 500, sheet, 0, baton)]).toEqual([]);
  });

  it('typedBy: who put each value a run finds there, by row and field, the latest such edit winning', () => {
    const now = [HEADER, ['L-BBBBBB', 'Ben', 'ben@x.test', 'Assigned', 'cy@acme.test'], ['L-AAAAAA', 'Ana', 'ana@x.test', 'Contacted', 'cy@acme.test']];
    expect(Object.fromEntries(typedBy([handed, contacted], 'Leads', now, 0, baton, fieldOf))).toEqual({
      '3:status': { actor: 'cy@acme.test', bulk: false },
      '2:owner': { actor: 'maria@acme.test', bulk: true },
    });
    // An edit the cell no longer shows explains nothing.
    expect([...typedBy([contacted], 'Leads', sheet, 0, baton, fieldOf)]).toEqual([]);
  });

  it('typedBy: a paste journaled after a one-cell edit it already shows does not take that edit from its editor', () => {
    // Zed re-pasted Ben's row; Cy typed Ben's Owner just after; the paste's cells, read when its
    // installable trigger journaled it (later), hold Cy's value too.
    const typed = edit('cy@acme.test', 1_000, [named(sheet[2], [['Owner', 'cy@acme.test']])]);
    const pasted = edit('zed@acme.test', 1_500, [named(sheet[2], [['Status', 'Assigned'], ['Owner', 'cy@acme.test']])], true);
    const now = [HEADER, sheet[1], ['L-BBBBBB', 'Ben', 'ben@x.test', 'Assigned', 'cy@acme.test']];
    expect(typedBy([typed, pasted], 'Leads', now, 0, baton, fieldOf).get('3:owner')).toEqual({ actor: 'cy@acme.test', bulk: false });
    expect(typedBy([typed, pasted], 'Leads', now, 0, baton, fieldOf).get('3:status')).toEqual({ actor: 'zed@acme.test', bulk: true });
    // A later one-cell edit still wins over an earlier paste, as before.
    const later = edit('ana@acme.test', 2_000, [named(sheet[2], [['Owner', 'cy@acme.test']])]);
    expect(typedBy([pasted, later], 'Leads', now, 0, baton, fieldOf).get('3:owner')).toEqual({ actor: 'ana@acme.test', bulk: false });
  });

  it('overwrittenEdits: a value typed after the last run read the tab, now showing what that run recorded instead', () => {
    // The last run read at 500 and recorded Ana Assigned; Cy's Contacted (journaled at 1,000) is gone.
    const recorded = (_row: number, column: number) => ({ 3: 'Assigned', 4: 'cy@acme.test' })[column];
    expect([...overwrittenEdits([contacted], 'Leads', 500, sheet, 0, baton, recorded)]).toEqual([['1:3', { value: 'Contacted', user: 'cy@acme.test' }]]);
    // Typed before that run read the tab: it saw the edit and judged it.
    expect([...overwrittenEdits([contacted], 'Leads', 1_500, sheet, 0, baton, recorded)]).toEqual([]);
    // The cell shows something the run did not record: someone else changed it since; left alone.
    expect([...overwrittenEdits([contacted], 'Leads', 500, sheet, 0, baton, () => 'New')]).toEqual([]);
    // Shown as typed: nothing to put back.
    const seen = [HEADER, ['L-AAAAAA', 'Ana', 'ana@x.test', 'Contacted', 'cy@acme.test'], sheet[2]];
    expect([...overwrittenEdits([contacted], 'Leads', 500, seen, 0, baton, recorded)]).toEqual([]);
  });

  it('a blank typed on a row with no Lead ID asks nothing once a run has given the row one; who typed it still counts', () => {
    // Zed pasted Ben's row with Lead ID and Owner empty while a run handed it over (L-BBBBBB, Ana).
    const pasted = edit('zed@acme.test', 1_000, [{ id: '', row: 3, print: rowPrint(HEADER, tab[2], baton), cells: [['Lead ID', ''], ['Status', 'New'], ['Owner', '']] }], true);
    const handed = [HEADER, sheet[1], ['L-BBBBBB', 'Ben', 'ben@x.test', 'New', 'ana@acme.test']];
    const recorded = (_row: number, column: number) => ({ 0: 'L-BBBBBB', 3: 'New', 4: 'ana@acme.test' })[column];
    expect([...typedSince([pasted], 'Leads', 500, handed, 0, baton)]).toEqual([]);
    expect([...overwrittenEdits([pasted], 'Leads', 500, handed, 0, baton, recorded)]).toEqual([]);
    expect(settled(pasted, 'Leads', handed, new RowIndex(handed, 0, baton), 2_000)).toBe(true);
    // Journaled after the run began (at 500): the run's read may predate the paste, which may have
    // cleared the ID the run wrote. Kept for the next run.
    expect(settled(pasted, 'Leads', handed, new RowIndex(handed, 0, baton), 500)).toBe(false);
    expect(typedBy([pasted], 'Leads', handed, 0, baton, fieldOf).get('3:status')).toEqual({ actor: 'zed@acme.test', bulk: true });
    // What the paste did type is still kept: a run that wrote over it puts it back.
    const over = [HEADER, sheet[1], ['L-BBBBBB', 'Ben', 'ben@x.test', 'Assigned', 'ana@acme.test']];
    const overRecorded = (_row: number, column: number) => ({ 3: 'Assigned', 4: 'ana@acme.test' })[column];
    expect([...overwrittenEdits([pasted], 'Leads', 500, over, 0, baton, overRecorded)]).toEqual([['2:3', { value: 'New', user: 'zed@acme.test' }]]);
    expect(settled(pasted, 'Leads', over, new RowIndex(over, 0, baton), 500)).toBe(false);
    // On a row still without an ID (a lead's ID cleared by the paste), the blanks stand until a run
    // has seen them: not settled by a run that began before the paste was journaled.
    const still = [HEADER, sheet[1], ['', 'Ben', 'ben@x.test', 'New', '']];
    expect(settled(pasted, 'Leads', still, new RowIndex(still, 0, baton), 500, () => true)).toBe(false);
    expect(settled(pasted, 'Leads', still, new RowIndex(still, 0, baton), 2_000, () => true)).toBe(true);
    // On a lead (a row with its ID), a blank is a person clearing the cell: kept.
    const cleared = edit('cy@acme.test', 1_000, [named(sheet[2], [['Owner', '']])]);
    expect([...overwrittenEdits([cleared], 'Leads', 500, sheet, 0, baton, () => 'ana@acme.test')]).toEqual([['2:4', { value: '', user: 'cy@acme.test' }]]);
  });

  it('settled: an entry is done with once a run read its values, its rows are gone, or it is an hour old', () => {
    const index = (values: CellValue[][]) => new RowIndex(values, 0, baton);
    expect(settled(contacted, 'Leads', sheet, index(sheet), 2_000)).toBe(false);
    const seen = [HEADER, ['L-AAAAAA', 'Ana', 'ana@x.test', 'Contacted', 'cy@acme.test']];
    expect(settled(contacted, 'Leads', seen, index(seen), 2_000)).toBe(true);
    const gone = [HEADER, sheet[2]];
    expect(settled(contacted, 'Leads', gone, index(gone), 2_000)).toBe(true);
    expect(settled(contacted, 'Leads', sheet, index(sheet), 1_000 + JOURNAL_KEEP_MS + 1)).toBe(true);
    // Shown in the read, but a value the run could not tell from no edit (and then wrote over),
    // journaled after the run began (at 500): it may have come after the read. Kept.
    const unseen = (i: number, c: number) => i === 1 && c === 3;
    expect(settled(contacted, 'Leads', seen, index(seen), 500, unseen)).toBe(false);
    // Journaled (at 1,000) before the run began (at 2,000): the edit came before, and the read had it.
    expect(settled(contacted, 'Leads', seen, index(seen), 2_000, unseen)).toBe(true);
  });
});
