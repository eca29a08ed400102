/** The quiet sweep's rule (src/core/sweep-mark.ts, issue 16): when a sweep may skip the tab, and the next instant it may not. */
import { parseConfig, type BatonConfig } from '../../src/core/config';
import { locateColumns } from '../../src/core/lead-columns';
import { LEAD_HEADERS } from '../../src/core/headers';
import { AGENDA_MAX, DUE_ROWS_MAX, dueRows, isQuiet, markAfterRow, RECONCILE_MINUTES, reconcileMinutes, upcoming, type AgendaEntry, type SweepMark } from '../../src/core/sweep-mark';
import { intlTimePort } from '../support/intl-time-port';

const T = Date.parse('2026-03-02T09:00:00-05:00');
/** The next check alone: `upcoming` with no agenda. */
const nextCheckAt = (...args: Parameters<typeof upcoming> extends [...infer A, number] ? A : never) => upcoming(...args, 0).next;
const MIN = 60_000;
const mark: SweepMark = { configRevision: 3, sheet: 'Leads', lastRow: 11, lastColumn: 20, readAt: T, nextCheckAt: T + 30 * MIN };
const sight = { now: T + 10 * MIN, configRevision: 3, lastRow: 11, lastColumn: 20, pending: false, journalEntries: 0, backoff: false };

it('is quiet only while nothing it watches has moved', () => {
  expect(isQuiet(mark, sight)).toBe(true);
  expect(isQuiet(null, sight)).toBe(false);
  expect(isQuiet(mark, { ...sight, lastRow: 12 })).toBe(false);
  expect(isQuiet(mark, { ...sight, lastColumn: 21 })).toBe(false);
  expect(isQuiet(mark, { ...sight, configRevision: 4 })).toBe(false);
  expect(isQuiet(mark, { ...sight, pending: true })).toBe(false);
  expect(isQuiet(mark, { ...sight, journalEntries: 1 })).toBe(false);
  expect(isQuiet(mark, { ...sight, backoff: true })).toBe(false);
  expect(isQuiet(mark, { ...sight, now: T + 30 * MIN })).toBe(false);
  expect(isQuiet({ ...mark, nextCheckAt: null }, { ...sight, now: T + (RECONCILE_MINUTES - 1) * MIN })).toBe(true);
  expect(isQuiet({ ...mark, nextCheckAt: null }, { ...sight, now: T + RECONCILE_MINUTES * MIN })).toBe(false);
});

it('reconciles a small tab hourly, a larger one proportionally less often, at least every six hours', () => {
  expect(reconcileMinutes(11 * 20)).toBe(60);
  expect(reconcileMinutes(5_001 * 20)).toBe(60);
  expect(reconcileMinutes(10_001 * 21)).toBe(126);
  expect(reconcileMinutes(100_001 * 20)).toBe(360);
  const big = { ...mark, lastRow: 10_001, lastColumn: 21, nextCheckAt: null };
  const bigSight = { ...sight, lastRow: 10_001, lastColumn: 21 };
  expect(isQuiet(big, { ...bigSight, now: T + 125 * MIN })).toBe(true);
  expect(isQuiet(big, { ...bigSight, now: T + 126 * MIN })).toBe(false);
});

