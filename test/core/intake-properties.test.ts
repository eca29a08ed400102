/**
 * Properties of the intake planner over arbitrary sheets: any cell value is classified without
 * throwing, and planning again over the plan's own result (with the state the shell records
 * from it) changes nothing.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/core/conditions';
import { parseConfig, type BatonConfig } from '../../src/core/config';
import { LEAD_HEADERS } from '../../src/core/headers';
import { planIntake, type IntakePlan } from '../../src/core/intake-plan';
import { STATE_FIELDS, type LeadState } from '../../src/core/lead-state';
import { INTAKE_STATUSES } from '../../src/core/statuses';
import { stateFromLeads } from '../../src/gas/state-tab';
import { SPEC_EXAMPLE } from '../support/spec-example';

const NOW = Date.UTC(2026, 2, 2, 14, 0, 0);
const H: string[] = [...LEAD_HEADERS];

function configOf(): BatonConfig {
  const { version, managers, intake, readiness } = SPEC_EXAMPLE;
  const r = parseConfig({ version, managers, intake, readiness }, 'America/New_York');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
}
const CONFIG = configOf();

function hexes(seed: number): () => string {
  let n = seed;
  return () => (Math.imul(n++, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0') + '0000';
}

// ---------------------------------------------------------------- arbitraries

/** Values a lead sheet really holds, so that duplicates, copies and statuses meet often. */
const domain = fc.constantFrom<CellValue>(
  'dana@example.com',
  ' DANA@Example.com ',
  'eli@example.com',
  'not-an-email@',
  '(212) 555-0101',
  '+1 212 555 0101',
  '555-0101',
  'Solar',
  'Wind',
  'North',
  'West',
  'Yes',
  'No',
  'maybe',
  'Web',
  'Spring',
  ...INTAKE_STATUSES,
  'Assigned',
  'Contacted',
  'Won',
  'Lost',
  'ready',
  'Maybe later',
  'L-AAAAAA',
  'L-BBBBBB',
  ' L-CCCCCC ',
  'ben@acme.test',
  '$1,200',
  '🚀 Dana <b>Smith</b>',
);
const formula = fc.constantFrom<CellValue>('=IMPORTXML("http://evil.test","//a")', '=HYPERLINK("http://evil.test","x")', '=1+2', "'=text", '=');
const huge = fc.constantFrom<CellValue>('x'.repeat(50_000), 'dana@example.com'.repeat(3_125), ' '.repeat(50_000));
const date = fc.date({ min: new Date(Date.UTC(1899, 11, 30)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true });
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 6, arbitrary: domain },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 1, arbitrary: formula },
  { weight: 1, arbitrary: huge },
  { weight: 2, arbitrary: fc.integer({ min: -1e6, max: 1e10 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: date },
);

/** The Leads header: any order, some columns possibly missing, sometimes an extra or repeated one. */
const header = fc
  .tuple(
    fc.shuffledSubarray(H, { minLength: H.length - 3, maxLength: H.length }),
    fc.constantFrom<string[]>([], ['Notes'], ['Email'], ['']),
  )
  .map(([cols, extra]) => [...cols, ...extra]);

const ID = fc.constantFrom<CellValue>('L-AAAAAA', 'L-BBBBBB', 'L-CCCCCC', '');
/** Per column: mostly any cell; Lead ID and Status lean towards values that meet Baton's state. */
const cellFor = (h: string): fc.Arbitrary<CellValue> =>
  h === 'Lead ID'
    ? fc.oneof({ weight: 3, arbitrary: ID }, { weight: 2, arbitrary: cell })
    : h === 'Status'
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom<CellValue>('', ...INTAKE_STATUSES, 'Assigned', 'Contacted', 'Won') }, { weight: 2, arbitrary: cell })
      : cell;

const sheet = header.chain((head) =>
  fc.record({
    header: fc.constant(head),
    rows: fc.array(fc.tuple(...head.map(cellFor)), { maxLength: 10 }),
  }),
);

