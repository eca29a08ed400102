/**
 * Done when (issue #7): a manager, as a new user would, configures the SPEC.md example config
 * entirely through the sidebar, starting from a freshly set-up Baton. And a screenshot of each
 * section, from the current build, for the README.
 */
import type { Locator, Page } from 'playwright-core';
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { parseConfig, type BatonConfig } from '../../src/core/config';
import { LEAD_HEADERS } from '../../src/core/headers';
import { completeLead, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { openSidebar, screenshot } from './harness';
import { closeSection, openSection } from './sidebar-page';

async function condition(scope: Locator, n: number, field: string, test: string, value?: string) {
  await scope.getByRole('button', { name: 'Add condition' }).click();
  await scope.getByLabel(`Condition ${n} field`).selectOption({ label: field });
  await scope.getByLabel(`Condition ${n} test`).selectOption({ label: test });
  if (value !== undefined) await scope.getByLabel(new RegExp(`^Condition ${n} value`)).fill(value);
}

async function addMember(page: Page, m: { name: string; email: string; capacity: number; weight: number }) {
  await page.getByRole('button', { name: 'Add team member' }).click();
  const card = page.getByRole('group', { name: /^Team member/ }).last();
  await card.getByLabel('Name').fill(m.name);
  await card.getByLabel('E-mail').fill(m.email);
  await card.getByLabel('Capacity').fill(String(m.capacity));
  await card.getByLabel('Weight').fill(String(m.weight));
  return card;
}

it('configures the SPEC.md example config entirely through the sidebar', async () => {
  const run = new ScenarioRun(parseScenario(scenario({ config: { version: 1 }, sheets: { Leads: [[...LEAD_HEADERS]] } })), builtProject());
  run.install();
  const { page } = await openSidebar({ run, user: OWNER });

  const general = await openSection(page, 'General');
  await general.locator('summary', { hasText: 'Column headers' }).click();
  await general.getByLabel('Email', { exact: true }).fill('Email');
  await general.getByLabel('Phone', { exact: true }).fill('Phone');
  await closeSection(page, 'General');

  const intake = await openSection(page, 'Intake');
  for (const f of ['Interest', 'Location', 'Consent', 'Source', 'Campaign']) await intake.getByRole('checkbox', { name: f }).check();
  await intake.getByLabel('Interests (one per line)').fill('Solar\nBattery\nEV charger');
  await intake.getByLabel('Service areas (one per line)').fill('North\nSouth');
  await closeSection(page, 'Intake');

  const readiness = await openSection(page, 'Readiness');
  await condition(readiness, 1, 'Deal Size', 'is at least', '1000');
  await closeSection(page, 'Readiness');

  await openSection(page, 'Team');
  const ana = await addMember(page, { name: 'Ana', email: 'ana@acme.test', capacity: 25, weight: 2 });
  await ana.getByRole('button', { name: 'Add away period' }).click();
  await ana.getByLabel('From').fill('2026-03-02');
  await ana.getByLabel('To').fill('2026-03-06');
  await addMember(page, { name: 'Ben', email: 'ben@acme.test', capacity: 10, weight: 1 });
  await addMember(page, { name: 'Cy', email: 'cy@acme.test', capacity: 25, weight: 1 });
  await addMember(page, { name: 'Maria', email: 'maria@acme.test', capacity: 100, weight: 1 });
  await closeSection(page, 'Team');

  const routing = await openSection(page, 'Routing');
  await routing.getByRole('button', { name: 'Add routing rule' }).click();
  const enterprise = routing.getByRole('group', { name: /^Routing rule/ }).last();
  await enterprise.getByLabel('Rule name').fill('Enterprise');
  await condition(enterprise, 1, 'Deal Size', 'is at least', '50000');
  await enterprise.getByRole('checkbox', { name: 'Ben (ben@acme.test)' }).check();
  await routing.getByRole('button', { name: 'Add routing rule' }).click();
  const north = routing.getByRole('group', { name: /^Routing rule/ }).last();
  await north.getByLabel('Rule name').fill('North');
  await condition(north, 1, 'Location', 'is one of', 'North');
  await north.getByLabel('Match').selectOption({ label: 'any of these' });
  await north.getByRole('checkbox', { name: 'Ana (ana@acme.test)' }).check();
  await north.getByRole('checkbox', { name: 'Cy (cy@acme.test)' }).check();
  await north.getByLabel('Share leads').selectOption({ label: 'by weight' });
  await routing.getByRole('group', { name: 'When no rule can place a lead, assign to' }).getByRole('checkbox', { name: 'Maria (maria@acme.test)' }).check();
  await closeSection(page, 'Routing');

  const sla = await openSection(page, 'SLA');
  await sla.getByRole('button', { name: 'Add SLA target' }).click();
  const hot = sla.getByRole('group', { name: /^SLA target/ }).last();
  await hot.getByLabel('Target name').fill('Hot');
  await hot.getByLabel('First contact within (minutes)').fill('15');
  await condition(hot, 1, 'Customer Type', 'is', 'Business');
  await hot.getByRole('button', { name: 'Move target Hot up' }).click();
  await sla.getByLabel(/^Holidays/).fill('2026-12-25');
  await sla.getByLabel('When a lead is breached').selectOption({ label: 'reassign it, once' });
  await closeSection(page, 'SLA');

  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/Saved as version \d+/).waitFor();

  const expected = parseConfig(SPEC_EXAMPLE, 'America/New_York');
  if (!expected.ok) throw new Error(expected.problems.join(' '));
  const saved = (run.call(OWNER, 'getConfig', []) as { config: BatonConfig }).config;
  expect(saved).toEqual(expected.config);
});

it('shows each section, as the README does', async () => {
  const run = new ScenarioRun(parseScenario(scenario({ config: SPEC_EXAMPLE, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
  run.install();
  // A lead whose owner is not on the team: one open failure for the Health section.
  run.apply({ at: '2026-03-02T08:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Olga', { Owner: 'zed@elsewhere.test' }))] } as never);
  run.fireClockUntil(Date.parse('2026-03-02T08:30:00-05:00'));
  const { page } = await openSidebar({ run, user: OWNER });
  await closeSection(page, 'General');
  const shots: [string, string, string][] = [
    ['General', 'sidebar-general', 'Leads tab'],
    ['Intake', 'sidebar-intake', 'Mandatory fields'],
    ['Readiness', 'sidebar-readiness', 'Sales-ready when'],
    ['Team', 'sidebar-team', 'Add team member'],
    ['Routing', 'sidebar-routing', 'Add routing rule'],
    ['SLA', 'sidebar-sla', 'Add SLA target'],
    ['Alerts and report', 'sidebar-alerts', 'Weekly report on'],
    ['Health', 'sidebar-health', 'Open failures (1)'],
    ['Import / Export', 'sidebar-import-export', 'Load into the form'],
  ];
  for (const [title, name, ready] of shots) {
    const section = await openSection(page, title);
    await section.getByText(ready).first().waitFor();
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, name);
    await closeSection(page, title);
  }
});
