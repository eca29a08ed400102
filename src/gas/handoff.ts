/**
 * The handoff, for every path (typed or pasted edits, form submissions, the sweep): intake, then
 * routing where the run may assign. Under the script lock: read the Leads tab and Baton's state
 * once, let the core plan, apply all or nothing, put back people's edits made meanwhile, then
 * record the log and the state. Service calls per run do not depend on the number of leads.
 */
import type { CellValue } from '../core/conditions';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
import { parseConfig, type BatonConfig } from '../core/config';
import { locateColumns } from '../core/lead-columns';
import type { CellWrite } from '../core/intake-plan';
import type { PendingRun } from '../core/pending-run';
import type { RoutingState } from '../core/routing';
import { planHandoff, type HandoffPlan } from '../core/handoff-plan';
import { SHEET_LEVEL, type Failure } from '../core/sheet-failures';
import { RowIndex, settled, showsTyped, typedBy, typedSince } from '../core/edit-journal';
import { batonHeaders } from '../core/lead-columns';
import { failureAlerts } from '../core/failure-alerts';
import type { Alert } from '../core/sla-plan';
import { summarizeLasting, summaryAlerts } from '../core/failure-summary';
import { backoffMinutes, runFailureKind, runFailureMessage } from '../core/failure-kinds';
import { hexStream, leadIdOf } from '../core/lead-id';
import { managersOf } from '../core/roles';
import { isEmailAddress } from '../core/config-schema';
import { now } from './clock';
import * as store from './document-store';
import { dropJournal, readJournal, type EditedLead } from './edit-journal';
import { openFailure, openFailureRows, recordFailures } from './failures';
import { alreadyLogged, appendLog } from './log';
import { applyWrites, type Restored } from './leads-apply';
import { readWholeTab } from './read-tab';
import { putBackOverwritten } from './overwritten-edits';
import { deliver, loadOutbox } from './mailer';
import { clearPending, loadPending, markLogged, savePending } from './pending-run';
import { rememberZoneDays, timePort } from './time-port';
import { loadState, saveState, stateFromLeads } from './state-tab';
import { decidedLeads, keptDecisions, seenLeads, type LeadState } from '../core/lead-state';
import { sameCell } from '../core/fingerprint';
import { agingAlerts, agingDigestDay } from '../core/needs-info-aging';
import { emptyOutbox, knownKeys } from '../core/outbox';
import { managersOnly, recipientsOf } from '../core/recipients';
import { leaveSweepMark, sweepSight } from './quiet-sweep';
import { capNewLeads } from '../core/new-lead-cap';
import { editBelowTab, openLoads } from '../core/new-rows-in-place';
import { dueInPlace, editInPlace } from './edit-in-place';
import { newRowsInPlace } from './new-rows-in-place';

/** The failures this run found: sheet-level problems and each lead's. */
function failuresOf(plan: HandoffPlan): Failure[] {
  return [
    ...plan.sheetProblems.map((p) => ({ leadId: SHEET_LEVEL, step: 'intake', kind: p.kind, subject: p.subject, message: p.message })),
    ...plan.failures,
  ];
}

export interface IntakeTrigger {
  /** Who caused the run, for the log; '' when unknown. */
  actor: string;
  /** The tab an edit happened in: edits elsewhere are not intake's business. */
  sheetName?: string;
  /** Whether this run may assign owners (FULL authorization: installable triggers, sweep). */
  route?: boolean;
  /** What started the run: edit-driven runs send mail at most once a minute. */
  kind: 'edit' | 'form' | 'sweep';
  /** The range an edit or form submission touched. */
  edited?: { rowStart: number; rowEnd: number; columnStart?: number; columnEnd?: number; leads?: EditedLead[]; rows?: number[] };
  /**
   * The event's spreadsheet and tab (`e.source`, `e.range.getSheet()`): what the run would look up
   * again, given with the event at no cost. Absent for sweeps.
   */
  source?: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet?: Sheet;
}

export interface IntakeOutcome {
  ran: boolean;
  message: string;
  leads: number;
  writes: number;
}

const LOCK_WAIT_MS = 20_000;
/** Plans tried against a sheet people keep changing before the run leaves it to the next. */
const APPLY_ATTEMPTS = 3;


