/** The sidebar's words for the server's validation messages (sidebar/wording.ts). */
import { KEY_LABELS, sidebarMessage } from '../../sidebar/wording';

describe('sidebarMessage', () => {
  it.each([
    ['assignTo must name at least one person', '“Assign to” must name at least one person'],
    ["routing rule 'North': assignTo must name at least one person", "routing rule 'North': “Assign to” must name at least one person"],
    ["team member 'ben@acme.test': capacity must be at least 0.", "team member 'ben@acme.test': “Capacity” must be at least 0."],
    ['sweepMinutes must be 1, 5, 10, 15 or 30.', '“Check for new leads every” must be 1, 5, 10, 15 or 30.'],
    ['consent granted must be a list', '“Consent given when Consent is” must be a list'],
    // Not a key: kept as the core wrote it.
    ['team: ana@acme.test is listed more than once.', 'team: ana@acme.test is listed more than once.'],
    ['Only managers can change the settings.', 'Only managers can change the settings.'],
  ])('%s → %s', (message, shown) => {
    expect(sidebarMessage(message)).toBe(shown);
  });

  it('has a label for every camel-cased key the config schema names in a message', () => {
    for (const key of ['assignTo', 'timeZone', 'sweepMinutes', 'phoneRegion', 'ownerBreachEmails', 'failureEmails', 'dueSoonEmails', 'dueSoonPercent', 'afterMinutes', 'leadsSheet', 'serviceAreas']) {
      expect(KEY_LABELS[key]).toEqual(expect.any(String));
    }
  });
});
