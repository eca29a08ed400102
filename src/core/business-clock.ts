/**
 * The SLA clock: response targets counted in business time (SPEC.md, `sla.businessHours` and
 * `sla.holidays`). A lead assigned out of hours starts its clock at the next opening, a target
 * longer than a business day rolls over to the next ones, holidays are skipped, and
 * `businessHours: null` is a 24/7 clock of plain elapsed minutes (holidays do not apply then).
 *
 * Everything works one local day at a time: each business day's opening and closing instants are
 * found through the TimePort, so a business day on a DST-change date still runs, say, 09:00–17:00
 * local (seven or nine hours of elapsed time apart are never assumed). The cost is O(days spanned)
 * port calls, never one per minute.
 */
import { isoDate, TimePort } from './time-port';

/** Opening hours, as `sla.businessHours` in the config. */
export interface BusinessHours {
  /** ISO weekdays the business is open: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** 'HH:MM', local time. */
  start: string;
  /** 'HH:MM', local time, after start. */
  end: string;
}

/** What the clock needs from `sla`: null hours mean 24/7. */
export interface BusinessCalendar {
  businessHours: BusinessHours | null;
  /** Local dates 'YYYY-MM-DD' with no business hours. */
  holidays: readonly string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A calendar with no open day for this long is misconfigured; searching further would not end. */
const MAX_CLOSED_DAYS = 1000;

interface Day {
  /** Days since 1970-01-01 of the local calendar date. */
  n: number;
  /** The day's business window [open, close) as instants; null when closed all day. */
  window: { open: number; close: number } | null;
}

function hhmm(text: string, what: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`business hours ${what} must be a time like 09:00, not "${text}"`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** Business minutes in one open day: the opening hours, or 24 hours on a 24/7 clock. */
export function businessDayMinutes(calendar: BusinessCalendar): number {
  const hours = calendar.businessHours;
  if (!hours) return 24 * 60;
  const [start, end] = [hhmm(hours.start, 'start'), hhmm(hours.end, 'end')];
  return end.hour * 60 + end.minute - (start.hour * 60 + start.minute);
}

function finite(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a finite number, not ${ms}`);
}

/**
 * Each local day's business window, per time port, hours and holidays: every lead's due time walks
 * the same few days, and each window costs two time-zone conversions (issue 16: 9% of a run's CPU).
 */
const windowCache = new WeakMap<TimePort, WeakMap<BusinessHours, WeakMap<readonly string[], Map<number, Day['window']>>>>();

function windowsFor(hours: BusinessHours, holidays: readonly string[], port: TimePort): Map<number, Day['window']> {
  let byHours = windowCache.get(port);
  if (!byHours) windowCache.set(port, (byHours = new WeakMap()));
  let byHolidays = byHours.get(hours);
  if (!byHolidays) byHours.set(hours, (byHolidays = new WeakMap()));
  let windows = byHolidays.get(holidays);
  if (!windows) byHolidays.set(holidays, (windows = new Map()));
  return windows;
}

/** Local days from the one containing `fromMs` onwards, each with its business window. */
function* days(fromMs: number, hours: BusinessHours, holidays: readonly string[], port: TimePort): Generator<Day, never> {
  // Parsed only when a day is not cached yet: most calls walk days already seen.
  let parsed: { start: ReturnType<typeof hhmm>; end: ReturnType<typeof hhmm>; open: Set<number>; closed: Set<string> } | null = null;
  const cache = windowsFor(hours, holidays, port);
  const w = port.wall(fromMs);
  let n = Math.round(Date.UTC(w.year, w.month - 1, w.day) / DAY);
  let closedRun = 0;
  for (;;) {
    let window = cache.get(n);
    if (window === undefined) {
      // Calendar arithmetic only (UTC fields of a date-only value), no time zone involved.
      const d = new Date(n * DAY);
      const year = d.getUTCFullYear();
      const month = d.getUTCMonth() + 1;
      const day = d.getUTCDate();
      const weekday = ((d.getUTCDay() + 6) % 7) + 1;
      window = null;
      parsed ??= { start: hhmm(hours.start, 'start'), end: hhmm(hours.end, 'end'), open: new Set(hours.days), closed: new Set(holidays) };
      if (parsed.open.has(weekday) && !parsed.closed.has(isoDate(year, month, day))) {
        const o = port.instant({ year, month, day, ...parsed.start });
        const c = port.instant({ year, month, day, ...parsed.end });
        if (o < c) window = { open: o, close: c };
      }
      cache.set(n, window);
    }
    closedRun = window ? 0 : closedRun + 1;
    if (closedRun > MAX_CLOSED_DAYS) throw new RangeError(`the SLA calendar has no business hours in ${MAX_CLOSED_DAYS} days after ${w.date}`);
    yield { n, window };
    n += 1;
  }
}

/** The instant `amountMs` of business time after `startMs` (counting from the next opening). */
function addBusinessMs(startMs: number, amountMs: number, calendar: BusinessCalendar, port: TimePort): number {
  const hours = calendar.businessHours;
  if (!hours) return startMs + amountMs;
  let remaining = amountMs;
  for (const { window } of days(startMs, hours, calendar.holidays, port)) {
    if (!window || window.close <= startMs) continue;
    const from = Math.max(startMs, window.open);
    const available = window.close - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  throw new Error('unreachable: the day sequence is endless');
}

/** Business time in [aMs, bMs), in ms; aMs <= bMs. */
function businessMsBetween(aMs: number, bMs: number, calendar: BusinessCalendar, port: TimePort): number {
  const hours = calendar.businessHours;
  if (!hours) return bMs - aMs;
  const w = port.wall(bMs);
  const lastDay = Math.round(Date.UTC(w.year, w.month - 1, w.day) / DAY);
  let total = 0;
  for (const { n, window } of days(aMs, hours, calendar.holidays, port)) {
    if (n > lastDay) break;
    if (window) total += Math.max(0, Math.min(window.close, bMs) - Math.max(window.open, aMs));
  }
  return total;
}

/**
 * The due time of a target of `minutes` business minutes for a lead assigned at `startMs`: out of
 * hours, the clock starts at the next opening; a target longer than what is left of the business
 * day continues at the next opening, skipping closed weekdays and holidays. A due time that falls
 * exactly on a closing time stays there (09:00 + 480 min is 17:00 the same day).
 */
export function addBusinessMinutes(startMs: number, minutes: number, calendar: BusinessCalendar, port: TimePort): number {
  finite(startMs, 'the start');
  finite(minutes, 'minutes');
  if (minutes < 0) throw new RangeError(`minutes must not be negative, not ${minutes}`);
  return addBusinessMs(startMs, Math.round(minutes * MINUTE), calendar, port);
}

/**
 * Business minutes from `aMs` to `bMs` (e.g. assigned → first contact), possibly fractional.
 * Negative when `bMs` is before `aMs` (the same amount, counted backwards).
 */
export function businessMinutesBetween(aMs: number, bMs: number, calendar: BusinessCalendar, port: TimePort): number {
  finite(aMs, 'the start');
  finite(bMs, 'the end');
  if (bMs < aMs) return -businessMinutesBetween(bMs, aMs, calendar, port);
  return businessMsBetween(aMs, bMs, calendar, port) / MINUTE;
}

/** `ms` itself when business is open then, else the next opening instant (24/7: always `ms`). */
export function nextOpening(ms: number, calendar: BusinessCalendar, port: TimePort): number {
  finite(ms, 'the instant');
  return addBusinessMs(ms, 0, calendar, port);
}

/** Whether `ms` is within business hours (opening inclusive, closing exclusive). */
export function isOpen(ms: number, calendar: BusinessCalendar, port: TimePort): boolean {
  return nextOpening(ms, calendar, port) === ms;
}

/**
 * The instant at which `percent` of the business time between `startMs` and `dueMs` has elapsed:
 * when a lead becomes "Due soon" (`sla.dueSoonPercent`). Rounded to the millisecond.
 */
export function dueSoonAt(startMs: number, dueMs: number, percent: number, calendar: BusinessCalendar, port: TimePort): number {
  finite(startMs, 'the start');
  finite(dueMs, 'the due time');
  if (!(percent >= 0 && percent <= 100)) throw new RangeError(`percent must be between 0 and 100, not ${percent}`);
  if (dueMs <= startMs) return dueMs;
  const total = businessMsBetween(startMs, dueMs, calendar, port);
  return addBusinessMs(startMs, Math.round((total * percent) / 100), calendar, port);
}
