/**
 * Routing, end to end: the built bundle in the emulator (SPEC.md, "Configuration": team, routing).
 * Every sales-ready lead gets an owner by the rules (territory, deal size, fallback), balanced by
 * weights or round robin, skipping whoever is away, inactive or at capacity; a returning contact
 * goes back to their owner; a person's choice of owner is obeyed and logged; a lead nobody can
 * take lands in the failure queue once. Leads arrive by paste, form and API.
 */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { propertiesState } from '../../emulator/services/properties';
import { FAILURE_HEADERS, LEAD_HEADERS } from '../../src/core/headers';
import { LEAD_ID_PATTERN } from '../../src/core/lead-id';
import { ANA, at, byName, completeLead, edit, type Lead, leadRows, logRows, paste, type Row, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario, simulate } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const BEN = 'ben@acme.test';
const CY = 'cy@acme.test';
const MARIA = 'maria@acme.test';
const H = [...LEAD_HEADERS];
type Member = (typeof SPEC_EXAMPLE.team)[number];

/** The team of SPEC.md's example with each member changed as a test needs. */
function team(changes: Partial<Record<string, Partial<Member>>>): Member[] {
  return SPEC_EXAMPLE.team.map((m) => ({ ...m, ...changes[m.email] }));
}

/** SPEC.md's example config; Ana's away week moved to the week after the scenario day (Mon 2026-03-02). */
const CONFIG = { ...SPEC_EXAMPLE, team: team({ [ANA]: { away: [{ from: '2026-03-09', to: '2026-03-13' }] } }) };

/** Nobody can take a lead: Ana and Cy away today, Ben and Maria (the fallback) inactive. */
const NOBODY_CONFIG = {
  ...SPEC_EXAMPLE,
  team: team({
    [ANA]: { away: [{ from: '2026-03-02', to: '2026-03-06' }] },
    [CY]: { away: [{ from: '2026-02-27', to: '2026-03-03' }] },
    [BEN]: { active: false },
    [MARIA]: { active: false },
  }),
};

