/** Appends rows to the Baton Log in one write. The log is append-only: Baton never edits a row. */
import { asCellText } from '../core/cell-text';
import { LOG_HEADERS, LOG_SHEET } from '../core/headers';
import type { LogEntry } from '../core/log-entry';

export function appendLog(entries: LogEntry[]): void {
  if (entries.length === 0) return;
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(LOG_SHEET);
  if (!sheet) return; // setup creates it; a deleted log tab is reported by health checks
  const rows = entries.map((e) => [
    new Date(e.at),
    asCellText(e.leadId ?? '—'),
    asCellText(e.event),
    asCellText(e.from ?? ''),
    asCellText(e.to ?? ''),
    asCellText(e.actor),
    asCellText(e.reason),
    e.configVersion ?? '',
  ]);
  sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, LOG_HEADERS.length).setValues(rows);
}
