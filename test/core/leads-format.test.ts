import { parseConfig, type BatonConfig } from '../../src/core/config';
import { LEAD_HEADERS } from '../../src/core/headers';
import {
  columnLetters,
  isBatonRule,
  planLeadsFormat,
  reconcileProtections,
  reconcileRules,
  staleDropdownColumns,
  type ExistingRule,
  type FormatRule,
} from '../../src/core/leads-format';
import { ALL_STATUSES } from '../../src/core/statuses';

function config(input: Record<string, unknown> = {}): BatonConfig {
  const r = parseConfig({ managers: ['maria@acme.test'], ...input }, 'America/New_York');
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.config;
}

const intake = { interests: ['Solar', 'Battery'], serviceAreas: ['North', 'South'], consent: { granted: ['Yes', 'Opt-in'], denied: ['No'] } };
const HEADERS: string[] = [...LEAD_HEADERS];
const col = (header: string, row: string[] = HEADERS) => row.indexOf(header) + 1;

/** A rule as Sheets would report back the one Baton planned. */
function asExisting(r: FormatRule): ExistingRule {
  return {
    ranges: [{ row: 2, column: r.column, numRows: 999, numColumns: 1 }],
    condition:
      r.when.type === 'TEXT_EQUAL_TO' ? { type: r.when.type, values: [r.when.text] } : r.when.type === 'CUSTOM_FORMULA' ? { type: r.when.type, values: [r.when.formula] } : { type: r.when.type, values: [] },
    background: r.background,
    fontColor: r.fontColor,
  };
}

describe('planLeadsFormat: dropdowns', () => {
  it('puts the lists from statuses and config on the columns found by header text', () => {
    const plan = planLeadsFormat(HEADERS, config({ intake }));
    const byField = Object.fromEntries(plan.dropdowns.map((d) => [d.field, d]));
    expect(byField.status).toMatchObject({ column: col('Status'), a1: 'N2:N', values: ALL_STATUSES });
    expect(byField.interest).toMatchObject({ column: col('Interest'), a1: 'G2:G', values: ['Solar', 'Battery'] });
    expect(byField.location).toMatchObject({ column: col('Location'), a1: 'H2:H', values: ['North', 'South'] });
    expect(byField.consent).toMatchObject({ column: col('Consent'), a1: 'I2:I', values: ['Yes', 'Opt-in', 'No'] });
  });

  it('lets invalid values in, with a help text that names Baton and the Problems column', () => {
    const plan = planLeadsFormat(HEADERS, config({ intake }));
    for (const d of plan.dropdowns) {
      expect(d.allowInvalid).toBe(true);
      expect(d.helpText).toMatch(/^Baton: .*Problems/);
    }
  });

  it('skips a column whose list is empty (the default config has no interests or areas)', () => {
    const plan = planLeadsFormat(HEADERS, config());
    expect(plan.dropdowns.map((d) => d.field).sort()).toEqual(['consent', 'status']);
  });

  it('follows reordered and renamed columns, matching header text case-insensitively', () => {
    const row = ['Notes', 'phase', 'Area', 'Email', 'Interest', 'Problems'];
    const plan = planLeadsFormat(row, config({ intake, columns: { status: 'Phase', location: 'Area' } }));
    const at = Object.fromEntries(plan.dropdowns.map((d) => [d.field, d.a1]));
    expect(at).toEqual({ status: 'B2:B', location: 'C2:C', interest: 'E2:E' });
  });

  it('lists each value once', () => {
    const plan = planLeadsFormat(HEADERS, config({ intake: { ...intake, consent: { granted: ['Yes', 'Yes '], denied: ['No', 'Yes'] } } }));
    expect(plan.dropdowns.find((d) => d.field === 'consent')!.values).toEqual(['Yes', 'No']);
  });
});

