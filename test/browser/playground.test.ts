/**
 * The playground (`npm start`) in headless Debian Chromium: the real page talks to the real
 * server over HTTP on 127.0.0.1 (not through the harness's in-memory sidebar), shows the demo's
 * Leads tab, loads the sidebar as the chosen user in its iframe, and moves the emulated clock on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startPlayground, type Playground } from '../../playground/server';
import { builtProject } from '../support/scenario';
import { BROWSER_TEST_TIMEOUT_MS, CHROMIUM } from './harness';

const DEMO = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'examples', 'demo.json'), 'utf8')) as unknown;
// As harness.ts launches it: a fresh temporary profile, no background traffic.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

let pg: Playground;
let browser: Browser;

beforeAll(async () => {
  pg = await startPlayground({ port: 0, scenario: DEMO, project: builtProject() });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await pg?.close();
});

it('shows the demo sheet, the sidebar as a manager, and moves the clock on', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', serviceWorkers: 'block' });
  const problems: string[] = [];
  // The page and the sidebar reach the playground server and nothing else.
  await context.route('**/*', (route, request) => {
    if (request.url().startsWith(pg.url + '/')) return route.continue();
    problems.push(`request to ${request.url()}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });

  await page.goto(pg.url);
  const leads = page.getByRole('table', { name: 'Leads' });
  await leads.getByRole('cell', { name: 'Dana Ortiz', exact: true }).first().waitFor();
  await leads.getByRole('cell', { name: 'Breached', exact: true }).waitFor();

  // A lead whose name is HTML shows as text.
  await page.getByLabel('Name').fill('Kim <b>Lee</b>');
  await page.getByLabel('Email').fill('kim@example.com');
  await page.getByLabel('Location').fill('North');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await leads.getByRole('cell', { name: 'Kim <b>Lee</b>', exact: true }).waitFor();
  expect(await leads.locator('b').count()).toBe(0);

  // A rep first sees the settings read-only; a manager gets the buttons to change them.
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.getByText('You are viewing Baton\'s settings as ana@acme.test').waitFor();
  await page.getByLabel('Act as').selectOption('maria@acme.test');
  await sidebar.getByRole('heading', { name: 'Baton settings' }).waitFor();
  await sidebar.getByRole('button', { name: 'Preview' }).waitFor();
  await sidebar.getByText(/Version \d+, saved\./).waitFor();
  expect(await sidebar.getByText('You are viewing Baton\'s settings').count()).toBe(0);

  const clock = page.locator('#clock');
  expect(await clock.textContent()).toBe('Mon 2026-03-02 09:30 EST');
  await page.getByRole('button', { name: '+1 hour' }).click();
  await page.locator('#clock', { hasText: 'Mon 2026-03-02 10:30 EST' }).waitFor();
  // The sweep ran in that hour: the new lead has its owner.
  await leads.getByRole('row', { name: /Kim <b>Lee<\/b>.*ana@acme\.test/ }).waitFor();

  await context.close();
  expect(problems).toEqual([]);
});
