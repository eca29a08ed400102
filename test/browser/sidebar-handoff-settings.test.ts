/**
 * The handoff settings added in issues 12 and 13, in the managers' sidebar: the re-open window
 * and the Needs-info digest (Intake), who may change Owner and Status (Routing), where the
 * response clock starts (SLA) and each member's new-lead notices (Team); saved through the page
 * and refused, by the field, when out of range.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { LEAD_HEADERS } from '../../src/core/headers';
import type { BatonConfig } from '../../src/core/config';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { openSidebar } from './harness';
import { openSection } from './sidebar-page';

function spreadsheet(): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: SPEC_EXAMPLE, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
  run.install();
  return run;
}

const stored = (run: ScenarioRun) => run.call(OWNER, 'getConfig', []) as { config: BatonConfig };

describe('identity and ownership settings', () => {
  it('start at their defaults, save through the page, and the server keeps them', async () => {
    const run = spreadsheet();
    expect(stored(run).config.intake.reopenDays).toBe(0);
    expect(stored(run).config.ownership.othersMayEdit).toBe(false);
    const { page } = await openSidebar({ run, user: OWNER });
    await openSection(page, 'Intake');
    const days = page.getByLabel('Days a closed lead stays open to the same person');
    await expect(days.inputValue()).resolves.toBe('0');
    await days.fill('14');
    await openSection(page, 'Routing');
    const anyone = page.getByRole('checkbox', { name: "Anyone may change a lead's Owner and Status" });
    await expect(anyone.isChecked()).resolves.toBe(false);
    await anyone.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();
    expect(stored(run).config.intake.reopenDays).toBe(14);
    expect(stored(run).config.ownership.othersMayEdit).toBe(true);
  });

  it('refuses a re-open window out of range by its field, and saves nothing', async () => {
    const run = spreadsheet();
    const { page } = await openSidebar({ run, user: OWNER });
    await openSection(page, 'Intake');
    const days = page.getByLabel('Days a closed lead stays open to the same person');
    await days.fill('400');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/must be at most 365/).first().waitFor();
    await expect(days.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(stored(run).config.intake.reopenDays).toBe(0);
  });
});

describe('speed settings (issue 13)', () => {
  it('the response clock, per-member notices and the Needs-info digest save through the page', async () => {
    const run = spreadsheet();
    expect(stored(run).config.sla.clockStarts).toBe('ready');
    const { page } = await openSidebar({ run, user: OWNER });
    await openSection(page, 'SLA');
    await page.getByLabel('The response clock starts').selectOption('assigned');
    await openSection(page, 'Team');
    await page.getByRole('group', { name: 'Team member Ben' }).getByRole('checkbox', { name: 'Notify them of each new lead they get' }).uncheck();
    await openSection(page, 'Intake');
    await page.getByLabel('Report leads still in Needs info after (business days)').fill('2');
    await page.getByLabel('Send that list to (one address per line)').fill('ben@acme.test');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();
    const config = stored(run).config;
    expect(config.sla.clockStarts).toBe('assigned');
    expect(config.team.find((m) => m.email === 'ben@acme.test')?.assignmentEmails).toBe(false);
    expect(config.team.find((m) => m.email === 'ana@acme.test')?.assignmentEmails).toBe(true);
    expect(config.intake.needsInfoDays).toBe(2);
    expect(config.intake.needsInfoTo).toEqual(['ben@acme.test']);
  });

  it('refuses a Needs-info limit of 0 days by its field', async () => {
    const run = spreadsheet();
    const { page } = await openSidebar({ run, user: OWNER });
    await openSection(page, 'Intake');
    const days = page.getByLabel('Report leads still in Needs info after (business days)');
    await days.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/must be at least 1/).first().waitFor();
    await expect(days.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(stored(run).config.intake.needsInfoDays).toBe(1);
  });
});
