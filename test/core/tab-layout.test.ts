import { LEAD_HEADERS, fieldKey, leadHeaders } from '../../src/core/headers';
import { planTab } from '../../src/core/tab-layout';

describe('field keys', () => {
  it('camel-cases the default headers as SPEC.md lists them', () => {
    expect(LEAD_HEADERS.map(fieldKey)).toEqual([
      'leadId', 'created', 'name', 'email', 'phone', 'company', 'interest', 'location', 'consent', 'source',
      'campaign', 'dealSize', 'customerType', 'status', 'owner', 'assignedAt', 'slaDue', 'firstContact', 'sla', 'problems',
    ]);
  });

  it('renames headers through columns', () => {
    const headers = leadHeaders({ email: 'E-mail address' });
    expect(headers[3]).toBe('E-mail address');
    expect(headers[4]).toBe('Phone');
  });
});

describe('planTab', () => {
  const spec = { name: 'Leads', headers: ['Lead ID', 'Name', 'Email'] };

  it('creates a missing tab with every header', () => {
    expect(planTab(spec, null)).toEqual({ kind: 'create', name: 'Leads', headers: ['Lead ID', 'Name', 'Email'] });
  });

  it('adopts a tab, appending only missing headers after the last used column', () => {
    const action = planTab(spec, { name: 'Leads', headerRow: ['Name', 'Notes', 'email '], lastColumn: 4 });
    expect(action).toEqual({ kind: 'adopt', name: 'Leads', appendHeaders: ['Lead ID'], atColumn: 5, problems: [] });
  });

  it('reports a duplicated header instead of guessing', () => {
    const action = planTab(spec, { name: 'Leads', headerRow: ['Lead ID', 'Name', 'Email', 'Email'], lastColumn: 4 });
    expect(action.kind === 'adopt' && action.problems).toEqual([
      'The header "Email" appears more than once in "Leads"; Baton uses the first one. Rename the others.',
    ]);
  });
});
