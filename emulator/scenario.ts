/**
 * Runs a scenario (SPEC.md, "Scenario runner") against the built bundle: the owner installs Baton
 * and sets it up, then events and the installed clock triggers run in time order, and the result
 * is the sheets, formulas, e-mails, executions and triggers at the end.
 */
import { Host, loadProject, toWire, type Project } from './host';
import { Runtime, type ExecutionSpec } from './runtime';
import { parseScenario, ScenarioError, type Scenario, type ScenarioEvent } from './scenario-schema';
import { spreadsheetState } from './spreadsheet';
import { mailState } from './services/mail';
import { authModeEnum, triggerState } from './services/script-app';
import { uiState } from './services/ui';
import { sheetCharts, snapshotChart, type ChartSnapshot } from './spreadsheet/charts';

export { ScenarioError };

export interface ScenarioResult {
  sheets: Record<string, unknown[][]>;
  formulas: Record<string, Record<string, string>>;
  emails: { at: string; to: string; subject: string; body: string }[];
  executions: { at: string; function: string; trigger: string; user: string; ms: number; calls: Record<string, number>; error: string | null }[];
  triggers: { function: string; type: string; owner: string }[];
  toasts: { at: string; user: string; message: string }[];
  alerts: { at: string; user: string; message: string }[];
  /** Per tab holding embedded charts, their specs (absent when no tab has a chart). */
  charts?: Record<string, ChartSnapshot[]>;
}

/** Simple onEdit events queue at most two deep; more arriving while they run are dropped (PLATFORM.md). */
const SIMPLE_EDIT_QUEUE = 2;

interface Armed {
  done: boolean;
  /** The execution the event waits in, once it has started. */
  execution: number | null;
  stop: () => void;
  fallback?: () => void;
}

export class ScenarioRun {
  readonly rt: Runtime;
  readonly host: Host;
  private simpleEditsBusyUntil: number[] = [];
  /** Events waiting inside a run (`during`), settled as soon as their run ends. */
  private armed: Armed[] = [];
  /** Users who have authorized the add-on in this document (others get AuthMode NONE on open). */
  private readonly addonUsers = new Set<string>();

  constructor(
    readonly scenario: Scenario,
    project: Project = loadProject(),
  ) {
    this.rt = new Runtime(Date.parse(scenario.start), {
      deployment: scenario.deployment,
      scriptTimeZone: scenario.scriptTimeZone ?? project.manifest.timeZone,
      oauthScopes: project.manifest.oauthScopes,
      seed: scenario.seed,
      workspace: scenario.workspace,
      ...Object.fromEntries(Object.entries(scenario.emulator).filter(([, x]) => x !== undefined)),
    });
    const doc = spreadsheetState(this.rt);
    doc.timeZone = scenario.timeZone;
    doc.locale = scenario.locale;
    doc.owner = scenario.owner;
    const people = new Set([scenario.owner, ...scenario.editors]);
    for (const e of scenario.events) if ('user' in e && e.user) people.add(e.user);
    doc.editors = [...people];
    for (const [name, values] of Object.entries(scenario.sheets)) doc.addSheet(name, values);
    triggerState(this.rt).options.currentDocumentId = () => spreadsheetState(this.rt).spreadsheetId;
    this.host = new Host(this.rt, project);
  }

  /** Event objects carry ScriptApp.AuthMode values, as on Google, not strings. */
  private authMode(mode: 'NONE' | 'LIMITED' | 'FULL'): unknown {
    return authModeEnum(this.rt, mode);
  }

  private spec(functionName: string, trigger: ExecutionSpec['trigger'], user: string, extra: Partial<ExecutionSpec> = {}): ExecutionSpec {
    return { functionName, trigger, authMode: 'FULL', activeUser: user, effectiveUser: user, actor: user, ...extra };
  }

  /** Installs Baton as the owner and runs setup with the scenario's config. */
  install(): void {
    const owner = this.scenario.owner;
    if (this.scenario.deployment === 'addon') {
      this.addonUsers.add(owner);
      if (this.host.defines('onInstall')) this.host.invoke(this.spec('onInstall', 'simple', owner, { event: 'install' }), () => [{ authMode: this.authMode('FULL') }]);
    } else {
      this.open(owner);
    }
    this.call(owner, 'setupBaton', [this.scenario.config]);
  }

