/** Managers hear of each new failure once, in their digest, with what to do. */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { lockState } from '../../emulator/services/lock';
import { mailState } from '../../emulator/services/mail';
import { propertiesState } from '../../emulator/services/properties';
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

function run(config: Record<string, unknown>, before: (r: ScenarioRun) => void = () => {}) {
  const r = new ScenarioRun(parseScenario(scenario({ config, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
  r.install();
  r.rt.clock.set(ms('09:00'));
  before(r);
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

  it('still sends a new failure once when the run that found it could not queue its alert', () => {
    // The first sweep after the leads arrive finds both failures; the properties refuse its write
    // of the alerts (the outbox lives there), and the run stops.
    const mails = run(NOBODY, (r) => r.rt.injectFault({ method: 'Properties.setProperties', error: 'service', times: 1 }));
    const told = mails.flatMap((m) => m.body.match(/A handoff failed \(L-[A-Z0-9]+/g) ?? []);
    expect(told).toHaveLength(2);
    expect(new Set(told).size).toBe(2);
  });

  it('tells of a run that stopped even when its alert could not be queued the first time', () => {
    // Sweeps in a row stop on a service error; the first cannot queue the managers' alert either.
    const mails = run(SPEC_EXAMPLE, (r) => {
      r.rt.injectFault({ method: 'Range.getValues', error: 'service', times: 6 });
      r.rt.injectFault({ method: 'Properties.setProperties', error: 'service', times: 1 });
    });
    expect(mails.filter((m) => m.body.includes('The sweep failed')).length).toBe(1);
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

  const rowsOf = (r: ScenarioRun, kind: string) => r.result().sheets['Baton Failures'].slice(1).filter((f) => f[2] === kind);
  const ownerColumn = String.fromCharCode(65 + H.indexOf('Owner'));

  it.each([
    [
      'owner not on team',
      () => scenarioWith([wholeRow(completeLead('Ann', { Owner: 'zed@elsewhere.test' }))]),
      (r: ScenarioRun) => r.apply({ at: '2026-03-02T10:00:00-05:00', type: 'edit', user: OWNER, sheet: 'Leads', range: `${ownerColumn}2`, values: [['ana@acme.test']] } as never),
    ],
    [
      'no available owner',
      () => {
        const r = scenarioWith([]);
        expect((r.call(OWNER, 'saveConfig', [NOBODY]) as { ok: boolean }).ok).toBe(true);
        r.apply({ at: '2026-03-02T10:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann'))] } as never);
        r.fireClockUntil(ms('11:00'));
        return r;
      },
      (r: ScenarioRun) => expect((r.call(OWNER, 'saveConfig', [TEAM]) as { ok: boolean }).ok).toBe(true),
    ],
  ])('%s: one row with the lead, the managers told once, then resolved once the data is fixed', (kind, make, fix) => {
    const r = make();
    const rows = rowsOf(r, kind);
    expect(rows.map((f) => f[7])).toEqual(['open']);
    expect(String(rows[0][0])).toMatch(/^L-[0-9A-Z]{6}$/);
    const told = () => mailState(r.rt).sent.filter((m) => m.to === OWNER && m.body.includes('A handoff failed'));
    expect(told()).toHaveLength(1);
    expect(told()[0].body).toContain(String(rows[0][0]));
    fix(r);
    r.fireClockUntil(r.rt.now() + 60 * 60_000);
    expect(rowsOf(r, kind).map((f) => f[7])).toEqual(['resolved']);
    const lead = r.result().sheets['Leads'][1];
    expect(lead[H.indexOf('Status')]).toBe('Assigned');
    expect(told()).toHaveLength(1);
  });
});

describe('sheet- and config-level failures', () => {
  const H = [...LEAD_HEADERS];
  const TEAM = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
  const told = (r: ScenarioRun, what: string) =>
    mailState(r.rt).sent.filter((m) => m.to === OWNER && m.body.includes('A handoff failed') && m.body.includes(what));
  const rowsOf = (r: ScenarioRun, kind: string) => r.result().sheets['Baton Failures'].slice(1).filter((f) => f[2] === kind);

  function started(): ScenarioRun {
    const r = new ScenarioRun(parseScenario(scenario({ config: TEAM, sheets: { Leads: [H] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
    r.install();
    r.rt.clock.set(ms('09:00'));
    return r;
  }

  it('missing header: a header renamed by a person is queued by the edit run, mailed once by the next sweep, and resolved when it is back', () => {
    const r = started();
    const email = String.fromCharCode(65 + H.indexOf('Email'));
    r.apply({ at: '2026-03-02T09:00:00-05:00', type: 'edit', user: OWNER, sheet: 'Leads', range: `${email}1`, values: [['E-mail address']] } as never);
    r.fireClockUntil(ms('10:00'));
    expect(rowsOf(r, 'missing header').map((f) => f[7])).toEqual(['open']);
    expect(told(r, 'no "Email" column')).toHaveLength(1);
    r.apply({ at: '2026-03-02T10:00:00-05:00', type: 'edit', user: OWNER, sheet: 'Leads', range: `${email}1`, values: [['Email']] } as never);
    r.fireClockUntil(ms('11:00'));
    expect(rowsOf(r, 'missing header').map((f) => f[7])).toEqual(['resolved']);
    expect(told(r, 'no "Email" column')).toHaveLength(1);
  });

  it('lock timeout: one row, the managers told once, resolved when the lock is free again', () => {
    const r = started();
    lockState(r.rt).hold('script');
    r.fireClockUntil(ms('09:30'));
    lockState(r.rt).release('script');
    r.fireClockUntil(ms('10:30'));
    expect(rowsOf(r, 'lock timeout').map((f) => f[7])).toEqual(['resolved']);
    expect(told(r, 'waited too long for another Baton run')).toHaveLength(1);
  });

  describe('invalid config', () => {
    function withStoredConfig(config: Record<string, unknown>): ScenarioRun {
      const r = started();
      const doc = propertiesState(r.rt).document;
      doc.set('baton.config', JSON.stringify({ revision: 99, chunks: 1, savedAt: r.rt.now(), savedBy: OWNER }));
      doc.set('baton.config.r99.0', JSON.stringify(config));
      r.fireClockUntil(ms('10:00'));
      return r;
    }

    it('opens one row and tells the managers named in the stored config once, with what to do', () => {
      const r = withStoredConfig({ ...TEAM, sweepMinutes: 7 });
      expect(rowsOf(r, 'invalid config').map((f) => f[7])).toEqual(['open']);
      const mails = told(r, 'sweepMinutes must be 1, 5, 10, 15 or 30');
      expect(mails).toHaveLength(1);
      expect(mails[0].body).toContain('Settings');
    });

    it('is resolved when a valid config is saved, and nobody is told again', () => {
      const r = withStoredConfig({ ...TEAM, sweepMinutes: 7 });
      const saved = r.call(OWNER, 'saveConfig', [TEAM]) as { ok: boolean };
      expect(saved.ok).toBe(true);
      r.fireClockUntil(ms('11:00'));
      expect(rowsOf(r, 'invalid config').map((f) => f[7])).toEqual(['resolved']);
      expect(told(r, 'sweepMinutes')).toHaveLength(1);
    });

    it('respects failureEmails: false even in a config that does not validate', () => {
      const r = withStoredConfig({ ...TEAM, sweepMinutes: 7, alerts: { ownerBreachEmails: true, failureEmails: false } });
      expect(rowsOf(r, 'invalid config')).toHaveLength(1);
      expect(told(r, 'sweepMinutes')).toEqual([]);
    });
  });
});