describe('planLeadsFormat: protections and frozen header', () => {
  it('protects exactly the system columns, whole column, warning-only, described as Baton\'s', () => {
    const plan = planLeadsFormat(HEADERS, config());
    expect(plan.protections.map((p) => p.a1)).toEqual(['A:A', 'P:P', 'Q:Q', 'R:R', 'S:S', 'T:T']);
    for (const p of plan.protections) {
      expect(p.warningOnly).toBe(true);
      expect(p.description).toMatch(/^Baton: system column "/);
    }
    expect(plan.protections.find((p) => p.field === 'slaDue')!.description).toContain('"SLA Due"');
    expect(plan.minFrozenRows).toBe(1);
    // Lead ID, Created, Name stay in view while people scroll right.
    expect(plan.minFrozenColumns).toBe(3);
    expect(planLeadsFormat(['Lead ID', 'Created', 'Email', 'Phone', 'Name'], config()).minFrozenColumns).toBe(0);
  });

  it('protects nothing for a system column the sheet lacks, and finds moved ones', () => {
    const plan = planLeadsFormat(['Name', 'Problems', 'Lead ID'], config());
    expect(plan.protections.map((p) => [p.field, p.a1])).toEqual([
      ['leadId', 'C:C'],
      ['problems', 'B:B'],
    ]);
  });
});

describe('planLeadsFormat: conditional formatting', () => {
  const plan = planLeadsFormat(HEADERS, config());
  const status = (text: string) => plan.rules.find((r) => r.field === 'status' && r.when.type === 'TEXT_EQUAL_TO' && r.when.text === text);
  const sla = (text: string) => plan.rules.find((r) => r.field === 'sla' && r.when.type === 'TEXT_EQUAL_TO' && r.when.text === text);

  it('colours statuses by stage', () => {
    expect(status('Needs info')).toMatchObject({ a1: 'N2:N', background: '#fce8b2' });
    expect(status('Ready')).toMatchObject({ background: '#c9daf8' });
    expect(status('Assigned')!.background).toBe('#d9ead3');
    expect(status('Duplicate')).toMatchObject({ background: '#efefef' });
    expect(status('Ineligible')).toMatchObject({ background: '#efefef' });
    for (const closed of ['Qualified', 'Won', 'Lost', 'Disqualified']) expect(status(closed)).toMatchObject({ background: null, fontColor: '#999999' });
    expect(status('New')).toBeUndefined();
  });

  it('colours SLA states and a non-empty Problems cell', () => {
    expect(sla('Due soon')).toMatchObject({ a1: 'S2:S', background: '#fce8b2' });
    expect(sla('Breached')!.background).toBe('#e06666');
    expect(sla('Met')!.background).toBe('#d9ead3');
    expect(sla('Missed')!.background).toBe('#990000');
    expect(sla('On track')).toBeUndefined();
    expect(plan.rules.filter((r) => r.field === 'problems')).toEqual([
      { field: 'problems', column: 20, a1: 'T2:T', when: { type: 'CELL_NOT_EMPTY' }, background: '#f4cccc', fontColor: null },
    ]);
  });

  it('makes no rule for a column the sheet lacks', () => {
    const rules = planLeadsFormat(['Name', 'Status'], config()).rules;
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.field === 'status' && r.a1 === 'B2:B')).toBe(true);
  });

  it('names columns past Z as Sheets does', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    const row = [...Array(30).fill(''), 'Problems'];
    expect(planLeadsFormat(row, config()).rules[0].a1).toBe('AE2:AE');
  });
});

describe('reconcileProtections', () => {
  const wanted = planLeadsFormat(HEADERS, config()).protections;
  const existingOf = (ps: typeof wanted) => ps.map((p) => ({ description: p.description, column: p.column, numColumns: 1 }));

  it('adds every protection to a sheet that has none', () => {
    expect(reconcileProtections(wanted, [])).toEqual({ remove: [], add: wanted });
  });

  it('changes nothing when Baton\'s protections are already in place', () => {
    expect(reconcileProtections(wanted, existingOf(wanted))).toEqual({ remove: [], add: [] });
  });

  it('never touches a protection a person made, even on a system column', () => {
    const mine = { description: 'Finance only', column: 1, numColumns: 3 };
    expect(reconcileProtections(wanted, [mine, ...existingOf(wanted)])).toEqual({ remove: [], add: [] });
  });

  it('replaces one on the wrong column and removes duplicates', () => {
    const existing = existingOf(wanted);
    existing[0] = { ...existing[0], column: 5 };
    existing.push({ ...existingOf(wanted)[1] });
    const changes = reconcileProtections(wanted, existing);
    expect(changes.remove).toEqual([0, 6]);
    expect(changes.add).toEqual([wanted[0]]);
  });

  it('replaces one whose header was renamed through config', () => {
    const renamed = planLeadsFormat(HEADERS.map((h) => (h === 'SLA Due' ? 'Due By' : h)), config({ columns: { slaDue: 'Due By' } })).protections;
    const changes = reconcileProtections(renamed, existingOf(wanted));
    expect(changes.remove).toEqual([2]);
    expect(changes.add.map((p) => p.description)).toEqual([expect.stringContaining('"Due By"')]);
  });
});

