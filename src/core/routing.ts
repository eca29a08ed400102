/**
 * Decides the owner of each Ready lead (SPEC.md, "Configuration": team, routing): a returning
 * contact goes back to their previous owner when available; otherwise the first matching rule
 * whose pool has someone available, then the fallback, balanced per rule; otherwise no owner,
 * with the reason (the failure queue takes it from there). Every decision says why.
 */
import { availabilityOf } from './availability';
import { pick, type Balance, type PoolState } from './balancing';
import { evaluate, type CellValue } from './conditions';
import type { BatonConfig, TeamMember } from './config-schema';

export interface RoutingState {
  /** Pool state per rule name; the fallback pool is under FALLBACK. */
  pools: Record<string, PoolState>;
}

export const FALLBACK = '(fallback)';

export interface RoutableLead {
  leadId: string;
  fields: Record<string, CellValue | undefined>;
  /** The owner of a closed lead for the same person, if any (stickiness). */
  previous?: { leadId: string; owner: string };
}

export interface Assignment {
  leadId: string;
  owner: string | null;
  /** The rule that matched ('(returning contact)', '(fallback)'), or null when nobody could take it. */
  rule: string | null;
  reason: string;
}

export interface RoutingResult {
  assignments: Assignment[];
  state: RoutingState;
  /** Open leads per member after these assignments. */
  load: Record<string, number>;
}

export const RETURNING = '(returning contact)';

/**
 * Routes `leads` in order, each assignment counting toward the next one's load and turn.
 * `load` is the open leads (Assigned or Contacted) per member before this run; `today` the date
 * in the config time zone.
 */
export function route(leads: RoutableLead[], config: BatonConfig, state: RoutingState, load: Record<string, number>, today: string): RoutingResult {
  const team = new Map(config.team.map((m) => [m.email, m]));
  const pools: Record<string, PoolState> = { ...state.pools };
  const open: Record<string, number> = { ...load };
  const assignments: Assignment[] = [];

  const check = (email: string) => {
    const member = team.get(email);
    if (!member) return { available: false, reason: 'not on the team' };
    return availabilityOf(member, today, open[email] ?? 0);
  };

  const tryPool = (name: string, pool: string[], balance: Balance, notes: string[]): { owner: string; detail: string } | null => {
    const skipped: string[] = [];
    const candidates = [];
    for (const email of pool) {
      const a = check(email);
      if (a.available) candidates.push({ email, weight: (team.get(email) as TeamMember).weight, openLeads: open[email] ?? 0 });
      else skipped.push(`${email} (${a.reason})`);
    }
    const chosen = pick(balance, pool, candidates, pools[name] ?? {});
    const label = name === FALLBACK ? 'Fallback' : `Rule '${name}'`;
    const skippedText = skipped.length ? `; skipped ${skipped.join(', ')}` : '';
    if (!chosen) {
      notes.push(`${label} matched but nobody in it can take the lead${skippedText}.`);
      return null;
    }
    pools[name] = chosen.state;
    notes.push(`${label} matched; considered ${pool.join(', ')}${skippedText}; ${chosen.detail}.`);
    return { owner: chosen.email, detail: chosen.detail };
  };

  for (const lead of leads) {
    const notes: string[] = [];
    let owner: string | null = null;
    let rule: string | null = null;
    if (lead.previous) {
      const a = check(lead.previous.owner);
      if (a.available) {
        owner = lead.previous.owner;
        rule = RETURNING;
        notes.push(`Returning contact: ${lead.previous.leadId} was owned by ${owner}, who is available.`);
      } else {
        notes.push(`Returning contact: ${lead.previous.leadId} was owned by ${lead.previous.owner}, who is ${a.reason}; routed as usual.`);
      }
    }
    for (const r of config.routing.rules) {
      if (owner) break;
      if (!evaluate(r.when ?? null, lead.fields)) continue;
      const got = tryPool(r.name, r.assignTo, r.balance, notes);
      if (got) {
        owner = got.owner;
        rule = r.name;
      }
    }
    if (!owner && config.routing.fallback.length) {
      const got = tryPool(FALLBACK, config.routing.fallback, 'round_robin', notes);
      if (got) {
        owner = got.owner;
        rule = FALLBACK;
      }
    }
    if (!owner) {
      if (!notes.length) notes.push('No routing rule matched and there is no fallback.');
    } else {
      open[owner] = (open[owner] ?? 0) + 1;
    }
    assignments.push({ leadId: lead.leadId, owner, rule, reason: notes.join(' ') });
  }
  return { assignments, state: { pools }, load: open };
}
