/**
 * Conformance of the scenario runner's triggers and quotas for issue 17: whose e-mail a script
 * sees (items 3), onChange with changeType (item 6), daily trigger runtime and simultaneous
 * executions (item 5). A tiny script stands in for Baton so each fact is seen directly.
 */
import type { Project } from '../../emulator/host';
import { ERRORS, Runtime, SCOPES } from '../../emulator/runtime';
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { triggerState } from '../../emulator/services/script-app';
import { spreadsheetState } from '../../emulator/spreadsheet';

/** Records what each trigger saw in a Seen tab: handler, e.user.email, Session.getActiveUser(), changeType. */
const CODE = `
function record(kind, e) {
  var email = e && e.user ? e.user.email : '(none)';
  SpreadsheetApp.getActive().getSheetByName('Seen').appendRow([kind, "'" + email, "'" + Session.getActiveUser().getEmail(), e && e.changeType ? e.changeType : '']);
}
function onEdit(e) { record('simple', e); }
function installedEdit(e) { record('installable', e); }
function changed(e) { record('change', e); }
function setupBaton() {}
`;
const PROJECT: Project = { code: CODE, manifest: { timeZone: 'America/New_York', oauthScopes: [SCOPES.currentSheet, SCOPES.userEmail] }, files: {} };

const OWNER = 'maria@acme.test';
const ANA = 'ana@acme.test';
const OUTSIDER = 'sam@gmail.test';
const START = '2026-03-02T09:00:00-05:00';

function scenarioRun(extra: Record<string, unknown> = {}): ScenarioRun {
  const run = new ScenarioRun(
    parseScenario({ start: START, owner: OWNER, editors: [ANA, OUTSIDER], sheets: { Seen: [['kind', 'email', 'active', 'change']], Data: [['a'], ['b']] }, ...extra }),
    PROJECT,
  );
  triggerState(run.rt).seed({ handler: 'installedEdit', eventType: 'ON_EDIT', owner: OWNER });
  triggerState(run.rt).seed({ handler: 'changed', eventType: 'ON_CHANGE', owner: OWNER });
  return run;
}

const seen = (run: ScenarioRun) => spreadsheetState(run.rt).values('Seen').slice(1);
const editBy = (user: string) => ({ at: START, type: 'edit' as const, user, sheet: 'Data', range: 'A3', values: [['x']] });

describe('editor e-mail (issue 17 item 3; reference Session.getActiveUser: blank without the user\'s authorization, except for the developer and the same Workspace domain)', () => {
  it('consumer accounts: another editor is blank in the simple and installable triggers; the owner sees their own', () => {
    const run = scenarioRun();
    run.apply(editBy(ANA));
    run.apply(editBy(OWNER));
    expect(seen(run)).toEqual([
      ['simple', '', '', ''],
      ['installable', '', '', ''],
      ['change', '', '', 'EDIT'],
      ['simple', OWNER, OWNER, ''],
      ['installable', OWNER, OWNER, ''],
      ['change', OWNER, OWNER, 'EDIT'],
    ]);
  });

  it('Workspace: an editor of the owner\'s domain is visible, one from another domain is not', () => {
    const run = scenarioRun({ workspace: true });
    run.apply(editBy(ANA));
    run.apply(editBy(OUTSIDER));
    expect(seen(run).map((r) => r.slice(0, 3))).toEqual([
      ['simple', ANA, ANA],
      ['installable', ANA, ANA],
      ['change', ANA, ANA],
      ['simple', '', ''],
      ['installable', '', ''],
      ['change', '', ''],
    ]);
  });

  it("switch editorEmails: 'always' shows every e-mail (the earlier model: simple triggers keep getActiveUser blank)", () => {
    const run = scenarioRun({ emulator: { editorEmails: 'always' } });
    run.apply(editBy(OUTSIDER));
    expect(seen(run).map((r) => r.slice(0, 3))).toEqual([
      ['simple', OUTSIDER, ''],
      ['installable', OUTSIDER, OUTSIDER],
      ['change', OUTSIDER, OUTSIDER],
    ]);
  });
});

