/**
 * Health in the real bundle: the toast on open, the health e-mail from the edit path (once per
 * stale episode), "Repair triggers" bringing back exactly one set of triggers, and getHealth.
 */
import { storedOutbox } from '../support/outbox';
import { MENU_ITEMS } from '../../src/core/menu';
import { HANDLERS } from '../../src/core/trigger-plan';
import { Host } from '../../emulator/host';
import { Runtime } from '../../emulator/runtime';
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario, type ScenarioEvent } from '../../emulator/scenario-schema';
import { propertiesState } from '../../emulator/services/properties';
import { authModeEnum, triggerState } from '../../emulator/services/script-app';
import { uiState } from '../../emulator/services/ui';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { builtProject, OPEN_AUTH_MODES, OWNER, scenario } from '../support/scenario';

const MINUTE = 60_000;
const ANA = 'ana@acme.test';
const CY = 'cy@acme.test';
const MANAGERS = [OWNER, ANA];
const config = { version: 1, managers: MANAGERS };
const CAPTIONS = MENU_ITEMS.map((i) => i.caption);

function newRun(deployment: 'bound' | 'addon' = 'bound'): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config, deployment, editors: [ANA, CY] })), builtProject());
  run.install();
  return run;
}

function heartbeat(run: ScenarioRun): { at: number; by: string } | null {
  const text = propertiesState(run.rt).document.get('baton.heartbeat');
  return text ? (JSON.parse(text) as { at: number; by: string }) : null;
}

