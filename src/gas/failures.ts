/** Writes sheet-level failures to the Baton Failures tab: appends new ones, resolves fixed ones. */
import { asCellText } from '../core/cell-text';
import type { CellValue } from '../core/conditions';
import { FAILURE_HEADERS, FAILURES_SHEET } from '../core/headers';
import { syncSheetFailures } from '../core/sheet-failures';

const STATE_COLUMN = FAILURE_HEADERS.indexOf('State') + 1;

export function recordSheetFailures(problems: string[], kind: string, now: number): void {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(FAILURES_SHEET);
  if (!sheet) return;
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const sync = syncSheetFailures(values.slice(1), problems, kind, now);
  for (const i of sync.resolve) sheet.getRange(i + 2, STATE_COLUMN).setValue('resolved');
  if (sync.append.length === 0) return;
  const rows = sync.append.map((f) => [asCellText(f.leadId), asCellText(f.step), asCellText(f.kind), asCellText(f.message), f.firstSeen, f.attempts, f.nextRetry, asCellText(f.state)]);
  const first = values.length + 1;
  const missing = first + rows.length - 1 - sheet.getMaxRows();
  if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
  sheet.getRange(first, 1, rows.length, FAILURE_HEADERS.length).setValues(rows);
}
