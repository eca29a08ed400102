/**
 * Resumable large work (issue 16): a run plans at most MAX_NEW_LEADS_PER_RUN rows that have lead
 * data and no Lead ID yet, the first ones in the tab; the rest are left for the next runs, as if
 * still empty (no ID, no write, nothing logged), so an import of 50,000 rows is worked through over
 * several sweeps, each within its time budget, instead of one run that cannot finish. Rows that
 * have a Lead ID are always planned.
 */
import type { CellValue } from './conditions';
import { leadIdOf } from './lead-id';

export const MAX_NEW_LEADS_PER_RUN = 5_000;

/** `values` (header first) with new rows past the first `limit` blanked; how many were. */
export function capNewLeads(values: CellValue[][], idColumn: number | undefined, limit = MAX_NEW_LEADS_PER_RUN): { values: CellValue[][]; deferred: number } {
  if (idColumn === undefined) return { values, deferred: 0 };
  let seen = 0;
  let deferred = 0;
  let out: CellValue[][] | null = null;
  for (let i = 1; i < values.length; i++) {
    const row = values[i];
    if (leadIdOf(row[idColumn])) continue;
    if (!row.some((v) => v !== '' && v !== null && v !== undefined)) continue;
    seen++;
    if (seen <= limit) continue;
    out ??= values.slice();
    out[i] = row.map(() => '');
    deferred++;
  }
  return { values: out ?? values, deferred };
}