/** "09:05" in New York for an instant. */
function hhmm(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

function edit(run: ScenarioRun, user: string, range: string, value: string): void {
  run.apply({ type: 'edit', at: new Date(run.rt.now()).toISOString(), user, sheet: 'Leads', range, values: [[value]] } as ScenarioEvent);
}

function advance(run: ScenarioRun, to: number): void {
  run.fireClockUntil(to);
  run.rt.clock.set(Math.max(to, run.rt.now()));
}

const toasts = (run: ScenarioRun) => run.result().toasts;
const healthMails = (run: ScenarioRun) => run.result().emails.filter((m) => m.subject === 'Baton: Baton needs attention');
const sortedTriggers = (run: ScenarioRun) =>
  run
    .result()
    .triggers.map((t) => `${t.function}:${t.type}:${t.owner}`)
    .sort();
const ONE_SET = [`${HANDLERS.edit}:ON_EDIT:${OWNER}`, `${HANDLERS.formSubmit}:ON_FORM_SUBMIT:${OWNER}`, `${HANDLERS.sweep}:CLOCK:${OWNER}`];

describe.each(OPEN_AUTH_MODES)('onOpen with health in AuthMode %s (%s)', (authMode, deployment) => {
  const open = (rt: Runtime) =>
    new Host(rt, builtProject()).invoke(
      { functionName: 'onOpen', trigger: 'simple', event: 'open', authMode, activeUser: '', effectiveUser: '' },
      () => [{ authMode: authModeEnum(rt, authMode) }],
    );

  it('builds the menu and never fails, in a spreadsheet never set up', () => {
    const rt = new Runtime(Date.UTC(2026, 2, 2, 14), { deployment, oauthScopes: builtProject().manifest.oauthScopes });
    spreadsheetState(rt).owner = OWNER;
    const record = open(rt);
    expect(record.error).toBeNull();
    expect(uiState(rt).menus.at(-1)?.items.map((i) => ('caption' in i ? i.caption : null))).toEqual(CAPTIONS);
    // NONE: menus only (PropertiesService would throw); otherwise one toast says Baton is not set up.
    expect(uiState(rt).toasts.map((t) => t.message)).toEqual(authMode === 'NONE' ? [] : [expect.stringContaining('Baton is not set up')]);
  });

  it('builds the menu and never fails, with a stale heartbeat, even if the properties fail', () => {
    const run = newRun(deployment);
    advance(run, run.rt.now() + 3 * 60 * MINUTE);
    triggerState(run.rt).removeAllFor(OWNER);
    advance(run, run.rt.now() + 3 * 60 * MINUTE);
    const before = uiState(run.rt).toasts.length;
    expect(open(run.rt).error).toBeNull();
    const added = uiState(run.rt).toasts.slice(before);
    expect(added).toHaveLength(authMode === 'NONE' ? 0 : 1);
    run.rt.injectFault({ method: 'Properties.getProperties', error: 'service', times: 1 });
    const record = open(run.rt);
    expect(record.error).toBeNull();
    expect(uiState(run.rt).menus.at(-1)?.items.map((i) => ('caption' in i ? i.caption : null))).toEqual(CAPTIONS);
  });
});

describe('a stopped sweep: all of the owner\'s triggers are gone', () => {
  const run = newRun();
  const t0 = run.rt.now();
  advance(run, t0 + 12 * MINUTE);
  const lastBeat = heartbeat(run)!;
  triggerState(run.rt).removeAllFor(OWNER);
  advance(run, t0 + 52 * MINUTE);
  const toastsBefore = toasts(run).length;
  run.open(CY);
  const onFirstOpen = toasts(run).slice(toastsBefore);
  run.open(CY);
  const afterSecondOpen = toasts(run).length;
  edit(run, CY, 'C2', 'Dana');
  const afterFirstEdit = toasts(run).length;
  advance(run, run.rt.now() + MINUTE);
  edit(run, CY, 'D2', 'dana@example.com');
  const afterSecondEdit = toasts(run).length;

  it('had a heartbeat before the triggers went', () => {
    expect(lastBeat.by).toBe(OWNER);
  });

  it('shows one toast per open saying what is wrong and what to choose', () => {
    expect(onFirstOpen).toHaveLength(1);
    expect(onFirstOpen[0].message).toContain(`Baton's sweep has not run since ${hhmm(lastBeat.at)} (it runs every 5 minutes under ${OWNER}).`);
    expect(onFirstOpen[0].message).toContain('Choose Extensions › Baton › Repair triggers.');
    expect(afterSecondOpen).toBe(toastsBefore + 2);
  });

  it('tells the editor once in a toast when they edit (a simple trigger cannot send mail)', () => {
    expect(afterFirstEdit).toBe(afterSecondOpen + 1);
    expect(toasts(run).at(-1)?.message).toContain("Baton's sweep has not run since");
    expect(afterSecondEdit).toBe(afterFirstEdit);
    expect(healthMails(run)).toEqual([]);
  });

  it('is shown to the owner in getHealth with the triggers she lacks', () => {
    const view = run.call(OWNER, 'getHealth', []) as { ok: boolean; problems: string[]; myTriggers: unknown[]; triggerOwner: string };
    expect(view.ok).toBe(false);
    expect(view.triggerOwner).toBe(OWNER);
    expect(view.myTriggers).toEqual([]);
    expect(view.problems.join(' ')).toContain('the sweep trigger (batonSweep) is missing');
  });

  it('is repaired by "Repair triggers": one set of triggers, sweeps resume, no health alerts', () => {
    run.menu(OWNER, 'Repair triggers');
    expect(sortedTriggers(run)).toEqual(ONE_SET);
    run.menu(OWNER, 'Repair triggers');
    expect(sortedTriggers(run)).toEqual(ONE_SET);
    const repairedAt = run.rt.now();
    // An edit before the first sweep raises no alarm.
    edit(run, CY, 'E2', '555-0100');
    const toastsAfterRepair = toasts(run).length;
    advance(run, repairedAt + 15 * MINUTE);
    expect(heartbeat(run)!.at).toBeGreaterThan(repairedAt);
    edit(run, CY, 'F2', 'Acme');
    const view = run.call(OWNER, 'getHealth', []) as { ok: boolean; problems: string[] };
    expect(view).toMatchObject({ ok: true, problems: [] });
    run.open(CY);
    expect(toasts(run).length).toBe(toastsAfterRepair);
    expect(healthMails(run)).toEqual([]);
    expect(run.result().executions.filter((e) => e.error !== null)).toEqual([]);
  });
});

describe('a stopped sweep while the edit trigger still runs', () => {
  const run = newRun();
  const t0 = run.rt.now();
  advance(run, t0 + 12 * MINUTE);
  const lastBeat = heartbeat(run)!;
  const state = triggerState(run.rt);
  state.remove(state.list().find((t) => t.eventType === 'CLOCK')!.uid);
  advance(run, t0 + 52 * MINUTE);
  edit(run, CY, 'C2', 'Dana');
  const afterFirstEdit = healthMails(run);
  for (let i = 0; i < 3; i++) {
    advance(run, run.rt.now() + 2 * MINUTE);
    edit(run, CY, `D${2 + i}`, `x${i}@example.com`);
  }
  const afterMoreEdits = healthMails(run);

  it('e-mails each manager once, from the installable edit handler', () => {
    expect(afterFirstEdit.map((m) => m.to).sort()).toEqual([...MANAGERS].sort());
    expect(afterFirstEdit[0].body).toContain(`Baton's sweep has not run since ${hhmm(lastBeat.at)} (it runs every 5 minutes under ${OWNER}).`);
    expect(afterFirstEdit[0].body).not.toContain('Status to Contacted');
  });

  it('does not e-mail again on later edits of the same stale episode', () => {
    expect(afterMoreEdits).toHaveLength(2);
  });

  it('keeps no alert waiting in the outbox: both were sent, and are remembered as sent', () => {
    const outbox = storedOutbox(run);
    expect(outbox.rows.filter((r) => r.alert.kind === 'health')).toEqual([]);
    expect(outbox.sent.map(([, hashes]) => hashes).join('').length).toBeGreaterThanOrEqual(2 * 9);
  });

  it('after "Repair triggers" has one set of triggers and sweeps again without further alerts', () => {
    run.menu(OWNER, 'Repair triggers');
    expect(sortedTriggers(run)).toEqual(ONE_SET);
    const repairedAt = run.rt.now();
    advance(run, repairedAt + 15 * MINUTE);
    expect(heartbeat(run)!.at).toBeGreaterThan(repairedAt);
    edit(run, CY, 'E2', '555-0100');
    expect(healthMails(run)).toHaveLength(2);
    expect(run.result().executions.filter((e) => e.error !== null)).toEqual([]);
  });

  it('keeps the edit handler cheap while Baton is healthy', () => {
    const edits = run.result().executions.filter((e) => e.function === 'batonOnEdit');
    const last = edits.at(-1)!;
    // Health costs one more read of the document properties on a healthy edit: no lock, cache or toast.
    expect(last.error).toBeNull();
    expect(last.calls['CacheService.getUserCache'] ?? 0).toBe(0);
    expect(last.calls['Spreadsheet.toast'] ?? 0).toBe(0);
    expect(last.calls['LockService.getScriptLock']).toBe(1);
  });
});

describe('a config that no longer validates', () => {
  const run = newRun();
  const doc = propertiesState(run.rt).document;
  doc.set('baton.config', JSON.stringify({ revision: 99, chunks: 1, savedAt: run.rt.now(), savedBy: OWNER }));
  doc.set('baton.config.r99.0', JSON.stringify({ version: 1, managers: MANAGERS, sweepMinutes: 7 }));
  const before = toasts(run).length;
  run.open(CY);

  it('is shown on open with its problems', () => {
    const shown = toasts(run).slice(before);
    expect(shown).toHaveLength(1);
    expect(shown[0].message).toContain("Baton's configuration is not valid");
    expect(shown[0].message).toContain('sweepMinutes must be 1, 5, 10, 15 or 30');
  });

  it('is listed in getHealth', () => {
    const view = run.call(ANA, 'getHealth', []) as { ok: boolean; problems: string[] };
    expect(view.ok).toBe(false);
    expect(view.problems).toContain('Configuration: sweepMinutes must be 1, 5, 10, 15 or 30.');
  });
});

describe('getHealth on a healthy Baton', () => {
  const run = newRun();
  advance(run, run.rt.now() + 12 * MINUTE);
  const view = run.call(OWNER, 'getHealth', []) as Record<string, unknown>;
  const other = run.call(ANA, 'getHealth', []) as Record<string, unknown>;

  it('reports the heartbeat, interval, owner, mail quota, own triggers and open failures', () => {
    expect(view).toMatchObject({ ok: true, problems: [], sweepEveryMinutes: 5, triggerOwner: OWNER, openFailures: 0 });
    expect(view.lastSweep).toMatchObject({ by: OWNER, text: hhmm(heartbeat(run)!.at) });
    expect(typeof view.mailQuotaLeft).toBe('number');
    expect((view.myTriggers as { handler: string }[]).map((t) => t.handler).sort()).toEqual([HANDLERS.edit, HANDLERS.formSubmit, HANDLERS.sweep].sort());
  });

  it("shows another manager no triggers of their own, and no problem for it", () => {
    expect(other).toMatchObject({ ok: true, myTriggers: [], triggerOwner: OWNER });
  });

  it('counts open rows in Baton Failures', () => {
    const failures = spreadsheetState(run.rt).snapshot().sheets['Baton Failures'];
    expect(failures[0]).toContain('State');
    spreadsheetState(run.rt).apiAppend('Baton Failures', [
      ['L-1', 'routing', 'no available owner', 'Nobody can take it', '', 1, '', 'open'],
      ['L-2', 'routing', 'no available owner', 'Nobody can take it', '', 1, '', 'resolved'],
    ]);
    expect((run.call(OWNER, 'getHealth', []) as { openFailures: number }).openFailures).toBe(1);
  });
});
