/**
 * The managers' sidebar in a real browser (issue #7): the built page, its google.script.run
 * bridged to the built server bundle in the emulator. A manager adds a member and a rule,
 * previews, saves and sees the effect in the sheet; a non-manager cannot save; a validation
 * problem appears by its field; two managers editing at once get a conflict, not an overwrite.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { propertiesState } from '../../emulator/services/properties';
import { LEAD_HEADERS } from '../../src/core/headers';
import type { BatonConfig } from '../../src/core/config';
import { completeLead, leadRows, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { eventually, openSidebar, screenshot } from './harness';
import { openSection } from './sidebar-page';

/** The example team, nobody away, and no rule for the South: South leads go to the fallback. */
const CONFIG = {
  ...SPEC_EXAMPLE,
  team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })),
};
const START = '2026-03-02T08:00:00-05:00';

function spreadsheet(config: Record<string, unknown> = CONFIG): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config, sheets: { Leads: [[...LEAD_HEADERS]] }, start: START })), builtProject());
  run.install();
  return run;
}

const stored = (run: ScenarioRun) => run.call(OWNER, 'getConfig', []) as { config: BatonConfig; version: number };

describe('a manager configures routing in the sidebar', () => {
  it('adds a team member and a rule, previews the effect, saves, and the next sweep follows it', async () => {
    const run = spreadsheet();
    // Two South leads arrive by API; no sweep has seen them yet.
    run.apply({ at: START, type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Sam', { Location: 'South' })), wholeRow(completeLead('Sue', { Location: 'South' }))] } as never);
    const { page, calls } = await openSidebar({ run, user: OWNER });

    await openSection(page, 'Team');
    await page.getByRole('button', { name: 'Add team member' }).click();
    const dee = page.getByRole('group', { name: /^Team member/ }).last();
    await dee.getByLabel('Name').fill('Dee');
    await dee.getByLabel('E-mail').fill('dee@acme.test');
    await dee.getByLabel('Capacity').fill('5');

    await openSection(page, 'Routing');
    await page.getByRole('button', { name: 'Add routing rule' }).click();
    const rule = page.getByRole('group', { name: /^Routing rule/ }).last();
    await rule.getByLabel('Rule name').fill('South');
    await rule.getByRole('button', { name: 'Add condition' }).click();
    // Lead fields only: Baton's own columns are no condition to route by.
    const offered = await rule.getByLabel('Condition 1 field').locator('option').allTextContents();
    expect(offered).toEqual(expect.arrayContaining(['Name', 'Email', 'Location', 'Deal Size', 'Customer Type', 'Status', 'Owner']));
    for (const system of ['Lead ID', 'Assigned At', 'SLA Due', 'First Contact', 'SLA', 'Problems']) expect(offered).not.toContain(system);
    // The longest field name fits its picker (300 px sidebar): "Customer Type", never "Customer Typ".
    await rule.getByLabel('Condition 1 field').selectOption({ label: 'Customer Type' });
    const fits = await rule.getByLabel('Condition 1 field').evaluate((el) => {
      const style = el.ownerDocument.defaultView!.getComputedStyle(el);
      const ctx = el.ownerDocument.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      // Room for the text: the box less its padding, borders and the dropdown arrow (about 20 px).
      return ctx.measureText('Customer Type').width <= el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    });
    expect(fits).toBe(true);
    await rule.getByLabel('Condition 1 field').selectOption({ label: 'Location' });
    await rule.getByLabel('Condition 1 test').selectOption({ label: 'is one of' });
    await rule.getByLabel(/Condition 1 value/).fill('South');
    await rule.getByRole('checkbox', { name: 'Dee (dee@acme.test)' }).check();

    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: /Preview/ });
    await expect(preview.getByTestId('owner-changes').textContent()).resolves.toBe('2 new owners');
    await expect(preview.getByText('Sam → dee@acme.test (South)').count()).resolves.toBe(1);
    // Each status change names its leads.
    await preview.getByText(/→ Assigned: 2 \(Sam, Sue\)$/).waitFor();
    // Dee: open now, open after the sweep, capacity.
    await expect(preview.getByRole('row', { name: /^Dee/ }).getByRole('cell').allTextContents()).resolves.toEqual(['0', '2', '5']);
    await screenshot(page, 'sidebar-preview');
    // The preview wrote nothing: the leads are as the integration left them.
    expect(leadRows(run.result()).map((l) => l['Owner'])).toEqual(['', '']);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved as version \d+/).waitFor();
    expect(calls.filter((c) => c.fn === 'saveConfig').map((c) => c.state)).toEqual(['succeeded']);
    const saved = stored(run).config;
    expect(saved.team.map((m) => m.email)).toContain('dee@acme.test');
    expect(saved.routing.rules.map((r) => r.name)).toEqual(['Enterprise', 'North', 'South']);
    expect(saved.routing.rules[2]).toEqual({ name: 'South', when: { all: [{ field: 'location', op: 'in', value: ['South'] }] }, assignTo: ['dee@acme.test'], balance: 'round_robin' });

    run.fireClockUntil(Date.parse('2026-03-02T09:10:00-05:00'));
    expect(leadRows(run.result()).map((l) => [l['Name'], l['Owner']])).toEqual([
      ['Sam', 'dee@acme.test'],
      ['Sue', 'dee@acme.test'],
    ]);
  });

  it('reorders rules with the arrow buttons and keeps the new order when saved', async () => {
    const run = spreadsheet();
    const { page } = await openSidebar({ run, user: OWNER });
    await openSection(page, 'Routing');
    await page.getByRole('button', { name: 'Move rule North up' }).click();
    await expect(page.getByRole('group', { name: /^Routing rule/ }).first().getByLabel('Rule name').inputValue()).resolves.toBe('North');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved as version/).waitFor();
    expect(stored(run).config.routing.rules.map((r) => r.name)).toEqual(['North', 'Enterprise']);
  });
});

