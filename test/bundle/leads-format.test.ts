import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { ALL_STATUSES } from '../../src/core/statuses';
import { builtProject, OWNER, scenario } from '../support/scenario';

const intake = { interests: ['Solar', 'Battery'], serviceAreas: ['North', 'South'], consent: { granted: ['Yes'], denied: ['No'] } };
const CONFIG = { version: 1, intake };

function setUp(overrides: Record<string, unknown> = {}): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: CONFIG, ...overrides })), builtProject());
  run.install();
  return run;
}

const doc = (run: ScenarioRun) => spreadsheetState(run.rt);
const letter = (i: number) => String.fromCharCode(65 + i);
const columnOf = (run: ScenarioRun, header: string) => letter(doc(run).displayValues('Leads')[0].indexOf(header));

/** Column letter → the dropdown list on row 2 of that column. */
function dropdowns(run: ScenarioRun): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [a1, v] of Object.entries(doc(run).validations('Leads'))) {
    if (/^[A-Z]+2$/.test(a1)) out[a1.slice(0, -1)] = v.values[0];
  }
  return out;
}

/** One line per Baton-made conditional format rule: `range condition value background`. */
const ruleLines = (run: ScenarioRun) =>
  doc(run)
    .conditionalFormatRules('Leads')
    .map((r) => `${r.a1.join(',')} ${r.condition?.type} ${r.condition?.values.join('|')} ${r.format.background ?? '-'}`);

const errors = (run: ScenarioRun) => run.result().executions.filter((e) => e.error !== null);

describe('Set up Baton formats the Leads tab', () => {
  const run = setUp();

  it('puts dropdowns on Status, Interest, Location and Consent, filled from statuses and config', () => {
    expect(errors(run)).toEqual([]);
    expect(dropdowns(run)).toEqual({ N: ALL_STATUSES, G: ['Solar', 'Battery'], H: ['North', 'South'], I: ['Yes', 'No'] });
  });

  it('covers every row below the header, and lets any value in with a help text', () => {
    const all = doc(run).validations('Leads');
    expect(all['N1']).toBeUndefined();
    expect(all['N1000']).toMatchObject({ criteria: 'VALUE_IN_LIST', allowInvalid: true });
    expect(all['N2'].helpText).toMatch(/^Baton: pick a status/);
  });

  it('lets a person type a status outside the list (Baton reports it; the sheet does not reject it)', () => {
    const r = setUp({ events: [{ at: '2026-03-02T09:00:00-05:00', type: 'edit', user: OWNER, sheet: 'Leads', range: 'N2', values: [['Maybe later']] }] }).run();
    expect(r.sheets['Leads'][1][13]).toBe('Maybe later');
  });

  it('freezes the header row, and the columns through Name so who the lead is stays in view', () => {
    expect(doc(run).frozenRows('Leads')).toBe(1);
    expect(doc(run).sheetByName('Leads')!.frozenColumns).toBe(3);
  });

  it('protects exactly the system columns, warning-only, described as Baton\'s', () => {
    const ps = doc(run).protectionList('Leads');
    expect(ps.map((p) => p.a1).sort()).toEqual(['A1:A1000', 'P1:P1000', 'Q1:Q1000', 'R1:R1000', 'S1:S1000', 'T1:T1000']);
    expect(ps.every((p) => p.warningOnly && p.type === 'RANGE' && p.description.startsWith('Baton: system column'))).toBe(true);
  });

  it('colours Status, SLA and Problems with native conditional formatting from row 2 down', () => {
    const lines = ruleLines(run);
    expect(lines).toEqual(
      expect.arrayContaining([
        'N2:N1000 TEXT_EQUAL_TO Needs info #fce8b2',
        'N2:N1000 TEXT_EQUAL_TO Ready #c9daf8',
        'N2:N1000 TEXT_EQUAL_TO Assigned #d9ead3',
        'N2:N1000 TEXT_EQUAL_TO Duplicate #efefef',
        'N2:N1000 TEXT_EQUAL_TO Won -',
        'S2:S1000 TEXT_EQUAL_TO Due soon #fce8b2',
        'S2:S1000 TEXT_EQUAL_TO Breached #e06666',
        'S2:S1000 TEXT_EQUAL_TO Met #d9ead3',
        'S2:S1000 TEXT_EQUAL_TO Missed #990000',
        'S2:S1000 TEXT_EQUAL_TO Closed before due #efefef',
        'T2:T1000 CELL_NOT_EMPTY  #f4cccc',
        // The sheet turns an assigned lead's SLA Due red the minute it passes, between sweeps.
        'Q2:Q1000 CUSTOM_FORMULA =AND(ISNUMBER($Q2),$R2="",$Q2<NOW(),$N2="Assigned") #e06666',
      ]),
    );
    expect(lines).toHaveLength(17);
    const won = doc(run).conditionalFormatRules('Leads').find((r) => r.condition?.values[0] === 'Won');
    expect(won?.format.fontColor).toBe('#999999');
  });
});

