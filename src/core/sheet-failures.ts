/**
 * Keeps the failure queue (Baton Failures) in step with problems of the sheet itself, such as a
 * missing header: one open row per problem while it lasts, marked resolved when it is fixed.
 * (The full queue with retries for every step comes with the failure-queue work.)
 */
import type { CellValue } from './conditions';

export const SHEET_LEVEL = '—';

export interface FailureRow {
  leadId: string;
  step: string;
  kind: string;
  message: string;
  firstSeen: Date;
  attempts: number;
  nextRetry: string;
  state: 'open' | 'resolved';
}

export interface FailureSync {
  append: FailureRow[];
  /** 0-based indexes into the existing rows (header excluded) to mark resolved. */
  resolve: number[];
}

export function syncSheetFailures(existing: CellValue[][], problems: string[], kind: string, now: number): FailureSync {
  const open = new Map<string, number>();
  existing.forEach((row, i) => {
    if (row[0] === SHEET_LEVEL && row[2] === kind && row[7] === 'open') open.set(String(row[3]), i);
  });
  const append = problems
    .filter((p) => !open.has(p))
    .map((message) => ({ leadId: SHEET_LEVEL, step: 'intake', kind, message, firstSeen: new Date(now), attempts: 1, nextRetry: '', state: 'open' as const }));
  const resolve = [...open].filter(([message]) => !problems.includes(message)).map(([, i]) => i);
  return { append, resolve };
}
