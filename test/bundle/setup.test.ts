import { FAILURE_HEADERS, LEAD_HEADERS, LOG_HEADERS } from '../../src/core/headers';
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { triggerState } from '../../emulator/services/script-app';
import { builtProject, OWNER, scenario, simulate } from '../support/scenario';

const MINUTE = 60_000;

const sortTriggers = (ts: { function: string; type: string; owner: string }[]) =>
  [...ts].sort((a, b) => a.function.localeCompare(b.function));

describe.each(['bound', 'addon'] as const)('Set up Baton (%s)', (deployment) => {
  const until = '2026-03-02T09:05:00-05:00';
  const once = simulate({ deployment, until });
  const twice = simulate({ deployment, until, events: [{ at: '2026-03-02T09:00:00-05:00', type: 'setup' }] });

  it('creates the three tabs with the headers of SPEC.md', () => {
    expect(once.sheets['Leads'][0]).toEqual([...LEAD_HEADERS]);
    expect(once.sheets['Baton Log'][0]).toEqual([...LOG_HEADERS]);
    expect(once.sheets['Baton Failures'][0]).toEqual([...FAILURE_HEADERS]);
  });

  it('installs one sweep, one edit and one form-submit trigger under the owner', () => {
    expect(sortTriggers(once.triggers)).toEqual([
      { function: 'batonOnEdit', type: 'ON_EDIT', owner: OWNER },
      { function: 'batonOnFormSubmit', type: 'ON_FORM_SUBMIT', owner: OWNER },
      { function: 'batonSweep', type: 'CLOCK', owner: OWNER },
    ]);
  });

  it('leaves the same triggers and tabs after a second setup', () => {
    expect(sortTriggers(twice.triggers)).toEqual(sortTriggers(once.triggers));
    expect(Object.keys(twice.sheets).sort()).toEqual(Object.keys(once.sheets).sort());
    expect(twice.executions.every((e) => e.error === null)).toBe(true);
  });

  it('reports in the alert that the triggers were already in place', () => {
    expect(twice.alerts.at(-1)?.message).toContain('Triggers were already in place');
  });
});

describe('sweep interval per deployment', () => {
  const firstSweeps = (deployment: string) =>
    simulate({ deployment, until: '2026-03-02T12:00:00-05:00' }).executions.filter((e) => e.function === 'batonSweep');

  it('sweeps every 5 minutes in a bound script', () => {
    const sweeps = firstSweeps('bound');
    expect(sweeps.length).toBeGreaterThanOrEqual(35);
    const gaps = sweeps.slice(1).map((s, i) => Date.parse(s.at) - Date.parse(sweeps[i].at));
    for (const g of gaps) expect(Math.round(g / 60_000)).toBe(5);
  });

  it('sweeps hourly in an add-on (the add-on limit)', () => {
    const sweeps = firstSweeps('addon');
    expect(sweeps.length).toBeGreaterThanOrEqual(2);
    expect(sweeps.length).toBeLessThanOrEqual(4);
  });
});

describe('adopting an existing Leads tab', () => {
  const result = simulate({
    sheets: { Leads: [['Name', 'Email', 'My notes'], ['Dana', 'dana@example.com', 'call after 5']] },
  });

  it('keeps the columns a person made and appends the missing headers after them', () => {
    const header = result.sheets['Leads'][0];
    expect(header.slice(0, 3)).toEqual(['Name', 'Email', 'My notes']);
    expect(header).toEqual(expect.arrayContaining([...LEAD_HEADERS]));
    expect(header.filter((h) => h === 'Email')).toHaveLength(1);
    expect(result.sheets['Leads'][1].slice(0, 3)).toEqual(['Dana', 'dana@example.com', 'call after 5']);
  });
});

describe('a second manager', () => {
  const ANA = 'ana@acme.test';
  const config = { version: 1, managers: [OWNER, ANA] };

  it('leaves the working owner\'s triggers alone (no duplicate sweeps)', () => {
    const r = simulate({ config, events: [{ at: '2026-03-02T09:30:00-05:00', type: 'setup', user: ANA }], until: '2026-03-02T09:40:00-05:00' });
    expect(r.triggers.every((t) => t.owner === OWNER)).toBe(true);
    expect(r.triggers).toHaveLength(3);
    expect(r.alerts.at(-1)?.message).toContain(`run under ${OWNER} and are working`);
  });

  it('takes over when the owner\'s sweeps stopped, and the old triggers retire themselves', () => {
    // Ana is an editor of the spreadsheet, as a manager running Baton must be.
    const run = new ScenarioRun(parseScenario(scenario({ config, editors: [ANA] })), builtProject());
    run.install();
    const t0 = run.rt.now();
    // Maria's account is suspended: her triggers stop firing, so no heartbeat is recorded.
    const marias = triggerState(run.rt).list().filter((t) => t.owner === OWNER);
    marias.forEach((t) => (t.disabled = true));
    run.fireClockUntil(t0 + 40 * MINUTE);
    run.rt.clock.set(t0 + 40 * MINUTE);
    run.menu(ANA, 'Set up Baton');
    expect(run.result().alerts.at(-1)?.message).toContain(`now run under ${ANA}`);
    // Her account comes back: her next sweep sees Ana owns the triggers and removes its own.
    marias.forEach((t) => (t.disabled = false));
    run.fireClockUntil(t0 + 60 * MINUTE);
    const owners = run.result().triggers.map((t) => t.owner);
    expect(owners).toEqual([ANA, ANA, ANA]);
    expect(run.result().executions.filter((e) => e.error !== null)).toEqual([]);
  });

  it('is refused when not a manager', () => {
    const r = simulate({ events: [{ at: '2026-03-02T09:30:00-05:00', type: 'setup', user: 'cy@acme.test' }] });
    expect(r.alerts.at(-1)?.message).toContain("Only Baton's managers can set it up; cy@acme.test is not one of them.");
    expect(r.triggers.every((t) => t.owner === OWNER)).toBe(true);
  });
});
