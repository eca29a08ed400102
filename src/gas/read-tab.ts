/**
 * Reading a whole tab that people may be changing. A Range keeps the coordinates it was made
 * with: rows or columns inserted between `getDataRange()` and `getValues()` push the last ones out
 * of the read, and a lead missing from a read looks deleted (logged, the managers told, its state
 * dropped). So the read is checked against the tab's size just after it, and made again over the
 * larger size when it fell short.
 */
import type { CellValue } from '../core/conditions';

/** Reads of a tab that keeps growing under them before the last one is taken as it is. */
const READ_ATTEMPTS = 3;

export function readWholeTab(sheet: GoogleAppsScript.Spreadsheet.Sheet): CellValue[][] {
  let values = sheet.getDataRange().getValues() as CellValue[][];
  for (let attempt = 1; ; attempt++) {
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    if ((rows <= values.length && columns <= (values[0]?.length ?? 0)) || attempt === READ_ATTEMPTS) return values;
    values = sheet.getRange(1, 1, Math.max(rows, 1), Math.max(columns, 1)).getValues() as CellValue[][];
  }
}
