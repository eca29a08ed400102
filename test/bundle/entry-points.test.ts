import { parse } from 'acorn';
import { Host } from '../../emulator/host';
import { Runtime } from '../../emulator/runtime';
import { builtProject } from '../support/scenario';

/** Every function Apps Script may call: triggers, menu items and sidebar server functions. */
const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'onEdit',
  'batonSweep',
  'batonOnEdit',
  'batonOnFormSubmit',
  'menuSetUp',
  'menuRepairTriggers',
  'menuShowSettings',
  'setupBaton',
  'getConfig',
  'saveConfig',
  'getFairness',
  'previewConfig',
  'getHealth',
  'repairBatonTriggers',
  'buildWeeklyReport',
  'menuRetryFailures',
  'menuBuildReport',
  'menuRunSelfCheck',
  'listFailures',
  'retryFailures',
  'dismissFailure',
].sort();

describe('dist/Code.js', () => {
  it('declares exactly the entry points as top-level functions (Apps Script only sees declarations)', () => {
    const ast = parse(builtProject().code, { ecmaVersion: 2019, sourceType: 'script' });
    const declared = ast.body
      .filter((n) => n.type === 'FunctionDeclaration')
      .map((n) => (n as unknown as { id: { name: string } }).id.name)
      .sort();
    expect(declared).toEqual(ENTRY_POINTS);
  });

  it('parses as ES2019, the syntax every V8 Apps Script runtime accepts', () => {
    expect(() => parse(builtProject().code, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
  });

  it('loads in the emulator and exposes every entry point as a callable global', () => {
    const host = new Host(new Runtime(Date.UTC(2026, 2, 2, 14)), builtProject());
    expect(host.globalFunctions().sort()).toEqual(expect.arrayContaining(ENTRY_POINTS));
  });

  it('asks only for least-privilege scopes: no full spreadsheets or Drive scope', () => {
    const scopes = builtProject().manifest.oauthScopes;
    expect(scopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(scopes.some((s) => s.includes('/auth/drive'))).toBe(false);
    expect(scopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
  });
});