/** Counterexamples without 50,000-character walls of text. */
function short(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, k: string, x: unknown) {
    if (this[k] instanceof Date) return `Date(${String(x)})`;
    if (typeof x === 'string' && x.length > 60) return `${x.slice(0, 20)}…(${x.length} characters)`;
    if (x instanceof Map) return Object.fromEntries(x);
    return x;
  });
}
function report<T>(out: fc.RunDetails<T>): void {
  if (!out.failed) return;
  throw new Error(
    `Property failed after ${out.numRuns} tests (seed ${out.seed}, path "${out.counterexamplePath}").\n` +
      `Counterexample: ${short(out.counterexample)}\n${String(out.errorInstance)}`,
  );
}

const stateRecord: fc.Arbitrary<LeadState> = fc
  .tuple(fc.constantFrom('L-AAAAAA', 'L-BBBBBB', 'L-CCCCCC'), fc.array(cell, { minLength: STATE_FIELDS.length, maxLength: STATE_FIELDS.length }))
  .map(([id, values]) => {
    const record = {} as LeadState;
    STATE_FIELDS.forEach((f, i) => (record[f] = values[i]));
    record.leadId = id;
    return record;
  });
const state = fc.option(
  fc.array(stateRecord, { maxLength: 4 }).map((records) => new Map(records.map((r) => [String(r.leadId), r]))),
  { nil: null },
);
const edited = fc.option(
  fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 0, max: 4 })).map(([rowStart, n]) => ({ rowStart, rowEnd: rowStart + n })),
  { nil: undefined },
);

// ---------------------------------------------------------------- helpers

/** The sheet after the plan's writes (nothing moved in between, so each goes to its snapshot row). */
function applied(rows: CellValue[][], plan: IntakePlan): CellValue[][] {
  const out = rows.map((r) => [...r]);
  for (const w of plan.writes) out[w.target.row - 2][w.column] = w.value;
  return out;
}

/** The state the shell records after a run (src/gas/state-tab.ts). */
function recorded(head: CellValue[], rows: CellValue[][], plan: IntakePlan): Map<string, LeadState> {
  if (plan.columns.index.leadId === undefined) return new Map();
  return new Map(stateFromLeads([head, ...rows], plan.columns).map((s) => [String(s.leadId), s]));
}

describe('intake over arbitrary sheets', () => {
  it('classifies any row of any cell values without throwing, and says why in short plain text', () => {
    fc.assert(
      fc.property(sheet, state, edited, (s, known, edit) => {
        const plan = planIntake({ snapshot: s, state: known, config: CONFIG, configVersion: 1, now: NOW, actor: 'ana@acme.test', edited: edit, nextHex: hexes(1) });
        for (const w of plan.writes) {
          expect(w.target.row).toBeGreaterThanOrEqual(2);
          expect(w.target.row).toBeLessThanOrEqual(s.rows.length + 1);
          expect(s.header[w.column]).toBe(plan.columns.headers[w.field] !== undefined ? s.header[plan.columns.index[w.field]] : undefined);
          // Baton decides intake statuses; any other status it writes puts back one a person changed.
          if (w.field === 'status' && !INTAKE_STATUSES.includes(w.value as never)) {
            expect(plan.log.some((l) => l.event === 'reverted' && l.reason.startsWith('Only') && l.reason.includes('Status'))).toBe(true);
          }
          if (w.field === 'problems') expect(typeof w.value).toBe('string');
          if (w.field === 'problems') expect((w.value as string).length).toBeLessThan(2_000);
        }
        for (const l of plan.log) expect(typeof l.reason).toBe('string');
      }),
      { numRuns: 150, seed: 20260302, reporter: report },
    );
  });

  it('changes nothing when planned again over its own result', () => {
    fc.assert(
      fc.property(sheet, state, edited, (s, known, edit) => {
        const first = planIntake({ snapshot: s, state: known, config: CONFIG, configVersion: 1, now: NOW, actor: 'ana@acme.test', edited: edit, nextHex: hexes(1) });
        const rows = applied(s.rows, first);
        const again = planIntake({
          snapshot: { header: s.header, rows },
          state: recorded(s.header, rows, first),
          config: CONFIG,
          configVersion: 1,
          now: NOW + 60_000,
          actor: '',
          nextHex: hexes(1_000),
        });
        expect(again.writes).toEqual([]);
        expect(again.log).toEqual([]);
      }),
      { numRuns: 400, seed: 20260302, reporter: report },
    );
  });
});
