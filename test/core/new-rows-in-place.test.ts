/**
 * The decisions of the sweep that plans added rows alone (src/core/new-rows-in-place.ts, issue 16):
 * when rows were only added, the open leads the mark counts, the search for known contact keys,
 * and the mark's agenda kept bounded as new leads join it.
 */
import { locateColumns } from '../../src/core/lead-columns';
import { LEAD_HEADERS } from '../../src/core/headers';
import { parseConfig, type BatonConfig } from '../../src/core/config';
import { editBelowTab, knownTextPattern, LOADS_MAX, NEW_ROWS_MAX, newRows, openLoads } from '../../src/core/new-rows-in-place';
import { AGENDA_MAX, markAfterRows, type AgendaEntry, type SweepMark } from '../../src/core/sweep-mark';

const T = Date.parse('2026-03-02T09:00:00-05:00');
const MIN = 60_000;
const H = [...LEAD_HEADERS];
const mark: SweepMark = { configRevision: 3, sheet: 'Leads', lastRow: 11, lastColumn: 20, readAt: T, nextCheckAt: T + 30 * MIN, header: 'h', tail: 'L-AAAAAA', loads: { 'ana@acme.test': 2 } };
const sight = { now: T + 10 * MIN, configRevision: 3, lastRow: 14, lastColumn: 20, pending: false, journalEntries: 0, backoff: false };

describe('newRows', () => {
  it('names the rows added below the mark when nothing else is owed', () => {
    expect(newRows(mark, sight)).toEqual({ first: 12, last: 14 });
    expect(newRows(mark, { ...sight, lastRow: 11 + NEW_ROWS_MAX })).toEqual({ first: 12, last: 11 + NEW_ROWS_MAX });
  });

  it.each([
    ['no row added', mark, { ...sight, lastRow: 11 }],
    ['rows gone', mark, { ...sight, lastRow: 10 }],
    ['more than NEW_ROWS_MAX rows', mark, { ...sight, lastRow: 12 + NEW_ROWS_MAX }],
    ['a column added', mark, { ...sight, lastColumn: 21 }],
    ['an SLA instant reached', mark, { ...sight, now: T + 30 * MIN }],
    ['an edit journaled', mark, { ...sight, journalEntries: 1 }],
    ['a run left half done', mark, { ...sight, pending: true }],
    ['another config', mark, { ...sight, configRevision: 4 }],
    ['a mark without open leads', { ...mark, loads: undefined }, sight],
    ['a mark whose last row holds no lead', { ...mark, tail: '' }, sight],
    ['an empty tab', { ...mark, lastRow: 1 }, sight],
  ])('is null with %s', (_, m, s) => {
    expect(newRows(m, s)).toBeNull();
  });
});

describe('editBelowTab', () => {
  it('is an edit below the mark\'s last row, within the rows a run plans alone', () => {
    expect(editBelowTab(mark, { rowStart: 12, rowEnd: 12 })).toBe(true);
    expect(editBelowTab(mark, { rowStart: 12, rowEnd: 11 + NEW_ROWS_MAX })).toBe(true);
    expect(editBelowTab(mark, { rowStart: 12, rowEnd: 12 + NEW_ROWS_MAX })).toBe(false);
    // The mark's last row itself, a lead above it, no mark, no range: not below the tab.
    expect(editBelowTab(mark, { rowStart: 11, rowEnd: 12 })).toBe(false);
    expect(editBelowTab(mark, { rowStart: 5, rowEnd: 5 })).toBe(false);
    expect(editBelowTab(null, { rowStart: 12, rowEnd: 12 })).toBe(false);
    expect(editBelowTab(mark, undefined)).toBe(false);
  });
});

describe('openLoads', () => {
  const config = (parseConfig({ version: 1, managers: ['maria@acme.test'] }, 'America/New_York') as { ok: true; config: BatonConfig }).config;
  const columns = locateColumns(H, config);
  const row = (status: string, owner: string) => H.map((h) => (h === 'Status' ? status : h === 'Owner' ? owner : ''));

  it('counts Assigned and Contacted leads per owner, by lower-case address, as routing does', () => {
    const rows = [row('Assigned', 'Ana@Acme.test'), row('Contacted', 'ana@acme.test'), row('Won', 'ana@acme.test'), row('Ready', 'ben@acme.test'), row('Assigned', ''), row('Assigned', 'ben@acme.test')];
    expect(openLoads(rows, columns)).toEqual({ 'ana@acme.test': 2, 'ben@acme.test': 1 });
  });

  it('keeps no count past LOADS_MAX owners (owners typed by hand): the mark stays small', () => {
    const rows = Array.from({ length: LOADS_MAX + 1 }, (_, i) => row('Assigned', `owner${i}@acme.test`));
    expect(openLoads(rows, columns)).toBeNull();
    expect(openLoads(rows.slice(1), columns)).not.toBeNull();
  });
});

describe('knownTextPattern', () => {
  it('finds each text as written, anywhere in a cell, and nothing that only looks like one', () => {
    const pattern = knownTextPattern(['a.b+c@x.com', '+12125550101', 'L-ABCDEF', ''])!;
    const re = new RegExp(pattern, 'i');
    for (const cell of ['["Assigned",{"e":"a.b+c@x.com"}]', 'p:+12125550101', 'L-ABCDEF', 'xl-abcdefx']) expect([cell, re.test(cell)]).toEqual([cell, true]);
    for (const cell of ['aXb+c@x.com', 'a.bbc@x.com', '12125550101', 'L-ABCDEG']) expect([cell, re.test(cell)]).toEqual([cell, false]);
  });

  it('is null for a text JSON would escape in a record (it could not be found as written), empty with nothing to find', () => {
    expect(knownTextPattern(['a"b@x.com'])).toBeNull();
    expect(knownTextPattern(['a\\b@x.com'])).toBeNull();
    expect(knownTextPattern([''])).toBe('');
  });
});

describe('markAfterRows', () => {
  it('adds each new lead\'s next instant, and keeps the agenda to AGENDA_MAX with its end moved to the first left out', () => {
    const agenda: AgendaEntry[] = Array.from({ length: AGENDA_MAX - 2 }, (_, i) => [2 + i, `L-OLD${String(i).padStart(3, '0')}`, T + (20 + i) * MIN]);
    const base: SweepMark = { ...mark, agenda, agendaEnd: T + 600 * MIN, nextCheckAt: T + 20 * MIN };
    const added: [number, string, number | null][] = [
      [30, 'L-NEW001', T + 15 * MIN],
      [31, 'L-NEW002', T + 100 * MIN],
      [32, 'L-NEW003', null],
      [33, 'L-NEW004', T + 700 * MIN],
      [34, 'L-NEW005', T + 30 * MIN],
    ];
    const next = markAfterRows(base, added);
    expect(next.agenda).toHaveLength(AGENDA_MAX);
    expect(next.agenda![0]).toEqual([30, 'L-NEW001', T + 15 * MIN]);
    expect(next.nextCheckAt).toBe(T + 15 * MIN);
    // 18 old + 3 new before the end: the latest is left out, and the end moves to it.
    const kept = next.agenda!.map((e) => e[2]);
    expect(Math.max(...kept)).toBeLessThan(next.agendaEnd!);
    expect(next.agendaEnd).toBe(T + 100 * MIN);
    expect(next.agenda!.some((e) => e[1] === 'L-NEW004')).toBe(false);
  });
});
