/**
 * Picks one member of a rule's pool among those available, by the rule's balance:
 * - round_robin: the next available member after the last one chosen (kept by e-mail, so adding
 *   or removing a member does not reset everyone's turn);
 * - weighted: smooth weighted round robin (as in nginx): every pick adds each available member's
 *   weight to their running score, takes the highest, and subtracts the total from the winner, so
 *   counts stay within one of the weights' proportions over any window, with no bursts;
 * - least_loaded: fewest open leads, ties broken in round-robin order.
 */

export type Balance = 'round_robin' | 'weighted' | 'least_loaded';

/** What a pool remembers between runs. */
export interface PoolState {
  last?: string;
  scores?: Record<string, number>;
}

export interface Candidate {
  email: string;
  weight: number;
  openLeads: number;
}

export interface Pick {
  email: string;
  state: PoolState;
  /** The balance state in words, for the log. */
  detail: string;
}

/** The pool rotated to start after the last pick (members in pool order). */
function rotation(pool: string[], last: string | undefined): string[] {
  const i = last === undefined ? -1 : pool.indexOf(last);
  return i < 0 ? pool : [...pool.slice(i + 1), ...pool.slice(0, i + 1)];
}

export function pick(balance: Balance, pool: string[], available: Candidate[], state: PoolState): Pick | null {
  if (available.length === 0) return null;
  const byEmail = new Map(available.map((c) => [c.email, c]));
  const order = rotation(pool, state.last).filter((e) => byEmail.has(e));
  switch (balance) {
    case 'round_robin': {
      const email = order[0];
      return { email, state: { ...state, last: email }, detail: `round robin: after ${state.last ?? 'nobody yet'} comes ${email}` };
    }
    case 'least_loaded': {
      const fewest = Math.min(...available.map((c) => c.openLeads));
      const email = order.find((e) => byEmail.get(e)!.openLeads === fewest)!;
      const loads = order.map((e) => `${e} ${byEmail.get(e)!.openLeads}`).join(', ');
      return { email, state: { ...state, last: email }, detail: `least loaded: open leads ${loads}` };
    }
    case 'weighted': {
      const scores: Record<string, number> = {};
      // Members who left the pool drop out; scores of the others carry over.
      for (const e of pool) scores[e] = state.scores?.[e] ?? 0;
      let total = 0;
      for (const e of order) {
        const w = byEmail.get(e)!.weight;
        scores[e] += w;
        total += w;
      }
      let best = order[0];
      for (const e of order) if (scores[e] > scores[best]) best = e;
      scores[best] -= total;
      const shown = order.map((e) => `${e} ${scores[e]}`).join(', ');
      return { email: best, state: { last: best, scores }, detail: `weighted: scores after this pick ${shown}` };
    }
  }
}
