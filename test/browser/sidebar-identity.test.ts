/**
 * The identity and ownership settings in the managers' sidebar (issue 12): the re-open window
 * (Intake) and who may change Owner and Status (Routing), saved through the page and refused,
 * by the field, when out of range.
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
