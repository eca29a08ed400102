/**
 * The TimePort of the core (src/core/time-port.ts) on Apps Script, built on
 * Utilities.formatDate alone: Intl time zones are not to be relied on there (ENGINEERING.md).
 *
 * formatDate is a service call, so the port learns the zone's UTC offset one UTC day at a time:
 * it formats the start of the day and the start of the next one; equal offsets mean the day has
 * none of the zone's transitions (zones change offset at most once a day), different ones mean a
 * transition, found to the second by bisection (about 17 more calls, twice a year). Every later
 * conversion in that day is arithmetic on the cached offsets. One port per zone serves the whole
 * execution, and the days it learned are kept for the next runs (`rememberZoneDays`, `learnedZoneDays`).
 */
import { isoDate, TimePort, Wall, WallInput } from '../core/time-port';

const SECOND = 1000;
const DAY = 86_400_000;

/** What one UTC day knows: the offset at its start, and the transition within it if any. */
interface DayOffsets {
  offset: number;
  change: { at: number; offset: number } | null;
}

const PATTERN = 'yyyy-MM-dd HH:mm:ss';

/**
 * Zones whose offset is zero all year. Any other zone that formats with offset zero both at an
 * instant and half a year later is one Java does not know: Utilities.formatDate formats an unknown
 * zone as GMT without an error (java.util.TimeZone.getTimeZone; docs/PLATFORM-FACTS.md), which
 * would move every due time by hours without a word.
 */
const ALWAYS_GMT = new Set(
  (
    'UTC GMT UCT Universal Zulu Greenwich GMT0 GMT+0 GMT-0 Iceland Etc/UTC Etc/GMT Etc/UCT Etc/Universal Etc/Zulu Etc/Greenwich ' +
    'Etc/GMT0 Etc/GMT+0 Etc/GMT-0 Africa/Abidjan Africa/Accra Africa/Bamako Africa/Banjul Africa/Bissau Africa/Conakry Africa/Dakar ' +
    'Africa/Freetown Africa/Lome Africa/Monrovia Africa/Nouakchott Africa/Ouagadougou Africa/Sao_Tome Africa/Timbuktu ' +
    'Atlantic/Reykjavik Atlantic/St_Helena America/Danmarkshavn'
  ).split(' '),
);
const HALF_YEAR = 182 * DAY;

/**
 * A port on `timeZone` once Google is known to have the zone, or why it does not: checked through
 * Utilities.formatDate itself (the zone list Google really uses, aliases included). The port's
 * first reading does it (a zero offset is checked again half a year away), and the port is kept.
 */
export function checkedTimePort(timeZone: string, at: number): { port: TimePort; problem: null } | { port: null; problem: string } {
  const port = timePort(timeZone);
  try {
    port.wall(at);
    return { port, problem: null };
  } catch (err) {
    return { port: null, problem: err instanceof Error ? `${err.message}.` : String(err) };
  }
}

/** Why Google would not know `timeZone`, or null (see checkedTimePort). */
export function timeZoneProblem(timeZone: string, at: number): string | null {
  return checkedTimePort(timeZone, at).problem;
}

export function unknownTimeZoneMessage(timeZone: string): string {
  return `The time zone "${timeZone}" is not one Google knows (Google would silently use GMT). Set a zone like America/New_York in Settings`;
}

/**
 * The days' offsets runs learned, kept in a document property so the next runs convert instants
 * without a formatDate call: a run on one lead would otherwise spend five on its due time. Only
 * days near today are kept (a zone's offsets for a day do not change, short of a change to the
 * zone's rules, which governments announce months ahead).
 */
export const ZONE_DAYS_KEY = 'baton.zoneDays';
const KEPT_DAYS = 32;

type StoredDays = { zone: string; days: [day: number, offset: number, changeAt: number | null, changeOffset: number | null][] };

/**
 * The ports of this execution, one per zone, sharing what they learn: Apps Script gives every
 * execution a fresh global scope, so this lives exactly as long as one run.
 */
const ports = new Map<string, { port: TimePort; days: Map<number, DayOffsets>; seeded: Set<number> }>();
let stored: StoredDays | null = null;

/** The days earlier runs learned (from a getProperties snapshot: no call); before any port is made. */
export function rememberZoneDays(all: Record<string, string>): void {
  try {
    const parsed = JSON.parse(all[ZONE_DAYS_KEY] ?? 'null') as StoredDays | null;
    stored = parsed && typeof parsed.zone === 'string' && Array.isArray(parsed.days) ? parsed : null;
  } catch {
    stored = null;
  }
}

/** The property to write when this run's ports learned days the stored ones lack: {} when none. */
export function learnedZoneDays(): Record<string, string> {
  for (const [zone, p] of ports) {
    if (p.days.size === p.seeded.size) continue;
    const days = [...p.days].sort((a, b) => b[0] - a[0]).slice(0, KEPT_DAYS);
    const value: StoredDays = { zone, days: days.map(([d, o]) => [d, o.offset, o.change?.at ?? null, o.change?.offset ?? null]) };
    return { [ZONE_DAYS_KEY]: JSON.stringify(value) };
  }
  return {};
}

