/**
 * A TimePort for tests, on Node's Intl through the emulator's time-zone arithmetic (Apps Script may
 * not have Intl time zones: the shipped port is src/gas/time-port.ts). It counts its calls so tests
 * can check how often a caller converts.
 */
import { tzOffsetMs, wallClock, zonedParts } from '../../emulator/time-zones';
import { isoDate, type TimePort, type Wall, type WallInput } from '../../src/core/time-port';

const DAY = 24 * 60 * 60_000;

export type IntlTimePort = TimePort & { calls: { wall: number; instant: number } };

export function intlTimePort(timeZone: string): IntlTimePort {
  /** The wall-clock time (wall ms) instant `ms` shows, to the second. */
  const wallMs = (ms: number) => {
    const p = zonedParts(ms, timeZone);
    return wallClock(p.year, p.month, p.day, p.hour, p.minute, p.second);
  };
  const offset = (ms: number) => tzOffsetMs(ms, timeZone);
  const calls = { wall: 0, instant: 0 };
  return {
    calls,
    wall(ms: number): Wall {
      calls.wall++;
      const p = zonedParts(ms, timeZone);
      return { ...p, date: isoDate(p.year, p.month, p.day) };
    },
    instant(w: WallInput): number {
      calls.instant++;
      const wall = wallClock(w.year, w.month, w.day, w.hour ?? 0, w.minute ?? 0, w.second ?? 0);
      // The offsets a day either side; of the instants they give for `wall`, the earlier that shows it.
      const before = offset(wall - DAY);
      const after = offset(wall + DAY);
      const valid = [before, after].filter((o) => offset(wall - o) === o).map((o) => wall - o);
      if (valid.length) return Math.min(...valid);
      // In a gap: bisect for the first second whose wall time is past `wall`.
      let lo = (wall - after) / 1000;
      let hi = (wall - before) / 1000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (wallMs(mid * 1000) < wall) lo = mid;
        else hi = mid;
      }
      return hi * 1000;
    },
  };
}
