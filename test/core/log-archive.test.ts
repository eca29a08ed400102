/** The log's size rule (src/core/log-archive.ts, issue 16): when it archives, and that nothing is lost. */
import { LOG_KEEP_MIN, logArchiveDue, logKeepRows, packLogRows, unpackLogRows } from '../../src/core/log-archive';

it('keeps at least 2,000 rows, and a tenth of the Leads tab\'s cells beyond that; archives at twice that', () => {
  expect(logKeepRows(20 * 1_000)).toBe(LOG_KEEP_MIN);
  expect(logKeepRows(20 * 100_000)).toBe(25_000);
  expect(logArchiveDue(4_000, 20 * 1_000)).toBe(false);
  expect(logArchiveDue(4_001, 20 * 1_000)).toBe(true);
});

it('packs rows into cells under the cell limit and gives them back in order, dates as dates', () => {
  const rows = Array.from({ length: 3_000 }, (_, i) => [new Date(Date.UTC(2026, 2, 2, 14, 0, i)), `L-${i}`, 'assigned', '', 'ana@acme.test', 'Baton', `rule North, turn ${i}`, 3]);
  const cells = packLogRows(rows);
  expect(cells.length).toBeGreaterThan(1);
  expect(cells.length).toBeLessThan(30);
  for (const c of cells) expect(c.length).toBeLessThanOrEqual(45_000);
  const back = unpackLogRows(cells);
  expect(back).toEqual(rows);
  expect(back[7][0]).toBeInstanceOf(Date);
});

it('a damaged cell loses its own rows only', () => {
  const cells = packLogRows(Array.from({ length: 2_000 }, (_, i) => [i, 'x'.repeat(100)]));
  const back = unpackLogRows([cells[0], '{broken', ...cells.slice(1)]);
  expect(back).toHaveLength(2_000);
});
