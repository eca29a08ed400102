/**
 * The daily reminder of failures that last: once a day at most, the managers get one line per
 * kind of failure open for more than a day, so nothing festers unseen without an alert storm.
 */
import { noticeAlert, type Alert } from './sla-plan';

export const SUMMARY_EVERY_MS = 24 * 60 * 60 * 1000;

export interface OpenFailureRow {
  leadId: string;
  kind: string;
  firstSeen: number;
}

/** The reminder's text, or null when nothing has been open for a day. */
export function summarizeLasting(open: OpenFailureRow[], now: number): string | null {
  const lasting = open.filter((f) => now - f.firstSeen >= SUMMARY_EVERY_MS);
  if (lasting.length === 0) return null;
  const byKind = new Map<string, number>();
  for (const f of lasting) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const parts = [...byKind].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} × ${kind}`);
  return `${lasting.length} failure(s) have been open for more than a day: ${parts.join(', ')}. See the Baton Failures tab to fix, retry or dismiss them.`;
}

export function summaryAlerts(message: string, managers: string[], now: number): Alert[] {
  const day = new Date(now).toISOString().slice(0, 10);
  return managers.map((to) => noticeAlert({ key: `summary|${day}|${to}`, to, kind: 'failure', due: now, message }));
}
