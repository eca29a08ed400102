/**
 * Baton under both settings of every emulator switch issue 17 added (RuntimeOptions): the same
 * day of leads (paste, typed phone, routing, SLA sweep, sidebar calls) must give the same leads,
 * owners and statuses, no failed execution, and sidebar results that arrive (not null).
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { LEAD_HEADERS } from '../../src/core/headers';
import { at, completeLead, edit, leadRows, paste } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const SWITCHES: [string, unknown, unknown][] = [
  ['plusStartsFormula', true, false],
  ['bufferWrites', true, false],
  ['editorEmails', 'documented', 'always'],
  ['runResultWithDate', 'wholeResult', 'field'],
  ['unknownTimeZone', 'gmt', 'throw'],
  ['onChangeFiresOnApiWrites', false, true],
];

function day(emulator: Record<string, unknown>) {
  const run = new ScenarioRun(parseScenario(scenario({ config: SPEC_EXAMPLE, sheets: { Leads: [[...LEAD_HEADERS]] }, emulator })), builtProject());
  run.install();
  const events = [
    paste(at('09:00'), 2, [completeLead('Ann'), completeLead('Bob', { Location: 'South', 'Customer Type': 'Business' })]),
    edit(at('09:02'), 'Phone', 2, '+1 212 555 0101'),
    { at: at('09:03'), type: 'append', via: 'api', sheet: 'Leads', rows: [LEAD_HEADERS.map((h) => completeLead('Cy', { Email: 'cy@example.com' })[h] ?? '')] },
  ];
  for (const e of events) {
    const t = Date.parse(e.at);
    run.fireClockUntil(t);
    run.rt.clock.set(Math.max(t, run.rt.now()));
    run.apply(e as Parameters<ScenarioRun['apply']>[0], t);
  }
  run.fireClockUntil(Date.parse(at('09:30')));
  const health = run.call(OWNER, 'getHealth', []);
  const config = run.call(OWNER, 'getConfig', []);
  // Every other read-only sidebar function too: a Date anywhere would null its whole result.
  const others = ['getFairness', 'listFailures'].map((fn) => run.call(OWNER, fn, []));
  const r = run.result();
  return { r, health, config, others };
}

describe.each(SWITCHES)('switch %s', (name, strict, kind) => {
  const a = day({ [name]: strict });
  const b = day({ [name]: kind });

  it.each([
    ['strict', a],
    ['other', b],
  ])('%s setting: no execution fails and the sidebar calls return data', (_, d) => {
    expect(d.r.executions.filter((e) => e.error !== null).map((e) => `${e.function}: ${e.error}`)).toEqual([]);
    expect(d.health).not.toBeNull();
    expect(d.config).not.toBeNull();
    expect(d.others).not.toContain(null);
  });

  it('both settings give the same leads, statuses, owners and phones', () => {
    const view = (d: typeof a) => leadRows(d.r).map((row) => [row['Name'], row['Status'], row['Owner'], row['Phone']]);
    expect(view(a)).toEqual(view(b));
    expect(view(a).map((x) => x[1])).toEqual(['Assigned', 'Assigned', 'Assigned']);
    expect(view(a)[0][3]).toBe('+1 212 555 0101');
  });
});
