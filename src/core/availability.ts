/**
 * Whether a team member can take a lead now: active, not away (dates in the config time zone),
 * and under capacity. The reason for a "no" is kept: it goes into the assignment's log row.
 */
import type { TeamMember } from './config-schema';

export interface Availability {
  available: boolean;
  /** Why not, in words: "away until 2026-03-06", "at capacity (10 of 10 open)", "inactive". */
  reason: string;
}

/** `today` is the date in the config's time zone, 'YYYY-MM-DD' (the shell computes it). */
export function availabilityOf(member: TeamMember, today: string, openLeads: number): Availability {
  if (!member.active) return { available: false, reason: 'inactive' };
  const away = (member.away ?? []).find((a) => a.from <= today && today <= a.to);
  if (away) return { available: false, reason: `away until ${away.to}` };
  if (openLeads >= member.capacity) return { available: false, reason: `at capacity (${openLeads} of ${member.capacity} open)` };
  return { available: true, reason: '' };
}
