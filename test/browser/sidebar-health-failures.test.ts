/**
 * The sidebar's Health list names each failure's lead (name and company, from the Leads tab) and
 * links to its row, as text: a hostile name shows as typed, never as HTML. The count in the
 * heading, the banner and the list come from one getHealth answer.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_HEADERS } from '../../src/core/headers';
import { completeLead, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { openSidebar } from './harness';
import { openSection } from './sidebar-page';

const START = '2026-03-02T08:00:00-05:00';
const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>Eve</b>';
const COMPANY = 'Acme & <Sons>';

function withFailure(): ScenarioRun {
  const config = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
  const run = new ScenarioRun(parseScenario(scenario({ config, sheets: { Leads: [[...LEAD_HEADERS]] }, start: START })), builtProject());
  run.install();
  const lead = completeLead('Eve', { Name: HOSTILE, Email: 'eve@example.com', Company: COMPANY, Owner: 'zed@elsewhere.test' });
  run.apply({ at: START, type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann')), wholeRow(lead)] } as never);
  run.fireClockUntil(Date.parse('2026-03-02T08:30:00-05:00'));
  return run;
}

describe('the Health list', () => {
  it('shows the lead\'s name and company as text and a link to its row, from the same answer as the count', async () => {
    const run = withFailure();
    const { page, calls } = await openSidebar({ run, user: OWNER });
    const health = await openSection(page, 'Health');
    await health.getByText('Open failures (1)').waitFor();
    await health.getByText('Baton is running; 1 failed handoff needs attention.').waitFor();
    const item = health.locator('ul.failures > li');
    await expect(item.count()).resolves.toBe(1);
    const text = await item.first().textContent();
    expect(text).toContain(`${HOSTILE}, ${COMPANY}`);
    // No markup from the name reached the page.
    await expect(item.locator('img').count()).resolves.toBe(0);
    await expect(item.locator('b').count()).resolves.toBe(0);
    await expect(page.evaluate('typeof window.__pwned')).resolves.toBe('undefined');
    const doc = spreadsheetState(run.rt);
    const row = doc.snapshot().sheets['Leads'].findIndex((r) => r.includes('eve@example.com')) + 1;
    const link = item.getByRole('link', { name: `row ${row}` });
    await expect(link.getAttribute('href')).resolves.toBe(`https://docs.google.com/spreadsheets/d/${doc.spreadsheetId}/edit#gid=${doc.sheetByName('Leads')!.id}&range=A${row}`);
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    // One read: the list no longer needs a second call beside getHealth.
    expect(calls.map((c) => c.fn)).not.toContain('listFailures');
  });
});
