/** Brings the Baton Failures tab in step with the current failures (see core/sheet-failures.ts). */
import { asCellText, asCellValue } from '../core/cell-text';
import type { CellValue } from '../core/conditions';
import { FAILURE_HEADERS, FAILURES_SHEET } from '../core/headers';
import type { OpenFailureRow } from '../core/failure-summary';
import { failureKey, syncFailures, type Failure } from '../core/sheet-failures';
import { instantOf } from '../core/cells';

const MESSAGE_COLUMN = FAILURE_HEADERS.indexOf('Message') + 1;
const ATTEMPTS_COLUMN = FAILURE_HEADERS.indexOf('Attempts') + 1;
const STATE_COLUMN = FAILURE_HEADERS.indexOf('State') + 1;

/**
 * Opens one failure row, or, when the same one (lead and kind) is open, counts another attempt
 * and sets when the next one is due. Returns whether it was new and the attempts so far.
 */
export function openFailure(
  failure: Failure,
  now: number,
  nextRetry: (attempts: number) => number | null = () => null,
  attemptsSoFar?: number,
  /** Called just before a new row is written: see recordFailures. */
  beforeOpening: () => void = () => {},
): { opened: boolean; attempts: number } {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(FAILURES_SHEET);
  if (!sheet) return { opened: false, attempts: 0 };
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const key = failureKey(failure.leadId, failure.kind, failure.subject);
  const i = values.findIndex((r) => failureKey(r[0], r[2], r[8]) === key && r[7] === 'open');
  const retryCell = (attempts: number) => {
    const at = nextRetry(attempts);
    return at === null ? '' : new Date(at);
  };
  if (i > 0) {
    const attempts = attemptsSoFar ?? (typeof values[i][5] === 'number' ? values[i][5] : 1) + 1;
    sheet.getRange(i + 1, ATTEMPTS_COLUMN, 1, 2).setValues([[attempts, retryCell(attempts)]]);
    return { opened: false, attempts };
  }
  const row = [asCellText(failure.leadId), asCellText(failure.step), asCellText(failure.kind), asCellText(failure.message), new Date(now), attemptsSoFar ?? 1, retryCell(attemptsSoFar ?? 1), 'open', asCellText(failure.subject ?? '')];
  beforeOpening();
  addSubjectHeader(sheet, values);
  if (values.length + 1 > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
  sheet.getRange(values.length + 1, 1, 1, FAILURE_HEADERS.length).setValues([row]);
  return { opened: true, attempts: attemptsSoFar ?? 1 };
}

/** The open rows of Baton Failures, for the daily reminder. */
export function openFailureRows(): OpenFailureRow[] {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(FAILURES_SHEET);
  if (!sheet) return [];
  return (sheet.getDataRange().getValues() as CellValue[][])
    .slice(1)
    .filter((r) => r[7] === 'open')
    .map((r) => ({ leadId: String(r[0]), kind: String(r[2]), firstSeen: instantOf(r[4]) ?? 0 }));
}

/**
 * Returns the failures that are new (not open before), for the log. `beforeOpening` gets them just
 * before their rows are written: the managers' alert is queued there, so a run that stops in
 * between leaves the failure new to the next run, which queues it again (once, by its key), and
 * never an open row nobody was told of.
 */
export function recordFailures(current: Failure[], now: number, beforeOpening: (opened: Failure[]) => void = () => {}): Failure[] {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(FAILURES_SHEET);
  if (!sheet) return current;
  const range = sheet.getDataRange();
  const values = range.getValues() as CellValue[][];
  const sync = syncFailures(values.slice(1), current, now);
  if (sync.resolve.length || sync.update.length) {
    // Rewrite the Message and State columns as one block each rather than cell by cell.
    const messages = values.slice(1).map((r) => [r[MESSAGE_COLUMN - 1]]);
    const states = values.slice(1).map((r) => [r[STATE_COLUMN - 1]]);
    for (const u of sync.update) messages[u.index] = [u.message];
    for (const i of sync.resolve) states[i] = ['resolved'];
    const text = (rows: CellValue[][]) => rows.map(([v]) => [asCellValue(v)]);
    sheet.getRange(2, MESSAGE_COLUMN, messages.length, 1).setValues(text(messages));
    sheet.getRange(2, STATE_COLUMN, states.length, 1).setValues(text(states));
  }
  if (sync.append.length === 0) return [];
  beforeOpening(sync.append);
  const rows = sync.append.map((f) => [asCellText(f.leadId), asCellText(f.step), asCellText(f.kind), asCellText(f.message), f.firstSeen, f.attempts, f.nextRetry, asCellText(f.state), asCellText(f.subject ?? '')]);
  addSubjectHeader(sheet, values);
  const first = values.length + 1;
  const missing = first + rows.length - 1 - sheet.getMaxRows();
  if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
  sheet.getRange(first, 1, rows.length, FAILURE_HEADERS.length).setValues(rows);
  return sync.append;
}

/** A Failures tab made before the Subject column gets its header with its first new row. */
function addSubjectHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet, values: CellValue[][]): void {
  const column = FAILURE_HEADERS.indexOf('Subject');
  if (values[0] && String(values[0][column] ?? '') === 'Subject') return;
  if (sheet.getMaxColumns() < FAILURE_HEADERS.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), FAILURE_HEADERS.length - sheet.getMaxColumns());
  sheet.getRange(1, column + 1).setValue('Subject');
}
