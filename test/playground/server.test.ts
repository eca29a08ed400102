/**
 * The playground server (`npm start`) over HTTP on an ephemeral port: the page, the sidebar with
 * its google.script.run shim, server calls as different users, time moving on, a lead added by
 * API, a value typed by a person, the sheet as Sheets draws it (colours from the emulator's
 * conditional-format evaluation, frozen, hidden, protected and dropdown cells, charts), what each
 * action changed, and the refusals (malformed bodies, foreign hosts and origins).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { isDate } from '../../emulator/runtime';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { effectiveFormatAt } from '../../emulator/spreadsheet/conditional-format-eval';
import { MAX_BODY_BYTES, startPlayground, type Playground } from '../../playground/server';
import { leadChanges, type PlaygroundState } from '../../playground/session';
import { builtProject } from '../support/scenario';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'demo.json'), 'utf8')) as Record<string, unknown>;
const MANAGER = 'maria@acme.test';
const REP = 'ana@acme.test';

jest.setTimeout(60_000);

let pg: Playground;

beforeAll(async () => {
  pg = await startPlayground({ port: 0, scenario: DEMO, project: builtProject() });
});

afterAll(async () => {
  await pg?.close();
});

function post(route: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(pg.url + route, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function state(): Promise<PlaygroundState> {
  const res = await fetch(pg.url + '/api/state');
  expect(res.status).toBe(200);
  return (await res.json()) as PlaygroundState;
}

function tab(s: PlaygroundState, name: string) {
  const found = s.tabs.find((t) => t.name === name);
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

function leads(s: PlaygroundState): Record<string, string>[] {
  const [headers, ...rows] = s.tabs.find((t) => t.name === 'Leads')?.rows ?? [];
  return rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
}

describe('the playground server', () => {
  it('listens on 127.0.0.1 and serves the page and its script', async () => {
    expect(pg.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(pg.url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>Baton playground</title>');
    expect(html).toContain('<iframe id="sidebar"');
    const js = await fetch(pg.url + '/client.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('/api/state');
  });

  it('serves the built sidebar with the google.script.run shim before its first script', async () => {
    const res = await fetch(`${pg.url}/sidebar.html?user=${encodeURIComponent(MANAGER)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const built = readFileSync(path.join(ROOT, 'dist', 'sidebar.html'), 'utf8');
    const sidebarScript = built.slice(built.search(/<script\b/i), built.search(/<script\b/i) + 200);
    const shim = html.indexOf('__batonPlaygroundShim.start(');
    expect(shim).toBeGreaterThan(0);
    expect(html.indexOf(sidebarScript)).toBeGreaterThan(shim);
    expect(html).toContain(`"user":"${MANAGER}"`);
    expect(html).toContain('"getConfig"');
  });

  it('starts from the demo: leads in several states, owners, an SLA breach, a failure', async () => {
    const s = await state();
    const byName = leads(s);
    const statuses = new Set(byName.map((l) => l.Status));
    for (const status of ['Assigned', 'Contacted', 'Needs info', 'Ineligible', 'Duplicate', 'Ready']) expect(statuses).toContain(status);
    expect(byName.map((l) => l.Owner)).toEqual(expect.arrayContaining(['ana@acme.test', 'maria@acme.test']));
    expect(byName.map((l) => l.SLA)).toContain('Breached');
    expect(s.tabs.find((t) => t.name === 'Baton Failures')?.rows.length).toBeGreaterThan(1);
    // As a fresh setup leaves them: Baton's own Pending and State tabs hidden, as Sheets hides them.
    expect(s.tabs.filter((t) => !t.hidden).map((t) => t.name)).toEqual(['Leads', 'Baton Log', 'Baton Failures']);
    expect(s.tabs.filter((t) => t.hidden).map((t) => t.name).sort()).toEqual(['Baton Pending', 'Baton State']);
    // The previous week holds leads too (for the weekly report).
    expect(byName.filter((l) => l.Created.startsWith('2026-02-27')).length).toBeGreaterThanOrEqual(5);
    expect(s.emails.map((m) => m.to)).toEqual(expect.arrayContaining([MANAGER, REP]));
    expect(s.users).toEqual([
      { email: MANAGER, name: 'Maria', manager: true },
      { email: REP, name: 'Ana', manager: false },
      { email: 'ben@acme.test', name: 'Ben', manager: false },
    ]);
  });

  it('runs getConfig as the manager (canEdit) and as a rep (read-only)', async () => {
    const asManager = (await (await post('/api/run', { fn: 'getConfig', args: [], user: MANAGER })).json()) as { value: { config: { team: { email: string }[] } } };
    expect(asManager).toMatchObject({ ok: true, value: { canEdit: true, user: MANAGER, config: { managers: [MANAGER] } } });
    expect(asManager.value.config.team.map((m) => m.email)).toEqual([REP, 'ben@acme.test', MANAGER]);
    const asRep = await (await post('/api/run', { fn: 'getConfig', args: [], user: REP })).json();
    expect(asRep).toMatchObject({ ok: true, value: { canEdit: false, user: REP } });
  });

  it('answers a call the server refuses with ok: false and its message', async () => {
    const res = await post('/api/run', { fn: 'batonSweep_', args: [], user: MANAGER });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, message: expect.stringContaining('cannot be called from google.script.run') });
  });

  it('adds a lead by API with any lead field, and moving time on runs the sweep that gives it an owner', async () => {
    const before = await state();
    const fields = before.leadFields.map((f) => f.header);
    expect(fields).toEqual(['Name', 'Email', 'Phone', 'Company', 'Interest', 'Location', 'Consent', 'Source', 'Campaign', 'Deal Size', 'Customer Type']);
    expect(before.leadFields.find((f) => f.header === 'Interest')).toEqual({ header: 'Interest', options: ['Solar', 'Battery', 'EV charger'], value: 'Solar' });
    const values = { Name: 'Kim <b>Lee</b>', Email: 'kim@example.com', Phone: '+1 212 555 0100', Company: 'Lee Co', Interest: 'Battery', Location: 'North', Consent: 'Yes', Source: 'Playground', Campaign: 'Spring', 'Deal Size': '2500', 'Customer Type': 'Residential' };
    const added = await (await post('/api/lead', { values })).json();
    expect(added).toEqual({ ok: true, row: leads(before).length + 2 });
    const waiting = await state();
    expect(leads(waiting).find((l) => l.Name === 'Kim <b>Lee</b>')).toMatchObject({ Phone: '+1 212 555 0100', Company: 'Lee Co', 'Deal Size': '2500', 'Customer Type': 'Residential', Owner: '', 'Lead ID': '' });
    expect(waiting.last?.summary).toMatch(/^Added Kim <b>Lee<\/b> on row \d+ by API .*: Kim <b>Lee<\/b> added\.$/);

    const moved = await (await post('/api/advance', { minutes: 5 })).json();
    expect(moved).toMatchObject({ ok: true });
    const after = await state();
    expect(after.now).toBeGreaterThanOrEqual(before.now + 5 * 60_000);
    expect(after.nowText).not.toBe(before.nowText);
    expect(leads(after).find((l) => l.Name === 'Kim <b>Lee</b>')).toMatchObject({ Status: 'Assigned', Owner: 'ana@acme.test', 'Lead ID': expect.stringMatching(/^L-/) });
    expect(after.last?.summary).toMatch(/^\+5 min: .*Kim <b>Lee<\/b> assigned to ana@acme\.test/);
    const row = leads(after).findIndex((l) => l.Name === 'Kim <b>Lee</b>') + 2;
    const ownerColumn = tab(after, 'Leads').rows[0].indexOf('Owner') + 1;
    expect(after.last?.changed.Leads).toContainEqual([row, ownerColumn]);
  });

  it('types a value as a person: the edit triggers run', async () => {
    const row = leads(await state()).findIndex((l) => l.Name === 'Dana Ortiz') + 2;
    const res = await post('/api/edit', { user: REP, row, header: 'Status', value: 'Contacted' });
    expect(await res.json()).toEqual({ ok: true, range: `N${row}` });
    const s = await state();
    const dana = leads(s)[row - 2];
    expect(dana).toMatchObject({ Name: 'Dana Ortiz', Status: 'Contacted' });
    expect(dana['First Contact']).not.toBe('');
    expect(s.last?.summary).toMatch(new RegExp(`^${REP} typed "Contacted" into N${row}: Dana Ortiz was contacted \\(SLA Missed\\)`));
  });

  it('returns plain JSON state: numbers and display text, never Dates', async () => {
    const res = await fetch(pg.url + '/api/state');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const s = (await res.json()) as PlaygroundState;
    expect(typeof s.now).toBe('number');
    for (const tab of s.tabs) for (const row of tab.rows) for (const cell of row) expect(typeof cell).toBe('string');
    // Dates show as the sheet displays them, not as ISO instants.
    expect(leads(s)[0].Created).toBe('2026-02-27 8:30:00');
    const walk = (x: unknown): void => {
      expect(isDate(x)).toBe(false);
      if (x && typeof x === 'object') Object.values(x).forEach(walk);
    };
    walk(pg.session.state());
  });

  it('draws Leads as Sheets would: frozen through Name, protected system columns, dropdowns, the breach colour the emulator evaluates', async () => {
    const s = await state();
    const leadsTab = tab(s, 'Leads');
    const headers = leadsTab.rows[0];
    expect(leadsTab.frozenRows).toBe(1);
    expect(leadsTab.frozenColumns).toBe(headers.indexOf('Name') + 1);
    const sla = headers.indexOf('SLA');
    // Missed: an SLA that was breached before the contact came (earlier tests contacted the breached lead).
    const breached = leadsTab.rows.findIndex((r) => r[sla] === 'Breached' || r[sla] === 'Missed');
    expect(breached).toBeGreaterThan(0);
    const doc = spreadsheetState(pg.session.run.rt);
    const evaluated = effectiveFormatAt(doc, doc.requireSheet('Leads'), breached + 1, sla + 1);
    expect(evaluated.rule).not.toBeNull();
    expect(leadsTab.styles[breached][sla]).toMatchObject({ bg: evaluated.background, fc: evaluated.fontColor });
    expect(leadsTab.styles[breached][sla]?.bg).not.toBe('#ffffff');
    expect(leadsTab.styles[0][sla]).toBeNull();
    const protectedHeaders = leadsTab.protectedColumns.map((p) => headers[p.column - 1]);
    expect(protectedHeaders).toEqual(expect.arrayContaining(['Lead ID', 'Assigned At', 'SLA Due', 'First Contact', 'SLA', 'Problems']));
    expect(protectedHeaders).not.toContain('Name');
    expect(leadsTab.protectedColumns.every((p) => p.warningOnly)).toBe(true);
    expect(leadsTab.styles[1][headers.indexOf('Status')]).toMatchObject({ dd: true });
    expect(leadsTab.styles[1][headers.indexOf('Name')]?.dd).toBeUndefined();
    // Numbers and dates align right, as Sheets shows them.
    expect(leadsTab.styles[1][headers.indexOf('Deal Size')]).toMatchObject({ n: true });
    expect(leadsTab.styles[1][headers.indexOf('Created')]).toMatchObject({ n: true });
  });

  it('builds the weekly report from the sidebar: real figures for the previous week, and its two charts with their data', async () => {
    const reply = await (await post('/api/run', { fn: 'buildWeeklyReport', args: [], user: MANAGER })).json();
    expect(reply).toMatchObject({ ok: true, value: { ok: true, week: '2026-02-23' } });
    const s = await state();
    const report = tab(s, 'Baton Report');
    const headline = report.rows.findIndex((r) => r[0] === 'Leads in');
    expect(Number(report.rows[headline + 1][0])).toBeGreaterThanOrEqual(5);
    expect(report.charts.map((c) => c.type)).toEqual(['COLUMN', 'BAR']);
    const perOwner = report.charts[1];
    expect(perOwner.labels).toEqual(expect.arrayContaining(['ana@acme.test', 'maria@acme.test']));
    expect(perOwner.series[0].values.some((v) => typeof v === 'number')).toBe(true);
    expect(s.last?.summary).toMatch(/^Sidebar \(buildWeeklyReport, as maria@acme\.test\): Baton Report tab created; 1 e-mail to maria@acme\.test\.$/);
    expect(s.emails[s.emails.length - 1]).toMatchObject({ to: MANAGER, body: expect.stringContaining('2026-02-23') });
  });

  it('a sidebar call that changes nothing keeps the last action\'s summary and highlights', async () => {
    const before = (await state()).last;
    await post('/api/run', { fn: 'getConfig', args: [], user: MANAGER });
    expect((await state()).last).toEqual(before);
  });

  it('runs a long advance in steps and summarises them as one action', async () => {
    await post('/api/advance', { minutes: 30, label: '+1 hour', more: true });
    const midway = (await state()).last;
    await post('/api/advance', { minutes: 30, label: '+1 hour' });
    const s = await state();
    expect(s.last).not.toEqual(midway);
    expect(s.last?.summary).toMatch(/^\+1 hour: /);
  });

  it.each([
    ['/api/advance', '{ nope', 400, /The body is not JSON/],
    ['/api/advance', { minutes: '5' }, 400, /minutes: must be a number/],
    ['/api/advance', { minutes: 99999 }, 400, /minutes: must be from 1 to 10080/],
    ['/api/advance', [], 400, /body: must be a JSON object/],
    ['/api/advance', {}, 400, /minutes: is missing/],
    ['/api/run', { fn: 'getConfig', args: [], user: 'eve@evil.test' }, 400, /user: must be one of maria@acme.test, ana@acme.test, ben@acme.test/],
    ['/api/run', { fn: 'getConfig', args: 'x', user: MANAGER }, 400, /args: must be a list/],
    ['/api/run', { fn: 'process.exit()', user: MANAGER }, 400, /fn: must be a function name/],
    ['/api/run', { fn: 'getConfig', user: MANAGER, extra: 1 }, 400, /extra: is not a field this request takes/],
    ['/api/run', { fn: 'getConfig', args: [JSON.parse('['.repeat(100) + ']'.repeat(100))], user: MANAGER }, 400, /nested more than 64 levels/],
    ['/api/lead', { values: { Name: '', Email: 'a@b.test' } }, 400, /values: Name: must not be empty/],
    ['/api/lead', { values: { Name: 'A', 'Lead ID': 'L-1' } }, 400, /values: Lead ID is not a field "Add a lead" fills in/],
    ['/api/lead', { name: 'A' }, 400, /name: is not a field this request takes/],
    ['/api/edit', { user: REP, row: 2, header: 'Nope', value: 'x' }, 400, /header: must be one of the Leads headers/],
    ['/api/edit', { user: REP, row: 1, header: 'Status', value: 'x' }, 400, /row: must be 2 or more/],
    ['/api/edit', { user: REP, row: 5000, header: 'Status', value: 'x' }, 400, /row: must be from 2 to/],
  ])('refuses POST %s %j with %i and a message', async (route, body, status, message) => {
    const res = await post(route, body);
    expect(res.status).toBe(status);
    const reply = await res.json();
    expect(reply).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('refuses bodies that are not JSON or larger than 1 MB', async () => {
    const plain = await fetch(pg.url + '/api/advance', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"minutes":5}' });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toEqual({ ok: false, message: expect.stringContaining('application/json') });
    const big = await post('/api/lead', { values: { Name: 'x'.repeat(MAX_BODY_BYTES) } });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ ok: false, message: expect.stringContaining('larger than') });
  });

  it('answers only its own address and its own pages', async () => {
    const foreignOrigin = await post('/api/advance', { minutes: 5 }, { Origin: 'https://evil.test' });
    expect(foreignOrigin.status).toBe(403);
    const wrongMethod = await fetch(pg.url + '/api/run');
    expect(wrongMethod.status).toBe(405);
    const missing = await fetch(pg.url + '/etc/passwd');
    expect(missing.status).toBe(404);
    const badUser = await fetch(`${pg.url}/sidebar.html?user=eve@evil.test`);
    expect(badUser.status).toBe(400);
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 gets nothing.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(pg.url + '/api/state', { headers: { Host: 'evil.test' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(403);
  });
});

describe('leadChanges', () => {
  const H = ['Lead ID', 'Name', 'Status', 'Owner', 'SLA', 'Problems'];
  it('says what happened to each lead, matched by Lead ID even after a sort', () => {
    const before = [H, ['L-1', 'Fay Lin', 'Assigned', 'ana@acme.test', 'On track', ''], ['', 'Jo Banks', '', '', '', '']];
    const after = [H, ['L-2', 'Jo Banks', 'Needs info', '', '', 'Phone "555" is not a valid number.'], ['L-1', 'Fay Lin', 'Assigned', 'ana@acme.test', 'Breached', ''], ['', 'Kim', '', '', '', '']];
    expect(leadChanges(before, after)).toEqual(['Jo Banks needs info (Phone "555" is not a valid number.)', 'Fay Lin breached', 'Kim added']);
    const sorted = [H, ['L-1', 'Fay Lin', 'Assigned', 'ana@acme.test', 'On track', ''], ['L-2', 'Jo Banks', 'Needs info', '', '', 'Phone "555" is not a valid number.']];
    expect(leadChanges(before, sorted)).toEqual(['Jo Banks needs info (Phone "555" is not a valid number.)']);
  });
});