/** Where routing state is kept, for runs that route (finishing a stopped run saves its turns). */
function routingStore(trigger: IntakeTrigger, all: Record<string, string>): RoutingState | null {
  return trigger.route ? store.readRouting(all) : null;
}

/**
 * Finishes a run that stopped after recording its intent: makes the writes whose cells still
 * hold their old values, appends its log rows unless already appended, queues its alerts, keeps
 * its routing turns, and records the state the sheet is now in.
 */
function finishPending(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  pending: PendingRun,
  config: BatonConfig,
  routingState: RoutingState | null,
  all: Record<string, string>,
): number | null {
  // Columns are found by header text again: people may have moved them since the run stopped.
  const lastColumn = sheet.getLastColumn();
  const header = lastColumn ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0] : [];
  const columns = locateColumns(header, config);
  // Each write's column is found again by its field; a field whose column is gone is dropped.
  const located = (list: CellWrite[]) => list.flatMap((w) => (columns.index[w.field] === undefined ? [] : [{ ...w, column: columns.index[w.field]! }]));
  const idColumn = columns.index.leadId;
  const baton = batonHeaders(config.columns);
  // The accepted changes go along as writes of the value they hold: never written over a later
  // edit (roll-forward skips a cell that changed), but recorded as what the run decided.
  const result =
    idColumn === undefined
      ? null
      : applyWrites(sheet, [...located(pending.writes), ...located(pending.kept)], idColumn, {
          mode: 'roll-forward',
          header,
          baton,
          nameColumn: columns.index.name,
          // What people typed since the stopped run read the tab is theirs: the next plan judges it.
          theirs: (read, id) => (pending.readAt === null ? new Set() : showsTyped(readJournal(store.readAll()).edits, sheet.getName(), pending.readAt, read, id, baton)),
        });
  // The stopped run may have appended its log rows just before it stopped, without the mark.
  if (!pending.logged && !alreadyLogged(pending.log)) appendLog(pending.log, ss);
  if (pending.alerts.length) deliver(ss, loadOutbox(ss), pending.alerts, pending.log[0]?.at ?? now(), timePort(config.timeZone), sheet, false, recipientsOf(config));
  if (pending.routingState && routingState) store.writeRouting(pending.routingState);
  if (result?.status === 'written') {
    // What the stopped run decided, not what people typed since: the next plan judges that.
    const previous = loadState(ss);
    const decided = decidedLeads(result.values, result.decided, columns, previous);
    saveState(ss, stateFromLeads(decided, columns, previous, new Map(), now()), { values: decided, idColumn: idColumn! });
    // The record now holds what the stopped run decided from its read: an edit journaled before
    // that read was in it, so only a later one can have been written over (gas/overwritten-edits.ts).
    if (pending.readAt !== null) store.writeDecidedAt(pending.readAt);
  }
  // Kept in a property by an edit run on one lead, else in the tab.
  if (store.readPendingEdit(all) !== null) store.clearPendingEdit();
  else clearPending(ss);
  return result?.status === 'written' ? pending.readAt : null;
}

const MAIL_THROTTLE_KEY = 'baton.mailTurn';
const MAIL_THROTTLE_SECONDS = 60;

/** True at most once a minute across executions (CacheService is shared by all of them). */
function mailTurn(): boolean {
  const cache = CacheService.getScriptCache();
  if (cache.get(MAIL_THROTTLE_KEY)) return false;
  cache.put(MAIL_THROTTLE_KEY, '1', MAIL_THROTTLE_SECONDS);
  return true;
}

export function runHandoff(trigger: IntakeTrigger): IntakeOutcome {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    // The run holding the lock, or the next sweep, covers these rows. A sweep that cannot get in
    // is worth a failure row (resolved by the next run that does); an edit's is routine.
    if (trigger.kind === 'sweep') recordRunFailure(new Error('Lock timeout: another process was holding the lock for too long.'), trigger);
    return { ran: false, message: 'Another Baton run holds the lock; the next run picks this up.', leads: 0, writes: 0 };
  }
  try {
    return handoffUnderLock(trigger, now());
  } catch (err) {
    // A run that stops (quota, time limit, a service error) keeps what it completed: its intent
    // is recorded, and the next run finishes it. The manager sees why in Baton Failures.
    recordRunFailure(err, trigger);
    return { ran: false, message: 'The run stopped; the next run finishes it.', leads: 0, writes: 0 };
  } finally {
    try {
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
  }
}

