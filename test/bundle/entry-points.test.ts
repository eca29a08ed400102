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
    const ast = parse(builtProject().code, { ecmaVersion: 2020, sourceType: 'script' });
    const declared = ast.body
      .filter((n) => n.type === 'FunctionDeclaration')
      .map((n) => (n as unknown as { id: { name: string } }).id.name)
      .sort();
    expect(declared).toEqual(ENTRY_POINTS);
  });

  it("parses as ES2019 with ES2020's `?.` and `??` and no other later syntax (docs/PLATFORM-FACTS.md row 13)", () => {
    const code = builtProject().code;
    // Without the two operators it would not parse as ES2019: they are used, and they are what is new.
    expect(() => parse(code, { ecmaVersion: 2019, sourceType: 'script' })).toThrow();
    const ast = parse(code, { ecmaVersion: 2020, sourceType: 'script' });
    const later: string[] = [];
    let chains = 0;
    let coalescing = 0;
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const n = node as { type?: string; operator?: string; bigint?: string; optional?: boolean };
      if (n.type === 'ChainExpression') chains++;
      if (n.type === 'LogicalExpression' && n.operator === '??') coalescing++;
      // ES2020's other syntax: BigInt literals, import(), import.meta, `export * as`.
      if (n.bigint !== undefined || n.type === 'ImportExpression' || n.type === 'MetaProperty' || n.type === 'ExportAllDeclaration') later.push(n.type ?? 'bigint');
      for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value);
    };
    walk(ast);
    expect(later).toEqual([]);
    expect(chains).toBeGreaterThan(0);
    expect(coalescing).toBeGreaterThan(0);
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
