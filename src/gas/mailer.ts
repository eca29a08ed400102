/**
 * Sends alert digests through the outbox (core/outbox.ts): queue new alerts, then send what the
 * daily mail quota allows, recording intent ('sending') before each batch and the result after.
 * A run that stops between a send and its record sends that digest again next time: at most
 * one duplicate, never a lost alert.
 */
import { asCellText } from '../core/cell-text';
import type { CellValue } from '../core/conditions';
import { composeDigest, digestsToSend, OUTBOX_HEADERS, OUTBOX_SHEET, readOutbox, type OutboxRow } from '../core/outbox';
import { SHEET_LEVEL, type Failure } from '../core/sheet-failures';
import type { Alert } from '../core/sla-plan';
import type { TimePort } from '../core/time-port';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface Outbox {
  sheet: Sheet | null;
  rows: OutboxRow[];
  /** Data rows in the tab (header excluded). */
  length: number;
}

const STATE_COLUMN = OUTBOX_HEADERS.indexOf('State') + 1;

export function loadOutbox(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Outbox {
  const sheet = ss.getSheetByName(OUTBOX_SHEET);
  if (!sheet) return { sheet: null, rows: [], length: 0 };
  const values = sheet.getDataRange().getValues() as CellValue[][];
  return { sheet, rows: readOutbox(values.slice(1)), length: Math.max(0, values.length - 1) };
}

function text(v: string): string {
  return v === '' ? v : asCellText(v);
}

/** Queues `alerts` and sends what the quota allows. Returns the failure to show, if any. */
export function deliver(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  outbox: Outbox,
  alerts: Alert[],
  now: number,
  port: TimePort,
  leadsSheet: Sheet,
  send: boolean,
): Failure | null {
  let sheet = outbox.sheet;
  // Queued once by key, whoever queues it (a run finishing a stopped one may repeat its alerts).
  const known = new Set(outbox.rows.map((r) => r.key));
  alerts = alerts.filter((a) => !known.has(a.key));
  if (alerts.length) {
    if (!sheet) {
      sheet = ss.insertSheet(OUTBOX_SHEET);
      sheet.getRange(1, 1, 1, OUTBOX_HEADERS.length).setValues([OUTBOX_HEADERS.map(text)]);
      sheet.setFrozenRows(1);
      // The same outbox may be delivered to again in this run (failure alerts after breaches).
      outbox.sheet = sheet;
    }
    const first = outbox.length + 2;
    const rows = alerts.map((a) => [text(a.key), text(a.to), text(a.kind), text(a.leadId), text(JSON.stringify(a)), new Date(now), 'pending', '']);
    const missing = first + rows.length - 1 - sheet.getMaxRows();
    if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
    sheet.getRange(first, 1, rows.length, OUTBOX_HEADERS.length).setValues(rows);
    alerts.forEach((alert, i) => outbox.rows.push({ index: outbox.length + i, key: alert.key, alert, queuedAt: now, state: 'pending', sentAt: null }));
    outbox.length += alerts.length;
  }
  if (!sheet || !send) return null;
  const digests = digestsToSend(outbox.rows, MailApp.getRemainingDailyQuota());
  if (digests.length === 0) return waiting(outbox, null);

  // Intent first: these rows are being sent.
  const touched = digests.flatMap((d) => d.rows);
  writeStates(sheet, outbox, touched, 'sending', null);
  const url = ss.getUrl();
  const gid = leadsSheet.getSheetId();
  const formatTime = (ms: number) => {
    const w = port.wall(ms);
    return `${w.date} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  };
  const sent: OutboxRow[] = [];
  let error: string | null = null;
  for (const d of digests) {
    const mail = composeDigest(d.to, d.rows.map((r) => r.alert), formatTime, (row) => `${url}#gid=${gid}&range=A${row}`, (tab) => `${url}#gid=${tab}`);
    try {
      MailApp.sendEmail({ to: mail.to, subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: 'Baton' });
      sent.push(...d.rows);
    } catch (e) {
      // Quota spent or the service failing: what is left waits for the next run.
      error = e instanceof Error ? e.message : String(e);
      break;
    }
  }
  // The record that mail went out is all that keeps it from going out twice: a transient service
  // error writing it gets one more try before the run gives up (and the next run resends).
  try {
    writeStates(sheet, outbox, sent, 'sent', now);
  } catch {
    writeStates(sheet, outbox, sent, 'sent', now);
  }
  writeStates(sheet, outbox, touched.filter((r) => !sent.includes(r)), 'pending', null);
  return waiting(outbox, error);
}

/** Sets the State (and Sent At) of `rows` in one block write over the rows they span. */
function writeStates(sheet: Sheet, outbox: Outbox, rows: OutboxRow[], state: OutboxRow['state'], sentAt: number | null): void {
  if (rows.length === 0) return;
  for (const r of rows) {
    r.state = state;
    if (sentAt !== null) r.sentAt = sentAt;
  }
  const first = Math.min(...rows.map((r) => r.index));
  const last = Math.max(...rows.map((r) => r.index));
  const byIndex = new Map(outbox.rows.map((r) => [r.index, r]));
  const block: CellValue[][] = [];
  for (let i = first; i <= last; i++) {
    const r = byIndex.get(i);
    // Rows in between that Baton could not read (damaged) are left blank in State: shown, not sent.
    block.push([r ? r.state : '', r && r.sentAt !== null ? new Date(r.sentAt) : '']);
  }
  sheet.getRange(first + 2, STATE_COLUMN, block.length, 2).setValues(block);
}

function waiting(outbox: Outbox, error: string | null): Failure | null {
  const left = outbox.rows.filter((r) => r.state !== 'sent').length;
  if (left === 0 && !error) return null;
  const quota = !error || /too many times|quota/i.test(error);
  return {
    leadId: SHEET_LEVEL,
    step: 'notify',
    kind: quota ? 'quota' : 'service error',
    message: quota
      ? `${left} alert(s) wait for the daily mail quota; they go out when it returns, oldest first (see ${OUTBOX_SHEET}).`
      : `Sending alerts failed (${error}); ${left} wait in ${OUTBOX_SHEET} and go out on the next run.`,
  };
}
