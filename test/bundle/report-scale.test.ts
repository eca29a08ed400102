/**
 * The weekly report at scale (SPEC.md issue: "a year of history in a fixed number of service
 * calls"): built from the menu over a year of leads and of log rows, 400 leads with 1,000 log rows
 * against 4,000 leads with 30,000 log rows. Both cover every day of the year, so the time port
 * (Utilities.formatDate, one UTC day at a time) meets the same days: the service calls must be the
 * same, method by method. Counted, never timed.
 */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { LEAD_HEADERS, LOG_HEADERS, LOG_SHEET } from '../../src/core/headers';
import { REPORT_SHEET } from '../../src/core/report-layout';
import { completeLead, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const OWNERS = ['ana@acme.test', 'ben@acme.test', 'cy@acme.test', OWNER];
const DAY = 86_400_000;
const CONFIG = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })), report: { weekday: 1, hour: 8 } };

/** The local date `k` days before Sunday 2026-03-01. */
const dayBefore = (k: number) => new Date(Date.UTC(2026, 2, 1) - k * DAY).toISOString().slice(0, 10);

function leadRow(i: number): (string | number)[] {
  const date = dayBefore(i % 365);
  return wholeRow(
    completeLead(`Lead ${i}`, {
      'Lead ID': `L-${String(i).padStart(6, '0')}`,
      Email: `lead${i}@example.com`,
      Source: ['Web', 'Ads', 'Fair'][i % 3],
      Campaign: ['Spring', 'Summer'][i % 2],
      Created: `${date} 09:55:00`,
      Status: 'Contacted',
      Owner: OWNERS[i % OWNERS.length],
      'Assigned At': `${date} 10:00:00`,
      'SLA Due': `${date} 11:00:00`,
      'First Contact': `${date} ${i % 5 === 0 ? '11:30' : '10:20'}:00`,
    }),
  );
}

const EVENTS = ['created', 'promoted', 'assigned', 'contacted'];
function logRow(j: number, leads: number): (string | number)[] {
  const e = EVENTS[j % EVENTS.length];
  return [`${dayBefore(j % 365)} 10:00:00`, `L-${String(j % leads).padStart(6, '0')}`, e, 'Ready', e === 'assigned' ? OWNERS[j % OWNERS.length] : '', 'Baton', 'seeded', 1];
}

function buildOver(leads: number, logRows: number): { r: ScenarioResult; calls: Record<string, number> } {
  const sheets = {
    Leads: [[...LEAD_HEADERS], ...Array.from({ length: leads }, (_, i) => leadRow(i))],
    [LOG_SHEET]: [[...LOG_HEADERS], ...Array.from({ length: logRows }, (_, j) => logRow(j, leads))],
  };
  const run = new ScenarioRun(parseScenario(scenario({ start: '2026-03-02T08:55:00-05:00', config: CONFIG, sheets })), builtProject());
  run.install();
  run.rt.clock.set(Date.parse('2026-03-02T09:00:00-05:00'));
  const before = run.rt.records.length;
  run.menu(OWNER, 'Build weekly report now');
  const rec = run.rt.records.slice(before).find((x) => x.function === 'menuBuildReport')!;
  expect(rec.error).toBeNull();
  return { r: run.result(), calls: rec.calls };
}

describe('Build weekly report now over a year of history', () => {
  const small = buildOver(400, 1_000);
  const large = buildOver(4_000, 30_000);

  it('builds the report of the week of 2026-02-23 in both', () => {
    for (const s of [small, large]) expect(s.r.sheets[REPORT_SHEET][0][0]).toBe('Baton Report: week of 2026-02-23 to 2026-03-01 (America/New_York)');
    const leadsIn = (s: typeof small) => {
      const rows = s.r.sheets[REPORT_SHEET];
      return rows[rows.findIndex((row) => row[0] === 'Headline') + 2][0];
    };
    // Leads created on the 7 days of that week: i % 365 in 0..6, i.e. 2 cycles of 365 in 400, 11 in 4,000.
    expect(leadsIn(small)).toBe(2 * 7);
    expect(leadsIn(large)).toBe(11 * 7);
  });

  it('makes the same service calls, method by method, whatever the size of the log and the Leads tab', () => {
    expect(large.calls).toEqual(small.calls);
  });

  it('reads each tab with one getValues, writes the report with one setValues, and inserts two charts', () => {
    expect(small.calls['Range.getValues']).toBeLessThanOrEqual(6);
    expect(small.calls['Range.setValue'] ?? 0).toBe(0);
    expect(small.calls['Sheet.insertChart']).toBe(2);
  });
});