/** Whether a run sends mail itself: sweeps, form runs and Retry (edit runs get a turn a minute; the simple trigger none). */
function sendsMail(trigger: IntakeTrigger): boolean {
  return trigger.route === true && trigger.kind !== 'edit';
}

/**
 * Best effort: the service that failed may fail again while Baton records it. What must hold even
 * when the spreadsheet refuses every write (a lost permission) lives in the document properties:
 * the backoff, since when runs have failed (health reads it), and the managers' e-mail, which
 * goes out from the outbox there, once per kind of failure in a row of failed runs.
 */
function recordRunFailure(err: unknown, trigger: IntakeTrigger): void {
  const error = err instanceof Error ? err.message : String(err);
  const kind = runFailureKind(error);
  const what = trigger.kind === 'sweep' ? 'The sweep' : trigger.kind === 'form' ? 'Handling a form submission' : 'Handling an edit';
  const failure = { leadId: SHEET_LEVEL, step: 'run', kind, message: runFailureMessage(kind, error, what) };
  try {
    const at = now();
    // Sweeps back off after runs that stopped: the interval, doubling, at most an hour. Kept in
    // the properties first, so it holds even when the sheet itself cannot be written.
    const all = store.readAll();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const stored = store.readConfig(all);
    const parsed = stored ? parseConfig(stored.json, () => ss.getSpreadsheetTimeZone()) : null;
    const sweepMinutes = parsed?.ok ? parsed.config.sweepMinutes : 5;
    const previous = store.readBackoff(all);
    const attempts = (previous?.attempts ?? 0) + 1;
    // A minute early: the sweep due at that time starts a moment before this run's clock.
    const retryAt = at + (backoffMinutes(attempts, sweepMinutes) - 1) * 60_000;
    const told = previous?.told ?? [];
    const news = !told.includes(kind);
    const backoff = { attempts, until: retryAt, since: previous?.since ?? at, kind, message: failure.message, told };
    store.writeBackoff(backoff);
    store.forgetFailures();
    // The row and the log need the sheet: without them the e-mail and health still tell.
    try {
      const { opened } = openFailure(failure, at, () => retryAt, attempts);
      if (opened) appendLog([{ at, event: 'failed', actor: 'Baton', reason: failure.message, configVersion: null }]);
    } catch {
      // Refused like the run itself: the properties above and the e-mail below carry it.
    }
    if (!parsed?.ok) return;
    // The managers hear of it once per kind while runs keep failing: sent now by a run that may
    // mail (its outbox is in the properties, not the sheet), else queued, and sent by the next
    // failing sweep if no run gets through: a run that cannot write still sends what it owes.
    const mayMail = sendsMail(trigger);
    const alerts = news && parsed.config.alerts.failureEmails ? failureAlerts([failure], parsed.config.managers, () => 1, at) : [];
    if (!alerts.length && !mayMail) return;
    const sheet = ss.getSheetByName(parsed.config.leadsSheet) ?? ss.getSheets()[0];
    const outbox = loadOutbox(ss);
    const port = timePort(parsed.config.timeZone);
    if (alerts.length) {
      // Told only once the alert is queued: a run that cannot queue it leaves the kind news to the next.
      deliver(ss, outbox, alerts, at, port, sheet, false, recipientsOf(parsed.config));
      store.writeBackoff({ ...backoff, told: [...told, kind] });
    }
    if (mayMail) deliver(ss, outbox, [], at, port, sheet, true, recipientsOf(parsed.config));
  } catch {
    // Nothing more to do here: the next run sees the same sheet and tries again.
  }
}

/**
 * A config that does not validate has no trusted alert settings, so its managers (read from the
 * stored JSON, whatever else is wrong with it) are told, in the spreadsheet's time zone.
 */
function tellManagersOfInvalidConfig(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, json: unknown, opened: Failure[], at: number, send: boolean): void {
  if (!opened.length && !send) return;
  const alerts = typeof json === 'object' && json !== null ? (json as { alerts?: { failureEmails?: unknown } }).alerts : undefined;
  if (alerts?.failureEmails === false) return;
  // Only addresses MailApp can take: a malformed one may be why the config is invalid.
  const managers = managersOf(json).filter(isEmailAddress);
  if (!managers.length) return;
  const sheet = ss.getSheets()[0];
  deliver(ss, loadOutbox(ss), failureAlerts(opened, managers, () => 1, at), at, timePort(ss.getSpreadsheetTimeZone()), sheet, send, managersOnly(managers));
}

