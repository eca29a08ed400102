/** Which missing Leads headers Set up Baton may add (issue 14, finding 9). */
import { LEAD_HEADERS } from '../../src/core/headers';
import { columnLetter, guardMissingHeaders, looseText, type HeaderGuardInput } from '../../src/core/renamed-headers';

const base = (over: Partial<HeaderGuardInput>): HeaderGuardInput => ({
  missing: [{ header: 'Email', field: 'email' }],
  headerRow: ['Lead ID', 'Name', 'E-mail'],
  batonHeaders: [...LEAD_HEADERS],
  sample: [['L-ABCDEF', 'Ann', 'ann@example.com']],
  hasLeads: true,
  setUpBefore: true,
  leadsSheet: 'Leads',
  ...over,
});

describe('guardMissingHeaders', () => {
  it('adds every missing header to a tab that holds no lead yet', () => {
    expect(guardMissingHeaders(base({ hasLeads: false, sample: [] }))).toEqual({ append: ['Email'], withheld: [] });
  });

  it('withholds a header renamed by case, spacing or punctuation, naming the column and both fixes', () => {
    const g = guardMissingHeaders(base({}));
    expect(g.append).toEqual([]);
    expect(g.withheld).toEqual([{ header: 'Email', candidates: [{ column: 'C', header: 'E-mail' }], message: expect.any(String) }]);
    expect(g.withheld[0].message).toBe(
      'The "Leads" tab has no "Email" column and already holds leads, so Set up Baton did not add an empty one. "E-mail" (column C) looks like it. ' +
        'Rename that column\'s header back to "Email", or map its header to Email under Extensions › Baton › Settings › General › Column headers.',
    );
  });

  it('finds a renamed column by its values: e-mails, phone numbers, Lead IDs', () => {
    const row = ['Ann', 'ann@example.com', '+1 212 555 0101', 'L-ABCDEF'];
    const input = (header: string, field: string) =>
      base({ missing: [{ header, field }], headerRow: ['Name', 'Contact', 'Tel', 'Ref'], sample: [row, row] });
    expect(guardMissingHeaders(input('Email', 'email')).withheld[0].candidates).toEqual([{ column: 'B', header: 'Contact' }]);
    expect(guardMissingHeaders(input('Phone', 'phone')).withheld[0].candidates).toEqual([{ column: 'C', header: 'Tel' }]);
    expect(guardMissingHeaders(input('Lead ID', 'leadId')).withheld[0].candidates).toEqual([{ column: 'D', header: 'Ref' }]);
  });

  it('never offers a column Baton uses as a candidate (Owner holds e-mails too)', () => {
    const g = guardMissingHeaders(base({ headerRow: ['Name', 'Owner'], sample: [['Ann', 'ana@acme.test']] }));
    expect(g.withheld[0].candidates).toEqual([]);
    expect(g.withheld[0].message).toContain('if it was deleted, add a column headed "Email" yourself');
  });

  it('once Baton was set up, withholds any missing header of a tab with leads, even with no candidate', () => {
    const g = guardMissingHeaders(base({ missing: [{ header: 'Consent', field: 'consent' }], headerRow: ['Name'], sample: [['Ann']] }));
    expect(g).toEqual({ append: [], withheld: [expect.objectContaining({ header: 'Consent', candidates: [] })] });
  });

  it('adopting a tab with leads on the first setup: adds what nothing looks like, withholds the rest', () => {
    const g = guardMissingHeaders(
      base({
        setUpBefore: false,
        missing: [
          { header: 'Lead ID', field: 'leadId' },
          { header: 'Email', field: 'email' },
        ],
        headerRow: ['Name', 'E-Mail Address', 'My notes'],
        sample: [['Dana', 'dana@example.com', 'call after 5']],
      }),
    );
    expect(g.append).toEqual(['Lead ID']);
    expect(g.withheld.map((w) => [w.header, w.candidates])).toEqual([['Email', [{ column: 'B', header: 'E-Mail Address' }]]]);
  });

  it('names several candidates, and an unnamed column by its letter', () => {
    const g = guardMissingHeaders(base({ headerRow: ['Name', 'e mail', ''], sample: [['Ann', '', 'ann@example.com']] }));
    expect(g.withheld[0].message).toContain('"e mail" (column B), the unnamed column C look like it. Rename the right column\'s header back to "Email"');
  });
});

describe('helpers', () => {
  it('compares headers without case, spaces or punctuation, and letters columns as Sheets does', () => {
    expect(looseText(' Lead_ID ')).toBe('leadid');
    expect(['A', 'Z', 'AA', 'AZ', 'BA'].map((_, i) => columnLetter([0, 25, 26, 51, 52][i]))).toEqual(['A', 'Z', 'AA', 'AZ', 'BA']);
  });
});
