/**
 * What a manager can do about failures (menu and sidebar): retry now, dismiss one with a reason,
 * and list the open ones. Managers only, checked here on the server.
 */
import type { CellValue } from '../core/conditions';
import { FAILURE_HEADERS, FAILURES_SHEET } from '../core/headers';
import { now } from './clock';
import { effectiveEmail } from './environment';
import { check } from './guard';
import * as store from './document-store';
import { runHandoff } from './handoff';
import { appendLog } from './log';
import { isDate } from '../core/cells';
import type { ActionResult, FailedLead, OpenFailure } from '../server-api';
import { parseConfig } from '../core/config';
import { locateColumns } from '../core/lead-columns';
import { leadIdOf } from '../core/lead-id';
import { SHEET_LEVEL } from '../core/sheet-failures';


const REASON_MAX = 500;
const STATE_COLUMN = FAILURE_HEADERS.indexOf('State') + 1;

function managerOrProblem(): string | null {
  return check('manage', 'do this').problem;
}

/** At most this many open failures travel to the sidebar; the count is always the full one. */
export const FAILURES_SHOWN = 50;

export interface FailureRead {
  /** Every open failure, in sheet order. */
  open: OpenFailure[];
  /** Whether the Baton Failures tab exists. */
  tab: boolean;
}

/**
 * The one read of Baton Failures that the sidebar's list, its counts and the health report all
 * come from (so they never disagree), with each lead's name, company and row looked up in the
 * Leads tab by Lead ID (never from the failure row's text).
 */
export function readFailures(): FailureRead {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(FAILURES_SHEET);
  if (!sheet) return { open: [], tab: false };
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const tz = ss.getSpreadsheetTimeZone();
  const out: OpenFailure[] = [];
  values.slice(1).forEach((r, i) => {
    if (r[STATE_COLUMN - 1] !== 'open') return;
    const seen = r[4];
    out.push({
      row: i + 2,
      leadId: String(r[0]),
      step: String(r[1]),
      kind: String(r[2]),
      message: String(r[3]),
      firstSeen: isDate(seen) ? seen.toISOString() : String(seen),
      firstSeenText: isDate(seen) ? Utilities.formatDate(seen, tz, 'yyyy-MM-dd HH:mm') : String(seen),
      lead: null,
    });
  });
  if (out.some((f) => f.leadId !== SHEET_LEVEL)) {
    try {
      const found = findLeads(ss, new Set(out.map((f) => f.leadId)));
      for (const f of out) f.lead = found.get(f.leadId) ?? null;
    } catch {
      // The list is worth showing without the leads' names.
    }
  }
  return { open: out, tab: true };
}

export function openFailures(): OpenFailure[] {
  return readFailures().open;
}

/** Name, company and a link to the row of each lead in `ids`, from one read of the Leads tab. */
function findLeads(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, ids: Set<string>): Map<string, FailedLead> {
  const found = new Map<string, FailedLead>();
  const stored = store.readConfig(store.readAll());
  const parsed = parseConfig(stored?.json ?? {}, () => ss.getSpreadsheetTimeZone());
  if (!parsed.ok) return found;
  const sheet = ss.getSheetByName(parsed.config.leadsSheet);
  if (!sheet) return found;
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const columns = locateColumns(values[0] ?? [], parsed.config);
  const { leadId, name, company } = columns.index;
  if (leadId === undefined) return found;
  const base = `${ss.getUrl()}#gid=${sheet.getSheetId()}`;
  values.forEach((r, i) => {
    if (i === 0) return;
    const id = leadIdOf(r[leadId]);
    if (!id || !ids.has(id) || found.has(id)) return;
    found.set(id, {
      name: name === undefined ? '' : cellText(r[name]),
      company: company === undefined ? '' : cellText(r[company]),
      row: i + 1,
      url: `${base}&range=A${i + 1}`,
    });
  });
  return found;
}

function cellText(v: CellValue | undefined): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/** Runs the whole handoff now (what the next sweep would do), and says what is still open. */
export function retryNow(): ActionResult {
  const refused = managerOrProblem();
  if (refused) return { ok: false, problems: [refused] };
  const before = openFailures().length;
  // A manager asking to try now overrides the wait sweeps keep after runs that stopped.
  store.clearBackoff();
  const outcome = runHandoff({ actor: effectiveEmail(), route: true, kind: 'sweep' });
  const open = openFailures();
  appendLog([{ at: now(), event: 'retried', actor: effectiveEmail(), reason: `Retry now: ${before} open failure(s) before, ${open.length} after. ${outcome.message}`, configVersion: null }]);
  return { ok: true, open, message: open.length ? `${open.length} failure(s) are still open.` : 'Nothing is failing now.' };
}

export function dismissFailure(row: unknown, reason: unknown): ActionResult {
  const refused = managerOrProblem();
  if (refused) return { ok: false, problems: [refused] };
  if (typeof row !== 'number' || !Number.isInteger(row) || row < 2) return { ok: false, problems: ['Choose a failure to dismiss.'] };
  if (typeof reason !== 'string' || reason.trim() === '') return { ok: false, problems: ['Say why you dismiss it: the reason goes into the log.'] };
  if (reason.length > REASON_MAX) return { ok: false, problems: [`Keep the reason under ${REASON_MAX} characters.`] };
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000)) return { ok: false, problems: ['Another Baton run is busy. Try again in a minute.'] };
  try {
    const failure = openFailures().find((f) => f.row === row);
    if (!failure) return { ok: false, problems: ['That failure is no longer open (it may have resolved itself).'] };
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(FAILURES_SHEET)!;
    sheet.getRange(row, STATE_COLUMN).setValue('dismissed');
    appendLog([
      {
        at: now(),
        leadId: failure.leadId,
        event: 'dismissed',
        from: failure.kind,
        actor: effectiveEmail(),
        reason: reason.trim(),
        configVersion: null,
      },
    ]);
    return { ok: true, open: openFailures(), message: 'Dismissed.' };
  } finally {
    lock.releaseLock();
  }
}