/** A complete, sales-ready lead in the North territory (email from the name, spaces as dots); `extra` changes what a test is about. */
const lead = (name: string, extra: Lead = {}): Lead => completeLead(name, { Email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`, ...extra });

const form = (time: string, leads: Lead[]) => ({ at: time, type: 'append', via: 'form', sheet: 'Leads', rows: leads.map(wholeRow) });
const api = (time: string, leads: Lead[]) => ({ at: time, type: 'append', via: 'api', sheet: 'Leads', rows: leads.map(wholeRow) });

function failureRows(r: ScenarioResult): Row[] {
  return r.sheets['Baton Failures'].slice(1).filter((row) => row.some((v) => v !== '')).map((row) => Object.fromEntries(FAILURE_HEADERS.map((h, i) => [h, row[i]])));
}

/** The log rows about one lead (by name), with the given event. */
function logOf(r: ScenarioResult, name: string, event: string): Row[] {
  const id = byName(r, name)['Lead ID'];
  return logRows(r).filter((l) => l['Lead ID'] === id && l['Event'] === event);
}

/** The one 'assigned' (or 'reassigned') log row of a lead. */
function assignedLog(r: ScenarioResult, name: string, event = 'assigned'): Row {
  const rows = logOf(r, name, event);
  expect(rows).toHaveLength(1);
  return rows[0];
}

const errors = (r: ScenarioResult) => r.executions.filter((e) => e.error !== null);

/** The execution whose emulated time span holds `iso` (the run that wrote a stamp). */
function executionAt(r: ScenarioResult, iso: string) {
  const t = Date.parse(iso);
  const found = r.executions.filter((e) => Date.parse(e.at) <= t && t <= Date.parse(e.at) + e.ms);
  expect(found).toHaveLength(1);
  return found[0];
}

/**
 * The lead is Assigned to `owner`, logged once as assigned by the rule with its balance, and its
 * Assigned At is the time of the run (`fn`) that assigned it, which is the time on the log row.
 */
function expectAssigned(r: ScenarioResult, name: string, owner: string, fn: string, ruleText: string, balanceText: string) {
  const row = byName(r, name);
  expect(row['Owner']).toBe(owner);
  expect(row['Status']).toBe('Assigned');
  const log = assignedLog(r, name);
  expect(log).toMatchObject({ From: 'Ready', To: owner, Actor: 'Baton' });
  expect(log['Reason']).toContain(ruleText);
  expect(log['Reason']).toContain(balanceText);
  expect(row['Assigned At']).toBe(log['Time']);
  expect(executionAt(r, String(row['Assigned At'])).function).toBe(fn);
}

function run(config: unknown, events: unknown[], until: string, leads: unknown[][] = [H]): ScenarioResult {
  // A Workspace team in one domain, so Google shows who edited (the log names them).
  return simulate({ config, sheets: { Leads: leads }, events, until, workspace: true });
}

// Sweeps run at 08:58:12, 09:03:12, ... (every 5 minutes from setup).

describe('rules, by every intake path', () => {
  const r = run(
    CONFIG,
    [
      paste(at('09:00'), 2, [lead('Ann'), lead('Bea', { 'Deal Size': 60000 }), lead('Cal', { Location: 'South' })]),
      form(at('09:01'), [lead('Dee')]),
      api(at('09:02'), [lead('Eli')]),
    ],
    at('09:10'),
  );

  it('runs without an error', () => {
    expect(errors(r)).toEqual([]);
    expect(leadRows(r).every((row) => LEAD_ID_PATTERN.test(String(row['Lead ID'])))).toBe(true);
  });

  it('territory: a pasted North lead goes to the North pool (weighted: Ana first, weight 2) at once, by batonOnEdit', () => {
    expectAssigned(r, 'Ann', ANA, 'batonOnEdit', "Rule 'North'", 'weighted');
  });

  it('deal size: a lead with Deal Size >= 50000 goes to Ben (Enterprise, round robin), even in the North', () => {
    expectAssigned(r, 'Bea', BEN, 'batonOnEdit', "Rule 'Enterprise'", 'round robin');
  });

  it('fallback: a South lead (no rule matches) goes to Maria', () => {
    expectAssigned(r, 'Cal', MARIA, 'batonOnEdit', 'Fallback', 'round robin');
  });

  it('a form submission is assigned at once by batonOnFormSubmit, taking the next weighted turn (Cy)', () => {
    expectAssigned(r, 'Dee', CY, 'batonOnFormSubmit', "Rule 'North'", 'weighted');
  });

  it('an API row is assigned by the next batonSweep (Ana again)', () => {
    expectAssigned(r, 'Eli', ANA, 'batonSweep', "Rule 'North'", 'weighted');
    expect(Date.parse(String(byName(r, 'Eli')['Assigned At']))).toBeGreaterThan(Date.parse(at('09:03', '12')));
  });

  it('opens no failure', () => {
    expect(failureRows(r)).toEqual([]);
    expect(leadRows(r).map((row) => row['Problems'])).toEqual(['', '', '', '', '']);
  });
});

describe('capacity', () => {
  const ben = Array.from({ length: 10 }, (_, i) => lead(`Big ${i}`, { 'Deal Size': 60000 + i }));
  const r = run(
    CONFIG,
    [paste(at('09:00'), 2, ben), paste(at('09:10'), 12, [lead('Big North', { 'Deal Size': 70000 }), lead('Big South', { 'Deal Size': 70000, Location: 'South' })])],
    at('09:20'),
  );

  it('Ben takes Enterprise leads up to his capacity (10)', () => {
    expect(errors(r)).toEqual([]);
    for (let i = 0; i < 10; i++) expect(byName(r, `Big ${i}`)['Owner']).toBe(BEN);
  });

  it('with Ben at capacity, the next Enterprise lead goes to the next matching rule (North); the reason says Ben was skipped at capacity', () => {
    expectAssigned(r, 'Big North', ANA, 'batonOnEdit', "Rule 'North'", 'weighted');
    const reason = String(assignedLog(r, 'Big North')['Reason']);
    expect(reason).toContain("Rule 'Enterprise'");
    expect(reason).toContain(`${BEN} (at capacity`);
  });

  it('… or, when no other rule matches, to the fallback', () => {
    expectAssigned(r, 'Big South', MARIA, 'batonOnEdit', 'Fallback', 'round robin');
    expect(String(assignedLog(r, 'Big South')['Reason'])).toContain(`${BEN} (at capacity`);
  });
});

describe('nobody available (everyone away or inactive)', () => {
  const events = [paste(at('09:00'), 2, [lead('Nan'), lead('Ole', { Location: 'South' }), lead('Pia'), lead('Quy')])];
  const r = run(NOBODY_CONFIG, events, at('10:00'));

  it.each(['Nan', 'Ole'])('%s stays Ready, with the reason in Problems', (name) => {
    expect(errors(r)).toEqual([]);
    const row = byName(r, name);
    expect(row['Status']).toBe('Ready');
    expect(row['Owner']).toBe('');
    expect(row['Assigned At']).toBe('');
    expect(String(row['Problems'])).toContain('No available owner');
    expect(String(row['Problems'])).toContain(`${MARIA} (inactive)`);
  });

  it('the North lead\'s reason names who was skipped and why', () => {
    const problems = String(byName(r, 'Nan')['Problems']);
    expect(problems).toContain(`${ANA} (away until 2026-03-06)`);
    expect(problems).toContain(`${CY} (away until 2026-03-03)`);
  });

  it('each lands once in Baton Failures as "no available owner"', () => {
    for (const name of ['Nan', 'Ole']) {
      const id = byName(r, name)['Lead ID'];
      const rows = failureRows(r).filter((f) => f['Lead ID'] === id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ Step: 'routing', Kind: 'no available owner', State: 'open' });
    }
  });

  it('is logged as failed once, not on every sweep', () => {
    expect(r.executions.filter((e) => e.function === 'batonSweep').length).toBeGreaterThan(10);
    for (const name of ['Nan', 'Ole']) expect(logOf(r, name, 'failed')).toHaveLength(1);
    expect(logRows(r).filter((l) => l['Event'] === 'assigned')).toEqual([]);
  });

  describe('then a person types an Owner on a Ready lead', () => {
    const typed = run(NOBODY_CONFIG, [...events, edit(at('09:20'), 'Owner', 4, CY, OWNER), edit(at('09:21'), 'Owner', 5, 'zed@acme.test', OWNER)], at('09:40'));

    it('on the team: the lead is Assigned to that person, stamped, logged as override and assigned', () => {
      expect(errors(typed)).toEqual([]);
      const pia = byName(typed, 'Pia');
      expect(pia['Owner']).toBe(CY);
      expect(pia['Status']).toBe('Assigned');
      expect(pia['Problems']).toBe('');
      expect(logOf(typed, 'Pia', 'override')).toEqual([expect.objectContaining({ From: '', To: CY, Actor: OWNER })]);
      const assigned = assignedLog(typed, 'Pia');
      expect(assigned).toMatchObject({ From: 'Ready', To: CY, Actor: OWNER });
      expect(pia['Assigned At']).toBe(assigned['Time']);
      const stamp = executionAt(typed, String(pia['Assigned At']));
      expect(stamp.function).toBe('batonOnEdit');
      expect(Date.parse(stamp.at)).toBeGreaterThanOrEqual(Date.parse(at('09:20')));
    });

    it('on the team: its "no available owner" failure is resolved', () => {
      const id = byName(typed, 'Pia')['Lead ID'];
      expect(failureRows(typed).filter((f) => f['Lead ID'] === id).map((f) => [f['Kind'], f['State']])).toEqual([['no available owner', 'resolved']]);
    });

    it('not on the team: Problems says so, a failure "owner not on team" is queued, and the lead is not assigned', () => {
      const quy = byName(typed, 'Quy');
      expect(quy['Status']).toBe('Ready');
      expect(quy['Assigned At']).toBe('');
      expect(String(quy['Problems'])).toContain('"zed@acme.test" is not on the team');
      const open = failureRows(typed).filter((f) => f['Lead ID'] === quy['Lead ID'] && f['State'] === 'open');
      expect(open.map((f) => f['Kind'])).toEqual(['owner not on team']);
      expect(logOf(typed, 'Quy', 'assigned')).toEqual([]);
      expect(logOf(typed, 'Quy', 'failed').map((l) => l['Reason'])).toContainEqual(expect.stringContaining('"zed@acme.test" is not on the team'));
    });
  });
});

describe('a cleared Owner on an Assigned lead', () => {
  const r = run(CONFIG, [paste(at('09:00'), 2, [lead('Rae')]), edit(at('09:10'), 'Owner', 2, '')], at('09:20'));

  it('routes the lead again (the next weighted turn: Cy), logged as reassigned, with a new Assigned At', () => {
    expect(errors(r)).toEqual([]);
    const rae = byName(r, 'Rae');
    expect(rae['Owner']).toBe(CY);
    expect(rae['Status']).toBe('Assigned');
    expect(logOf(r, 'Rae', 'override')).toEqual([expect.objectContaining({ From: ANA, To: '', Actor: ANA })]);
    const again = assignedLog(r, 'Rae', 'reassigned');
    expect(again).toMatchObject({ From: ANA, To: CY, Actor: 'Baton' });
    expect(again['Reason']).toContain('cleared');
    expect(again['Reason']).toContain("Rule 'North'");
    expect(again['Reason']).toContain('weighted');
    expect(rae['Assigned At']).toBe(again['Time']);
    const stamp = executionAt(r, String(rae['Assigned At']));
    expect(stamp.function).toBe('batonOnEdit');
    expect(Date.parse(stamp.at)).toBeGreaterThanOrEqual(Date.parse(at('09:10')));
    expect(logOf(r, 'Rae', 'assigned')).toHaveLength(1);
  });
});

describe('a returning contact', () => {
  const closed = wholeRow(lead('Zoe Old', { Email: 'zoe@example.com', Location: 'South', Status: 'Won', Owner: CY, Created: '2026-01-15' }));
  const r = run(CONFIG, [paste(at('09:00'), 3, [lead('Zoe', { Email: 'zoe@example.com', Location: 'South' })])], at('09:10'), [H, closed]);

  it('goes back to the owner of the closed lead (Cy), not by the rules (South → Maria)', () => {
    expect(errors(r)).toEqual([]);
    const zoe = byName(r, 'Zoe');
    expect(zoe['Owner']).toBe(CY);
    expect(zoe['Status']).toBe('Assigned');
    const log = assignedLog(r, 'Zoe');
    expect(log).toMatchObject({ From: 'Ready', To: CY, Actor: 'Baton' });
    expect(log['Reason']).toContain('Returning contact');
    expect(log['Reason']).toContain(String(byName(r, 'Zoe Old')['Lead ID']));
    expect(zoe['Assigned At']).toBe(log['Time']);
    expect(executionAt(r, String(zoe['Assigned At'])).function).toBe('batonOnEdit');
    expect(byName(r, 'Zoe Old')['Status']).toBe('Won');
  });
});

/** Owners in the order the log assigned them. */
const assignedOwners = (r: ScenarioResult) => logRows(r).filter((l) => l['Event'] === 'assigned').map((l) => String(l['To']));
const longestRun = (owners: string[], who: string) => owners.reduce((acc, o) => ({ cur: o === who ? acc.cur + 1 : 0, max: Math.max(acc.max, o === who ? acc.cur + 1 : 0) }), { cur: 0, max: 0 }).max;

describe('weighted fairness in the sheet (Ana 2 : Cy 1)', () => {
  const thirty = Array.from({ length: 30 }, (_, i) => lead(`North ${i}`));
  const oneByOne = run(
    CONFIG,
    thirty.map((l, i) => paste(`2026-03-02T09:${String(Math.floor((i * 20) / 60)).padStart(2, '0')}:${String((i * 20) % 60).padStart(2, '0')}-05:00`, 2 + i, [l])),
    at('09:30'),
  );
  const atOnce = run(CONFIG, [paste(at('09:00'), 2, thirty)], at('09:10'));

  it.each([
    ['pasted one by one', oneByOne],
    ['pasted at once', atOnce],
  ])('%s: Ana gets 20 and Cy 10, smoothly interleaved', (_, r) => {
    expect(errors(r)).toEqual([]);
    const owners = assignedOwners(r);
    expect(owners).toHaveLength(30);
    expect(owners.filter((o) => o === ANA)).toHaveLength(20);
    expect(owners.filter((o) => o === CY)).toHaveLength(10);
    expect(longestRun(owners, ANA)).toBeLessThanOrEqual(2);
    expect(longestRun(owners, CY)).toBe(1);
    const sheetOwners = leadRows(r).map((row) => row['Owner']);
    expect(sheetOwners.filter((o) => o === ANA)).toHaveLength(20);
    expect(sheetOwners.filter((o) => o === CY)).toHaveLength(10);
  });

  it('one run per paste: every lead assigned by its own batonOnEdit', () => {
    for (let i = 0; i < 30; i++) expect(executionAt(oneByOne, String(byName(oneByOne, `North ${i}`)['Assigned At'])).function).toBe('batonOnEdit');
  });
});

describe('round robin across runs', () => {
  const RR_CONFIG = {
    ...CONFIG,
    routing: { rules: [{ name: 'North', when: { all: [{ field: 'location', op: '=', value: 'North' }] }, assignTo: [ANA, BEN, CY], balance: 'round_robin' }], fallback: [MARIA] },
  };
  const events = [
    paste(at('09:00'), 2, [lead('R0')]),
    form(at('09:01'), [lead('R1')]),
    paste(at('09:02'), 4, [lead('R2'), lead('R3')]),
    api(at('09:04'), [lead('R4')]),
    paste(at('09:10'), 7, [lead('R5')]),
    api(at('09:11'), [lead('R6'), lead('R7')]),
  ];
  const scenarioRun = new ScenarioRun(parseScenario(scenario({ config: RR_CONFIG, sheets: { Leads: [H] }, events, until: at('09:20') })), builtProject());
  const r = scenarioRun.run();

  it('keeps the turn from one run to the next: the exact rotation', () => {
    expect(errors(r)).toEqual([]);
    expect(assignedOwners(r)).toEqual([ANA, BEN, CY, ANA, BEN, CY, ANA, BEN]);
    for (let i = 0; i < 8; i++) expect(byName(r, `R${i}`)['Owner']).toBe([ANA, BEN, CY][i % 3]);
  });

  it('keeps the turn in the document properties', () => {
    const saved = propertiesState(scenarioRun.rt).document.get('baton.routing');
    expect(JSON.parse(String(saved))).toMatchObject({ pools: { North: { last: BEN } } });
  });
});
