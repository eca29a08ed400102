/**
 * The boundary Apps Script calls: every global function of the bundle is declared here and does
 * nothing but delegate. The build (scripts/build.mjs) turns each `global.x = x` into the top-level
 * `function x() {}` declaration Apps Script needs to see.
 *
 * Any of them can be called by any editor, with any arguments, through google.script.run or the
 * script editor, so each one's module checks the caller with the one guard (src/gas/guard.ts):
 * ENTRY_POINTS in src/core/roles.ts says what each needs, and
 * test/bundle/authorization.test.ts calls every top-level function of the bundle as a manager, a
 * team member, another editor and an unknown user. Trigger handlers return why they did nothing
 * when called without their trigger's event (Apps Script ignores a trigger's return value).
 */
import { summarize, type SetupReport } from './core/setup-report';
import { buildMenu } from './gas/menu';
import { repairTriggersAsManager, setUp } from './gas/setup';
import { getConfig as readConfigView, saveConfig as storeConfig } from './gas/config-service';
import { getFairness as readFairness } from './gas/fairness-service';
import { previewConfig as previewDraft } from './gas/preview-service';
import { dismissFailure as dismissOne, openFailures, retryNow } from './gas/failure-actions';
import { onFormSubmit, onInstalledEdit, onSimpleEdit } from './gas/handlers';
import { getHealth as readHealth, healthOnOpen, noteRepair } from './gas/health';
import type { ActionResult, ConfigView, HealthView, OpenFailure, PreviewResult, ReportResult, SaveResult } from './server-api';
import { buildReportNow } from './gas/report';
import { runSelfCheck } from './gas/self-check';
import { showSidebar } from './gas/sidebar';
import { sweep } from './gas/sweep';

declare const global: Record<string, unknown>;

/** Simple trigger; in AuthMode NONE (an add-on not yet used in this document) menus only, else a health toast too. */
function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
  healthOnOpen(e);
}

/** Runs when the add-on is installed from the store; the document is open, so build the menu now. */
function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Simple edit trigger (AuthMode LIMITED, 30 s, events may be dropped): the fallback when installable triggers are down. */
function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): string | undefined {
  return onSimpleEdit(e);
}

/** Installable clock trigger; runs only for the account the triggers run under. */
function batonSweep(e?: GoogleAppsScript.Events.TimeDriven): string | undefined {
  return sweep(e);
}

/** Installable edit trigger: full authorization, runs as the trigger's owner. */
function batonOnEdit(e: GoogleAppsScript.Events.SheetsOnEdit): string | undefined {
  return onInstalledEdit(e);
}

/** Installable form-submit trigger. */
function batonOnFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): string | undefined {
  return onFormSubmit(e);
}

function tellUser(report: SetupReport): void {
  SpreadsheetApp.getUi().alert('Baton', summarize(report), SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Menu: Set up Baton; the first manager, then managers only (checked on the server). */
function menuSetUp(): void {
  tellUser(noteRepair(setUp()));
}

/** Menu: Repair triggers; managers only, checked here as in the sidebar (the menu shows it to everyone). */
function menuRepairTriggers(): void {
  tellUser(noteRepair(repairTriggersAsManager()));
}

/** Menu: Retry failed handoffs now; managers only (checked on the server). */
function menuRetryFailures(): void {
  const result = retryNow();
  SpreadsheetApp.getUi().alert('Baton', result.ok ? result.message : result.problems.join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Menu: Build weekly report now; managers only (checked on the server). */
function menuBuildReport(): void {
  const result = buildReportNow();
  SpreadsheetApp.getUi().alert('Baton', result.ok ? result.message : result.problems.join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Menu: Run self-check; managers only (checked on the server). Probes the platform facts Baton relies on. */
function menuRunSelfCheck(): void {
  const result = runSelfCheck();
  SpreadsheetApp.getUi().alert('Baton', result.ok ? result.message : result.problems.join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Menu: Settings; opens for everyone, read-only for all but managers (every save is checked on the server). */
function menuShowSettings(): void {
  showSidebar();
}

/** Server function (sidebar, import): set up Baton with the given config; the first manager, then managers only. */
function setupBaton(config?: unknown): SetupReport {
  return setUp(config);
}

/** Server function (sidebar): the stored config, its version, and whether the caller may edit it. */
function getConfig(): ConfigView {
  return readConfigView();
}

/** Server function (sidebar, import): validate and save a config; managers only. */
function saveConfig(config: unknown, expectedVersion?: unknown): SaveResult {
  return storeConfig(config, expectedVersion);
}

/** Server function (sidebar): what the next sweep would do with a draft config; managers only, writes nothing. */
function previewConfig(draft: unknown): PreviewResult {
  return previewDraft(draft);
}

/** Server function (sidebar): per member load, capacity, weight, recent share and availability. */
function getFairness(): ReturnType<typeof readFairness> {
  return readFairness();
}

/** Server function (sidebar): the open failures. */
function listFailures(): OpenFailure[] {
  return openFailures();
}

/** Server function (sidebar): retry now; managers only. */
function retryFailures(): ActionResult {
  return retryNow();
}

/** Server function (sidebar): dismiss one failure with a reason; managers only. */
function dismissFailure(row: unknown, reason: unknown): ActionResult {
  return dismissOne(row, reason);
}

/** Server function (sidebar): Repair triggers, as the menu item does; managers only. */
function repairBatonTriggers(): SetupReport {
  return noteRepair(repairTriggersAsManager());
}

/** Server function (sidebar): build last week's report now, as the menu item does; managers only. */
function buildWeeklyReport(): ReportResult {
  return buildReportNow();
}

/** Server function (sidebar): Baton's health, with the heartbeat, triggers, mail quota and open failures. */
function getHealth(): HealthView {
  return readHealth();
}

global.onOpen = onOpen;
global.onInstall = onInstall;
global.onEdit = onEdit;
global.batonSweep = batonSweep;
global.batonOnEdit = batonOnEdit;
global.batonOnFormSubmit = batonOnFormSubmit;
global.menuSetUp = menuSetUp;
global.menuRepairTriggers = menuRepairTriggers;
global.menuShowSettings = menuShowSettings;
global.setupBaton = setupBaton;
global.getConfig = getConfig;
global.saveConfig = saveConfig;
global.getFairness = getFairness;
global.previewConfig = previewConfig;
global.getHealth = getHealth;
global.repairBatonTriggers = repairBatonTriggers;
global.menuRetryFailures = menuRetryFailures;
global.menuBuildReport = menuBuildReport;
global.menuRunSelfCheck = menuRunSelfCheck;
global.buildWeeklyReport = buildWeeklyReport;
global.listFailures = listFailures;
global.retryFailures = retryFailures;
global.dismissFailure = dismissFailure;
