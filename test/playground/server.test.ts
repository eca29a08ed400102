/**
 * The playground server (`npm start`) over HTTP on an ephemeral port: the page, the sidebar with
 * its google.script.run shim, server calls as different users, time moving on, a lead added by
 * API, a value typed by a person, and the refusals (malformed bodies, foreign hosts and origins).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { isDate } from '../../emulator/runtime';
import { MAX_BODY_BYTES, startPlayground, type Playground } from '../../playground/server';
import type { PlaygroundState } from '../../playground/session';
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
    expect(s.tabs.map((t) => t.name)).toEqual(['Leads', 'Baton Log', 'Baton Failures', 'Baton Outbox']);
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

  it('adds a lead by API, and moving time on runs the sweep that gives it an owner', async () => {
    const before = await state();
    const added = await (await post('/api/lead', { name: 'Kim <b>Lee</b>', email: 'kim@example.com', location: 'North' })).json();
    expect(added).toEqual({ ok: true, row: leads(before).length + 2 });
    const waiting = leads(await state()).find((l) => l.Name === 'Kim <b>Lee</b>');
    expect(waiting).toMatchObject({ Email: 'kim@example.com', Location: 'North', Source: 'Playground', Owner: '', 'Lead ID': '' });

    const moved = await (await post('/api/advance', { minutes: 5 })).json();
    expect(moved).toMatchObject({ ok: true });
    const after = await state();
    expect(after.now).toBeGreaterThanOrEqual(before.now + 5 * 60_000);
    expect(after.nowText).not.toBe(before.nowText);
    expect(leads(after).find((l) => l.Name === 'Kim <b>Lee</b>')).toMatchObject({ Status: 'Assigned', Owner: 'ana@acme.test', 'Lead ID': expect.stringMatching(/^L-/) });
  });

  it('types a value as a person: the edit triggers run', async () => {
    const res = await post('/api/edit', { user: REP, row: 2, header: 'Status', value: 'Contacted' });
    expect(await res.json()).toEqual({ ok: true, range: 'N2' });
    const dana = leads(await state())[0];
    expect(dana).toMatchObject({ Name: 'Dana Ortiz', Status: 'Contacted' });
    expect(dana['First Contact']).not.toBe('');
  });

  it('returns plain JSON state: numbers and display text, never Dates', async () => {
    const res = await fetch(pg.url + '/api/state');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const s = (await res.json()) as PlaygroundState;
    expect(typeof s.now).toBe('number');
    for (const tab of s.tabs) for (const row of tab.rows) for (const cell of row) expect(typeof cell).toBe('string');
    // Dates show as the sheet displays them, not as ISO instants.
    expect(leads(s)[0].Created).toBe('2026-03-02 8:40:00');
    const walk = (x: unknown): void => {
      expect(isDate(x)).toBe(false);
      if (x && typeof x === 'object') Object.values(x).forEach(walk);
    };
    walk(pg.session.state());
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
    ['/api/lead', { name: '', email: 'a@b.test' }, 400, /name: must not be empty/],
    ['/api/lead', { name: 'x'.repeat(501) }, 400, /name: must be at most 500 characters/],
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
    const big = await post('/api/lead', { name: 'x'.repeat(MAX_BODY_BYTES) });
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
