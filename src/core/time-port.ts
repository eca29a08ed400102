/**
 * The port through which the core reads wall-clock time in the configured time zone. Apps Script
 * has no dependable Intl time zones, so the core never converts instants itself: the shell hands
 * it a TimePort (src/gas/time-port.ts, built on Utilities.formatDate) bound to one zone.
 */

/** A wall-clock reading in the port's zone, to the second. */
export interface Wall {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
  /** 0–23. */
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** The local calendar date, 'YYYY-MM-DD'. */
  date: string;
}

/** A wall-clock time to resolve to an instant; the time of day defaults to midnight. */
export interface WallInput {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/** Conversions between instants (ms since the epoch) and wall-clock time in ONE time zone. */
export interface TimePort {
  /** The wall-clock reading of instant `ms`. */
  wall(ms: number): Wall;
  /**
   * The instant a wall-clock time denotes. A time that does not exist (skipped by a DST jump
   * forward) resolves to the first valid instant after it, i.e. the instant of the jump; a time
   * that occurs twice (the hour repeated when clocks go back) resolves to the earlier instant.
   */
  instant(wall: WallInput): number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of a calendar date (years 0–9999). */
export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}