describe('reconcileRules', () => {
  const wanted = planLeadsFormat(HEADERS, config()).rules;
  const personal: ExistingRule = {
    ranges: [{ row: 2, column: 5, numRows: 999, numColumns: 1 }],
    condition: { type: 'TEXT_CONTAINS', values: ['@gmail'] },
    background: '#ffff00',
    fontColor: null,
  };

  it('adds Baton\'s rules after the rules people made, keeping theirs', () => {
    expect(reconcileRules(wanted, [personal])).toEqual({ changed: true, keep: [0], add: wanted });
  });

  it('writes nothing when Baton\'s rules are already there', () => {
    const changes = reconcileRules(wanted, [personal, ...wanted.map(asExisting)]);
    expect(changes.changed).toBe(false);
    expect(changes.keep).toEqual([0]);
  });

  it('rewrites Baton\'s rules when the Status column moved, dropping the stale ones', () => {
    const row = HEADERS.filter((h) => h !== 'Status').concat('Status');
    const moved = planLeadsFormat(row, config()).rules;
    const changes = reconcileRules(moved, wanted.map(asExisting));
    expect(changes).toEqual({ changed: true, keep: [], add: moved });
  });

  it('turns SLA Due red once it passes, by a formula on the columns where they are now', () => {
    const overdue = wanted.find((r) => r.when.type === 'CUSTOM_FORMULA')!;
    expect(overdue).toMatchObject({ field: 'slaDue', a1: 'Q2:Q', background: '#e06666', when: { formula: '=AND(ISNUMBER($Q2),$R2="",$Q2<NOW(),$N2="Assigned")' } });
    expect(isBatonRule(asExisting(overdue))).toBe(true);
    expect(isBatonRule({ ...asExisting(overdue), condition: { type: 'CUSTOM_FORMULA', values: ['=$Q2<NOW()'] } })).toBe(false);
    const row = HEADERS.filter((h) => h !== 'Status').concat('Status');
    const moved = planLeadsFormat(row, config()).rules.find((r) => r.when.type === 'CUSTOM_FORMULA')!;
    expect(moved.when).toEqual({ type: 'CUSTOM_FORMULA', formula: '=AND(ISNUMBER($P2),$Q2="",$P2<NOW(),$T2="Assigned")' });
  });

  it('tells Baton\'s rules from a person\'s on the same column', () => {
    const baton = asExisting(wanted.find((r) => r.field === 'status')!);
    expect(isBatonRule(baton)).toBe(true);
    expect(isBatonRule({ ...baton, background: '#ff00ff' })).toBe(false);
    expect(isBatonRule({ ...baton, background: baton.background!.toUpperCase() })).toBe(true);
    expect(isBatonRule({ ...baton, ranges: [{ row: 1, column: 14, numRows: 1000, numColumns: 1 }] })).toBe(false);
    expect(isBatonRule({ ...baton, ranges: [{ row: 2, column: 14, numRows: 999, numColumns: 2 }] })).toBe(false);
    expect(isBatonRule({ ...baton, condition: null })).toBe(false);
  });

  it('keeps a gradient rule (no boolean condition)', () => {
    const gradient: ExistingRule = { ranges: [{ row: 2, column: 12, numRows: 999, numColumns: 1 }], condition: null, background: null, fontColor: null };
    expect(reconcileRules(wanted, [gradient]).keep).toEqual([0]);
  });
});

describe('staleDropdownColumns', () => {
  it('clears only Baton\'s dropdowns on columns no longer wanted', () => {
    const wanted = planLeadsFormat(HEADERS, config()).dropdowns;
    const helpTexts: (string | null)[] = HEADERS.map(() => null);
    helpTexts[6] = 'Baton: pick an interest from the list.'; // Interest: its list is now empty
    helpTexts[7] = 'Pick a region'; // a person's own validation
    helpTexts[13] = wanted.find((d) => d.field === 'status')!.helpText;
    expect(staleDropdownColumns(wanted, helpTexts)).toEqual([7]);
  });
});
