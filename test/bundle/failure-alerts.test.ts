/** Managers hear of each new failure once, in their digest, with what to do. */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { mailState } from '../../emulator/services/mail';
import { LEAD_HEADERS } from '../../src/core/headers';
import { completeLead, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const ms = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00-05:00`);
/** Nobody can take a lead: Maria (the manager) is inactive and everyone else away this week. */
const NOBODY = {
  ...SPEC_EXAMPLE,
  team: SPEC_EXAMPLE.team.map((m) => (m.email === OWNER ? { ...m, active: false } : { ...m, away: [{ from: '2026-03-02', to: '2026-03-06' }] })),
};

function run(config: Record<string, unknown>) {
  const r = new ScenarioRun(parseScenario(scenario({ config, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
  r.install();
  r.rt.clock.set(ms('09:00'));
  r.apply({ at: '2026-03-02T09:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo'))] } as never);
  r.fireClockUntil(ms('11:00'));
  return mailState(r.rt).sent.filter((m) => m.to === OWNER);
}

describe('failure e-mails to managers', () => {
  it('sends each new failure once, both in one digest, with the reason and what to do, escaped', () => {
    const mails = run(NOBODY);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Baton: 2 things need attention');
    expect(mails[0].body.match(/A handoff failed \(L-/g)).toHaveLength(2);
    expect(mails[0].body).toContain('No available owner');
    expect(mails[0].body).toContain('Make someone available');
    expect(mails[0].htmlBody).toContain('#gid=');
    expect(mails[0].htmlBody).not.toMatch(/<(?!\/?(li|strong|a|ul|p)\b)/);
  });

  it('sends nothing when failure e-mails are turned off', () => {
    expect(run({ ...NOBODY, alerts: { ownerBreachEmails: true, failureEmails: false } })).toEqual([]);
  });
});
