/**
 * Nobody but a manager changes Baton (issue 14, "one guard, used everywhere"): every top-level
 * function of the built bundle, found by parsing dist/Code.js (so a function added later is
 * covered, and fails here until ENTRY_POINTS in src/core/roles.ts classifies it), is called through
 * google.script.run with no and odd arguments as a manager, a team member, another editor and a
 * person Google does not name. Non-managers change nothing (cells, formulas, properties,
 * triggers, mail) and are told why; a manager's call goes through.
 */
import { parse } from 'acorn';
import { toWire } from '../../emulator/host';
import type { ExecutionSpec } from '../../emulator/runtime';
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { mailState } from '../../emulator/services/mail';
import { propertiesState } from '../../emulator/services/properties';
import { triggerState } from '../../emulator/services/script-app';
import { uiState } from '../../emulator/services/ui';
import { LEAD_HEADERS } from '../../src/core/headers';
import { ENTRY_POINTS } from '../../src/core/roles';
import { completeLead, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const MINUTE = 60_000;
const ms = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00-05:00`);

/** Who calls: what Session.getActiveUser() and getEffectiveUser() report in their run. */
interface Person {
  label: string;
  active: string;
  effective: string;
}
const MANAGER: Person = { label: 'a manager (the trigger owner)', active: OWNER, effective: OWNER };
const MEMBER: Person = { label: 'a team member', active: 'ben@acme.test', effective: 'ben@acme.test' };
const EDITOR: Person = { label: 'another editor', active: 'zed@acme.test', effective: 'zed@acme.test' };
/** A consumer account Google hides from the script: a blank active user (PLATFORM.md). */
const UNNAMED: Person = { label: 'an unnamed user', active: '', effective: 'someone@gmail.test' };
const NON_MANAGERS = [MEMBER, EDITOR, UNNAMED];

/** Maria manages but takes no leads, so a South lead has nobody: one open failure to retry or dismiss. */
const CONFIG = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => (m.email === OWNER ? { ...m, active: false } : m)) };

/** The top-level function declarations of the bundle: what Apps Script and google.script.run can call. */
function bundleFunctions(): string[] {
  const ast = parse(builtProject().code, { ecmaVersion: 2020, sourceType: 'script' });
  return ast.body.filter((n) => n.type === 'FunctionDeclaration').map((n) => (n as unknown as { id: { name: string } }).id.name);
}

/**
 * Set up by Maria, two leads swept (one assigned, one failing), then an hour and a half with no
 * sweep: the heartbeat is stale, so a Repair triggers by anyone would take the triggers over.
 */
function fixture(): ScenarioRun {
  const run = new ScenarioRun(
    parseScenario(scenario({ config: CONFIG, sheets: { Leads: [[...LEAD_HEADERS]] }, editors: ['ben@acme.test', 'zed@acme.test', 'someone@gmail.test'] })),
    builtProject(),
  );
  run.install();
  run.rt.clock.set(ms('09:00'));
  run.apply({ at: '2026-03-02T09:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo', { Location: 'South' }))] } as never);
  run.fireClockUntil(ms('09:10'));
  run.rt.clock.set(ms('10:40'));
  return run;
}

/** Everything a call could change that matters: cells and formulas of every tab, properties, triggers, mail. */
function state(run: ScenarioRun): string {
  const props = propertiesState(run.rt);
  return JSON.stringify({
    tabs: spreadsheetState(run.rt).sheets.map((s) => [s.name, s.hidden]),
    cells: spreadsheetState(run.rt).snapshot(),
    document: [...props.document].sort(),
    script: [...props.script].sort(),
    users: [...props.users].map(([u, m]) => [u, [...m].sort()]),
    triggers: triggerState(run.rt)
      .list()
      .map((t) => [t.uid, t.handler, t.owner, t.disabled]),
    mail: mailState(run.rt).sent.map((m) => [m.to, m.subject]),
  });
}

interface Outcome {
  result: unknown;
  error: string | null;
  /** The returned value and any alert or toast the call showed, as one text. */
  said: string;
}

/** A call through google.script.run (its wire rules apply to the arguments) by `who`. */
function call(run: ScenarioRun, who: Person, fn: string, args: unknown[]): Outcome {
  const ui = uiState(run.rt);
  const [alerts, toasts] = [ui.alerts.length, ui.toasts.length];
  const wire = args.map((a, i) => toWire(a, 'argument', `args[${i}]`));
  const spec: ExecutionSpec = { functionName: fn, trigger: 'run', authMode: 'FULL', activeUser: who.active, effectiveUser: who.effective, actor: who.active || who.effective };
  const record = run.host.invoke(spec, () => wire);
  const result = record.result === undefined ? undefined : toWire(record.result, 'result');
  const shown = [...ui.alerts.slice(alerts), ...ui.toasts.slice(toasts)].map((a) => a.message);
  return { result, error: record.error, said: [JSON.stringify(result ?? null), ...shown].join('\n') };
}

/** The uid of one of Maria's real triggers: a forged event naming it must not pass for hers. */
const mariasClockUid = (run: ScenarioRun) => triggerState(run.rt).list().find((t) => t.owner === OWNER && t.eventType === 'CLOCK')!.uid;

/** No arguments, and arguments shaped like what each kind of entry point expects, forged. */
function oddArguments(run: ScenarioRun, who: Person): unknown[][] {
  const me = who.active || who.effective;
  return [
    [],
    [null],
    ['x', 42],
    [{}],
    [{ authMode: 'FULL', triggerUid: mariasClockUid(run), year: 2026, month: 3, hour: 10, minute: 40 }],
    [{ authMode: 'FULL', range: 'A2', source: {}, user: { email: OWNER }, value: 'x', triggerUid: mariasClockUid(run) }],
    [{ ...CONFIG, managers: [me, OWNER] }, 1],
    [2, 'Dismissed by someone who may not.'],
  ];
}

const REFUSED = /Only Baton's managers can /;
const NOT_A_TRIGGER = /is run by Apps Script's [a-z-]+ trigger; called directly it does nothing\./;

describe('the bundle: every top-level function is classified', () => {
  it('ENTRY_POINTS names exactly the bundle\'s top-level functions (a new one must say who may call it)', () => {
    expect(bundleFunctions().sort()).toEqual(Object.keys(ENTRY_POINTS).sort());
  });
});

describe.each(NON_MANAGERS)('called by $label', (who) => {
  // One fixture per person: every call must leave it exactly as it was, so they can share it.
  const run = fixture();
  const before = state(run);

  it.each(bundleFunctions())('%s changes nothing and says why (or only reads)', (fn) => {
    const access = (ENTRY_POINTS as Record<string, string>)[fn];
    expect(access).toBeDefined();
    for (const args of oddArguments(run, who)) {
      const out = call(run, who, fn, args);
      const where = `${fn}(${JSON.stringify(args).slice(0, 80)})`;
      expect({ where, error: out.error }).toEqual({ where, error: null });
      expect({ where, state: state(run) === before }).toEqual({ where, state: true });
      if (access === 'manage' || access === 'bootstrap') expect({ where, said: out.said }).toEqual({ where, said: expect.stringMatching(REFUSED) });
      if (access === 'trigger') expect({ where, said: out.said }).toEqual({ where, said: expect.stringMatching(NOT_A_TRIGGER) });
      if (access === 'read') expect(out.said).not.toMatch(REFUSED);
    }
  });

  it('the settings open read-only for them, under the name Google gives (or none)', () => {
    const view = call(run, who, 'getConfig', []).result as { canEdit: boolean; user: string };
    expect(view).toMatchObject({ canEdit: false, user: who.active });
  });
});

describe('called by a manager', () => {
  /** Good arguments for the calls that take some; the rest get none. */
  const goodArgs = (run: ScenarioRun, fn: string): unknown[] => {
    const version = (call(run, MANAGER, 'getConfig', []).result as { version: number }).version;
    if (fn === 'saveConfig') return [{ ...CONFIG, report: { weekday: 2, hour: 9 } }, version];
    if (fn === 'previewConfig') return [{ ...CONFIG, report: { weekday: 2, hour: 9 } }];
    if (fn === 'setupBaton') return [CONFIG];
    if (fn === 'dismissFailure') return [2, 'Known: the South territory is not staffed yet.'];
    return [];
  };

  it.each(bundleFunctions())('%s goes through (trigger handlers only with their event, the sweep for its owner)', (fn) => {
    const access = (ENTRY_POINTS as Record<string, string>)[fn];
    const run = fixture();
    const out = call(run, MANAGER, fn, goodArgs(run, fn));
    expect(out.error).toBeNull();
    expect(out.said).not.toMatch(REFUSED);
    const result = out.result as { ok?: boolean } | undefined;
    if ((access === 'manage' || access === 'bootstrap') && result && typeof result === 'object' && 'ok' in result) expect(result.ok).toBe(true);
    if (access === 'trigger' && fn !== 'batonSweep') expect(out.said).toMatch(NOT_A_TRIGGER);
  });

  it('changes what each manage call is for: a save, a dismissal, a takeover of stale triggers (logged), a report', () => {
    const run = fixture();
    const before = state(run);
    expect(call(run, MANAGER, 'dismissFailure', [2, 'Known.']).result).toMatchObject({ ok: true });
    expect(state(run)).not.toBe(before);
    const marias = triggerState(run.rt).list().filter((t) => t.owner === OWNER).length;
    expect(marias).toBe(3);
    expect(call(run, MANAGER, 'buildWeeklyReport', []).result).toMatchObject({ ok: true });
    expect(spreadsheetState(run.rt).sheets.map((s) => s.name)).toContain('Baton Report');
  });

  it('a direct call of batonSweep by the trigger owner does what the clock trigger would: a sweep and a heartbeat', () => {
    const run = fixture();
    const beat = () => propertiesState(run.rt).document.get('baton.heartbeat');
    const old = beat();
    expect(call(run, MANAGER, 'batonSweep', []).result ?? null).toBeNull();
    expect(beat()).not.toBe(old);
  });
});

describe('trigger handlers called directly', () => {
  it('a second manager who does not own the triggers cannot run a sweep or retire the owner\'s triggers', () => {
    const run = new ScenarioRun(parseScenario(scenario({ config: { ...CONFIG, managers: [OWNER, 'ana@acme.test'] }, sheets: { Leads: [[...LEAD_HEADERS]] }, editors: ['ana@acme.test'] })), builtProject());
    run.install();
    run.rt.clock.set(ms('09:00') + 5 * MINUTE);
    const before = state(run);
    const ana: Person = { label: 'Ana', active: 'ana@acme.test', effective: 'ana@acme.test' };
    const out = call(run, ana, 'batonSweep', [{ triggerUid: mariasClockUid(run), authMode: 'FULL' }]);
    expect(out.said).toMatch(NOT_A_TRIGGER);
    expect(state(run)).toBe(before);
  });

  it('a former owner\'s own trigger still retires itself when it fires', () => {
    const run = fixture();
    // Ana took over (as a manager would after a stale heartbeat): the document names her.
    const props = propertiesState(run.rt).document;
    const ownership = JSON.parse(props.get('baton.triggers')!) as { owner: string };
    props.set('baton.triggers', JSON.stringify({ ...ownership, owner: 'ana@acme.test' }));
    const uid = mariasClockUid(run);
    const out = call(run, MANAGER, 'batonSweep', [{ triggerUid: uid, authMode: 'FULL' }]);
    expect(out.error).toBeNull();
    expect(triggerState(run.rt).list().filter((t) => t.owner === OWNER)).toEqual([]);
  });
});

describe('before Baton is set up', () => {
  it('nobody Google does not name becomes the first manager, and manage calls are refused to everyone', () => {
    const run = new ScenarioRun(parseScenario(scenario({ sheets: { Leads: [[...LEAD_HEADERS]] }, editors: ['zed@acme.test'] })), builtProject());
    const before = state(run);
    for (const fn of bundleFunctions()) {
      const access = (ENTRY_POINTS as Record<string, string>)[fn];
      const out = call(run, UNNAMED, fn, []);
      expect({ fn, error: out.error, same: state(run) === before }).toEqual({ fn, error: null, same: true });
      if (access === 'manage' || access === 'bootstrap') expect(out.said).toMatch(REFUSED);
    }
    for (const fn of Object.keys(ENTRY_POINTS).filter((f) => (ENTRY_POINTS as Record<string, string>)[f] === 'manage')) {
      const out = call(run, EDITOR, fn, []);
      expect({ fn, said: out.said }).toEqual({ fn, said: expect.stringMatching(/not set up/) });
      expect(state(run)).toBe(before);
    }
    // The first named person to set Baton up becomes its manager.
    expect(call(run, EDITOR, 'setupBaton', [{ version: 1 }]).result).toMatchObject({ ok: true });
  });
});
