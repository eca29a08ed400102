/**
 * A fault at every service-call position of a sweep over a mixed sheet: once faults stop, every
 * lead is owned or visibly held back, no e-mail went out twice, and the log agrees with the sheet.
 */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { LEAD_HEADERS, LOG_HEADERS } from '../../src/core/headers';
import { LEAD_ID_PATTERN } from '../../src/core/lead-id';
import { builtProject, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H = [...LEAD_HEADERS];
const CONFIG = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
const at = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00-05:00`);

function row(name: string, extra: Record<string, unknown> = {}): unknown[] {
  const v: Record<string, unknown> = {
    Name: name, Email: `${name.toLowerCase()}@example.com`, Interest: 'Solar', Location: 'North', Consent: 'Yes',
    Source: 'Web', Campaign: 'Spring', 'Deal Size': 5000, 'Customer Type': 'Home', ...extra,
  };
  return H.map((h) => v[h] ?? '');
}

const MIXED = [
  row('Ann'),
  row('Bea', { Email: 'bea@', Phone: '' }),
  row('Cal', { Location: 'West' }),
  row('Dot', { 'Deal Size': 80000 }),
  row('Eve', { Location: 'South' }),
  row('Ann again', { Email: ' ANN@example.com ' }),
  row('Fay', { 'Customer Type': 'Business' }),
];

function sweepWithFault(k: number): { r: ScenarioResult; calls: number } {
  const run = new ScenarioRun(parseScenario(scenario({ config: CONFIG, sheets: { Leads: [H] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
  run.install();
  run.fireClockUntil(at('09:00'));
  run.rt.clock.set(at('09:00'));
  run.apply({ at: '2026-03-02T09:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: MIXED } as never);
  let calls = 0;
  const stop = run.rt.onCall(({ execution }) => {
    if (execution.spec.functionName === 'batonSweep') calls = Math.max(calls, execution.totalCalls);
  });
  if (k > 0) run.rt.injectFault({ method: '*', error: 'service', after: k - 1, times: 1 });
  run.fireClockUntil(at('11:30'));
  stop();
  run.rt.clock.set(at('11:30'));
  return { r: run.result(), calls };
}

type Row = Record<string, unknown>;
const rows = (r: ScenarioResult, tab: string, headers?: readonly string[]): Row[] => {
  const [head, ...rest] = r.sheets[tab];
  const keys = headers ?? head.map(String);
  return rest.filter((x) => x.some((v) => v !== '')).map((x) => Object.fromEntries(keys.map((h, i) => [h, x[i]])));
};

function expectConsistent(r: ScenarioResult) {
  const leads = rows(r, 'Leads');
  const log = rows(r, 'Baton Log', LOG_HEADERS);
  expect(leads).toHaveLength(MIXED.length);
  for (const l of leads) {
    expect(String(l['Lead ID'])).toMatch(LEAD_ID_PATTERN);
    // Owned, or held back with its reason on the row.
    if (l['Status'] === 'Assigned') {
      expect(l['Owner']).not.toBe('');
      const ownerChanges = log.filter((e) => e['Lead ID'] === l['Lead ID'] && ['assigned', 'reassigned', 'override'].includes(String(e['Event'])));
      expect(ownerChanges.at(-1)?.['To']).toBe(l['Owner']);
      expect(log.filter((e) => e['Lead ID'] === l['Lead ID'] && e['Event'] === 'assigned')).toHaveLength(1);
    } else {
      expect(['Needs info', 'Ineligible', 'Duplicate']).toContain(l['Status']);
      expect(l['Problems']).not.toBe('');
    }
  }
  // Every Lead ID the log speaks of is in the sheet.
  const ids = new Set(leads.map((l) => l['Lead ID']));
  for (const e of log) if (e['Lead ID'] !== '—') expect(ids.has(e['Lead ID'])).toBe(true);
  const keys = r.emails.map((m) => `${m.to}|${m.subject}|${m.body}`);
  expect(new Set(keys).size).toBe(keys.length);
}

const baseline = sweepWithFault(0);

describe('a fault at every service call of a sweep', () => {
  it('(baseline, no fault) ends consistent, with breaches mailed', () => {
    expect(baseline.calls).toBeGreaterThan(20);
    expectConsistent(baseline.r);
    expect(baseline.r.emails.length).toBeGreaterThan(0);
  });

  it.each(Array.from({ length: baseline.calls }, (_, i) => i + 1))('at call %i: once faults stop, everything is consistent', (k) => {
    const { r } = sweepWithFault(k);
    const failed = r.executions.filter((e) => e.error !== null);
    expect(failed.length).toBeLessThanOrEqual(1);
    expectConsistent(r);
  });
});
