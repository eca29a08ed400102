/**
 * The outbox: every alert Baton means to send, queued once by key, so mail the daily quota holds
 * back goes out later, oldest first, never twice. Digests group a recipient's alerts into one
 * e-mail per run.
 *
 * It lives in the document properties, which only Baton's code can write: an editor must not be
 * able to make Baton send mail (the outbox used to be a tab, and its recipients and text could be
 * typed into). Kept there: the alerts not sent yet, and the keys of those sent, so none is queued
 * twice. The record is bounded (docs/ARCHITECTURE.md, "The outbox"): sent keys are kept as short
 * hashes for SENT_DAYS (at most SENT_MAX of them), escalation keys in full for a year (routing
 * reads which leads escalated before), and at most UNSENT_MAX alerts wait.
 */
import { addToList } from './lists';
import type { Alert } from './sla-plan';

/** 'failed': MailApp refused the message itself (too large, a bad address): not sent again. */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxRow {
  key: string;
  alert: Alert;
  queuedAt: number;
  state: OutboxState;
  sentAt: number | null;
}

/** How long, and how many, sent alerts are remembered (an alert re-proposed later is news again). */
export const SENT_DAYS = 60;
export const SENT_MAX = 20_000;
const ESCALATION_DAYS = 366;
/** Alerts waiting at most: a quota out for days must not fill the document properties (500 KB). */
export const UNSENT_MAX = 400;
/** A refused message stays a visible failure this long, then is forgotten. */
const FAILED_DAYS = 30;
const DAY_MS = 86_400_000;

export interface OutboxRecord {
  /** Alerts not sent yet (pending, sending) and those MailApp refused (failed). */
  rows: OutboxRow[];
  /** Sent keys, hashed (HASH_LENGTH characters each, concatenated), by the day they were sent. */
  sent: [day: number, hashes: string][];
  /** Escalation keys in full, by day: the plan reads which leads escalated before. */
  escalations: [day: number, key: string][];
}

const HASH_LENGTH = 9;

/** A 45-bit hash of a key in 9 base-36 characters: two FNV-1a variants (collisions ~1 in 10^13). */
export function keyHash(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  const n = (a % 2 ** 23) * 2 ** 22 + (b % 2 ** 22);
  return n.toString(36).padStart(HASH_LENGTH, '0').slice(-HASH_LENGTH);
}

export function emptyOutbox(): OutboxRecord {
  return { rows: [], sent: [], escalations: [] };
}

/** Reads the stored record; anything unreadable counts as empty rather than stopping mail. */
export function decodeOutbox(text: string | null): OutboxRecord {
  if (!text) return emptyOutbox();
  try {
    const raw = JSON.parse(text) as Partial<OutboxRecord>;
    const rows = Array.isArray(raw.rows) ? raw.rows.filter((r) => r && typeof r.key === 'string' && r.alert && typeof r.alert.to === 'string') : [];
    return {
      rows: rows.map((r) => ({ ...r, state: r.state === 'sending' || r.state === 'failed' ? r.state : 'pending', sentAt: null })),
      sent: Array.isArray(raw.sent) ? raw.sent.filter((x) => Array.isArray(x) && typeof x[1] === 'string') : [],
      escalations: Array.isArray(raw.escalations) ? raw.escalations.filter((x) => Array.isArray(x) && typeof x[1] === 'string') : [],
    };
  } catch {
    return emptyOutbox();
  }
}

export function encodeOutbox(record: OutboxRecord): string {
  return JSON.stringify(record);
}

/**
 * The keys of every alert queued or sent, for the plan (`has`), and the escalation keys in full
 * (iterated: which leads escalated before). A Set<string> is one too.
 */
export interface AlertKeys {
  has(key: string): boolean;
  [Symbol.iterator](): Iterator<string>;
}

