/**
 * Time-zone arithmetic shared by the emulator's services (Intl; the emulator runs on Node with full
 * ICU): whether Intl knows a zone, the wall-clock fields of an instant in a zone, a zone's offset at
 * an instant, and the instant a wall-clock time in a zone denotes.
 *
 * A "wall" time is a wall-clock reading held as ms and read with the UTC getters (the spreadsheet's
 * date cells). Offsets are exact to the second, so the local mean time offsets of zones before 1900
 * (e.g. -4:56:02 in New York) round-trip. Years are astronomical (0 = 1 BC) and 0–99 are not mapped
 * to 1900–1999 the way `Date.UTC` maps them.
 *
 * Wall-clock times in a DST gap or overlap resolve as the two-step offset guess of `wallToInstant`
 * lands (see test/emulator/time-zones.test.ts for both directions east and west of Greenwich).
 */

export interface ZonedParts {
  /** Astronomical year: 1 BC is 0. */
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0–23. */
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const ISO_WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone; throws a RangeError for a zone Intl does not know. */
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Whether `tz` is a zone Intl knows (IANA names in any case, aliases, 'UTC', ...). */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The name Intl resolves a valid zone to (aliases and case folded: 'utc' → 'UTC'). */
export function resolvedTimeZone(tz: string): string {
  return formatter(tz).resolvedOptions().timeZone;
}

/** Wall-clock fields of instant `ms` in `tz` (to the second; the ms are not part of it). */
/**
 * Readings already made, per zone and instant: a tab of 100,000 leads holds the same few instants
 * many times (one run stamps them all), and Intl's formatToParts is the emulator's slowest step.
 */
const partsCache = new Map<string, Map<number, ZonedParts>>();
const PARTS_CACHE_MAX = 100_000;

export function zonedParts(ms: number, tz: string): ZonedParts {
  let zone = partsCache.get(tz);
  if (!zone) partsCache.set(tz, (zone = new Map()));
  const hit = zone.get(ms);
  if (hit) return { ...hit };
  const parts = readParts(ms, tz);
  if (zone.size >= PARTS_CACHE_MAX) zone.clear();
  zone.set(ms, parts);
  return { ...parts };
}

function readParts(ms: number, tz: string): ZonedParts {
  const p: Record<string, string> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) p[part.type] = part.value;
  let year = Number(p.year);
  if (p.era && /^B/i.test(p.era)) year = 1 - year;
  return {
    year,
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: ISO_WEEKDAY[p.weekday],
  };
}

/** Wall ms of calendar fields; fields may overflow (day 32, second 90000), years 0–99 are literal. */
export function wallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** Offset of `tz` from UTC at instant `ms`, in ms (to the second, so LMT offsets of 1899 work). */
export function tzOffsetMs(ms: number, tz: string): number {
  const base = Math.floor(ms / 1000) * 1000;
  const p = zonedParts(base, tz);
  return wallClock(p.year, p.month, p.day, p.hour, p.minute, p.second) - base;
}

/** The wall-clock time (wall ms) instant `ms` shows in `tz`. */
export function instantToWall(ms: number, tz: string): number {
  return ms + tzOffsetMs(ms, tz);
}

/** The instant a wall-clock time (wall ms) in `tz` denotes. */
export function wallToInstant(wall: number, tz: string): number {
  const first = wall - tzOffsetMs(wall, tz);
  return wall - tzOffsetMs(first, tz);
}

/** The instant a wall-clock time in `tz` denotes, from its fields (which may overflow). */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, tz: string): number {
  return wallToInstant(wallClock(year, month, day, hour, minute, second), tz);
}
