/** Retry now and Dismiss (menu and sidebar): managers only, logged, and dismissal lasts while the failure does. */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { LEAD_HEADERS } from '../../src/core/headers';
import { completeLead, logRows, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

type Failure = { row: number; leadId: string; kind: string; message: string };
type Result = { ok: boolean; open?: Failure[]; message?: string; problems?: string[] };

const ms = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00-05:00`);
/** Everybody but Maria is away this week, and Maria is inactive: nobody can take a lead. */
const NOBODY = {
  ...SPEC_EXAMPLE,
  team: SPEC_EXAMPLE.team.map((m) => (m.email === OWNER ? { ...m, active: false } : { ...m, away: [{ from: '2026-03-02', to: '2026-03-06' }] })),
};

function started(): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: NOBODY, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
  run.install();
  run.rt.clock.set(ms('09:00'));
  run.apply({ at: '2026-03-02T09:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann'))] } as never);
  run.fireClockUntil(ms('09:10'));
  return run;
}

const failureStates = (run: ScenarioRun) => run.result().sheets['Baton Failures'].slice(1).map((f) => `${f[2]}:${f[7]}`);

describe('listFailures', () => {
  it('lists the open failures with their row, lead and kind', () => {
    const run = started();
    const open = run.call('ben@acme.test', 'listFailures', []) as Failure[];
    expect(open).toEqual([expect.objectContaining({ row: 2, kind: 'no available owner' })]);
    expect(open[0].leadId).toMatch(/^L-/);
  });
});

describe('dismissFailure', () => {
  it('refuses someone who is not a manager', () => {
    const run = started();
    expect(run.call('ben@acme.test', 'dismissFailure', [2, 'known'])).toEqual({ ok: false, problems: ["Only Baton's managers can do this; ben@acme.test is not one of them."] });
    expect(failureStates(run)).toEqual(['no available owner:open']);
  });

  it('needs a reason, and logs it with who dismissed what', () => {
    const run = started();
    expect((run.call(OWNER, 'dismissFailure', [2, '  ']) as Result).problems).toEqual(['Say why you dismiss it: the reason goes into the log.']);
    const r = run.call(OWNER, 'dismissFailure', [2, 'Everyone is at the trade show; I will assign on Monday.']) as Result;
    expect(r).toEqual({ ok: true, open: [], message: 'Dismissed.' });
    const row = logRows(run.result()).find((l) => l['Event'] === 'dismissed');
    expect(row).toMatchObject({ Actor: OWNER, From: 'no available owner', Reason: 'Everyone is at the trade show; I will assign on Monday.' });
  });

  it('stays dismissed while the failure lasts, and is resolved once it is gone', () => {
    const run = started();
    run.call(OWNER, 'dismissFailure', [2, 'known']);
    run.fireClockUntil(ms('10:00'));
    expect(failureStates(run)).toEqual(['no available owner:dismissed']);
    // Maria comes back: the lead can be routed; the dismissed row is resolved.
    run.call(OWNER, 'saveConfig', [{ ...NOBODY, team: NOBODY.team.map((m) => (m.email === OWNER ? { ...m, active: true } : m)) }]);
    run.fireClockUntil(ms('10:10'));
    expect(failureStates(run)).toEqual(['no available owner:resolved']);
  });
});

describe('Retry failed handoffs now', () => {
  it('runs the handoff at once for a manager and says what is still open', () => {
    const run = started();
    run.call(OWNER, 'saveConfig', [{ ...NOBODY, team: NOBODY.team.map((m) => (m.email === OWNER ? { ...m, active: true } : m)) }]);
    const r = run.call(OWNER, 'retryFailures', []) as Result;
    expect(r).toEqual({ ok: true, open: [], message: 'Nothing is failing now.' });
    expect(failureStates(run)).toEqual(['no available owner:resolved']);
    expect(logRows(run.result()).filter((l) => l['Event'] === 'retried')).toHaveLength(1);
  });

  it('is in the menu, and refuses a non-manager there too', () => {
    const run = started();
    run.menu('ben@acme.test', 'Retry failed handoffs now');
    expect(run.result().alerts.at(-1)?.message).toContain("Only Baton's managers can do this");
  });
});
