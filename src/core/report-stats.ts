/**
 * The statistics of the weekly report (docs/REPORT.md): percentiles by nearest rank and rounded
 * percentages, stated on the Baton Report tab in these words.
 */

/**
 * The p-th percentile (0 < p <= 100) by the nearest-rank method: the value at 1-based position
 * ceil(p / 100 × n) of the values sorted ascending. It is always one of the values (never an
 * average of two): the median of [1, 2, 3, 4] is 2, its 90th percentile 4. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], not ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median by nearest rank: the value at position ceil(n / 2) of the sorted values. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** `part` of `whole` in per cent, rounded to one decimal; null when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** The sentence the tab uses for these methods. */
export const STATS_DEFINITION =
  'Median and 90th percentile by nearest rank: the value at position ⌈p × n⌉ of the n times sorted ascending (the median of 4 times is the 2nd); percentages are rounded to one decimal.';
