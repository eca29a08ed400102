/**
 * Intake at scale: a 5,000-row paste costs the same service calls as a 200-row paste (SPEC.md:
 * "any number of rows at once"; src/gas/handoff.ts: calls per run do not depend on the number of
 * leads). Counted per method for the execution that handles the paste, never timed.
 */
import type { ScenarioResult } from '../../emulator/scenario';
import { LEAD_HEADERS, LOG_HEADERS, LOG_SHEET } from '../../src/core/headers';
import { STATE_HEADERS, STATE_SHEET } from '../../src/core/lead-state';
import { PENDING_SHEET } from '../../src/core/pending-run';
import { LEAD_ID_PATTERN } from '../../src/core/lead-id';
import { OWNER, simulate } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H: string[] = [...LEAD_HEADERS];
const ROOM = 5_001;
const PASTED_AT = '2026-03-02T09:00:00-05:00';

/** SPEC.md's example config, intake only: its intake section and readiness rule. */
const CONFIG = { version: SPEC_EXAMPLE.version, managers: [OWNER], intake: SPEC_EXAMPLE.intake, readiness: SPEC_EXAMPLE.readiness };

/** Lead i, A..M: a mix of Ready, Needs info, Ineligible and not-yet-ready rows, all different people. */
function leadRow(i: number): (string | number)[] {
  const kind = i % 4;
  return [
    '',
    '',
    `Lead ${i}`,
    `lead${i}@example.com`,
    '',
    'Acme',
    'Solar',
    kind === 2 ? 'West' : 'North',
    kind === 1 ? '' : 'Yes',
    'Web',
    'Spring',
    kind === 3 ? 500 : 5000,
    'Business',
  ];
}

const tab = (header: readonly string[], rows: number) => [[...header], ...Array.from({ length: rows - 1 }, () => [''])];

function pasteOf(n: number): ScenarioResult {
  // The same tabs in both runs, with room for 5,000 leads, their log rows and the run's recorded
  // intent, so only the paste differs (growing a full tab is covered in intake.test.ts).
  const values = Array.from({ length: n }, (_, i) => leadRow(i));
  return simulate({
    sheets: {
      Leads: tab(H, ROOM),
      [LOG_SHEET]: tab(LOG_HEADERS, 4 * ROOM),
      [STATE_SHEET]: tab(STATE_HEADERS, 2 * ROOM),
      [PENDING_SHEET]: Array.from({ length: 6 * ROOM }, () => ['']),
    },
    config: CONFIG,
    events: [{ at: PASTED_AT, type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: `A2:M${n + 1}`, values }],
    until: '2026-03-02T09:01:00-05:00',
  });
}

const handling = (r: ScenarioResult) => r.executions.filter((e) => e.function === 'batonOnEdit' && Date.parse(e.at) >= Date.parse(PASTED_AT));
const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

describe('a 5,000-row paste', () => {
  // Both past the 100 rows a run may plan alone below the tab (a smaller paste first asks the tab's
  // size whether it may: gas/new-rows-in-place.ts), so both take the full way.
  const small = pasteOf(200);
  const large = pasteOf(5_000);

  it('is handled in full, without an error', () => {
    expect(large.executions.filter((e) => e.error !== null)).toEqual([]);
    expect(handling(large)).toHaveLength(1);
    const rows = large.sheets['Leads'].slice(1, 5_001);
    const ids = rows.map((r) => String(r[0]));
    expect(ids.every((id) => LEAD_ID_PATTERN.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(5_000);
    const status = H.indexOf('Status');
    expect(rows.slice(0, 4).map((r) => r[status])).toEqual(['Ready', 'Needs info', 'Ineligible', 'New']);
    expect(rows.filter((r) => r[status] === '')).toEqual([]);
  });

  it('makes the same service calls, method by method, as a 200-row paste', () => {
    const [s] = handling(small);
    const [l] = handling(large);
    expect(l.calls).toEqual(s.calls);
    expect(total(l.calls)).toBe(total(s.calls));
  });
});