describe('the next check', () => {
  const parsed = parseConfig(
    { version: 1, managers: ['maria@acme.test'], sla: { targets: [{ name: 'Std', minutes: 60 }], businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }, escalation: { afterMinutes: 30, action: 'notify_manager' } }, report: { weekday: 1, hour: 8 } },
    'America/New_York',
  );
  const config = (parsed as { ok: true; config: BatonConfig }).config;
  const H = [...LEAD_HEADERS];
  const columns = locateColumns(H, config);
  const row = (assigned: number, due: number, extra: Record<string, unknown> = {}) =>
    H.map((h) => ({ 'Lead ID': 'L-AAAAAA', Status: 'Assigned', 'Assigned At': new Date(assigned), 'SLA Due': new Date(due), ...extra } as Record<string, unknown>)[h] ?? '') as (string | Date)[];
  const port = intlTimePort('America/New_York');

  it('is the first lead turning Due soon (80% of its window), else its due time, else tomorrow\'s report hour', () => {
    const values = [H, row(T, T + 60 * MIN)];
    expect(nextCheckAt(values, columns, config, port, T + 5 * MIN, () => null)).toBe(T + 48 * MIN);
    expect(nextCheckAt(values, columns, config, port, T + 50 * MIN, () => null)).toBe(T + 60 * MIN);
    // Past due: the escalation, 30 business minutes later.
    expect(nextCheckAt(values, columns, config, port, T + 61 * MIN, () => null)).toBe(T + 90 * MIN);
    // Past all of it: the daily digests at 08:00 tomorrow.
    expect(nextCheckAt(values, columns, config, port, T + 91 * MIN, () => null)).toBe(Date.parse('2026-03-03T08:00:00-05:00'));
  });

  it('is now, so no sweep skips the tab, while Assigned At or SLA Due is missing (the clocks run from Baton State)', () => {
    for (const gone of ['Assigned At', 'SLA Due']) {
      const header = H.map((h) => (h === gone ? 'Renamed' : h));
      const values = [header, row(T, T + 60 * MIN)];
      expect(nextCheckAt(values, locateColumns(header, config), config, port, T + 5 * MIN, () => null)).toBe(T + 5 * MIN);
    }
  });

  it('ignores leads contacted or closed, and starts the clock at the ready time when earlier', () => {
    const tomorrow = Date.parse('2026-03-03T08:00:00-05:00');
    expect(nextCheckAt([H, row(T, T + 60 * MIN, { 'First Contact': new Date(T) })], columns, config, port, T, () => null)).toBe(tomorrow);
    expect(nextCheckAt([H, row(T, T + 60 * MIN, { Status: 'Won' })], columns, config, port, T, () => null)).toBe(tomorrow);
    // Assigned at 09:30, due 10:30, but ready at 09:00: due soon at 80% of 90 minutes from 09:00, not of 60 from 09:30.
    expect(nextCheckAt([H, row(T + 30 * MIN, T + 90 * MIN)], columns, config, port, T + 30 * MIN, () => null)).toBe(T + 78 * MIN);
    expect(nextCheckAt([H, row(T + 30 * MIN, T + 90 * MIN)], columns, config, port, T + 30 * MIN, () => T)).toBe(T + 72 * MIN);
  });

  it('lists the leads whose SLA turns first (one instant each, earliest first) and where the list stops', () => {
    // Lead i assigned at 09:00 + 2i minutes: due soon 48 minutes later, due at 60.
    const values = [H, ...Array.from({ length: 30 }, (_, i) => row(T + 2 * i * MIN, T + (60 + 2 * i) * MIN, { 'Lead ID': `L-AAAA${'ABCDEFGHJK'[Math.floor(i / 10)]}${'23456789AB'[i % 10]}` }))];
    const now = T + 5 * MIN;
    const u = upcoming(values, columns, config, port, now, () => null, AGENDA_MAX);
    expect(u.agenda).toHaveLength(AGENDA_MAX);
    expect(u.agenda[0]).toEqual([2, 'L-AAAAA2', T + 48 * MIN]);
    expect(u.agenda.map((e) => e[2])).toEqual([...u.agenda.map((e) => e[2])].sort((a, b) => a - b));
    // The 21st lead's instant ends the list: every lead turning before it is on it.
    expect(u.end).toBe(T + (48 + 2 * AGENDA_MAX) * MIN);
    expect(u.next).toBe(nextCheckAt(values, columns, config, port, now, () => null));
    // Fewer leads than the list holds: it ends at the daily digests.
    expect(upcoming(values.slice(0, 3), columns, config, port, now, () => null, AGENDA_MAX).end).toBe(Date.parse('2026-03-03T08:00:00-05:00'));
  });
});

describe('the agenda a mark keeps', () => {
  const agenda: AgendaEntry[] = [
    [4, 'L-B', T + 20 * MIN],
    [2, 'L-A', T + 30 * MIN],
    [9, 'L-C', T + 40 * MIN],
  ];
  const marked: SweepMark = { ...mark, header: 'h', agenda, agendaEnd: T + 50 * MIN, nextCheckAt: T + 20 * MIN };

  it('sends a sweep to the rows whose instant came, when they are all it has to do', () => {
    expect(dueRows(marked, { ...sight, now: T + 10 * MIN })).toBeNull();
    expect(dueRows(marked, { ...sight, now: T + 20 * MIN })).toEqual([[4, 'L-B', T + 20 * MIN]]);
    expect(dueRows(marked, { ...sight, now: T + 45 * MIN })).toEqual(agenda);
    // Past the agenda's end, or with anything else changed, a full run.
    expect(dueRows(marked, { ...sight, now: T + 50 * MIN })).toBeNull();
    expect(dueRows(marked, { ...sight, now: T + 20 * MIN, lastRow: 12 })).toBeNull();
    expect(dueRows(marked, { ...sight, now: T + 20 * MIN, journalEntries: 1 })).toBeNull();
    expect(dueRows({ ...marked, readAt: T - RECONCILE_MINUTES * MIN }, { ...sight, now: T + 20 * MIN })).toBeNull();
    expect(dueRows({ ...marked, agenda: undefined }, { ...sight, now: T + 20 * MIN })).toBeNull();
    // More leads at once than a sweep plans alone.
    const many = Array.from({ length: DUE_ROWS_MAX + 1 }, (_, i): AgendaEntry => [i + 2, `L-${i}`, T + 20 * MIN]);
    expect(dueRows({ ...marked, agenda: many }, { ...sight, now: T + 20 * MIN })).toBeNull();
  });

  it('after a run on one lead: its entry replaced by its next instant, kept only before the end', () => {
    expect(markAfterRow(marked, 'L-B', 4, T + 35 * MIN)).toMatchObject({ agenda: [agenda[1], [4, 'L-B', T + 35 * MIN], agenda[2]], nextCheckAt: T + 30 * MIN });
    expect(markAfterRow(marked, 'L-B', 4, T + 60 * MIN)).toMatchObject({ agenda: [agenda[1], agenda[2]], nextCheckAt: T + 30 * MIN });
    expect(markAfterRow(marked, 'L-B', 4, null).agenda).toEqual([agenda[1], agenda[2]]);
    // An edit gives a lead an instant before the others': the sweep comes then.
    expect(markAfterRow(marked, 'L-C', 9, T + 5 * MIN)).toMatchObject({ nextCheckAt: T + 5 * MIN });
    // The last one gone: the end is the next check.
    expect(markAfterRow({ ...marked, agenda: [agenda[0]] }, 'L-B', 4, null).nextCheckAt).toBe(T + 50 * MIN);
    // A mark without an agenda keeps the earlier instant.
    expect(markAfterRow(mark, 'L-B', 4, T + 5 * MIN).nextCheckAt).toBe(T + 5 * MIN);
  });
});