/**
 * The Leads tab: by its name in the config, else by the sheet id it had when last seen (the tab
 * was renamed: Baton keeps working on it, and the managers hear that the names disagree).
 */
function findLeadsTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, config: BatonConfig, all: Record<string, string>, edited?: Sheet): { sheet: Sheet | null; failures: Failure[] } {
  const known = store.readLeadsTab(all);
  // The tab an edit was made in, when it is the leads tab by name (the usual case): no lookup.
  const named = edited?.getName() === config.leadsSheet ? edited : ss.getSheetByName(config.leadsSheet);
  if (named) {
    // Remembered once (and again only if a new tab took the name), not read on every run.
    if (known === null) store.writeLeadsTab(named.getSheetId());
    return { sheet: named, failures: [] };
  }
  const renamed = known === null ? null : ss.getSheetById(known);
  if (!renamed) return { sheet: null, failures: [] };
  const name = renamed.getName();
  return {
    sheet: renamed,
    failures: [
      {
        leadId: SHEET_LEVEL,
        step: 'intake',
        kind: 'renamed tab',
        subject: config.leadsSheet,
        message: `The ${config.leadsSheet} tab was renamed "${name}". Baton keeps handling the leads there, but Set up Baton and the Settings preview look for "${config.leadsSheet}": rename the tab back, or set "${name}" as the leads tab in Settings.`,
      },
    ],
  };
}

/**
 * No Leads tab at all (deleted, or renamed before Baton knew its id): one failure row while it
 * lasts, the managers e-mailed once, and the row resolved by the first run that finds the tab.
 */
function leadsTabMissing(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, config: BatonConfig, revision: number, at: number, trigger: IntakeTrigger): void {
  const failure: Failure = {
    leadId: SHEET_LEVEL,
    step: 'intake',
    kind: 'missing tab',
    subject: config.leadsSheet,
    message: `There is no "${config.leadsSheet}" tab, so no lead is handled. If it was deleted, File › Version history brings it back; if it was renamed, rename it back or set its name in Settings.`,
  };
  // The next run that finds the tab brings the Failures tab in step (and resolves this row).
  store.forgetFailures();
  // Queued before the row is written, as every new failure's alert (see recordFailures).
  const queue = (send: boolean, alerts: Alert[]) => deliver(ss, loadOutbox(ss), alerts, at, timePort(config.timeZone), ss.getSheets()[0], send, recipientsOf(config));
  const { opened } = openFailure(failure, at, undefined, undefined, () => {
    if (config.alerts.failureEmails) queue(false, failureAlerts([failure], config.managers, () => 1, at));
  });
  if (!opened) return;
  appendLog([{ at, event: 'failed', actor: 'Baton', reason: failure.message, configVersion: revision }]);
  if (config.alerts.failureEmails && sendsMail(trigger)) queue(true, []);
}

/**
 * How long a run may go before it stops at the next safe point, of the 6 minutes Apps Script
 * allows: what it has not done stays recorded in Baton Pending for the next run.
 */
const TIME_BUDGET_MS = 4 * 60_000;