export function knownKeys(record: OutboxRecord): AlertKeys {
  const hashes = new Set<string>();
  for (const [, joined] of record.sent) for (let i = 0; i + HASH_LENGTH <= joined.length; i += HASH_LENGTH) hashes.add(joined.slice(i, i + HASH_LENGTH));
  const full = new Set<string>([...record.rows.map((r) => r.key), ...record.escalations.map(([, k]) => k)]);
  return {
    has: (key) => full.has(key) || hashes.has(keyHash(key)),
    [Symbol.iterator]: () => full[Symbol.iterator](),
  };
}

/**
 * Moves sent rows into the remembered keys and forgets what is past its time: sent keys after
 * SENT_DAYS (oldest days first beyond SENT_MAX), refused rows after FAILED_DAYS. Unsent rows over
 * UNSENT_MAX are dropped oldest first and returned, for the managers to hear of.
 */
export function settleOutbox(record: OutboxRecord, now: number): OutboxRow[] {
  const today = Math.floor(now / DAY_MS);
  const sentToday: string[] = [];
  const keep: OutboxRow[] = [];
  for (const r of record.rows) {
    if (r.state === 'sent') {
      sentToday.push(keyHash(r.key));
      if (r.alert.kind === 'escalated') record.escalations.push([today, r.key]);
    } else if (!(r.state === 'failed' && now - r.queuedAt > FAILED_DAYS * DAY_MS)) keep.push(r);
  }
  if (sentToday.length) {
    const last = record.sent[record.sent.length - 1];
    if (last && last[0] === today) last[1] += sentToday.join('');
    else record.sent.push([today, sentToday.join('')]);
  }
  record.sent = record.sent.filter(([day]) => today - day < SENT_DAYS);
  let count = record.sent.reduce((n, [, h]) => n + h.length / HASH_LENGTH, 0);
  while (count > SENT_MAX && record.sent.length > 1) count -= record.sent.shift()![1].length / HASH_LENGTH;
  record.escalations = record.escalations.filter(([day]) => today - day < ESCALATION_DAYS);
  record.rows = keep;
  foldOverflow(record, now);
  const unsent = record.rows.filter((r) => r.state !== 'failed');
  const dropped = unsent.length > UNSENT_MAX ? [...unsent].sort((a, b) => a.queuedAt - b.queuedAt).slice(0, unsent.length - UNSENT_MAX) : [];
  const gone = new Set(dropped);
  record.rows = record.rows.filter((r) => !gone.has(r));
  // Dropped alerts still count as queued: re-proposing them would only drop them again.
  if (dropped.length) record.sent.push([today, dropped.map((r) => keyHash(r.key)).join('')]);
  return dropped;
}

/** Kinds about Baton itself: each says something of its own, and is never folded into a summary. */
const OWN_WORDS = new Set<Alert['kind']>(['health', 'failure', 'report', 'deleted']);
/** Leads a summary names before counting the rest. */
const SUMMARY_NAMES = 10;

/**
 * More alerts waiting than the record holds (an import of thousands of leads queues a new-lead
 * alert for each in one run; a mail quota out for days piles up breaches): the largest groups of
 * one recipient's alerts of one kind become one summary alert each, which counts the leads and
 * names the first, until the waiting alerts fit. No lead's alert is dropped for want of room
 * unless a single recipient's kinds alone pass the limit. The folded keys count as queued.
 */
function foldOverflow(record: OutboxRecord, now: number): void {
  const pending = record.rows.filter((r) => r.state === 'pending');
  let over = record.rows.filter((r) => r.state !== 'failed').length - UNSENT_MAX;
  if (over <= 0) return;
  const groups = new Map<string, OutboxRow[]>();
  for (const r of pending) {
    if (OWN_WORDS.has(r.alert.kind)) continue;
    addToList(groups, `${r.alert.kind}\n${r.alert.to}`, r);
  }
  const folded = new Set<OutboxRow>();
  const summaries: OutboxRow[] = [];
  for (const rows of [...groups.values()].filter((g) => g.length > 1).sort((a, b) => b.length - a.length)) {
    if (over <= 0) break;
    rows.sort((a, b) => a.queuedAt - b.queuedAt);
    for (const r of rows) folded.add(r);
    summaries.push(summaryRow(rows, now));
    over -= rows.length - 1;
  }
  if (!folded.size) return;
  const hashes = [...folded].filter((r) => !r.alert.count).map((r) => keyHash(r.key));
  const today = Math.floor(now / DAY_MS);
  if (hashes.length) record.sent.push([today, hashes.join('')]);
  record.rows = [...record.rows.filter((r) => !folded.has(r)), ...summaries];
}

