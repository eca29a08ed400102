/**
 * The weekly report's shell (docs/REPORT.md): reads the Leads tab, the Baton Log and Baton
 * Failures with one getValues each, lets the core work out the figures and the layout, writes the
 * Baton Report tab in one block with its two charts, and queues the managers' e-mail in the
 * outbox. Driven by the sweep (an editor add-on has one clock trigger) and by the menu.
 */
import type { CellValue } from '../core/conditions';
import { parseConfig, type BatonConfig } from '../core/config';
import { FAILURES_SHEET, LOG_SHEET } from '../core/headers';
import { layoutReport, REPORT_SHEET, REPORT_WIDTH, reportAlerts, type ChartSpec } from '../core/report-layout';
import { lastFullWeek, mondayOf, reportDue } from '../core/report-schedule';
import type { TimePort } from '../core/time-port';
import { weeklyReport } from '../core/weekly-report';
import { now } from './clock';
import * as store from './document-store';
import { check } from './guard';
import { appendLog, archivedLog } from './log';
import { deliver, loadOutbox } from './mailer';
import { recipientsOf } from '../core/recipients';
import { timePort } from './time-port';
import type { ReportResult } from '../server-api';
import { guardTab } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * A sweep starts the report only this soon after it began (of the 6 minutes a run may take):
 * later, the next sweep builds it.
 */
export const REPORT_START_LIMIT_MS = 2 * 60_000;
const LOCK_WAIT_MS = 10_000;


function values(sheet: Sheet | null): CellValue[][] {
  return sheet ? (sheet.getDataRange().getValues() as CellValue[][]) : [];
}

function insertChart(sheet: Sheet, spec: ChartSpec): void {
  const builder = sheet.newChart();
  const typed = spec.type === 'bar' ? builder.asBarChart() : builder.asColumnChart();
  let b: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = typed;
  for (const r of spec.ranges) b = b.addRange(sheet.getRange(r.row, r.column, r.numRows, r.numColumns));
  b = b.setPosition(spec.anchor.row, spec.anchor.column, 0, 0);
  for (const [k, v] of Object.entries(spec.options)) b = b.setOption(k, v);
  sheet.insertChart(b.build());
}

/** Builds the report of the week starting `week` and queues (and sends, within quota) the e-mail. */
function build(config: BatonConfig, week: string, port: TimePort, at: number): string {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const leadsSheet = ss.getSheetByName(config.leadsSheet);
  const report = weeklyReport({
    leads: values(leadsSheet),
    // Older rows live packed in the archive (core/log-archive.ts): the report reads both, oldest first.
    log: archivedLog(ss).concat(values(ss.getSheetByName(LOG_SHEET)).slice(1)),
    failures: values(ss.getSheetByName(FAILURES_SHEET)).slice(1),
    config,
    port,
    weekStart: week,
  });
  const w = port.wall(at);
  const builtAt = `${w.date} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  const layout = layoutReport(report, builtAt, config.timeZone);
  let sheet = ss.getSheetByName(REPORT_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(REPORT_SHEET);
    guardTab(sheet);
  }
  // Sized once, cleared once, written as one block: calls do not depend on the figures.
  const rows = layout.cells.length;
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < REPORT_WIDTH) sheet.insertColumnsAfter(maxColumns, REPORT_WIDTH - maxColumns);
  sheet.clearContents();
  sheet.getRange(1, 1, rows, REPORT_WIDTH).setValues(layout.cells);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  for (const spec of layout.charts) insertChart(sheet, spec);
  store.writeReportWeek(week, at);
  if (config.managers.length) deliver(ss, loadOutbox(ss), reportAlerts(report, config.managers, sheet.getSheetId(), at), at, port, leadsSheet ?? sheet, true, recipientsOf(config));
  return `The report for the week of ${week} is in the ${REPORT_SHEET} tab.`;
}

/** The stored config, if Baton is set up and it validates. */
function loadConfig(all: Record<string, string>): BatonConfig | null {
  const stored = store.readConfig(all);
  if (!stored) return null;
  const parsed = parseConfig(stored.json, () => SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
  return parsed.ok ? parsed.config : null;
}

/**
 * At the end of a sweep: builds last week's report once this week's `report.weekday` and
 * `report.hour` have come (config time zone), unless it is built already or the sweep has used
 * too much of its time. Never throws: the next sweep tries again.
 */
export function weeklyReportIfDue(sweepStartedAt: number): void {
  let due: string | null = null;
  try {
    const all = store.readAll();
    const config = loadConfig(all);
    if (!config) return;
    const at = now();
    const port = timePort(config.timeZone);
    const last = store.readReportWeek(all);
    // The first sweep after installing starts the count: the week in progress is not a full week
    // of Baton's, so the first report is of the next one (the menu builds one any time).
    if (last === null) return store.writeReportWeek(mondayOf(at, port), at);
    const week = reportDue(at, config.report, last, port);
    if (week === null) return;
    // Left for the next sweep: which must not be a quiet one (core/sweep-mark.ts).
    if (at - sweepStartedAt > REPORT_START_LIMIT_MS) return store.clearSweepMark();
    due = week;
    const lock = LockService.getScriptLock();
    if (!lock.tryLock(LOCK_WAIT_MS)) return;
    try {
      // Another run may have built it while this one waited for the lock.
      if (store.readReportWeek(store.readAll()) === week) return;
      build(config, week, port, now());
    } finally {
      try {
        SpreadsheetApp.flush();
      } finally {
        lock.releaseLock();
      }
    }
  } catch (err) {
    // Left for the next sweep (the week is not marked built, and the next sweep is not a quiet
    // one: core/sweep-mark.ts); the log says so, once per week.
    if (due !== null) {
      noteFailure(due, err);
      try {
        store.clearSweepMark();
      } catch {
        // The properties failing too: the mark's next check is today's report hour, long past.
      }
    }
  }
}

function noteFailure(week: string, err: unknown): void {
  try {
    const all = store.readAll();
    if (store.readReportFailure(all) === week) return;
    const reason = `The weekly report for the week of ${week} could not be built (${err instanceof Error ? err.message : String(err)}). The next sweep tries again; managers can also use Build weekly report now.`;
    appendLog([{ at: now(), event: 'failed', actor: 'Baton', reason, configVersion: null }]);
    store.writeReportFailure(all, week);
  } catch {
    // The service that failed may fail again; the next sweep tries the report again anyway.
  }
}

/** Menu and sidebar: build last week's report now; managers only (checked here, on the server). */
export function buildReportNow(): ReportResult {
  const all = store.readAll();
  const { problem: refused } = check('manage', 'build the report', all);
  if (refused) return { ok: false, problems: [refused] };
  const config = loadConfig(all);
  if (!config) return { ok: false, problems: ['The saved configuration is not valid; fix it in Settings first.'] };
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return { ok: false, problems: ['Another Baton run is busy. Try again in a minute.'] };
  try {
    const at = now();
    const port = timePort(config.timeZone);
    const week = lastFullWeek(at, port);
    return { ok: true, week, message: build(config, week, port, at) };
  } finally {
    try {
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
  }
}
