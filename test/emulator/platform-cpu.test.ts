/**
 * The script's own CPU time (issue 17, item 4): with RuntimeOptions.cpuTimeFactor > 0 the emulator
 * charges the time the script spends between service calls, times the factor (Apps Script's V8
 * is slower than Node: docs/PLATFORM-FACTS.md), to the clock, and stops a run at its limit (30 s
 * simple triggers, 6 min otherwise: PLATFORM.md, Quotas) even in pure code. Off (0) by default, so
 * runs do not depend on the machine's speed.
 */
import { Host, type Project } from '../../emulator/host';
import { ERRORS, Runtime, SCOPES, type ExecutionSpec } from '../../emulator/runtime';

const CODE = `
function spin() { var x = 0; for (var i = 0; i < 3e6; i++) x += i % 7; return x; }
function forever() { for (;;) {} }
function callsThenSpins() { SpreadsheetApp.getActiveSpreadsheet().getName(); var x = 0; for (var i = 0; i < 3e6; i++) x += i % 7; SpreadsheetApp.getActiveSpreadsheet().getName(); return x; }
`;
const PROJECT: Project = { code: CODE, manifest: { timeZone: 'America/New_York', oauthScopes: [SCOPES.currentSheet] }, files: {} };
const T0 = Date.UTC(2026, 2, 2, 14);
const spec = (functionName: string, over: Partial<ExecutionSpec> = {}): ExecutionSpec => ({
  functionName,
  trigger: 'simple',
  event: 'edit',
  authMode: 'LIMITED',
  activeUser: '',
  effectiveUser: '',
  ...over,
});

describe('CPU time of the script itself (issue 17 item 4)', () => {
  it('off by default: pure code costs no emulated time and never hits the limit', () => {
    const rt = new Runtime(T0);
    const host = new Host(rt, PROJECT);
    const r = host.invoke(spec('spin'));
    expect(r.error).toBeNull();
    expect(rt.now()).toBe(T0);
  });

  it('charged: pure code moves the clock, beyond what the service calls cost', () => {
    const rt = new Runtime(T0, { cpuTimeFactor: 1000 });
    const host = new Host(rt, PROJECT);
    const r = host.invoke(spec('callsThenSpins', { trigger: 'menu', authMode: 'FULL', activeUser: 'a@x.test', effectiveUser: 'a@x.test', event: undefined }));
    expect(r.error).toBeNull();
    const serviceMs = 2 * rt.options.callCostMs.default;
    expect(rt.now() - T0).toBeGreaterThan(serviceMs);
    expect(r.ms).toBeGreaterThan(serviceMs);
  });

  it('a simple trigger whose pure code passes 30 s (at the factor) fails with "Exceeded maximum execution time"', () => {
    const rt = new Runtime(T0, { cpuTimeFactor: 1e7 });
    const r = new Host(rt, PROJECT).invoke(spec('spin'));
    expect(r.error).toBe(ERRORS.timeLimit);
    expect(rt.now() - T0).toBeGreaterThan(30_000);
  });

  it('an endless loop is stopped at the limit by the watchdog, and the clock shows the limit passed', () => {
    const rt = new Runtime(T0, { cpuTimeFactor: 300 });
    const r = new Host(rt, PROJECT).invoke(spec('forever'));
    expect(r.error).toBe(ERRORS.timeLimit);
    expect(rt.now() - T0).toBeGreaterThan(30_000);
  });
});
