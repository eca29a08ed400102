/**
 * When the weekly report is due (SPEC.md, `report.weekday`, `report.hour`): weeks run Monday to
 * Sunday in the config time zone, and the report covers the last full week. Week boundaries are
 * local midnights found through the TimePort, so a week with a DST change is 167 or 169 hours.
 */
import { isoDate, type TimePort } from './time-port';

const DAY = 86_400_000;

/** Days since 1970-01-01 of a local date 'YYYY-MM-DD' (calendar arithmetic, no time zone). */
function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

function dateOf(n: number): string {
  const d = new Date(n * DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** The Monday (local date) of the week holding instant `ms`. */
export function mondayOf(ms: number, port: TimePort): string {
  const w = port.wall(ms);
  return addDays(w.date, 1 - w.weekday);
}

/** The local midnight starting `date`. */
export function midnight(date: string, port: TimePort): number {
  const [year, month, day] = date.split('-').map(Number);
  return port.instant({ year, month, day });
}

/** The week starting on Monday `weekStart`: [its Monday's midnight, the next Monday's). */
export function weekBounds(weekStart: string, port: TimePort): { start: number; end: number } {
  return { start: midnight(weekStart, port), end: midnight(addDays(weekStart, 7), port) };
}

/** The Monday of the last full week before instant `ms`. */
export function lastFullWeek(ms: number, port: TimePort): string {
  return addDays(mondayOf(ms, port), -7);
}

export interface ReportSchedule {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 0–23, local. */
  hour: number;
}

/** The instant of this week's scheduled build (the week holding `ms`). */
export function scheduledAt(ms: number, schedule: ReportSchedule, port: TimePort): number {
  const [year, month, day] = addDays(mondayOf(ms, port), schedule.weekday - 1).split('-').map(Number);
  return port.instant({ year, month, day, hour: schedule.hour });
}

/**
 * The week (its Monday) whose report is due at `ms`: the last full week, once this week's
 * scheduled weekday and hour have come, unless it was built already (`lastBuilt`). Null otherwise.
 */
export function reportDue(ms: number, schedule: ReportSchedule, lastBuilt: string | null, port: TimePort): string | null {
  if (ms < scheduledAt(ms, schedule, port)) return null;
  const week = lastFullWeek(ms, port);
  return lastBuilt !== null && lastBuilt >= week ? null : week;
}
