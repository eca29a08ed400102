/** The example config of SPEC.md, verbatim. */
export const SPEC_EXAMPLE = {
  version: 1,
  leadsSheet: 'Leads',
  columns: { email: 'Email', phone: 'Phone' },
  timeZone: 'America/New_York',
  managers: ['maria@acme.test'],
  intake: {
    contact: 'email_or_phone',
    required: ['interest', 'location', 'consent', 'source', 'campaign'],
    phoneRegion: 'US',
    interests: ['Solar', 'Battery', 'EV charger'],
    serviceAreas: ['North', 'South'],
    consent: { granted: ['Yes'], denied: ['No'] },
  },
  readiness: { all: [{ field: 'dealSize', op: '>=', value: 1000 }] },
  team: [
    { email: 'ana@acme.test', name: 'Ana', active: true, capacity: 25, weight: 2, away: [{ from: '2026-03-02', to: '2026-03-06' }] },
    { email: 'ben@acme.test', name: 'Ben', active: true, capacity: 10, weight: 1 },
    { email: 'cy@acme.test', name: 'Cy', active: true, capacity: 25, weight: 1 },
    { email: 'maria@acme.test', name: 'Maria', active: true, capacity: 100, weight: 1 },
  ],
  routing: {
    rules: [
      { name: 'Enterprise', when: { all: [{ field: 'dealSize', op: '>=', value: 50000 }] }, assignTo: ['ben@acme.test'], balance: 'round_robin' },
      { name: 'North', when: { any: [{ field: 'location', op: 'in', value: ['North'] }] }, assignTo: ['ana@acme.test', 'cy@acme.test'], balance: 'weighted' },
    ],
    fallback: ['maria@acme.test'],
  },
  sla: {
    targets: [
      { name: 'Hot', when: { all: [{ field: 'customerType', op: '=', value: 'Business' }] }, minutes: 15 },
      { name: 'Standard', minutes: 60 },
    ],
    businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    holidays: ['2026-12-25'],
    dueSoonPercent: 80,
    escalation: { afterMinutes: 30, action: 'reassign' },
  },
  alerts: { ownerBreachEmails: true, failureEmails: true },
  report: { weekday: 1, hour: 8 },
};
