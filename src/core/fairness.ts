/**
 * The fairness view: per team member, the load and share routing works with, so a manager can
 * see at a glance whether the split is what the rules intend.
 */
import { availabilityOf } from './availability';
import type { CellValue } from './conditions';
import type { BatonConfig } from './config-schema';
import type { LeadColumns } from './lead-columns';
import { cellText } from './lead-checks';
import type { RoutingState } from './routing';
import { OWNED_STATUSES, parseStatus, type Status } from './statuses';
import { instantOf } from './cells';

export interface MemberFairness {
  email: string;
  name: string;
  openLeads: number;
  capacity: number;
  weight: number;
  /** Leads they own now that were assigned in the last 7 days (by Assigned At). */
  assignedLast7Days: number;
  available: boolean;
  /** Why not available ('' when available). */
  reason: string;
}

export interface FairnessView {
  members: MemberFairness[];
  /** Per rule (and '(fallback)'): whose turn was last, and the weighted scores. */
  pools: { rule: string; last: string | null; scores: Record<string, number> }[];
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export function fairness(rows: CellValue[][], columns: LeadColumns, config: BatonConfig, state: RoutingState, now: number, today: string): FairnessView {
  const open: Record<string, number> = {};
  const recent: Record<string, number> = {};
  const col = columns.index;
  for (const row of rows) {
    const owner = col.owner === undefined ? '' : cellText(row[col.owner]).toLowerCase();
    if (!owner) continue;
    const status = col.status === undefined ? null : parseStatus(row[col.status]);
    if (status && OWNED_STATUSES.includes(status as Status)) open[owner] = (open[owner] ?? 0) + 1;
    const assigned = col.assignedAt === undefined ? undefined : row[col.assignedAt];
    const assignedAt = instantOf(assigned);
    if (assignedAt !== null && now - assignedAt <= WEEK_MS) {
      recent[owner] = (recent[owner] ?? 0) + 1;
    }
  }
  const members = config.team.map((m) => {
    const a = availabilityOf(m, today, open[m.email] ?? 0);
    return {
      email: m.email,
      name: m.name,
      openLeads: open[m.email] ?? 0,
      capacity: m.capacity,
      weight: m.weight,
      assignedLast7Days: recent[m.email] ?? 0,
      available: a.available,
      reason: a.reason,
    };
  });
  const pools = Object.entries(state.pools).map(([rule, p]) => ({ rule, last: p.last ?? null, scores: p.scores ?? {} }));
  return { members, pools };
}
