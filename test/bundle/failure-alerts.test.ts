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

describe('the daily reminder of lasting failures', () => {
  it('reminds the managers at most once a day, one line per kind, while failures last', () => {
    const r = new ScenarioRun(parseScenario(scenario({ config: NOBODY, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
    r.install();
    r.rt.clock.set(ms('09:00'));
    r.apply({ at: '2026-03-02T09:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo'))] } as never);
    // Three days of sweeps, every 5 minutes.
    r.fireClockUntil(ms('09:00') + 3 * 24 * 60 * 60 * 1000);
    const reminders = mailState(r.rt).sent.filter((m) => m.to === OWNER && m.body.includes('open for more than a day'));
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect(reminders.length).toBeLessThanOrEqual(3);
    expect(reminders[0].body).toContain('2 failure(s) have been open for more than a day: 2 × no available owner');
    const days = reminders.map((m) => m.at);
    for (let i = 1; i < days.length; i++) expect(days[i] - days[i - 1]).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
  });
});

describe('each data failure kind', () => {
  const TEAM = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
  const H = [...LEAD_HEADERS];

  function scenarioWith(rows: unknown[][]) {
    const r = new ScenarioRun(parseScenario(scenario({ config: TEAM, sheets: { Leads: [H] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
    r.install();
    r.rt.clock.set(ms('09:00'));
    r.apply({ at: '2026-03-02T09:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows } as never);
    r.fireClockUntil(ms('10:00'));
    return r;
  }

  it.each([
    ['owner not on team', () => scenarioWith([wholeRow(completeLead('Ann', { Owner: 'zed@elsewhere.test' }))])],
  ])('%s: one row, and the managers are told once', (kind, make) => {
    const r = make();
    const rows = r.result().sheets['Baton Failures'].slice(1).filter((f) => f[2] === kind);
    expect(rows.map((f) => f[7])).toEqual(['open']);
    const told = mailState(r.rt).sent.filter((m) => m.to === OWNER && m.body.includes('A handoff failed'));
    expect(told).toHaveLength(1);
  });
});