/** The port on `timeZone` of this execution (see `ports`), seeded with the days earlier runs learned. */
export function timePort(timeZone: string): TimePort {
  let p = ports.get(timeZone);
  if (!p) {
    const days = new Map<number, DayOffsets>();
    for (const [d, offset, at, changed] of stored?.zone === timeZone ? stored.days : []) {
      if (Number.isFinite(d) && Number.isFinite(offset)) days.set(d, { offset, change: at !== null && changed !== null ? { at, offset: changed } : null });
    }
    p = { port: makePort(timeZone, days), days, seeded: new Set(days.keys()) };
    ports.set(timeZone, p);
  }
  return p.port;
}

function makePort(timeZone: string, days: Map<number, DayOffsets>): TimePort {
  const probes = new Map<number, number>();
  // Days learned before were learned by a port whose zone passed this check.
  let zoneChecked = ALWAYS_GMT.has(timeZone) || days.size > 0;

  /** Called with each new offset: a zero offset in a zone that should have another is checked once, half a year away. */
  function checkZone(ms: number, offset: number): void {
    if (zoneChecked || offset !== 0) {
      zoneChecked = true;
      return;
    }
    zoneChecked = true;
    if (probe(ms + HALF_YEAR) === 0) unknown = unknownTimeZoneMessage(timeZone);
  }
  // The port is kept for the execution: once the zone is found unknown, every use says so.
  let unknown: string | null = null;

  /** The zone's offset from UTC at whole second `ms`, in ms: one formatDate call, remembered. */
  function probe(ms: number): number {
    if (unknown) throw new Error(unknown);
    let offset = probes.get(ms);
    if (offset === undefined) {
      const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(Utilities.formatDate(new Date(ms), timeZone, PATTERN));
      if (!m) throw new Error(`Utilities.formatDate gave an unexpected date for ${timeZone}`);
      const d = new Date(0);
      d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), 0);
      offset = d.getTime() - ms;
      probes.set(ms, offset);
      checkZone(ms, offset);
      if (unknown) throw new Error(unknown);
    }
    return offset;
  }

  function day(key: number): DayOffsets {
    let info = days.get(key);
    if (!info) {
      const start = key * DAY;
      const offset = probe(start);
      const after = probe(start + DAY);
      let change: DayOffsets['change'] = null;
      if (after !== offset) {
        // Bisect for the first second with the new offset: lo has the old one, hi the new one.
        let lo = start / SECOND;
        let hi = (start + DAY) / SECOND;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (probe(mid * SECOND) === offset) lo = mid;
          else hi = mid;
        }
        change = { at: hi * SECOND, offset: probe(hi * SECOND) };
      }
      info = { offset, change };
      days.set(key, info);
    }
    return info;
  }

  function offsetAt(ms: number): number {
    const info = day(Math.floor(ms / DAY));
    return info.change && ms >= info.change.at ? info.change.offset : info.offset;
  }

  /** The first transition in (a, b], if any; a and b are at most a day or two apart. */
  function transitionAfter(a: number, b: number): number | null {
    for (let key = Math.floor(a / DAY); key <= Math.floor(b / DAY); key++) {
      const change = day(key).change;
      if (change && change.at > a && change.at <= b) return change.at;
    }
    return null;
  }

  return {
    wall(ms: number): Wall {
      const d = new Date(ms + offsetAt(ms));
      const year = d.getUTCFullYear();
      const month = d.getUTCMonth() + 1;
      const dayOfMonth = d.getUTCDate();
      return {
        year,
        month,
        day: dayOfMonth,
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        weekday: ((d.getUTCDay() + 6) % 7) + 1,
        date: isoDate(year, month, dayOfMonth),
      };
    },

    instant(w: WallInput): number {
      const d = new Date(0);
      d.setUTCFullYear(w.year, w.month - 1, w.day);
      d.setUTCHours(w.hour ?? 0, w.minute ?? 0, w.second ?? 0, 0);
      const wall = d.getTime();
      // Offsets never exceed a day, so the offsets a day either side are the only candidates.
      const before = offsetAt(wall - DAY);
      const after = offsetAt(wall + DAY);
      const valid = [before, after].filter((o) => offsetAt(wall - o) === o).map((o) => wall - o);
      if (valid.length) return Math.min(...valid); // two in an overlap: the earlier one
      // A gap (clocks jumped forward over this time): the first valid instant is the jump itself.
      const jump = transitionAfter(wall - after, wall - before);
      if (jump === null) throw new Error(`no instant found for ${isoDate(w.year, w.month, w.day)} ${w.hour ?? 0}:${w.minute ?? 0} in ${timeZone}`);
      return jump;
    },
  };
}
