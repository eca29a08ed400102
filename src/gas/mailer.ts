/**
 * Sends alert digests through the outbox (core/outbox.ts, kept in the document properties):
 * queue new alerts, then send what the daily mail quota allows to the recipients the config
 * allows now (core/recipients.ts), recording intent ('sending') before the batch and the result
 * after. A run that stops between a send and its record sends that digest again next time: at
 * most one duplicate, never a lost alert. Nothing here reads or writes the spreadsheet, so mail
 * still goes out when the sheet refuses writes.
 */
import { addToList } from '../core/lists';
import { boundedAlert, composeDigest, decodeOutbox, digestsToSend, emptyOutbox, encodeOutbox, keyHash, knownKeys, settleOutbox, type OutboxRecord, type OutboxRow } from '../core/outbox';
import { splitIntoChunks } from '../core/chunks';
import type { MayReceive } from '../core/recipients';
import { SHEET_LEVEL, type Failure } from '../core/sheet-failures';
import type { Alert } from '../core/sla-plan';
import type { TimePort } from '../core/time-port';
import type { CellValue } from '../core/conditions';
import * as clock from './clock';
import * as store from './document-store';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const POINTER = 'baton.outbox';
const chunkKey = (i: number) => `baton.outbox.${i}`;
/** The tab the outbox used to be: read once to carry its keys over, never again. */
const LEGACY_TAB = 'Baton Outbox';

export interface Outbox {
  record: OutboxRecord;
  /** Chunks the stored record spans now (those past a shorter record are blanked). */
  chunks: number;
}

/** Reads the outbox from a getProperties() snapshot (no call of its own when one is given). */
export function loadOutbox(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, all: Record<string, string> = store.readAll()): Outbox {
  const stored = storedText(all);
  return stored ? { record: decodeOutbox(stored.text), chunks: stored.chunks } : { record: legacyRecord(ss), chunks: 0 };
}

/** The stored record's text, joined from its chunks; null before the first record is stored. */
function storedText(all: Record<string, string>): { text: string; chunks: number } | null {
  const chunks = Number(all[POINTER]);
  if (!Number.isInteger(chunks) || chunks <= 0) return null;
  let text = '';
  for (let i = 0; i < chunks; i++) text += all[chunkKey(i)] ?? '';
  return { text, chunks };
}

/**
 * Before the outbox moved to the properties it was the Baton Outbox tab: its keys are carried
 * over (hashed, as sent) so nothing sent there is sent again. Its pending rows are not: their
 * recipients and text were open to editing. Read only until the first record is stored.
 */
function legacyRecord(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): OutboxRecord {
  const record = emptyOutbox();
  const tab = ss.getSheetByName(LEGACY_TAB);
  if (!tab) return record;
  const keys = (tab.getDataRange().getValues() as CellValue[][]).slice(1).map((r) => String(r[0] ?? '')).filter(Boolean);
  if (keys.length) record.sent.push([Math.floor(clock.now() / 86_400_000), keys.map(keyHash).join('')]);
  return record;
}

/** Whether mail waits to be sent (pending, or left 'sending' by a run that stopped): from the snapshot, no call. */
export function mailWaits(all: Record<string, string>): boolean {
  const stored = storedText(all);
  return stored !== null && decodeOutbox(stored.text).rows.some((r) => r.state === 'pending' || r.state === 'sending');
}

function saveOutbox(outbox: Outbox): void {
  const chunks = splitIntoChunks(encodeOutbox(outbox.record));
  const values: Record<string, string> = { [POINTER]: String(chunks.length) };
  chunks.forEach((c, i) => (values[chunkKey(i)] = c));
  // One call: a shorter record blanks the chunks it no longer uses.
  for (let i = chunks.length; i < outbox.chunks; i++) values[chunkKey(i)] = '';
  store.writeProperties(values);
  outbox.chunks = chunks.length;
}

/**
 * Queues `alerts` and sends what the quota allows to whom `mayReceive` allows. Returns the
 * failures to show: mail waiting for the quota or a failing service, each message MailApp
 * refused (named by its first lead), and alerts dropped because too many waited.
 */