describe('onChange (issue 17 item 6; PLATFORM.md Triggers: changeType, no range)', () => {
  it('fires with INSERT_ROW, REMOVE_ROW and OTHER (a sort); an API append fires nothing unless onChangeFiresOnApiWrites', () => {
    const run = scenarioRun({ workspace: true });
    run.apply({ at: START, type: 'insertRows', user: ANA, sheet: 'Data', row: 2, count: 1 });
    run.apply({ at: START, type: 'deleteRows', user: ANA, sheet: 'Data', row: 2, count: 1 });
    run.apply({ at: START, type: 'sort', user: ANA, sheet: 'Data', column: 1, ascending: true });
    run.apply({ at: START, type: 'append', via: 'api', sheet: 'Data', rows: [['c']] });
    expect(seen(run).map((r) => r[3])).toEqual(['INSERT_ROW', 'REMOVE_ROW', 'OTHER']);

    const loose = scenarioRun({ emulator: { onChangeFiresOnApiWrites: true } });
    loose.apply({ at: START, type: 'append', via: 'api', sheet: 'Data', rows: [['c']] });
    expect(seen(loose).map((r) => r[3])).toEqual(['EDIT']);
  });
});

describe('quotas (issue 17 item 5; PLATFORM.md Quotas and limits)', () => {
  const spec = (user: string, trigger: 'installable' | 'menu' = 'installable') => ({ functionName: 'f', trigger, authMode: 'FULL' as const, activeUser: user, effectiveUser: user });

  it('installable triggers stop with "Service using too much computer time for one day." after 90 min (consumer), 6 h (Workspace)', () => {
    for (const [workspace, limit] of [[false, 90 * 60_000], [true, 6 * 3_600_000]] as const) {
      const rt = new Runtime(Date.UTC(2026, 2, 2, 14), { workspace });
      expect(rt.dailyTriggerRuntimeMs).toBe(limit);
      const minute = () => rt.clock.advance(60_000);
      let runs = 0;
      while (rt.run(spec(OWNER), minute).error === null) runs++;
      expect(runs).toBe(limit / 60_000);
      expect(rt.records.at(-1)!.error).toBe(ERRORS.dailyRuntime);
      // Menu runs are not trigger runtime; another user has their own budget; a day later it is back.
      expect(rt.run(spec(OWNER, 'menu'), minute).error).toBeNull();
      expect(rt.run(spec(ANA), minute).error).toBeNull();
      rt.clock.advance(86_400_000);
      expect(rt.run(spec(OWNER), minute).error).toBeNull();
    }
  });

  it('a trigger that crosses the budget mid-run stops at its next service call', () => {
    const rt = new Runtime(Date.UTC(2026, 2, 2, 14), { dailyTriggerRuntimeMs: 1_000, callCostMs: { default: 400 } });
    const doc = spreadsheetState(rt);
    doc.addSheet('S');
    const r = rt.run(spec(OWNER), () => {
      for (let i = 0; i < 5; i++) doc.rt.call('Range.getValues', () => null);
    });
    expect(r.error).toBe(ERRORS.dailyRuntime);
  });

  it('the 31st simultaneous execution of one user fails with the platform text; another user is not affected', () => {
    const rt = new Runtime(Date.UTC(2026, 2, 2, 14));
    const errors: (string | null)[] = [];
    const nest = (depth: number): void => {
      if (depth === 31) {
        errors.push(rt.run(spec(OWNER, 'menu'), () => null).error);
        errors.push(rt.run(spec(ANA, 'menu'), () => null).error);
        return;
      }
      rt.run(spec(OWNER, 'menu'), () => nest(depth + 1));
    };
    nest(1);
    expect(errors).toEqual([ERRORS.simultaneous, null]);
    const fine = new Runtime(Date.UTC(2026, 2, 2, 14), { maxSimultaneousPerUser: 100 });
    let inner: string | null = 'not run';
    const nest2 = (d: number): void => {
      if (d === 31) inner = fine.run(spec(OWNER, 'menu'), () => null).error;
      else fine.run(spec(OWNER, 'menu'), () => nest2(d + 1));
    };
    nest2(1);
    expect(inner).toBeNull();
  });
});