function handoffUnderLock(trigger: IntakeTrigger, startedAt: number): IntakeOutcome {
  const overBudget = (share = 1) => now() - startedAt > TIME_BUDGET_MS * share;
  const stoppedEarly: IntakeOutcome = { ran: false, message: 'Stopped early to stay within the time limit; the next run continues.', leads: 0, writes: 0 };
  const ss = trigger.source ?? SpreadsheetApp.getActiveSpreadsheet();
  let all = store.readAll();
  rememberZoneDays(all);
  const stored = store.readConfig(all);
  if (!stored) return { ran: false, message: 'Baton is not set up yet.', leads: 0, writes: 0 };
  const parsed = parseConfig(stored.json, () => ss.getSpreadsheetTimeZone());
  const at = now();
  if (!parsed.ok) {
    const failure = { leadId: SHEET_LEVEL, step: 'config', kind: 'invalid config', message: `The saved configuration is not valid: ${parsed.problems.join(' ')} Fix it in Settings; until then Baton changes nothing.` };
    store.forgetFailures();
    // Queued when first seen, before its row is written (see recordFailures); sent by whichever
    // later run may mail, as while the config is invalid no other run mails.
    const { opened } = openFailure(failure, at, undefined, undefined, () => tellManagersOfInvalidConfig(ss, stored.json, [failure], at, false));
    if (opened) appendLog([{ at, event: 'failed', actor: 'Baton', reason: failure.message, configVersion: stored.revision }]);
    tellManagersOfInvalidConfig(ss, stored.json, [], at, sendsMail(trigger));
    return { ran: false, message: 'The configuration is not valid.', leads: 0, writes: 0 };
  }
  const config = parsed.config;
  // After runs that stopped, sweeps wait (see recordRunFailure); a person's edit still tries.
  const backoff = store.readBackoff(all);
  if (backoff !== null && trigger.kind === 'sweep' && at < backoff.until) {
    return { ran: false, message: `Waiting until ${new Date(backoff.until).toISOString()} after runs that stopped.`, leads: 0, writes: 0 };
  }
  const found = findLeadsTab(ss, config, all, trigger.sheet);
  if (!found.sheet) {
    // Nothing to plan: the failure is recorded and mailed by itself (see leadsTabMissing).
    if (trigger.sheetName === undefined) leadsTabMissing(ss, config, stored.revision, at, trigger);
    return { ran: false, message: `No ${config.leadsSheet} tab.`, leads: 0, writes: 0 };
  }
  const sheet = found.sheet;
  if (trigger.sheetName !== undefined && trigger.sheetName !== sheet.getName()) {
    return { ran: false, message: 'The edit was not in the leads tab.', leads: 0, writes: 0 };
  }
  const readAt = at;
  // Issue 16: a sweep that can show nothing changed since the last full run stops here; any other
  // run takes the mark away first, so a run that stops half-way leaves none (core/sweep-mark.ts).
  const mark = store.readSweepMark(all);
  // A form submission appends a row as an integration does: its run may plan the new rows alone too.
  // An edit asks only when it lies among the rows a run may plan alone below the tab.
  const sight = trigger.kind !== 'edit' || editBelowTab(mark, trigger.edited) ? sweepSight(ss, sheet, mark, all, stored.revision, at, backoff !== null) : null;
  if (sight?.quiet && trigger.kind === 'sweep') {
    return { ran: true, message: 'Nothing changed since the last full run.', leads: 0, writes: 0 };
  }
  // A few leads' SLA instants are the only news: their rows are planned alone (gas/edit-in-place.ts).
  if (sight?.due && trigger.kind === 'sweep') {
    const due = dueInPlace({ ss, sheet, all, config, configRevision: stored.revision, mark, actor: trigger.actor, now: at }, sight.due);
    if (due.kind === 'done') return { ran: true, message: `${sight.due.length} lead(s) checked, ${due.writes} cells written.`, leads: sight.due.length, writes: due.writes };
    if (due.touched) all = store.readAll();
  }
  // Rows added below the tab (by an integration, or a form) are the only news: they are planned
  // alone (gas/new-rows-in-place.ts).
  // An edit run sends at most once a minute; asked only by a path about to send.
  const mails = () => sendsMail(trigger) || mailTurn();
  if (sight?.fresh) {
    const added = newRowsInPlace({ ss, sheet, all, config, configRevision: stored.revision, mark, actor: trigger.actor, edited: trigger.edited, now: at, mails }, sight.fresh);
    if (added.kind === 'done') return { ran: true, message: `${sight.fresh.last - sight.fresh.first + 1} new row(s) checked, ${added.writes} cells written.`, leads: sight.fresh.last - sight.fresh.first + 1, writes: added.writes };
    if (added.touched) all = store.readAll();
  }
  // An edit that can change nothing but its own row is handled on that row (gas/edit-in-place.ts).
  if (trigger.kind === 'edit' && trigger.route) {
    const inPlace = editInPlace({ ss, sheet, all, config, configRevision: stored.revision, mark, actor: trigger.actor, edited: trigger.edited, now: at, mails });
    if (inPlace.kind === 'done') return { ran: true, message: `1 lead checked, ${inPlace.writes} cells written.`, leads: 1, writes: inPlace.writes };
    // Its intent recorded and the mark taken away: the full path starts from the properties as they are now.
    if (inPlace.touched) all = store.readAll();
  }
  if (mark) store.clearSweepMark();
  // A run that stopped half-way is finished first, so this one starts from where it left off.
  const pending = loadPending(ss, all);
  const finishedRead = pending ? finishPending(ss, sheet, pending, config, routingStore(trigger, all), all) : null;
  // A fresh plan and its writes take about as long again: start one only with half the budget left.
  if (overBudget(0.5)) return stoppedEarly;
  let values = readWholeTab(sheet);
  const state = loadState(ss);
  const routingState = trigger.route ? store.readRouting(all) : null;
  const port = timePort(config.timeZone);
  const today = routingState ? port.wall(at).date : '';
  // Finishing a stopped run may have queued its alerts since the properties were read.
  const outbox = routingState ? loadOutbox(ss, pending ? undefined : all) : null;
  const queued = knownKeys(outbox?.record ?? emptyOutbox());
  const mayReceive = recipientsOf(config);
  // Whether this run sends mail: any sweep or form run; an edit run at most once a minute (an
  // add-on's edits are frequent; its clock sweep is hourly). Asked once, when first needed.
  let mailTurnTaken: boolean | null = null;
  const mayMail = () => outbox !== null && (mailTurnTaken ??= sendsMail(trigger) || mailTurn());
  const nextHex = hexStream(Utilities.getUuid());
  const baton = batonHeaders(config.columns);
  // At most MAX_NEW_LEADS_PER_RUN new rows a run (core/new-lead-cap.ts): a big import is worked
  // through over several sweeps, each within its time budget.
  let deferred = 0;
  const planFrom = (read: CellValue[][]) => {
    const capped = capNewLeads(read, locateColumns(read[0] ?? [], config).index.leadId);
    deferred = capped.deferred;
    return planFromRows(capped.values);
  };
  // The edit's rows by lead: a sort or insert since the edit moved them (its range is then stale).
  const editedIn = (rows: CellValue[][]): IntakeTrigger['edited'] => {
    const edited = trigger.edited;
    if (!edited?.leads?.length) return edited;
    const idColumn = locateColumns(rows[0] ?? [], config).index.leadId ?? -1;
    const index = new RowIndex(rows, idColumn, baton);
    const found = edited.leads.map((lead) => index.find(lead) + 1);
    return found.every((row) => row > 1) ? { ...edited, rows: found } : edited;
  };
  // Who typed what, for changes this run finds (an edit made during an earlier run included): read
  // after the tab, so every edit the tab shows was journaled by then (edit triggers journal first).
  let firstJournal: ReturnType<typeof readJournal> | null = readJournal(store.readAll());
  // An edit the last run wrote over without seeing it is put back first (gas/overwritten-edits.ts).
  values = putBackOverwritten(sheet, values, firstJournal.edits, finishedRead ?? store.readDecidedAt(all), state, config, baton);
  const typedIn = (rows: CellValue[][]) => {
    const journal = firstJournal ?? readJournal(store.readAll());
    firstJournal = null;
    if (!journal.edits.length) return undefined;
    const columns = locateColumns(rows[0] ?? [], config);
    const fields = new Map(Object.entries(columns.index).map(([field, c]) => [String(rows[0][c] ?? '').trim(), field]));
    return typedBy(journal.edits, sheet.getName(), rows, columns.index.leadId ?? -1, baton, (h) => fields.get(h));
  };
  const planFromRows = (rows: CellValue[][]) =>
    planHandoff({
      snapshot: { header: rows[0] ?? [], rows: rows.slice(1) },
      state,
      config,
      configVersion: stored.revision,
      now: at,
      actor: trigger.actor,
      edited: editedIn(rows),
      typedBy: typedIn(rows),
      nextHex,
      routing: routingState ? { state: routingState, today, port, queued } : undefined,
    });
  // Plan, then apply all or nothing; if people changed the sheet in between, plan again from
  // what it holds now. Only the plan that was written is logged and remembered.
  let plan = planFrom(values);
  let applied: { values: CellValue[][]; applied: number; restored: Restored[]; unsettled: number } | null = null;
  for (let attempt = 1; plan.columns.index.leadId !== undefined; attempt++) {
    // Nothing to write (a reconcile that finds the sheet as Baton left it): the tab is not read again.
    if (!plan.writes.length) {
      applied = { values, applied: 0, restored: [], unsettled: 0 };
      break;
    }
    const current = plan;
    const idColumn = plan.columns.index.leadId;
    // Intent first: what this run is about to do, so a run stopping mid-way is finished next time.
    const result = applyWrites(sheet, plan.writes, idColumn, {
      mode: 'all-or-nothing',
      header: values[0] ?? [],
      baton,
      nameColumn: plan.columns.index.name,
      beforeWriting: () =>
        savePending(ss, {
          writes: current.writes,
          kept: keptDecisions(current.outcomes, current.writes, current.columns),
          log: current.log,
          alerts: current.alerts,
          routingState: current.routingState,
          logged: false,
          readAt,
        }),
      // People's edits made while this run held the lock: any its writes replaced is put back.
      typed: (read, id) => typedSince(readJournal(store.readAll()).edits, sheet.getName(), readAt, read, id, baton),
    });
    if (result.status === 'written') {
      applied = result;
      break;
    }
    if (attempt === APPLY_ATTEMPTS) break;
    values = result.values;
    plan = planFrom(values);
  }

  // Once the writes are made, their intent is recorded: a run short of time stops at any of the
  // following steps, and the next run finishes the rest (log rows, alerts, routing turns, state).
  const outOfTime = () => applied !== null && plan.writes.length > 0 && overBudget();
  if (outOfTime()) return stoppedEarly;
  const log = [...plan.log];
  const failures = [...failuresOf(plan), ...found.failures];
  // The plan's alerts go out only from runs that wrote it (an assignment not written is not news).
  if (applied && outbox) {
    // Once a day at most, the managers are reminded of failures open for more than a day.
    let reminder: string | null = null;
    if (config.alerts.failureEmails && trigger.kind === 'sweep' && failures.length && store.summaryDue(all, at)) {
      reminder = summarizeLasting(openFailureRows(), at);
      store.summarized(at);
    }
    // Once a day, from the report hour on, leads waiting too long in Needs info.
    const agingDay = trigger.kind === 'sweep' ? agingDigestDay(store.readNeedsInfoDay(all), at, config.report.hour, port) : null;
    if (agingDay) store.writeNeedsInfoDay(agingDay);
    const aging = agingDay ? agingAlerts(plan.outcomes, config, at, port) : [];
    const alerts = [...plan.alerts, ...plan.notices, ...aging, ...(reminder ? summaryAlerts(reminder, config.managers, at) : [])];
    failures.push(...deliver(ss, outbox, alerts, at, port, sheet, mayMail(), mayReceive));
    if (outOfTime()) return stoppedEarly;
  }
  // Failures are logged and mailed when they appear, not on every run while they last, and
  // their rows are resolved when they go away: nothing is written while nothing changes.
  let mailed = applied !== null;
  if (applied || plan.columns.index.leadId === undefined) {
    if (store.failuresChanged(all, failures)) {
      // The managers hear of each new failure once: queued before its row is written (a run that
      // stops in between finds it new again), sent by this run if it may mail, else by the next
      // that may. Runs that do not route (the simple trigger) queue too: a failure first seen there
      // is not new to the next run, which would never tell anyone.
      const box = outbox ?? loadOutbox(ss);
      const rows = new Map(plan.outcomes.map((o) => [o.leadId, o.row]));
      const opened = recordFailures(failures, at, (fresh) => {
        if (config.alerts.failureEmails) deliver(ss, box, failureAlerts(fresh, config.managers, (id) => rows.get(id) ?? 1, at), at, port, sheet, false, mayReceive);
      });
      for (const f of opened) log.push({ at, leadId: f.leadId, event: 'failed', actor: 'Baton', reason: f.message, configVersion: stored.revision });
      if (opened.length && config.alerts.failureEmails) {
        deliver(ss, box, [], at, port, sheet, mayMail(), mayReceive);
        mailed = true;
      }
    }
  }
  // A run that could not write (no Lead ID column, a sheet that kept changing) still sends what
  // earlier runs queued: a breach found before the header was renamed still reaches its owner.
  if (!mailed && outbox && outbox.record.rows.some((r) => r.state === 'pending' || r.state === 'sending')) {
    deliver(ss, outbox, [], at, port, sheet, mayMail(), mayReceive);
  }
  // A run that may not mail still owes the notices intake found (a deletion is seen only once).
  if (applied && !outbox && plan.notices.length) deliver(ss, loadOutbox(ss), plan.notices, at, port, sheet, false, mayReceive);
  if (applied && plan.toasts.length && trigger.kind === 'edit') ss.toast(plan.toasts.slice(0, 3).join(' '), 'Baton', 10);
  if (!applied) {
    appendLog(log.filter((e) => e.event === 'failed'), ss);
    const message = plan.columns.index.leadId === undefined ? plan.sheetProblems.map((p) => p.message).join(' ') : 'The sheet kept changing during the run; the next run picks this up.';
    return { ran: false, message, leads: plan.leads, writes: 0 };
  }
  if (outOfTime()) return stoppedEarly;
  // The journal entries this run is done with (what people typed during it waits for the next run,
  // which judges it with its editor). Values its writes replaced were put back (leads-apply.ts).
  const planned = plan.columns.index.leadId ?? -1;
  // What this plan decided each lead holds: its snapshot with its writes. An edit people made after
  // the plan read the tab is not in it, so the next run sees that edit as a change, and judges it.
  const decided = values.map((row) => [...row]);
  for (const w of plan.writes) decided[w.target.row - 1][w.column] = w.value;
  const latest = readJournal(store.readAll()).entries;
  const index = new RowIndex(values, planned, baton);
  // A value typed that the run read where Baton's record already had it (an Owner cleared on a lead
  // that had none yet) looked like no edit at all: if the run then wrote that cell, the edit came
  // after the read, and the entry stays for the next run to judge with its editor.
  const written = new Set(plan.writes.map((w) => `${w.target.row - 1}:${w.column}`));
  const fieldAt = new Map(Object.entries(plan.columns.index).map(([field, c]) => [c, field as keyof LeadState]));
  const unseen = (i: number, c: number, typed: CellValue) => {
    if (!written.has(`${i}:${c}`)) return false;
    const field = fieldAt.get(c);
    const record = state?.get(leadIdOf(values[i][planned]));
    return sameCell(typed, field && record ? record[field] : '');
  };
  const done = latest.filter((e) => !e.edit || settled(e.edit, sheet.getName(), values, index, at, unseen));
  dropJournal(done);
  const journalLeft = latest.length > done.length;
  appendLog(log, ss);
  if (plan.writes.length) markLogged(ss);
  if (outOfTime()) return stoppedEarly;
  saveState(ss, stateFromLeads(decided, plan.columns, state, seenLeads(plan.outcomes), at), { values: decided, idColumn: planned });
  store.writeDecidedAt(readAt);
  if (plan.routingState && routingState && JSON.stringify(plan.routingState) !== JSON.stringify(routingState)) store.writeRouting(plan.routingState);
  if (plan.writes.length) clearPending(ss);
  if (backoff !== null) store.clearBackoff();
  // Nothing owed to the next sweep (no failure, no edit made while this run held the lock): it may
  // skip the tab until something is due (issue 16, core/sweep-mark.ts). The size recorded is the
  // one this plan read: rows added since are new. Mail left waiting (an edit run's alerts past its
  // mail turn, the quota) needs no check here: every run that trusts a mark first looks for mail
  // waiting in the outbox (quiet-sweep.ts, edit-in-place.ts) and goes the full way to send it.
  // The writes found the tab as the plan read it (no row or column came or went), and left nothing
  // misplaced: the mark's sizes and due times hold.
  const samePlaces = applied.values.length === values.length && JSON.stringify(applied.values[0]) === JSON.stringify(values[0]) && applied.unsettled === 0;
  if (trigger.route && failures.length === 0 && !journalLeft && deferred === 0 && samePlaces) {
    const planned = { lastRow: values.length, lastColumn: values[0]?.length ?? 0 };
    const loads = openLoads(plan.outcomes.map((o) => decided[o.row - 1]), plan.columns);
    leaveSweepMark(applied.values, planned, plan.columns, config, stored.revision, port, readAt, new Map(plan.outcomes.map((o) => [o.row, o.readyAt])), loads);
  }
  return { ran: true, message: `${plan.leads} leads checked, ${applied.applied} cells written.`, leads: plan.leads, writes: applied.applied };
}
