import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scenario } from './support/scenario';

const ROOT = path.resolve(__dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'baton-sim-'));

function simulateFile(content: string) {
  const file = path.join(dir, `s${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  return spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'emulator/cli/simulate.ts', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('npm run simulate', () => {
  it('prints exactly one JSON result on stdout for a valid scenario and exits 0', () => {
    const r = simulateFile(JSON.stringify(scenario()));
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['sheets', 'formulas', 'emails', 'executions', 'triggers']));
    expect(result.sheets.Leads[0][0]).toBe('Lead ID');
  });

  it('runs the shipped demo', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'emulator/cli/simulate.ts', 'examples/demo.json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).triggers).toHaveLength(3);
  });

  it.each([
    ['not JSON', '{ nope', /cannot read .* as JSON/],
    ['no owner', JSON.stringify({ ...scenario(), owner: undefined }), /owner: Invalid/],
    ['a time without offset', JSON.stringify(scenario({ events: [{ at: '2026-03-02 09:00', type: 'open', user: 'a@b.test' }] })), /events\.0\.at: must be an ISO-8601 time with an offset/],
    ['an unknown event type', JSON.stringify(scenario({ events: [{ at: '2026-03-02T09:00:00-05:00', type: 'dance' }] })), /events\.0\.type: Invalid type/],
    ['an event before start', JSON.stringify(scenario({ events: [{ at: '2026-03-01T09:00:00-05:00', type: 'open', user: 'a@b.test' }] })), /events\.0\.at: is before start/],
    ['a bad range', JSON.stringify(scenario({ events: [{ at: '2026-03-02T09:00:00-05:00', type: 'edit', user: 'a@b.test', sheet: 'Leads', range: 'here', values: [['x']] }] })), /events\.0\.range: must be an A1 reference/],
  ])('refuses a scenario with %s: clear message on stderr, nothing on stdout, exit 2', (_what, content, message) => {
    const r = simulateFile(content);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('asks for a file when given none', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'emulator/cli/simulate.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run simulate -- FILE.json');
  });
});