describe('columns are found by header text', () => {
  it('follows an adopted tab whose columns are in another order', () => {
    const headers = ['Problems', 'Consent', 'Name', 'Status', 'Email', 'Location', 'Lead ID', 'Interest'];
    const run = setUp({ sheets: { Leads: [headers, ['', 'Yes', 'Dana', '', 'dana@example.com', 'North', '', 'Solar']] } });
    expect(dropdowns(run)).toEqual({ D: ALL_STATUSES, H: ['Solar', 'Battery'], F: ['North', 'South'], B: ['Yes', 'No'] });
    const protectedColumns = doc(run).protectionList('Leads').map((p) => p.a1[0]).sort();
    // Lead ID and Problems where they are; the other system columns appended after column H.
    expect(protectedColumns).toEqual(['A', 'G', ...['Assigned At', 'SLA Due', 'First Contact', 'SLA'].map((h) => columnOf(run, h))].sort());
    expect(ruleLines(run).filter((l) => l.includes('CELL_NOT_EMPTY'))).toEqual(['A2:A1000 CELL_NOT_EMPTY  #f4cccc']);
    expect(ruleLines(run).filter((l) => l.includes('Ready'))).toEqual(['D2:D1000 TEXT_EQUAL_TO Ready #c9daf8']);
  });

  it('follows headers renamed through config.columns', () => {
    const run = setUp({ config: { ...CONFIG, columns: { status: 'Stage', location: 'Region', problems: 'Blockers' } } });
    expect(doc(run).displayValues('Leads')[0]).toEqual(expect.arrayContaining(['Stage', 'Region', 'Blockers']));
    const d = dropdowns(run);
    expect(d[columnOf(run, 'Stage')]).toEqual(ALL_STATUSES);
    expect(d[columnOf(run, 'Region')]).toEqual(['North', 'South']);
    const blockers = doc(run).protectionList('Leads').find((p) => p.description.includes('"Blockers"'));
    expect(blockers?.a1).toBe(`${columnOf(run, 'Blockers')}1:${columnOf(run, 'Blockers')}1000`);
  });

  it('skips a dropdown whose list is empty, and clears Baton\'s old one when the list is emptied', () => {
    const run = setUp();
    expect(dropdowns(run)['G']).toEqual(['Solar', 'Battery']);
    run.call(OWNER, 'setupBaton', [{ ...CONFIG, intake: { ...intake, interests: [] } }]);
    expect(errors(run)).toEqual([]);
    expect(Object.keys(doc(run).validations('Leads')).some((a1) => a1.startsWith('G'))).toBe(false);
    expect(dropdowns(run)['N']).toEqual(ALL_STATUSES);
  });
});

describe('running setup again', () => {
  it('leaves the same rules, protections and dropdowns, and rewrites neither rules nor protections', () => {
    const run = setUp();
    const before = { rules: ruleLines(run), protections: doc(run).protectionList('Leads').map((p) => p.id), dropdowns: dropdowns(run) };
    run.menu(OWNER, 'Set up Baton');
    expect(errors(run)).toEqual([]);
    expect(ruleLines(run)).toEqual(before.rules);
    expect(doc(run).protectionList('Leads').map((p) => p.id)).toEqual(before.protections);
    expect(dropdowns(run)).toEqual(before.dropdowns);
    const second = run.result().executions.at(-1)!;
    expect(second.calls['Sheet.setConditionalFormatRules']).toBeUndefined();
    expect(second.calls['Range.protect']).toBeUndefined();
  });

  it('keeps a conditional format rule and a protection a person made, and does not duplicate Baton\'s', () => {
    const run = setUp();
    const d = doc(run);
    const sheet = d.requireSheet('Leads');
    const batonRules = d.conditionalFormatRules('Leads').length;
    // Maria highlights free-mail addresses in Email (D) and locks Name (C) for herself.
    sheet.conditionalFormats.push({
      id: d.newRuleId(),
      ranges: [{ sheetId: sheet.id, rect: { r: 2, c: 4, nr: 999, nc: 1 } }],
      condition: { type: 'TEXT_CONTAINS', values: ['@gmail'] },
      format: { background: '#ffff00' },
    });
    d.addProtection(sheet, { r: 1, c: 3, nr: 1000, nc: 1 }).description = 'Names: Maria only';
    run.menu(OWNER, 'Set up Baton');
    expect(errors(run)).toEqual([]);
    const rules = d.conditionalFormatRules('Leads');
    expect(rules).toHaveLength(batonRules + 1);
    expect(rules.filter((r) => r.a1[0] === 'D2:D1000' && r.condition?.type === 'TEXT_CONTAINS' && r.format.background === '#ffff00')).toHaveLength(1);
    const ps = d.protectionList('Leads');
    expect(ps).toHaveLength(7);
    expect(ps.filter((p) => p.description === 'Names: Maria only')).toHaveLength(1);
  });

  it('rewrites Baton\'s rules for a moved column, keeping the person\'s rule and no stale ones', () => {
    const run = setUp();
    const d = doc(run);
    const sheet = d.requireSheet('Leads');
    sheet.conditionalFormats.unshift({
      id: d.newRuleId(),
      ranges: [{ sheetId: sheet.id, rect: { r: 2, c: 12, nr: 999, nc: 1 } }],
      condition: { type: 'NUMBER_GREATER_THAN', values: [50000] },
      format: { bold: true },
    });
    const count = d.conditionalFormatRules('Leads').length;
    // A Baton rule someone dragged onto the wrong column (M) is Baton's: setup puts it back on N.
    const ready = sheet.conditionalFormats.find((r) => r.condition?.values[0] === 'Ready')!;
    ready.ranges[0].rect.c = 13;
    run.menu(OWNER, 'Set up Baton');
    expect(errors(run)).toEqual([]);
    const lines = ruleLines(run);
    expect(lines).toHaveLength(count);
    expect(lines[0]).toBe('L2:L1000 NUMBER_GREATER_THAN 50000 -');
    expect(lines.filter((l) => l.includes(' Ready '))).toEqual(['N2:N1000 TEXT_EQUAL_TO Ready #c9daf8']);
  });
});
