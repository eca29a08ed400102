import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { LEAD_HEADERS } from '../../src/core/headers';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H = [...LEAD_HEADERS];
const row = (name: string, location: string, deal: number) =>
  H.map((h) =>
    ({ Name: name, Email: `${name.toLowerCase()}@example.com`, Interest: 'Solar', Location: location, Consent: 'Yes', Source: 'Web', Campaign: 'Spring', 'Deal Size': deal, 'Customer Type': 'Home' })[h as string] ?? '',
  );

describe('getFairness (server function for the sidebar)', () => {
  it('reports per member open leads, capacity, weight, recent share and availability, and the rule pointers', () => {
    const run = new ScenarioRun(
      parseScenario(
        scenario({
          config: SPEC_EXAMPLE, // Ana is away 2026-03-02..06
          sheets: { Leads: [H, row('Ann', 'North', 5000), row('Bo', 'North', 5000), row('Cal', 'South', 5000), row('Dee', 'North', 60000)] },
          until: '2026-03-02T09:10:00-05:00',
        }),
      ),
      builtProject(),
    );
    run.run();
    const view = run.call(OWNER, 'getFairness', []) as {
      members: { email: string; openLeads: number; capacity: number; weight: number; assignedLast7Days: number; available: boolean; reason: string }[];
      pools: { rule: string; last: string | null }[];
    };
    const by = Object.fromEntries(view.members.map((m) => [m.email, m]));
    expect(by['ana@acme.test']).toMatchObject({ openLeads: 0, available: false, reason: 'away until 2026-03-06', weight: 2, capacity: 25 });
    expect(by['cy@acme.test']).toMatchObject({ openLeads: 2, assignedLast7Days: 2, available: true });
    expect(by['ben@acme.test']).toMatchObject({ openLeads: 1, assignedLast7Days: 1 });
    expect(by['maria@acme.test']).toMatchObject({ openLeads: 1, assignedLast7Days: 1 });
    expect(view.pools.map((p) => [p.rule, p.last]).sort()).toEqual([
      ['(fallback)', 'maria@acme.test'],
      ['Enterprise', 'ben@acme.test'],
      ['North', 'cy@acme.test'],
    ]);
  });
});
