/**
 * Baton State is two columns wide (issue 16): Lead ID and one packed Record, where it was as wide
 * as the Leads tab; the nine-column layout an existing deployment has is still read.
 */
import { isWideStateHeader, readState, STATE_HEADERS, stateRows, type LeadState } from '../../src/core/lead-state';

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
  expect(readState(wide, true).get('L-AAAAAA')).toEqual(lead);
});

it('a damaged record forgets that lead\'s past, not the lead', () => {
  const state = readState([['L-AAAAAA', '{not json'], ...stateRows([{ ...lead, leadId: 'L-BBBBBB' }])]);
  expect(state.get('L-AAAAAA')!.status).toBe('');
  expect(state.get('L-BBBBBB')!.owner).toBe('ana@acme.test');
});
