/**
 * Baton State is two columns wide (issue 16): Lead ID and one packed Record, where it was as wide
 * as the Leads tab; the nine-column layout an existing deployment has is still read.
 */
import { isWideStateHeader, readState, recordedValue, STATE_HEADERS, stateRows, type LeadState } from '../../src/core/lead-state';

const lead: LeadState = {
  leadId: 'L-AAAAAA',
  status: 'Assigned',
  owner: 'ana@acme.test',
  assignedAt: new Date(Date.UTC(2026, 2, 2, 14)),
  slaDue: new Date(Date.UTC(2026, 2, 2, 15)),
  firstContact: '',
  sla: 'On track',
  problems: 'Phone is not a valid number.',
  history: '{"o":["cy@acme.test"]}',
  created: new Date(Date.UTC(2026, 2, 2, 13)),
};

it('writes a lead as two cells and reads it back whole, dates as dates', () => {
  const rows = stateRows([lead]);
  expect(STATE_HEADERS).toHaveLength(2);
  expect(rows[0]).toHaveLength(2);
  const back = readState(rows).get('L-AAAAAA')!;
  expect(back).toEqual(lead);
  expect(back.assignedAt).toBeInstanceOf(Date);
});

it('reads the nine-column layout of before, told by its header', () => {
  const header = ['Lead ID', 'Status', 'Owner', 'Assigned At', 'SLA Due', 'First Contact', 'SLA', 'Problems', 'History'];
  expect(isWideStateHeader(header)).toBe(true);
  expect(isWideStateHeader(STATE_HEADERS)).toBe(false);
  const wide = [['L-AAAAAA', 'Assigned', 'ana@acme.test', lead.assignedAt, lead.slaDue, '', 'On track', lead.problems, lead.history]];
  // That layout kept no Created: unknown, not empty.
  const read = readState(wide, true).get('L-AAAAAA')!;
  expect(read).toEqual({ ...lead, created: '' });
  expect(recordedValue(read, 'created')).toBeUndefined();
  expect(recordedValue(read, 'firstContact')).toBe('');
});

it('a damaged record forgets that lead\'s past, not the lead', () => {
  const state = readState([['L-AAAAAA', '{not json'], ...stateRows([{ ...lead, leadId: 'L-BBBBBB' }])]);
  expect(state.get('L-AAAAAA')!.status).toBe('');
  expect(state.get('L-BBBBBB')!.owner).toBe('ana@acme.test');
});

it('keeps Created, and reads a record written before it was kept as not knowing it', () => {
  const [, record] = stateRows([lead])[0];
  expect(recordedValue(readState([['L-AAAAAA', record]]).get('L-AAAAAA'), 'created')).toEqual(lead.created);
  // The same record as it was written before Created was kept: eight packed fields.
  const before = JSON.stringify((JSON.parse(String(record)) as unknown[]).slice(0, 8));
  const old = readState([['L-AAAAAA', before]]).get('L-AAAAAA')!;
  expect(old.created).toBe('');
  expect(recordedValue(old, 'created')).toBeUndefined();
  expect(old.owner).toBe('ana@acme.test');
});
