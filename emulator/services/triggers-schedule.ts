/**
 * Clock-trigger schedules: wall-clock arithmetic in a time zone and the seeded ("jittered") fire
 * times Apps Script uses (PLATFORM.md, Triggers: "a 9 AM daily trigger fires once somewhere in
 * 9–10 AM and keeps that slot"). Pure functions of their inputs; the seeded draws are made once, at
 * creation, by `planSchedule` and stored in the schedule, so every later fire time is deterministic.
 */
import { zonedParts, zonedToUtc } from '../time-zones';

export { zonedParts } from '../time-zones';
export type { ZonedParts } from '../time-zones';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY_S = 86_400;

/** 'minutes' | 'hours' | 'days' | 'weeks' | 'months' recur; 'once' is at(), after() or atDate(). */
export type ScheduleKind = 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'once';

export interface ClockSchedule {
  kind: ScheduleKind;
  /** n of everyMinutes/everyHours/everyDays/everyWeeks (1 for months and once). */
  every: number;
  /** IANA zone the wall-clock parts (atHour, onWeekDay, ...) are read in. */
  timezone: string;
  atHour: number | null;
  nearMinute: number | null;
  /** ISO weekday 1 = Monday … 7 = Sunday. */
  weekDay: number | null;
  monthDay: number | null;
  /** 'once': the requested instant (ms) before jitter. */
  at: number | null;
  /** Seeded slot: seconds within the hour ('hours' with nearMinute) or within the local day. */
  slotSec: number | null;
  /** Seeded offset (ms): first fire after creation ('minutes', plain 'hours'), or jitter of 'once'. */
  offsetMs: number | null;
  /** Human-readable summary, for reports. */
  description: string;
}

