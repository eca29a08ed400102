/**
 * Routing under concurrency (SPEC.md, "Behaviour that must hold": concurrency). A person's edit,
 * with its installable edit trigger, is slipped into a running sweep at every service-call
 * position. Whatever the interleaving: every lead is assigned exactly once, no run fails other
 * than by giving up on the lock cleanly, the round-robin turn is never skipped or repeated, and a
 * value the person typed is never overwritten.
 */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { LEAD_HEADERS } from '../../src/core/headers';
import { LEAD_ID_PATTERN } from '../../src/core/lead-id';
import { ANA, at, completeLead, edit, leadRows, logRows, paste, wholeRow } from '../support/leads';
import { builtProject, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const BEN = 'ben@acme.test';
const CY = 'cy@acme.test';
const MARIA = 'maria@acme.test';
const ROTATION = [ANA, BEN, CY];
const H = [...LEAD_HEADERS];

/** SPEC.md's example, nobody away, and one round-robin pool for every lead. */
const CONFIG = {
  ...SPEC_EXAMPLE,
  team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })),
  routing: {
    rules: [{ name: 'Everyone', when: { all: [{ field: 'location', op: 'in', value: ['North', 'South'] }] }, assignTo: ROTATION, balance: 'round_robin' }],
    fallback: [MARIA],
  },
};

/** Emulated time on the scenario day, in ms. */
const ms = (hhmm: string) => Date.parse(at(hhmm));

/** A complete, sales-ready lead in the North territory, without a Company. */
const lead = (name: string) => completeLead(name, { Company: '' });

/** Three leads an integration appended (no trigger): the 09:03:12 sweep routes them. */
const API_LEADS = ['Api1', 'Api2', 'Api3'];
/** What the person pastes (rows 5-6) in the middle of that sweep. */
const PASTED = ['Paste1', 'Paste2'];

type Interference = (run: ScenarioRun) => void;

/**
 * Installs Baton, has the integration append its leads at 09:00, then lets the clock run to
 * 09:30. When the first sweep after 09:00 makes its k-th service call, `interfere` runs (k = 0:
 * never). Returns the result and the number of service calls that sweep made.
 */
function race(k: number, interfere: Interference): { r: ScenarioResult; sweepCalls: number; fired: boolean } {
  const run = new ScenarioRun(parseScenario(scenario({ config: CONFIG, sheets: { Leads: [H] } })), builtProject());
  run.install();
  run.fireClockUntil(ms('09:00'));
  run.rt.clock.set(ms('09:00'));
  run.apply({ at: at('09:00'), type: 'append', via: 'api', sheet: 'Leads', rows: API_LEADS.map((n) => wholeRow(lead(n))) } as never);
  let target: number | null = null;
  let sweepCalls = 0;
  let fired = false;
  const stop = run.rt.onCall(({ execution, index }) => {
    if (execution.spec.functionName !== 'batonSweep') return;
    target ??= execution.id;
    if (execution.id !== target) return;
    sweepCalls = index;
    if (index === k && !fired) {
      fired = true;
      interfere(run);
    }
  });
  run.fireClockUntil(ms('09:30'));
  stop();
  run.rt.clock.set(ms('09:30'));
  return { r: run.result(), sweepCalls, fired };
}

const pasteNewLeads: Interference = (run) => run.apply(paste(new Date(run.rt.now()).toISOString(), 5, PASTED.map(lead)) as never);

/** The person takes the first API lead (row 2) for Cy by typing her in Owner. */
const typeOwner: Interference = (run) => run.apply(edit(new Date(run.rt.now()).toISOString(), 'Owner', 2, CY) as never);

/** Every execution ended without an error (a run that could not get the lock returns cleanly). */
function expectNoErrors(r: ScenarioResult) {
  expect(r.executions.filter((e) => e.error !== null)).toEqual([]);
}

/** Each lead in the sheet has an ID, an Owner, Status Assigned and exactly one 'assigned' log row; no log row assigns a lead that is not there. */
function expectAssignedOnce(r: ScenarioResult, names: string[]) {
  const leads = leadRows(r);
  expect(leads.map((l) => l['Name']).sort()).toEqual([...names].sort());
  const assigned = logRows(r).filter((l) => l['Event'] === 'assigned');
  for (const l of leads) {
    expect(String(l['Lead ID'])).toMatch(LEAD_ID_PATTERN);
    expect(l['Status']).toBe('Assigned');
    expect(l['Owner']).not.toBe('');
    expect({ name: l['Name'], assigned: assigned.filter((a) => a['Lead ID'] === l['Lead ID']).length }).toEqual({ name: l['Name'], assigned: 1 });
  }
  const ids = new Set(leads.map((l) => l['Lead ID']));
  expect(assigned.filter((a) => !ids.has(a['Lead ID']))).toEqual([]);
  expect(logRows(r).filter((l) => l['Event'] === 'reassigned')).toEqual([]);
  // One 'created' row per lead: an ID written once, never replaced.
  const created = logRows(r).filter((l) => l['Event'] === 'created');
  expect(created.map((c) => c['Lead ID']).sort()).toEqual([...ids].sort());
}

/** The owners Baton chose, in log order, are the rotation from its start: no turn skipped or repeated. */
function expectExactRotation(r: ScenarioResult) {
  const chosen = logRows(r)
    .filter((l) => l['Event'] === 'assigned' && l['Actor'] === 'Baton')
    .map((l) => String(l['To']));
  expect(chosen).toEqual(chosen.map((_, i) => ROTATION[i % ROTATION.length]));
}

const baseline = race(0, () => undefined);
const N = baseline.sweepCalls;
const positions = Array.from({ length: N }, (_, i) => i + 1);

describe('the setup', () => {
  it('routes the API leads in the 09:03:12 sweep, in the exact rotation, with some service calls to interleave', () => {
    expect(N).toBeGreaterThan(10);
    expectNoErrors(baseline.r);
    expectAssignedOnce(baseline.r, API_LEADS);
    expect(leadRows(baseline.r).map((l) => l['Owner'])).toEqual(ROTATION);
  });
});

describe('a paste of new leads (installable edit trigger) at every service call of a sweep', () => {
  it.each(positions)('at call %i: every lead assigned exactly once, in the exact rotation, no errors', (k) => {
    const { r, fired } = race(k, pasteNewLeads);
    expect(fired).toBe(true);
    expectNoErrors(r);
    expectAssignedOnce(r, [...API_LEADS, ...PASTED]);
    expectExactRotation(r);
    // The person's paste ran its installable trigger inside the sweep.
    expect(r.executions.filter((e) => e.function === 'batonOnEdit')).toHaveLength(1);
  });
});

describe('a person typing an Owner on a lead the sweep is routing, at every service call of the sweep', () => {
  it.each(positions)('at call %i: the typed Owner stays, every lead assigned exactly once, turns never skipped or repeated', (k) => {
    const { r, fired } = race(k, typeOwner);
    expect(fired).toBe(true);
    expectNoErrors(r);
    const taken = leadRows(r).find((l) => l['Name'] === 'Api1');
    expect(taken?.['Owner']).toBe(CY);
    expectAssignedOnce(r, API_LEADS);
    expectExactRotation(r);
  });
});
