import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Lints `code` as if it were `file`, through the ESLint CLI (the config is ESM, Jest is not). */
async function problemsIn(file: string, code: string): Promise<string[]> {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the src/core boundary (ENGINEERING.md: the core is pure)', () => {
  it('refuses an Apps Script global in src/core', async () => {
    expect(await problemsIn('src/core/probe.ts', 'export const s = SpreadsheetApp.getActive();\n')).toEqual([
      expect.stringContaining('no-restricted-globals'),
    ]);
  });

  it('refuses an import from src/gas in src/core', async () => {
    expect(await problemsIn('src/core/probe.ts', "import { now } from '../gas/clock';\nexport const n = now();\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
  });

  it('refuses reading the clock in src/core', async () => {
    expect(await problemsIn('src/core/probe.ts', 'export const a = Date.now();\nexport const b = new Date();\n')).toHaveLength(2);
  });

  it('allows the same code in src/gas', async () => {
    expect(await problemsIn('src/gas/probe.ts', 'export const s = SpreadsheetApp.getActive();\nexport const a = Date.now();\n')).toEqual([]);
  });

  it('lets the sidebar import types from src but not code', async () => {
    expect(await problemsIn('sidebar/probe.ts', "import type { SetupReport } from '../src/core/setup-report';\nexport type R = SetupReport;\n")).toEqual([]);
    expect(await problemsIn('sidebar/probe.ts', "import { summarize } from '../src/core/setup-report';\nexport const f = summarize;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
  });
});
