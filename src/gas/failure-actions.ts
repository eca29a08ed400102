/**
 * What a manager can do about failures (menu and sidebar): retry now, dismiss one with a reason,
 * and list the open ones. Managers only, checked here on the server.
 */
import type { CellValue } from '../core/conditions';
import { FAILURE_HEADERS, FAILURES_SHEET } from '../core/headers';
import { now } from './clock';
import { effectiveEmail } from './environment';
import { check } from './guard';
import { runHandoff } from './handoff';
import { appendLog } from './log';
import { isDate } from '../core/cells';
import type { ActionResult, OpenFailure } from '../server-api';


const REASON_MAX = 500;
const STATE_COLUMN = FAILURE_HEADERS.indexOf('State') + 1;

function managerOrProblem(): string | null {
  return check('manage', 'do this').problem;
}

export function openFailures(): OpenFailure[] {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(FAILURES_SHEET);
  if (!sheet) return [];
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const tz = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const out: OpenFailure[] = [];
  values.slice(1).forEach((r, i) => {
    if (r[7] !== 'open') return;
    const seen = r[4];
    out.push({
      row: i + 2,
      leadId: String(r[0]),
      step: String(r[1]),
      kind: String(r[2]),
      message: String(r[3]),
      firstSeen: isDate(seen) ? seen.toISOString() : String(seen),
      firstSeenText: isDate(seen) ? Utilities.formatDate(seen, tz, 'yyyy-MM-dd HH:mm') : String(seen),
    });
  });
  return out;
}

/** Runs the whole handoff now (what the next sweep would do), and says what is still open. */
export function retryNow(): ActionResult {
  const refused = managerOrProblem();
  if (refused) return { ok: false, problems: [refused] };
  const before = openFailures().length;
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