  run(): ScenarioResult {
    this.install();
    const events = this.scenario.events
      .map((e, i) => ({ e, i, at: Date.parse(e.at) }))
      .sort((a, b) => a.at - b.at || a.i - b.i);
    const armed = this.armed;
    for (const { e, at } of events) {
      this.fireClockUntil(at);
      this.settle(armed);
      this.rt.clock.set(at);
      if (e.during) armed.push(this.arm(e, at));
      else this.apply(e, at);
      this.settle(armed);
    }
    const until = this.scenario.until ? Date.parse(this.scenario.until) : this.rt.now();
    this.fireClockUntil(until);
    this.rt.clock.set(until);
    this.settle(armed);
    for (const a of armed) a.stop();
    return this.result();
  }

  /**
   * An event with `during`: applied just before the `call`-th service call of the first execution
   * of `during.function` that starts at or after `at`; if that execution ends with fewer calls,
   * right after it ends (see settle), so a replay always performs every action once.
   */
  private arm(e: ScenarioEvent, at: number): Armed {
    const d = e.during!;
    const armed: Armed = { done: false, execution: null, stop: () => undefined };
    armed.stop = this.rt.onCall(({ execution, index }) => {
      if (armed.done || execution.spec.functionName !== d.function || execution.startedAt < at) return;
      armed.execution ??= execution.id;
      if (execution.id !== armed.execution || index !== d.call) return;
      armed.done = true;
      armed.stop();
      this.apply(e, this.rt.now());
    });
    armed.fallback = () => this.apply(e, this.rt.now());
    return armed;
  }

  /** Applies armed events whose execution ended before reaching their call. */
  private settle(armed: Armed[]): void {
    for (const a of armed) {
      if (a.done || a.execution === null || this.rt.current?.id === a.execution) continue;
      a.done = true;
      a.stop();
      a.fallback?.();
    }
  }

  /** Fires installed clock triggers due up to `until`, in time order. */
  fireClockUntil(until: number): void {
    const triggers = triggerState(this.rt);
    for (let due = triggers.nextDueClock(until); due; due = triggers.nextDueClock(until)) {
      const { trigger, at } = due;
      triggers.markFired(trigger.uid, at);
      this.rt.clock.set(at);
      const event = triggers.timeDrivenEvent(trigger, Math.max(at, this.rt.now()));
      this.host.invoke(this.spec(trigger.handler, 'installable', trigger.owner, { event: 'clock', triggerUid: trigger.uid }), () => [event]);
      // An event waiting in this sweep that it never reached lands right after it, not at the next event.
      this.settle(this.armed);
    }
  }

  /** Applies one event; `at` is when it happened (the clock may be later if a run was still going). */
  apply(e: ScenarioEvent, at = this.rt.now()): void {
    const doc = spreadsheetState(this.rt);
    switch (e.type) {
      case 'edit': {
        const edit = doc.userEdit(e.user, e.sheet, e.range, e.values);
        this.fireEdit(e.user, edit, at);
        this.fireChange(e.user, 'EDIT');
        return;
      }
      case 'copy': {
        const edit = doc.userCopy(e.user, e.sheet, e.from, e.to);
        this.fireEdit(e.user, edit, at);
        this.fireChange(e.user, 'EDIT');
        return;
      }
      case 'append': {
        const appended = doc.apiAppend(e.sheet, e.rows);
        if (e.via === 'form') this.fireFormSubmits(e.sheet, appended.row, e.rows);
        else if (this.rt.options.onChangeFiresOnApiWrites) this.fireChange('', 'EDIT');
        return;
      }
      case 'sort':
        doc.userSort(e.user, e.sheet, e.column, e.ascending);
        this.fireChange(e.user, 'OTHER');
        return;
      case 'deleteRows':
        doc.userDeleteRows(e.user, e.sheet, e.row, e.count);
        this.fireChange(e.user, 'REMOVE_ROW');
        return;
      case 'insertRows':
        doc.userInsertRows(e.user, e.sheet, e.row, e.count);
        this.fireChange(e.user, 'INSERT_ROW');
        return;
      case 'insertColumns':
        doc.userInsertColumns(e.user, e.sheet, e.column, e.count);
        this.fireChange(e.user, 'INSERT_COLUMN');
        return;
      case 'deleteColumns':
        doc.userDeleteColumns(e.user, e.sheet, e.column, e.count);
        this.fireChange(e.user, 'REMOVE_COLUMN');
        return;
      case 'open':
        this.open(e.user);
        return;
      case 'call':
        this.call(e.user, e.function, e.args);
        return;
      case 'menu':
        this.menu(e.user, e.item);
        return;
      case 'setup':
        this.menu(e.user ?? this.scenario.owner, 'Set up Baton');
        return;
      case 'fault':
        this.rt.injectFault({ method: e.method, error: e.error, times: e.times, after: e.after });
        return;
    }
  }