/** What the builder collected; validated by the caller before `planSchedule`. */
export interface ClockSpec {
  minutes?: number;
  hours?: number;
  days?: number;
  weeks?: number;
  atHour?: number;
  nearMinute?: number;
  weekDay?: number;
  monthDay?: number;
  at?: number;
  after?: number;
  atDate?: { year: number; month: number; day: number };
  timezone: string;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

/** ISO 8601 week number of a calendar date. */
export function isoWeek(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function atSlot(d: LocalDate, slotSec: number, tz: string): number {
  return zonedToUtc(d.year, d.month, d.day, 0, 0, slotSec, tz);
}

function localDate(ms: number, tz: string): LocalDate {
  const p = zonedParts(ms, tz);
  return { year: p.year, month: p.month, day: p.day };
}

// ---------------------------------------------------------------------------------------------
// Planning and stepping

/** Seconds within the day for an atHour/nearMinute pair (or none), drawn from `random`. */
function daySlot(spec: ClockSpec, random: () => number): number {
  let s: number;
  if (spec.atHour !== undefined && spec.nearMinute !== undefined) {
    s = spec.atHour * 3600 + spec.nearMinute * 60 + Math.floor((random() * 2 - 1) * 15 * 60);
  } else if (spec.atHour !== undefined) {
    s = spec.atHour * 3600 + Math.floor(random() * 3600); // somewhere in h..h+1 (guides/triggers/installable)
  } else if (spec.nearMinute !== undefined) {
    s = Math.floor(random() * 24) * 3600 + spec.nearMinute * 60 + Math.floor((random() * 2 - 1) * 15 * 60);
  } else {
    s = Math.floor(random() * DAY_S);
  }
  return ((s % DAY_S) + DAY_S) % DAY_S;
}

/** Turns a validated builder spec into a schedule, drawing the seeded jitter now. */
export function planSchedule(spec: ClockSpec, createdAt: number, random: () => number): ClockSchedule {
  const base: ClockSchedule = {
    kind: 'once',
    every: 1,
    timezone: spec.timezone,
    atHour: spec.atHour ?? null,
    nearMinute: spec.nearMinute ?? null,
    weekDay: spec.weekDay ?? null,
    monthDay: spec.monthDay ?? null,
    at: null,
    slotSec: null,
    offsetMs: null,
    description: '',
  };
  if (spec.minutes !== undefined) {
    return { ...base, kind: 'minutes', every: spec.minutes, offsetMs: Math.floor(random() * spec.minutes * 60) * 1000, description: `every ${spec.minutes} min` };
  }
  if (spec.hours !== undefined) {
    if (spec.nearMinute !== undefined) {
      const s = spec.nearMinute * 60 + Math.floor((random() * 2 - 1) * 15 * 60);
      return { ...base, kind: 'hours', every: spec.hours, slotSec: ((s % 3600) + 3600) % 3600, description: `every ${spec.hours} h near :${spec.nearMinute}` };
    }
    return { ...base, kind: 'hours', every: spec.hours, offsetMs: Math.floor(random() * spec.hours * 3600) * 1000, description: `every ${spec.hours} h` };
  }
  if (spec.at !== undefined || spec.after !== undefined) {
    const at = spec.at ?? createdAt + (spec.after ?? 0);
    return { ...base, kind: 'once', at, offsetMs: Math.floor(random() * 60) * 1000, description: `once at ${new Date(at).toISOString()}` };
  }
  if (spec.atDate) {
    const { year, month, day } = spec.atDate;
    let at: number;
    let jitter: number;
    if (spec.atHour !== undefined) {
      at = zonedToUtc(year, month, day, spec.atHour, spec.nearMinute ?? 0, 0, spec.timezone);
      jitter = spec.nearMinute !== undefined ? Math.floor((random() * 2 - 1) * 15 * 60) : Math.floor(random() * 3600);
    } else {
      at = zonedToUtc(year, month, day, 0, spec.nearMinute ?? 0, 0, spec.timezone);
      jitter = Math.floor((random() * 2 - 1) * 15 * 60); // "near midnight (+/- 15 minutes)"
    }
    return { ...base, kind: 'once', at, offsetMs: jitter * 1000, description: `once on ${year}-${month}-${day}` };
  }
  const slotSec = daySlot(spec, random);
  const hh = String(Math.floor(slotSec / 3600)).padStart(2, '0');
  const mm = String(Math.floor((slotSec % 3600) / 60)).padStart(2, '0');
  if (spec.monthDay !== undefined) {
    return { ...base, kind: 'months', slotSec, description: `monthly on day ${spec.monthDay} at ${hh}:${mm} ${spec.timezone}` };
  }
  if (spec.weeks !== undefined || spec.weekDay !== undefined) {
    const every = spec.weeks ?? 1;
    return { ...base, kind: 'weeks', every, slotSec, description: `every ${every} week(s) on weekday ${spec.weekDay ?? '(creation day)'} at ${hh}:${mm} ${spec.timezone}` };
  }
  const every = spec.days ?? 1;
  return { ...base, kind: 'days', every, slotSec, description: `every ${every} day(s) at ${hh}:${mm} ${spec.timezone}` };
}

/** The first fire time of a schedule created at `createdAt`. */
export function firstFire(s: ClockSchedule, createdAt: number): number {
  const tz = s.timezone;
  switch (s.kind) {
    case 'minutes':
    case 'hours':
      if (s.slotSec === null) return createdAt + (s.offsetMs ?? 0);
      {
        const p = zonedParts(createdAt, tz);
        let c = Math.floor(createdAt / 1000) * 1000 - (p.minute * 60 + p.second) * 1000 + s.slotSec * 1000;
        while (c <= createdAt) c += HOUR;
        return c;
      }
    case 'once':
      return Math.max(createdAt, (s.at ?? createdAt) + (s.offsetMs ?? 0));
    case 'days': {
      const start = localDate(createdAt, tz);
      for (let k = 0; ; k++) {
        const c = atSlot(addDays(start, k), s.slotSec!, tz);
        if (c > createdAt) return c;
      }
    }
    case 'weeks': {
      const start = localDate(createdAt, tz);
      const wd = s.weekDay ?? isoWeekday(start.year, start.month, start.day);
      for (let k = 0; ; k++) {
        const d = addDays(start, k);
        if (isoWeekday(d.year, d.month, d.day) !== wd) continue;
        const c = atSlot(d, s.slotSec!, tz);
        if (c > createdAt) return c;
      }
    }
    case 'months': {
      const start = localDate(createdAt, tz);
      for (let k = 0; ; k++) {
        const y = start.year + Math.floor((start.month - 1 + k) / 12);
        const m = ((start.month - 1 + k) % 12) + 1;
        if (s.monthDay! > daysInMonth(y, m)) continue;
        const c = atSlot({ year: y, month: m, day: s.monthDay! }, s.slotSec!, tz);
        if (c > createdAt) return c;
      }
    }
  }
}

/** The fire time after one at `prev`, or null for a one-shot trigger. Keeps the wall-clock slot across DST. */
export function nextFire(s: ClockSchedule, prev: number): number | null {
  const tz = s.timezone;
  switch (s.kind) {
    case 'minutes':
      return prev + s.every * MINUTE;
    case 'hours':
      return prev + s.every * HOUR;
    case 'once':
      return null;
    case 'days':
      return atSlot(addDays(localDate(prev, tz), s.every), s.slotSec!, tz);
    case 'weeks':
      return atSlot(addDays(localDate(prev, tz), 7 * s.every), s.slotSec!, tz);
    case 'months': {
      const d = localDate(prev, tz);
      for (let k = 1; ; k++) {
        const y = d.year + Math.floor((d.month - 1 + k) / 12);
        const m = ((d.month - 1 + k) % 12) + 1;
        if (s.monthDay! <= daysInMonth(y, m)) return atSlot({ year: y, month: m, day: s.monthDay! }, s.slotSec!, tz);
      }
    }
  }
}