/** One alert for `rows` (one recipient, one kind, oldest first): how many leads, and the first few by name. */
function summaryRow(rows: OutboxRow[], now: number): OutboxRow {
  const first = rows[0].alert;
  const count = rows.reduce((n, r) => n + (r.alert.count ?? 1), 0);
  const names = rows.flatMap((r) => r.alert.names ?? [`${[r.alert.name, r.alert.company].filter(Boolean).join(', ') || r.alert.leadId} (${r.alert.leadId})`]).slice(0, SUMMARY_NAMES);
  const key = `summary:${first.kind}:${first.to}:${now}:${keyHash(rows.map((r) => r.key).join(' '))}`;
  return {
    key,
    alert: { ...first, key, leadId: '', name: '', company: '', email: '', phone: '', count, names, message: undefined, lines: undefined },
    queuedAt: rows[0].queuedAt,
    state: 'pending',
    sentAt: null,
  };
}

export interface Digest {
  to: string;
  rows: OutboxRow[];
}

/**
 * The digests to send now: one per recipient, the recipients whose oldest alert waited longest
 * first, at most `quota` of them (MailApp counts each recipient against the daily quota).
 * A row left 'sending' by a run that stopped mid-way is sent again: at most one duplicate.
 */
export function digestsToSend(rows: OutboxRow[], quota: number): Digest[] {
  const byRecipient = new Map<string, OutboxRow[]>();
  for (const r of rows) {
    if (r.state === 'sent' || r.state === 'failed') continue;
    addToList(byRecipient, r.alert.to, r);
  }
  const digests = [...byRecipient].map(([to, list]) => ({ to, rows: list.sort((a, b) => a.queuedAt - b.queuedAt) }));
  digests.sort((a, b) => a.rows[0].queuedAt - b.rows[0].queuedAt || a.to.localeCompare(b.to));
  return digests.slice(0, Math.max(0, quota));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * MailApp's limits (PLATFORM.md, quotas): a subject over 250 characters and a body over 200 KB
 * (consumer accounts) are refused. Every digest is built inside them, whatever the leads hold: a
 * value is shown shortened, a subject cut with "…", and a digest too long for one e-mail lists
 * what fits and says how many more wait in the sheet.
 */
export const SUBJECT_MAX = 250;
export const BODY_MAX_BYTES = 200 * 1024;
/** Longest lead value (a name, a company, a message) a digest shows whole. */
const VALUE_MAX = 200;
/** The plain and HTML bodies together stay well under the limit (HTML escapes grow text). */
const BODY_BUDGET = 90 * 1024;

/** The size of text in UTF-8, as MailApp counts a body (no Buffer or TextEncoder in Apps Script). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3;
  }
  return n;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/** The alert with every value a person typed cut to what a digest shows. */
export function boundedAlert(a: Alert): Alert {
  const cut = (v: string | undefined) => (v === undefined ? v : shorten(v, VALUE_MAX));
  return {
    ...a,
    name: cut(a.name)!,
    company: cut(a.company)!,
    email: cut(a.email)!,
    phone: cut(a.phone)!,
    owner: cut(a.owner)!,
    interest: cut(a.interest),
    source: cut(a.source),
    campaign: cut(a.campaign),
    message: a.message === undefined ? undefined : shorten(a.message, 4 * VALUE_MAX),
    lines: a.lines?.map((l) => shorten(l, 2 * VALUE_MAX)),
    names: a.names?.map((l) => shorten(l, 2 * VALUE_MAX)),
  };
}

export interface Email {
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
}

const HEADLINE: Record<Alert['kind'], string> = {
  assigned: 'New lead for you',
  'needs info': 'Still needs info',
  breached: 'Response time breached',
  'due soon': 'Response due soon',
  escalated: 'Escalated',
  health: 'Baton needs attention',
  failure: 'A handoff failed',
  report: 'Weekly report',
  'repeat inquiry': 'Your lead asked again',
  deleted: 'A live lead was deleted',
};

/** "Interest: Solar · Source: Web · Campaign: Spring", leaving out what is blank. */
function aboutLead(a: Alert): string {
  return [['Interest', a.interest], ['Source', a.source], ['Campaign', a.campaign]].filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join(' · ') || 'No interest, source or campaign given';
}

/** The due time in the owner's terms: when to reply by, and how long is left (or that it is late already). */
function assignedWhen(a: Alert, formatTime: (ms: number) => string): string {
  if (!a.due) return 'no response-time target applies';
  const zone = a.timeZone ? ` ${a.timeZone}` : '';
  if (!a.minutesLeft) return `already past due (due ${formatTime(a.due)}${zone}): reply now`;
  return `reply by ${formatTime(a.due)}${zone}, ${a.minutesLeft} business minute${a.minutesLeft === 1 ? '' : 's'} left`;
}

/**
 * One digest e-mail, plain text and HTML, with every value escaped. `formatTime` renders an
 * instant in the config's time zone; `rowLink` links to the lead's row.
 */
export function composeDigest(
  to: string,
  alerts: Alert[],
  formatTime: (ms: number) => string,
  rowLink: (row: number) => string,
  tabLink: (gid: number) => string = (gid) => `#gid=${gid}`,
): Email {
  alerts = alerts.map(boundedAlert);
  // A summary (core/outbox.ts, foldOverflow) stands for `count` leads.
  const leads = (list: Alert[]) => list.reduce((n, a) => n + (a.count ?? 1), 0);
  const breached = leads(alerts.filter((a) => a.kind === 'breached'));
  const subject =
    alerts.length === 1 && alerts[0].kind === 'report'
      ? `Baton: ${HEADLINE.report}, ${alerts[0].name}`
      : alerts.every((a) => a.kind === 'health' || a.kind === 'failure')
      ? `Baton: ${alerts.length === 1 ? HEADLINE[alerts[0].kind] : `${alerts.length} things need attention`}`
      : leads(alerts) === 1
      ? `Baton: ${HEADLINE[alerts[0].kind]}: ${alerts[0].name || alerts[0].leadId}`
      : `Baton: ${leads(alerts)} leads need you${breached ? ` (${breached} breached)` : ''}`;
  const line = (a: Alert) => {
    const who = [a.name, a.company].filter(Boolean).join(', ') || a.leadId;
    const contact = [a.email, a.phone].filter(Boolean).join(' · ');
    const when =
      a.kind === 'assigned'
        ? assignedWhen(a, formatTime)
        : a.kind === 'breached'
        ? `due ${formatTime(a.due)}, ${a.minutesLate} business minutes late`
        : a.kind === 'due soon'
          ? `due ${formatTime(a.due)}`
          : a.previousOwner && a.previousOwner !== a.owner
            ? `breached; reassigned from ${a.previousOwner} to ${a.owner}`
            : `breached and still with ${a.owner}; nobody else can take it`;
    return { who, contact, when };
  };
  const summary = (a: Alert) => {
    const names = a.names ?? [];
    const more = (a.count ?? 0) - names.length;
    return `${a.count} leads at once: ${names.join('; ')}${more > 0 ? `; and ${more} more` : ''}. Each is on its row in the sheet.`;
  };
  const texts = alerts.map((a) => {
      if (a.count !== undefined) return `${HEADLINE[a.kind]}: ${summary(a)}\n  ${rowLink(a.row)}`;
      if (a.kind === 'report') return `${HEADLINE.report}: ${a.message ?? ''}\nWorst breaches:\n${(a.lines ?? []).map((l) => `  - ${l}`).join('\n')}\n  ${tabLink(a.gid ?? 0)}`;
      // Health and failure alerts are about Baton's work: their message says it all.
      if (a.message !== undefined) return `${HEADLINE[a.kind]}${a.leadId ? ` (${a.leadId})` : ''}: ${a.message}${a.kind === 'deleted' ? '' : `\n  ${rowLink(a.row)}`}`;
      const l = line(a);
      const about = a.kind === 'assigned' ? `\n  ${aboutLead(a)}` : '';
      return `${HEADLINE[a.kind]}: ${l.who} (${a.leadId})\n  ${l.contact}${about}\n  ${l.when}\n  ${rowLink(a.row)}`;
    });
  const htmls = alerts.map((a) => {
      if (a.count !== undefined) return `<li><strong>${escapeHtml(HEADLINE[a.kind])}</strong>: ${escapeHtml(summary(a))} <a href="${escapeHtml(rowLink(a.row))}">Open the first</a></li>`;
      if (a.kind === 'report') {
        const worst = (a.lines ?? []).map((l) => `<li>${escapeHtml(l)}</li>`).join('');
        return (
          `<li><strong>${escapeHtml(HEADLINE.report)}</strong>: ${escapeHtml(a.message ?? '')}<br>Worst breaches:<ul>${worst}</ul>` +
          `<a href="${escapeHtml(tabLink(a.gid ?? 0))}">Open the Baton Report tab</a></li>`
        );
      }
      if (a.message !== undefined) {
        // A deleted lead has no row left to link to.
        const lead = !a.leadId ? '' : a.kind === 'deleted' ? ` (${escapeHtml(a.leadId)})` : ` (<a href="${escapeHtml(rowLink(a.row))}">${escapeHtml(a.leadId)}</a>)`;
        return `<li><strong>${escapeHtml(HEADLINE[a.kind])}</strong>${lead}: ${escapeHtml(a.message)}</li>`;
      }
      const l = line(a);
      return (
        `<li><strong>${escapeHtml(HEADLINE[a.kind])}</strong>: <a href="${escapeHtml(rowLink(a.row))}">${escapeHtml(l.who)}</a> ` +
        `(${escapeHtml(a.leadId)})<br>${escapeHtml(l.contact)}${a.kind === 'assigned' ? `<br>${escapeHtml(aboutLead(a))}` : ''}<br>${escapeHtml(l.when)}</li>`
      );
    });
  // As many alerts as fit one e-mail; the rest are counted, and each is on its row and in the outbox.
  let shown = 0;
  for (let size = 0; shown < alerts.length; shown++) {
    size += utf8Bytes(texts[shown]) + utf8Bytes(htmls[shown]);
    if (shown > 0 && size > BODY_BUDGET) break;
  }
  const more = alerts.length - shown;
  const moreLine = more ? `…and ${more} more: each is on its row in the sheet.` : '';
  const text = [...texts.slice(0, shown), ...(more ? [moreLine] : [])].join('\n\n');
  const html = htmls.slice(0, shown).join('') + (more ? `<li>${escapeHtml(moreLine)}</li>` : '');
  const footer = alerts.every((a) => a.kind === 'report')
    ? 'Sent by Baton every week. The Baton Report tab states how each figure is counted.'
    : alerts.every((a) => a.kind === 'health' || a.kind === 'failure')
      ? 'Sent by Baton. Retry and Dismiss are in Extensions › Baton › Settings, Health section (managers only); Repair triggers there fixes stopped sweeps. Every failure is also a row in the Baton Failures tab.'
      : alerts.every((a) => a.kind === 'deleted')
        ? 'Sent by Baton. Every deletion is in the Baton Log.'
        : alerts.every((a) => a.kind === 'needs info')
          ? 'Sent by Baton once a day. Fill in what is missing on each row and Baton hands the lead over.'
        : 'Sent by Baton. Open the lead to contact them, then set its Status to Contacted.';
  return {
    to,
    subject: shorten(subject, SUBJECT_MAX),
    body: `${text}\n\n${footer}`,
    htmlBody: `<ul>${html}</ul><p>${footer}</p>`,
  };
}
