/** A run plans at most so many new rows (src/core/new-lead-cap.ts, issue 16): the first ones; rows with a Lead ID always. */
import { capNewLeads } from '../../src/core/new-lead-cap';

const header = ['Lead ID', 'Name'];

it('blanks new rows past the limit, keeps the first ones, every row with a Lead ID, and the positions', () => {
  const values = [header, ['', 'a'], ['L-AAAAAA', 'known'], ['', 'b'], ['', ''], ['', 'c'], ['', 'd']];
  const { values: capped, deferred } = capNewLeads(values, 0, 2);
  expect(deferred).toBe(2);
  expect(capped).toEqual([header, ['', 'a'], ['L-AAAAAA', 'known'], ['', 'b'], ['', ''], ['', ''], ['', '']]);
  expect(values[5]).toEqual(['', 'c']); // the snapshot itself is left as read
});

it('changes nothing under the limit or without a Lead ID column', () => {
  const values = [header, ['', 'a'], ['', 'b']];
  expect(capNewLeads(values, 0, 2)).toEqual({ values, deferred: 0 });
  expect(capNewLeads(values, undefined, 1)).toEqual({ values, deferred: 0 });
});
