/** When the weekly report is due, and its statistics (src/core/report-schedule.ts, report-stats.ts). */
import { lastFullWeek, mondayOf, reportDue, scheduledAt, weekBounds } from '../../src/core/report-schedule';
import { median, percent, percentile } from '../../src/core/report-stats';
import { intlTimePort } from '../support/intl-time-port';

const NY = intlTimePort('America/New_York');
const TOKYO = intlTimePort('Asia/Tokyo');
const ms = (iso: string) => Date.parse(iso);

/**
 * Each expected value is what Google Sheets gives for =MEDIAN(values) and =PERCENTILE(values, 0.9)
 * (PERCENTILE.INC: position 0.9 × (n − 1) from 0, interpolated), worked out by hand in the comment.
 */
describe('percentiles as the spreadsheet computes them', () => {
  it.each([
    // the example: MEDIAN 15.5; PERCENTILE: position 2.7 → 17 + 0.7 × 3 = 19.1
    [[11, 14, 17, 20], 15.5, 19.1],
    // position 2.7 → 3 + 0.7 × 1 = 3.7
    [[1, 2, 3, 4], 2.5, 3.7],
    [[4, 3, 2, 1], 2.5, 3.7],
    [[7], 7, 7],
    // odd count: the 5th; position 7.2 → 30 + 0.2 × 60 = 42
    [[5, 10, 15, 15, 30, 30, 30, 30, 90], 30, 42],
    // position 8.1 → 9 + 0.1 × 1 = 9.1
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9.1],
    [[15, 15], 15, 15],
  ])('%j: median %d, 90th percentile %d', (values, m, p90) => {
    expect(median(values)).toBe(m);
    expect(percentile(values, 90)).toBe(p90);
  });

  it('no values: null', () => {
    expect(median([])).toBeNull();
    expect(percentile([], 90)).toBeNull();
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('percentages to one decimal, null of nothing', () => {
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(8, 11)).toBe(72.7);
    expect(percent(0, 5)).toBe(0);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('weeks in the config time zone', () => {
  it('the Monday of a week, from any instant in it (Sunday 23:59 local is still the same week)', () => {
    expect(mondayOf(ms('2026-03-22T23:59:00-04:00'), NY)).toBe('2026-03-16');
    expect(mondayOf(ms('2026-03-23T00:00:00-04:00'), NY)).toBe('2026-03-23');
    // 2026-03-22 20:00 in New York is already Monday the 23rd in Tokyo.
    expect(mondayOf(ms('2026-03-22T20:00:00-04:00'), TOKYO)).toBe('2026-03-23');
  });

  it('the last full week is the one before the current week', () => {
    expect(lastFullWeek(ms('2026-03-16T08:00:00-04:00'), NY)).toBe('2026-03-09');
    expect(lastFullWeek(ms('2026-03-22T23:00:00-04:00'), NY)).toBe('2026-03-09');
  });

  it('a DST week is 167 hours; a week across the fall change 169', () => {
    const spring = weekBounds('2026-03-02', NY);
    expect((spring.end - spring.start) / 3_600_000).toBe(167);
    const fall = weekBounds('2026-10-26', NY);
    expect((fall.end - fall.start) / 3_600_000).toBe(169);
  });
});

describe('reportDue', () => {
  const monday8 = { weekday: 1, hour: 8 };

  it('not before the configured weekday and hour, local time', () => {
    expect(reportDue(ms('2026-03-16T07:59:59-04:00'), monday8, null, NY)).toBeNull();
    expect(reportDue(ms('2026-03-16T08:00:00-04:00'), monday8, null, NY)).toBe('2026-03-09');
  });

  it('once per week: not again when that week is built', () => {
    expect(reportDue(ms('2026-03-16T09:00:00-04:00'), monday8, '2026-03-09', NY)).toBeNull();
    expect(reportDue(ms('2026-03-23T08:05:00-04:00'), monday8, '2026-03-09', NY)).toBe('2026-03-16');
  });

  it('a missed hour is caught up later in the week', () => {
    expect(reportDue(ms('2026-03-19T15:00:00-04:00'), monday8, '2026-03-02', NY)).toBe('2026-03-09');
  });

  it('Wednesday 14:00: nothing on Monday or Tuesday, due from Wednesday 14:00', () => {
    const wed = { weekday: 3, hour: 14 };
    expect(reportDue(ms('2026-03-16T09:00:00-04:00'), wed, '2026-03-02', NY)).toBeNull();
    expect(reportDue(ms('2026-03-18T13:59:00-04:00'), wed, '2026-03-02', NY)).toBeNull();
    expect(reportDue(ms('2026-03-18T14:00:00-04:00'), wed, '2026-03-02', NY)).toBe('2026-03-09');
  });

  it('the Monday after the clocks go forward: 08:00 EDT, not 08:00 EST', () => {
    expect(scheduledAt(ms('2026-03-09T12:00:00Z'), monday8, NY)).toBe(ms('2026-03-09T08:00:00-04:00'));
  });

  it('Sunday 23:00 is the last hour of a week', () => {
    expect(scheduledAt(ms('2026-03-16T10:00:00-04:00'), { weekday: 7, hour: 23 }, NY)).toBe(ms('2026-03-22T23:00:00-04:00'));
  });
});