  /** Opening the spreadsheet fires the simple onOpen (NONE for an add-on the user hasn't used). */
  open(user: string): void {
    if (!this.host.defines('onOpen')) return;
    const authMode = this.scenario.deployment === 'addon' && !this.addonUsers.has(user) ? 'NONE' : 'LIMITED';
    this.host.invoke(this.spec('onOpen', 'simple', user, { event: 'open', authMode, activeUser: '', effectiveUser: '' }), () => [
      { authMode: this.authMode(authMode), user: { email: '', nickname: '' }, source: this.activeSpreadsheet() },
    ]);
  }

  /** A sidebar call through google.script.run: arguments and result obey its wire rules. */
  call(user: string, fn: string, args: unknown[]): unknown {
    if (fn.endsWith('_')) throw new ScenarioError(`${fn} cannot be called from google.script.run: its name ends in "_".`);
    const wireArgs = args.map((a, i) => toWire(a, 'argument', `args[${i}]`));
    this.addonUsers.add(user);
    const record = this.host.invoke(this.spec(fn, 'run', user), () => wireArgs);
    return toWire(record.result, 'result', 'value', this.rt.options.runResultWithDate);
  }

  /** A menu item clicked by `user`, found by its caption in the menu that user's onOpen built. */
  menu(user: string, caption: string): void {
    const fn = uiState(this.rt).menuFunction(caption);
    if (!fn) throw new ScenarioError(`There is no menu item "${caption}".`);
    this.addonUsers.add(user);
    this.host.invoke(this.spec(fn, 'menu', user));
  }

  private activeSpreadsheet(): unknown {
    return spreadsheetState(this.rt).spreadsheetObject();
  }

  /**
   * The e-mail a script run by `runner` sees for `person` (RuntimeOptions.editorEmails). Reference,
   * Session.getActiveUser: the address "is not available in any context that allows a script to
   * run without that user's authorization, like a simple onOpen(e) or onEdit(e) trigger ...
   * However, these restrictions generally do not apply if the developer runs the script themselves
   * or belongs to the same Google Workspace domain as the user." So: visible to oneself, and on
   * Workspace within the owner's domain; blank for consumer accounts and other domains.
   */
  visibleEmail(person: string, runner: string): string {
    if (this.rt.options.editorEmails === 'always' || !person) return person;
    if (person === runner || person === this.scenario.owner) return person;
    const domain = (e: string) => e.slice(e.lastIndexOf('@') + 1).toLowerCase();
    return this.scenario.workspace && domain(person) === domain(this.scenario.owner) ? person : '';
  }

  private fireEdit(user: string, edit: ReturnType<ReturnType<typeof spreadsheetState>['userEdit']>, at: number): void {
    // Executions run one after another here, but the edits happened at `at`: any simple onEdit
    // still running (or queued) at that moment counts against the queue of two.
    this.simpleEditsBusyUntil = this.simpleEditsBusyUntil.filter((t) => t > at);
    const doc = spreadsheetState(this.rt);
    const documented = this.rt.options.editorEmails === 'documented';
    const event = (authMode: 'LIMITED' | 'FULL', email: string, triggerUid?: string) => {
      const e: Record<string, unknown> = {
        authMode: this.authMode(authMode),
        range: doc.range(edit.sheetName, edit.row, edit.column, edit.numRows, edit.numColumns),
        source: this.activeSpreadsheet(),
        user: { email, nickname: email ? email.split('@')[0] : '' },
      };
      if ('value' in edit && edit.value !== undefined) e.value = edit.value;
      if ('oldValue' in edit && edit.oldValue !== undefined) e.oldValue = edit.oldValue;
      if (triggerUid) e.triggerUid = triggerUid;
      return e;
    };
    if (this.host.defines('onEdit') && this.simpleEditsBusyUntil.length < SIMPLE_EDIT_QUEUE) {
      const startsAt = Math.max(at, ...this.simpleEditsBusyUntil);
      // A simple trigger runs without anyone's authorization: the developer is the only "self".
      const email = this.visibleEmail(user, this.scenario.owner);
      const record = this.host.invoke(
        this.spec('onEdit', 'simple', '', { event: 'edit', authMode: 'LIMITED', activeUser: documented ? email : '', effectiveUser: '', actor: user }),
        () => [event('LIMITED', documented ? email : user)],
      );
      this.simpleEditsBusyUntil.push(startsAt + record.ms);
    }
    for (const t of triggerState(this.rt).installableFor('ON_EDIT')) {
      const email = this.visibleEmail(user, t.owner);
      this.host.invoke(this.spec(t.handler, 'installable', t.owner, { event: 'edit', activeUser: email, actor: user, triggerUid: t.uid }), () => [
        event('FULL', email, t.uid),
      ]);
    }
  }