export function deliver(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  outbox: Outbox,
  alerts: Alert[],
  now: number,
  port: TimePort,
  leadsSheet: Sheet,
  send: boolean,
  mayReceive: MayReceive,
): Failure[] {
  const record = outbox.record;
  // Queued once by key, whoever queues it (a run finishing a stopped one may repeat its alerts).
  const known = knownKeys(record);
  const seen = new Set<string>();
  const fresh = alerts.filter((a) => !known.has(a.key) && !seen.has(a.key) && seen.add(a.key));
  // Stored as a digest shows it: values a person typed are cut to what fits (the record is bounded).
  for (const alert of fresh) record.rows.push({ key: alert.key, alert: boundedAlert(alert), queuedAt: now, state: 'pending', sentAt: null });
  const dropped = fresh.length ? settleOutbox(record, now) : [];
  if (fresh.length) saveOutbox(outbox);
  // Messages refused before stay failures until they age out, whatever this run sends.
  const standing = [...refusedBefore(record), ...(dropped.length ? [droppedFailure(dropped.length)] : [])];
  if (!send) return standing;
  // Recipients the config no longer allows (a member who left, an address never on the team)
  // are not mailed: their rows are settled as sent, so they are not tried again.
  const unsent = record.rows.filter((r) => r.state !== 'sent' && r.state !== 'failed');
  const refusedRecipient = unsent.filter((r) => !mayReceive(r.alert.to, r.alert.kind));
  for (const r of refusedRecipient) r.state = 'sent';
  const digests = digestsToSend(record.rows, MailApp.getRemainingDailyQuota());
  if (digests.length === 0) {
    if (refusedRecipient.length) {
      settleOutbox(record, now);
      saveOutbox(outbox);
    }
    const wait = waiting(record, null);
    return [...(wait ? [wait] : []), ...standing];
  }

  // Intent first: these rows are being sent.
  const touched = digests.flatMap((d) => d.rows);
  for (const r of touched) r.state = 'sending';
  saveOutbox(outbox);
  const url = ss.getUrl();
  const gid = leadsSheet.getSheetId();
  const formatTime = (ms: number) => {
    const w = port.wall(ms);
    return `${w.date} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  };
  const refused: { rows: OutboxRow[]; to: string; error: string }[] = [];
  let error: string | null = null;
  for (const d of digests) {
    const mail = composeDigest(d.to, d.rows.map((r) => r.alert), formatTime, (row) => `${url}#gid=${gid}&range=A${row}`, (tab) => `${url}#gid=${tab}`);
    try {
      MailApp.sendEmail({ to: mail.to, subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: 'Baton' });
      for (const r of d.rows) {
        r.state = 'sent';
        r.sentAt = now;
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // A message MailApp refuses as such would be refused again: recorded as failed, and the
      // others still go. Quota spent stops the run's sending; a failing service skips this one.
      if (REFUSED.test(message)) {
        refused.push({ rows: d.rows, to: d.to, error: message });
        for (const r of d.rows) r.state = 'failed';
      } else {
        error = message;
        if (QUOTA.test(message)) break;
      }
    }
  }
  for (const r of touched) if (r.state === 'sending') r.state = 'pending';
  // The record that mail went out is all that keeps it from going out twice: a transient service
  // error writing it gets one more try before the run gives up (and the next run resends).
  const wait = waiting(record, error);
  settleOutbox(record, now);
  try {
    saveOutbox(outbox);
  } catch {
    saveOutbox(outbox);
  }
  const now_ = refused.map((r) => refusedFailure(r.rows, r.to, r.error));
  const named = new Set(now_.map((f) => f.leadId));
  return [...(wait ? [wait] : []), ...now_, ...standing.filter((f) => !named.has(f.leadId))];
}

function droppedFailure(count: number): Failure {
  return {
    leadId: SHEET_LEVEL,
    step: 'notify',
    kind: 'mail dropped',
    message: `${count} alert(s) waited so long that the oldest were dropped (Baton keeps at most 400 waiting). Each lead's state is still on its row; check the breached and unassigned leads in the sheet.`,
  };
}

/** One failure per lead whose e-mail MailApp refused in an earlier run (its outbox rows are 'failed'). */
function refusedBefore(record: OutboxRecord): Failure[] {
  const byLead = new Map<string, OutboxRow[]>();
  for (const r of record.rows) if (r.state === 'failed') addToList(byLead, r.alert.leadId || SHEET_LEVEL, r);
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
    message: `MailApp refused the e-mail to ${to} about ${who}: ${error.replace(/\.$/, '')}. It is not sent again; the other e-mails went out. Dismiss this in Extensions › Baton › Settings, Health section, once you have contacted them.`,
  };
}

function waiting(record: OutboxRecord, error: string | null): Failure | null {
  const left = record.rows.filter((r) => r.state !== 'sent' && r.state !== 'failed').length;
  if (left === 0 && !error) return null;
  const quota = !error || QUOTA.test(error);
  return {
    leadId: SHEET_LEVEL,
    step: 'notify',
    kind: quota ? 'quota' : 'service error',
    message: quota
      ? `${left} alert(s) wait for the daily mail quota; they go out when it returns, oldest first.`
      : `Sending alerts failed (${error}); ${left} wait and go out on the next run.`,
  };
}
