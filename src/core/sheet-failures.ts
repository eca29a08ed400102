/**
 * Keeps the failure queue (Baton Failures) in step with what is failing now: one open row per
 * failure (a lead's, or the sheet's own with Lead ID '—') while it lasts, marked resolved when it
 * is gone. (Retries, alerts and dismissal come with the failure-queue work.)
 */
import type { CellValue } from './conditions';

export const SHEET_LEVEL = '—';

export interface Failure {
  leadId: string;
  step: string;
  kind: string;
  message: string;
  /** What a sheet-level failure is about (the header, the tab): two missing headers are two failures. */
  subject?: string;
}

export interface FailureRow extends Failure {
  firstSeen: Date;
  attempts: number;
  nextRetry: string;
  state: 'open' | 'resolved' | 'dismissed';
}

export interface FailureSync {
  append: FailureRow[];
  /** 0-based indexes into the existing rows (header excluded) to mark resolved. */
  resolve: number[];
  /** 0-based indexes of open rows whose message changed, with the new message. */
  update: { index: number; message: string }[];
}

/**
 * A failure is the same failure while its lead (or the sheet), kind and subject are: the message
 * may evolve. Rows written before the Subject column existed read as subject ''.
 */
export const failureKey = (leadId: unknown, kind: unknown, subject: unknown) => `${String(leadId)}\u0001${String(kind)}\u0001${String(subject ?? '')}`;
/** Subject is the 9th column (FAILURE_HEADERS). */
const SUBJECT = 8;

export function syncFailures(existing: CellValue[][], current: Failure[], now: number): FailureSync {
  // A dismissed failure stays dismissed while it lasts; once it is gone, its row is resolved, so
  // a later recurrence opens a new one.
  const open = new Map<string, number>();
  const dismissed = new Map<string, number>();
  existing.forEach((row, i) => {
    if (row[7] === 'open') open.set(failureKey(row[0], row[2], row[SUBJECT]), i);
    if (row[7] === 'dismissed') dismissed.set(failureKey(row[0], row[2], row[SUBJECT]), i);
  });
  const sync: FailureSync = { append: [], resolve: [], update: [] };
  const seen = new Set<string>();
  for (const f of current) {
    const key = failureKey(f.leadId, f.kind, f.subject);
    if (seen.has(key)) continue;
    seen.add(key);
    if (dismissed.has(key)) continue;
    const i = open.get(key);
    if (i === undefined) sync.append.push({ ...f, firstSeen: new Date(now), attempts: 1, nextRetry: '', state: 'open' });
    else if (existing[i][3] !== f.message) sync.update.push({ index: i, message: f.message });
  }
  for (const [key, i] of [...open, ...dismissed]) if (!seen.has(key)) sync.resolve.push(i);
  return sync;
}
