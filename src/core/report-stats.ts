/**
 * The statistics of the weekly report (docs/REPORT.md): median and percentiles exactly as the
 * spreadsheet's own MEDIAN and PERCENTILE give them, and rounded percentages, stated on the Baton
 * Report tab in these words.
 */

/**
 * The p-th percentile (0 < p <= 100) as Google Sheets' PERCENTILE (PERCENTILE.INC) computes it, so
 * a manager checking the report with `=PERCENTILE(range, 0.9)` gets the same figure: the values
 * sorted ascending, position (p / 100) × (n − 1) counted from 0, interpolated linearly between
 * the two values around it. Rounded to one decimal (only float noise is lost: the inputs are whole
 * minutes). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], not ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const value = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  return Math.round(value * 10) / 10;
}

/** The median as Sheets' MEDIAN computes it: the middle value, or the mean of the two middle ones. */
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
  'Median and 90th percentile as the sheet’s =MEDIAN(times) and =PERCENTILE(times, 0.9) give them (the median of 11, 14, 17 and 20 minutes is 15.5), rounded to one decimal; percentages are rounded to one decimal.';