describe('safety', () => {
  it('shows names from the sheet as text, never as HTML', async () => {
    const run = spreadsheet();
    const name = '<img src=x onerror="document.title=1">Sam';
    run.apply({ at: START, type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead(name, { Email: 'sam@example.com' }))] } as never);
    const { page } = await openSidebar({ run, user: OWNER });
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: /Preview/ });
    await preview.getByText(`${name} → `).waitFor();
    await expect(preview.locator('img').count()).resolves.toBe(0);
    await expect(page.title()).resolves.toBe('Baton settings');
  });

  it('shows a non-manager the settings read-only, and the server refuses their save anyway', async () => {
    const run = spreadsheet();
    const { page, calls } = await openSidebar({ run, user: 'ben@acme.test' });
    await page.getByText('You are viewing Baton’s settings'.replace('’', "'")).waitFor();
    await expect(page.getByRole('button', { name: 'Save' }).count()).resolves.toBe(0);
    await expect(page.getByLabel('Leads tab').isDisabled()).resolves.toBe(true);
    // Read-only fields look read-only: grey, borderless, not like boxes to fill in.
    const look = await page.getByLabel('Leads tab').evaluate((el) => {
      const style = el.ownerDocument.defaultView!.getComputedStyle(el);
      return { background: style.backgroundColor, border: style.borderTopColor };
    });
    expect(look).toEqual({ background: 'rgb(241, 243, 244)', border: 'rgb(241, 243, 244)' });
    await openSection(page, 'Team');
    // Disabled, and not shown: a read-only page offers nothing to add or remove.
    await expect(page.locator('button', { hasText: 'Add team member' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Add team member' }).count()).resolves.toBe(0);
    await screenshot(page, 'sidebar-read-only');
    // A page that skips its own checks still gets a refusal from the server.
    const before = stored(run).version;
    const result = await page.evaluate(`new Promise((resolve) =>
      google.script.run.withSuccessHandler(resolve).withFailureHandler((e) => resolve(e.message)).saveConfig({ version: 1, managers: ['ben@acme.test'] }, 1))`);
    expect(result).toEqual({ ok: false, problems: ["Only Baton's managers can change its settings; ben@acme.test is not one of them."] });
    expect(stored(run).version).toBe(before);
    expect(calls.map((c) => c.fn)).toEqual(['getConfig', 'saveConfig']);
  });

  it('names a setting by its label in messages, not by its config key', async () => {
    const run = spreadsheet();
    const { page } = await openSidebar({ run, user: OWNER });
    await openSection(page, 'Routing');
    const rule = page.getByRole('group', { name: 'Routing rule Enterprise' });
    await rule.getByRole('checkbox', { name: /ben@acme\.test/ }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await rule.getByText('“Assign to” must name at least one person').first().waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('“Assign to” must name at least one person');
    expect(await page.getByText(/assignTo/).count()).toBe(0);
  });

  it('shows a validation problem next to the field it concerns, and saves nothing', async () => {
    const run = spreadsheet();
    const before = stored(run);
    const { page } = await openSidebar({ run, user: OWNER });
    await openSection(page, 'Team');
    const ben = page.getByRole('group', { name: 'Team member Ben' });
    await ben.getByLabel('Capacity').fill('-3');
    await page.getByRole('button', { name: 'Save' }).click();
    // In the sidebar's words: the field's label, not the config key ("capacity").
    await ben.getByText("team member 'ben@acme.test': “Capacity” must be at least 0.").waitFor();
    await expect(ben.getByLabel('Capacity').getAttribute('aria-invalid')).resolves.toBe('true');
    // Focus moves to the first field with a problem (scrolled into view), for keyboard and screen-reader users.
    await eventually(async () => expect(await ben.getByLabel('Capacity').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true));
    await expect(page.getByRole('alert').textContent()).resolves.toContain('One thing needs fixing');
    await expect(page.locator('#section-team .badge').textContent()).resolves.toBe('1');
    // A fixed view for the screenshot, once the Save button is back from "Working…".
    await page.getByRole('button', { name: 'Save' }).waitFor();
    await ben.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'sidebar-validation');
    expect(stored(run)).toEqual(before);
  });

  it('catches a version conflict: "changed since you opened it", and Reload shows the other change', async () => {
    const run = spreadsheet({ ...CONFIG, managers: [OWNER, 'cy@acme.test'] });
    const { page } = await openSidebar({ run, user: OWNER });
    await page.getByLabel('Leads tab').waitFor();
    // Cy saves from another sidebar meanwhile.
    const theirs = run.call('cy@acme.test', 'saveConfig', [{ ...stored(run).config, sweepMinutes: 15 }, stored(run).version]) as { ok: boolean };
    expect(theirs.ok).toBe(true);
    await page.getByLabel('Check for new leads every').selectOption({ label: '30 minutes' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('These settings were changed by someone else since you opened them').waitFor();
    await screenshot(page, 'sidebar-conflict');
    expect(stored(run).config.sweepMinutes).toBe(15);
    await page.getByRole('button', { name: 'Reload' }).click();
    await eventually(async () => expect(await page.getByLabel('Check for new leads every').inputValue()).toBe('15'));
  });

  it('gives every control an accessible name, and opens sections and ticks boxes from the keyboard', async () => {
    const run = spreadsheet();
    const { page } = await openSidebar({ run, user: OWNER });
    for (const title of ['Intake', 'Readiness', 'Team', 'Routing', 'SLA', 'Alerts and report', 'Import / Export']) await openSection(page, title);
    // Runs in the page (a string: the tests' TypeScript has no DOM types).
    const unnamed = await page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80))`);
    expect(unnamed).toEqual([]);
    // Keyboard only: focus the Alerts section's heading, close it and open it again, tick a box with Space.
    const alerts = page.locator('#section-alerts > summary');
    await alerts.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#section-alerts').getAttribute('open')).resolves.toBeNull();
    await page.keyboard.press('Enter');
    const dueSoon = page.getByLabel('E-mail owners when a lead is due soon');
    await dueSoon.focus();
    await page.keyboard.press('Space');
    await expect(dueSoon.isChecked()).resolves.toBe(true);
    await page.getByText('Unsaved changes.').waitFor();
  });
});

describe('import and export', () => {
  it('exports the draft as JSON and loads pasted JSON into the form without saving it', async () => {
    const run = spreadsheet();
    const { page } = await openSidebar({ run, user: OWNER });
    const section = await openSection(page, 'Import / Export');
    await section.getByRole('button', { name: 'Export' }).click();
    const exported = JSON.parse(await section.getByLabel('Settings as JSON').inputValue()) as BatonConfig;
    expect(exported).toEqual(stored(run).config);

    await section.getByLabel('Settings as JSON').fill('{"team": "nobody"}');
    await section.getByRole('button', { name: 'Load into the form' }).click();
    await section.getByText('Not loaded: "team" must be a list.').waitFor();

    await section.getByLabel('Settings as JSON').fill(JSON.stringify({ ...exported, leadsSheet: 'Inbound' }));
    await section.getByRole('button', { name: 'Load into the form' }).click();
    await section.getByText('Loaded into the form').waitFor();
    await expect(page.getByLabel('Leads tab').inputValue()).resolves.toBe('Inbound');
    expect(stored(run).config.leadsSheet).toBe('Leads');
  });
});

describe('health', () => {
  function withFailure(): ScenarioRun {
    const run = spreadsheet();
    run.apply({ at: START, type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Olga', { Owner: 'zed@elsewhere.test' }))] } as never);
    run.fireClockUntil(Date.parse('2026-03-02T08:30:00-05:00'));
    return run;
  }
  const failureStates = (run: ScenarioRun) => run.result().sheets['Baton Failures'].slice(1).map((f) => [f[2], f[7]]);

  it('lists open failures, and a manager dismisses one with a reason that is logged', async () => {
    const run = withFailure();
    const { page } = await openSidebar({ run, user: OWNER });
    const health = await openSection(page, 'Health');
    await health.getByText('Open failures (1)').waitFor();
    await health.getByText('Baton is running; 1 failed handoff needs attention.').waitFor();
    await expect(health.getByText('First seen 2026-03-02 08:').count()).resolves.toBe(1);
    const dismiss = health.getByRole('button', { name: /^Dismiss failure of L-/ });
    await expect(dismiss.isDisabled()).resolves.toBe(true);
    await health.getByLabel('Reason for dismissing').fill('Zed is a partner; handled outside Baton');
    await dismiss.click();
    await health.getByText('Open failures (0)').waitFor();
    expect(failureStates(run)).toEqual([['owner not on team', 'dismissed']]);
    const log = run.result().sheets['Baton Log'].map((r) => r.join(' | '));
    expect(log.some((l) => l.includes('Zed is a partner; handled outside Baton'))).toBe(true);
  });

  it('shows "Working…" while an action runs, and cannot be pressed twice', async () => {
    const run = withFailure();
    const sidebar = await openSidebar({ run, user: OWNER });
    const health = await openSection(sidebar.page, 'Health');
    await health.getByText('Open failures (1)').waitFor();
    sidebar.hold();
    await health.getByRole('button', { name: 'Repair triggers' }).click();
    const busy = health.getByRole('button', { name: 'Working…' });
    await busy.waitFor();
    await expect(busy.isDisabled()).resolves.toBe(true);
    await expect(busy.getAttribute('aria-busy')).resolves.toBe('true');
    await eventually(() => expect(sidebar.held().map((c) => c.fn)).toEqual(['repairBatonTriggers']));
    sidebar.release();
    await health.getByText(/^Triggers: /).waitFor();
    await expect(health.getByRole('button', { name: 'Repair triggers' }).isDisabled()).resolves.toBe(false);
  });

  it('shows a server failure in words, and the page keeps working', async () => {
    const run = spreadsheet();
    const { page } = await openSidebar({ run, user: OWNER });
    await page.getByLabel('Leads tab').waitFor();
    run.rt.injectFault({ method: 'PropertiesService.getDocumentProperties', error: 'service', times: 50 });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Previewing failed: .+/);
    run.rt.clearFaults();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Preview ready: nothing has been changed.').waitFor();
  });

  it('lets a non-manager see health but not retry, dismiss or repair', async () => {
    const run = withFailure();
    const { page } = await openSidebar({ run, user: 'ben@acme.test' });
    const health = await openSection(page, 'Health');
    await health.getByText('Open failures (1)').waitFor();
    for (const name of ['Retry failed handoffs now', 'Repair triggers']) await expect(health.getByRole('button', { name }).count()).resolves.toBe(0);
    await expect(health.getByLabel('Reason for dismissing').count()).resolves.toBe(0);
    const refused = run.call('ben@acme.test', 'repairBatonTriggers', []) as { ok: boolean; problems: string[] };
    expect(refused).toEqual(expect.objectContaining({ ok: false, problems: ["Only Baton's managers can repair its triggers; ben@acme.test is not one of them."] }));
  });
});

describe('settings that no longer validate', () => {
  it('open with each problem by its field, and saving the fix puts Baton back to work', async () => {
    const run = spreadsheet();
    const doc = propertiesState(run.rt).document;
    // Edited by hand outside Baton: an interval Baton does not offer.
    doc.set('baton.config', JSON.stringify({ revision: 7, chunks: 1, savedAt: run.rt.now(), savedBy: OWNER }));
    doc.set('baton.config.r7.0', JSON.stringify({ ...CONFIG, sweepMinutes: 7 }));
    run.fireClockUntil(Date.parse('2026-03-02T08:30:00-05:00'));
    const failures = () => run.result().sheets['Baton Failures'].slice(1).filter((f) => f[2] === 'invalid config').map((f) => f[7]);
    expect(failures()).toEqual(['open']);

    const { page } = await openSidebar({ run, user: OWNER });
    await page.getByText('The saved settings are not valid').waitFor();
    const interval = page.getByLabel('Check for new leads every');
    await expect(interval.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(interval.locator('option:checked').textContent()).resolves.toBe('7 (not allowed)');
    await page.locator('#section-general').getByText('“Check for new leads every” must be 1, 5, 10, 15 or 30.').waitFor();
    await interval.selectOption({ label: '10 minutes' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved as version 8/).waitFor();
    expect(stored(run).config.sweepMinutes).toBe(10);
    run.fireClockUntil(Date.parse('2026-03-02T09:30:00-05:00'));
    expect(failures()).toEqual(['resolved']);
  });
});

describe('the weekly report', () => {
  it('is built on demand from the Alerts and report section, and the tab holds last week', async () => {
    const run = spreadsheet();
    const { page } = await openSidebar({ run, user: OWNER });
    const section = await openSection(page, 'Alerts and report');
    await section.getByRole('button', { name: 'Build weekly report now' }).click();
    await section.getByText('The report for the week of 2026-02-23 is in the Baton Report tab.').waitFor();
    expect(run.result().sheets['Baton Report'][0][0]).toBe('Baton Report: week of 2026-02-23 to 2026-03-01 (America/New_York)');
  });
});