  /**
   * Installable change triggers (PLATFORM.md, Triggers: onChange): `changeType` EDIT, INSERT_ROW,
   * REMOVE_ROW, OTHER (a sort) ...; `source`, `user`, `authMode` FULL, `triggerUid`; no `range`.
   * Fired after the edit triggers of the same action. Baton installs none (docs/PLATFORM-FACTS.md).
   */
  fireChange(user: string, changeType: 'EDIT' | 'INSERT_ROW' | 'INSERT_COLUMN' | 'REMOVE_ROW' | 'REMOVE_COLUMN' | 'INSERT_GRID' | 'REMOVE_GRID' | 'FORMAT' | 'OTHER'): void {
    for (const t of triggerState(this.rt).installableFor('ON_CHANGE')) {
      const email = this.visibleEmail(user, t.owner);
      this.host.invoke(this.spec(t.handler, 'installable', t.owner, { event: 'change', activeUser: email, actor: user, triggerUid: t.uid }), () => [
        { authMode: this.authMode('FULL'), changeType, source: this.activeSpreadsheet(), user: { email, nickname: email ? email.split('@')[0] : '' }, triggerUid: t.uid },
      ]);
    }
  }

  private fireFormSubmits(sheetName: string, firstRow: number, rows: unknown[][]): void {
    const doc = spreadsheetState(this.rt);
    const headers = (doc.snapshot().sheets[sheetName]?.[0] ?? []).map(String);
    rows.forEach((values, i) => {
      const namedValues: Record<string, string[]> = {};
      headers.forEach((h, c) => (namedValues[h] = [values[c] === undefined || values[c] === null ? '' : String(values[c])]));
      for (const t of triggerState(this.rt).installableFor('ON_FORM_SUBMIT')) {
        this.host.invoke(this.spec(t.handler, 'installable', t.owner, { event: 'formSubmit', triggerUid: t.uid }), () => [
          {
            authMode: this.authMode('FULL'),
            values: values.map((x) => (x === null ? '' : String(x))),
            namedValues,
            range: doc.range(sheetName, firstRow + i, 1, 1, Math.max(1, values.length)),
            triggerUid: t.uid,
          },
        ]);
      }
    });
  }

  result(): ScenarioResult {
    const iso = (ms: number) => new Date(ms).toISOString();
    const snap = spreadsheetState(this.rt).snapshot();
    const charts: Record<string, ChartSnapshot[]> = {};
    for (const sheet of spreadsheetState(this.rt).sheets) {
      const list = sheetCharts(sheet);
      if (list.length) charts[sheet.name] = list.map((c) => snapshotChart(c, sheet));
    }
    return {
      sheets: snap.sheets,
      formulas: snap.formulas,
      emails: mailState(this.rt).sent.map((m) => ({ at: iso(m.at), to: m.to, subject: m.subject, body: m.body })),
      executions: this.rt.records.map((r) => ({ at: iso(r.at), function: r.function, trigger: r.trigger, user: r.user, ms: r.ms, calls: r.calls, error: r.error })),
      triggers: triggerState(this.rt)
        .list()
        .map((t) => ({ function: t.handler, type: t.eventType, owner: t.owner })),
      toasts: uiState(this.rt).toasts.map((t) => ({ at: iso(t.at), user: t.user, message: t.message })),
      alerts: uiState(this.rt).alerts.map((a) => ({ at: iso(a.at), user: a.user, message: a.message })),
      ...(Object.keys(charts).length ? { charts } : {}),
    };
  }
}

/** Parses and runs a scenario; throws ScenarioError for a malformed one. */
export function runScenario(input: unknown, project?: Project): ScenarioResult {
  return new ScenarioRun(parseScenario(input), project).run();
}
