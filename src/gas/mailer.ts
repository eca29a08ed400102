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

/**
 * Queues `alerts` and sends what the quota allows. Returns the failures to show: mail waiting for
 * the quota or a failing service, and each message MailApp refused (named by its first lead).
 */
export function deliver(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  outbox: Outbox,
  alerts: Alert[],
  now: number,
  port: TimePort,
  leadsSheet: Sheet,
  send: boolean,
): Failure[] {
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
  // Messages refused before stay failures until a manager dismisses them (Health), whatever this run sends.
  const standing = refusedBefore(outbox);
  if (!sheet || !send) return standing;
  const digests = digestsToSend(outbox.rows, MailApp.getRemainingDailyQuota());
  if (digests.length === 0) {
    const wait = waiting(outbox, null);
    return [...(wait ? [wait] : []), ...standing];
  }

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
  const refused: { rows: OutboxRow[]; to: string; error: string }[] = [];
  let error: string | null = null;
  for (const d of digests) {
    const mail = composeDigest(d.to, d.rows.map((r) => r.alert), formatTime, (row) => `${url}#gid=${gid}&range=A${row}`, (tab) => `${url}#gid=${tab}`);
    try {
      MailApp.sendEmail({ to: mail.to, subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: 'Baton' });
      sent.push(...d.rows);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // A message MailApp refuses as such would be refused again: recorded as failed, and the
      // others still go. Quota spent stops the run's sending; a failing service skips this one.
      if (REFUSED.test(message)) refused.push({ rows: d.rows, to: d.to, error: message });
      else {
        error = message;
        if (QUOTA.test(message)) break;
      }
    }
  }
  // The record that mail went out is all that keeps it from going out twice: a transient service
  // error writing it gets one more try before the run gives up (and the next run resends).
  try {
    writeStates(sheet, outbox, sent, 'sent', now);
  } catch {
    writeStates(sheet, outbox, sent, 'sent', now);
  }
  const failed = refused.flatMap((r) => r.rows);
  writeStates(sheet, outbox, failed, 'failed', null);
  const done = new Set([...sent, ...failed]);
  writeStates(sheet, outbox, touched.filter((r) => !done.has(r)), 'pending', null);
  const wait = waiting(outbox, error);
  const now_ = refused.map((r) => refusedFailure(r.rows, r.to, r.error));
  const named = new Set(now_.map((f) => f.leadId));
  return [...(wait ? [wait] : []), ...now_, ...standing.filter((f) => !named.has(f.leadId))];
}

/** One failure per lead whose e-mail MailApp refused in an earlier run (its outbox rows are 'failed'). */
function refusedBefore(outbox: Outbox): Failure[] {
  const byLead = new Map<string, OutboxRow[]>();
  for (const r of outbox.rows) if (r.state === 'failed') byLead.set(r.alert.leadId || SHEET_LEVEL, [...(byLead.get(r.alert.leadId || SHEET_LEVEL) ?? []), r]);
  return [...byLead.values()].map((rows) => refusedFailure(rows, rows[0].alert.to, 'it was too large or badly addressed'));
}

/** Errors MailApp gives for a message it will never take (PLATFORM.md quotas; the emulator's texts). */
const REFUSED = /Argument too large|Limit Exceeded|Invalid email|Invalid argument/i;
const QUOTA = /too many times|quota/i;

function refusedFailure(rows: OutboxRow[], to: string, error: string): Failure {
  const lead = rows.find((x) => x.alert.leadId)?.alert;
  const who = lead ? `${[lead.name, lead.company].filter(Boolean).join(', ') || lead.leadId} (${lead.leadId})` : 'Baton itself';
  return {
    leadId: lead?.leadId || SHEET_LEVEL,
    step: 'notify',
    kind: 'mail refused',
    message: `MailApp refused the e-mail to ${to} about ${who}: ${error.replace(/\.$/, '')}. It is marked failed in ${OUTBOX_SHEET} and not sent again; the other e-mails went out. Dismiss this in Settings › Health once you have contacted them.`,
  };
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
  const left = outbox.rows.filter((r) => r.state !== 'sent' && r.state !== 'failed').length;
  if (left === 0 && !error) return null;
  const quota = !error || QUOTA.test(error);
  return {
    leadId: SHEET_LEVEL,
    step: 'notify',
    kind: quota ? 'quota' : 'service error',
    message: quota
      ? `${left} alert(s) wait for the daily mail quota; they go out when it returns, oldest first (see ${OUTBOX_SHEET}).`
      : `Sending alerts failed (${error}); ${left} wait in ${OUTBOX_SHEET} and go out on the next run.`,
  };
}
