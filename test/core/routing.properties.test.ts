import fc from 'fast-check';
import { pick, type PoolState } from '../../src/core/balancing';
import { parseConfig, type BatonConfig } from '../../src/core/config';
import { route, type RoutingState } from '../../src/core/routing';

const TODAY = '2026-03-04';

describe('weighted balancing (smooth weighted round robin)', () => {
  it('keeps every member within one of their ideal share at every prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 200 }), (weights, n) => {
        const pool = weights.map((_, i) => `m${i}@x.test`);
        const candidates = pool.map((email, i) => ({ email, weight: weights[i], openLeads: 0 }));
        const total = weights.reduce((a, b) => a + b, 0);
        const counts = new Map(pool.map((e) => [e, 0]));
        let state: PoolState = {};
        for (let k = 1; k <= n; k++) {
          const p = pick('weighted', pool, candidates, state)!;
          state = p.state;
          counts.set(p.email, counts.get(p.email)! + 1);
          pool.forEach((e, i) => expect(Math.abs(counts.get(e)! - (k * weights[i]) / total)).toBeLessThanOrEqual(1));
        }
      }),
    );
  });

  it('does not send bursts to the heaviest member', () => {
    const pool = ['a', 'b', 'c'];
    const candidates = [{ email: 'a', weight: 5, openLeads: 0 }, { email: 'b', weight: 1, openLeads: 0 }, { email: 'c', weight: 1, openLeads: 0 }];
    let state: PoolState = {};
    const picks: string[] = [];
    for (let i = 0; i < 7; i++) {
      const p = pick('weighted', pool, candidates, state)!;
      state = p.state;
      picks.push(p.email);
    }
    expect(picks).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });
});

describe('round robin', () => {
  it('keeps the turn by e-mail when a member joins', () => {
    const c = (email: string) => ({ email, weight: 1, openLeads: 0 });
    const p1 = pick('round_robin', ['a', 'b', 'c'], [c('a'), c('b'), c('c')], { last: 'b' })!;
    expect(p1.email).toBe('c');
    const p2 = pick('round_robin', ['a', 'd', 'b', 'c'], [c('a'), c('d'), c('b'), c('c')], { last: 'b' })!;
    expect(p2.email).toBe('c');
  });
});

function teamConfig(members: { capacity: number; weight: number; active: boolean; away: boolean }[]): BatonConfig {
  const team = members.map((m, i) => ({
    email: `m${i}@acme.test`,
    name: `M${i}`,
    active: m.active,
    capacity: m.capacity,
    weight: m.weight,
    away: m.away ? [{ from: '2026-03-02', to: '2026-03-06' }] : [],
  }));
  const r = parseConfig(
    {
      version: 1,
      managers: ['boss@acme.test'],
      team,
      routing: {
        rules: [
          { name: 'Big', when: { all: [{ field: 'dealSize', op: '>=', value: 5000 }] }, assignTo: team.slice(0, Math.ceil(team.length / 2)).map((m) => m.email), balance: 'weighted' },
          { name: 'All', assignTo: team.map((m) => m.email), balance: 'least_loaded' },
        ],
        fallback: [team[0].email],
      },
    },
    'America/New_York',
  );
  if (!r.ok) throw new Error(r.problems.join(' '));
  return r.config;
}

describe('routing (property)', () => {
  const member = fc.record({ capacity: fc.integer({ min: 0, max: 6 }), weight: fc.integer({ min: 1, max: 5 }), active: fc.boolean(), away: fc.boolean() });
  const leads = fc.array(fc.integer({ min: 0, max: 10000 }), { maxLength: 40 });

  it('never exceeds capacity, never picks the away or inactive, routes every lead someone can take, and repeats itself', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 6 }), leads, (members, deals) => {
        const config = teamConfig(members);
        const input = deals.map((d, i) => ({ leadId: `L-${i}`, fields: { dealSize: d } }));
        const state: RoutingState = { pools: {} };
        const first = route(input, config, state, {}, TODAY);
        const second = route(input, config, state, {}, TODAY);
        expect(second).toEqual(first);
        const counts: Record<string, number> = {};
        for (const a of first.assignments) {
          if (!a.owner) continue;
          counts[a.owner] = (counts[a.owner] ?? 0) + 1;
          const m = config.team.find((t) => t.email === a.owner)!;
          expect(m.active).toBe(true);
          expect(m.away).toEqual([]);
        }
        for (const m of config.team) expect(counts[m.email] ?? 0).toBeLessThanOrEqual(m.capacity);
        // A lead left without an owner means everybody able to take it was full, away or inactive.
        const spare = config.team.filter((m) => m.active && m.away.length === 0 && (counts[m.email] ?? 0) < m.capacity);
        if (first.assignments.some((a) => !a.owner)) expect(spare).toEqual([]);
      }),
    );
  });
});

describe('routing decisions', () => {
  const config = teamConfig([
    { capacity: 5, weight: 1, active: true, away: true },
    { capacity: 5, weight: 1, active: true, away: false },
  ]);

  it('explains who was considered and who skipped', () => {
    const r = route([{ leadId: 'L-1', fields: { dealSize: 9000 } }], config, { pools: {} }, {}, TODAY);
    expect(r.assignments[0]).toEqual({
      leadId: 'L-1',
      owner: 'm1@acme.test',
      rule: 'All',
      reason:
        "Rule 'Big' matched but nobody in it can take the lead; skipped m0@acme.test (away until 2026-03-06). " +
        "Rule 'All' matched; considered m0@acme.test, m1@acme.test; skipped m0@acme.test (away until 2026-03-06); least loaded: open leads m1@acme.test 0.",
    });
  });

  it('sends a returning contact to their previous owner when available', () => {
    const r = route([{ leadId: 'L-2', fields: {}, previous: { leadId: 'L-1', owner: 'm1@acme.test' } }], config, { pools: {} }, {}, TODAY);
    expect(r.assignments[0]).toMatchObject({ owner: 'm1@acme.test', rule: '(returning contact)' });
  });

  it('says so when nobody can take a lead', () => {
    const r = route([{ leadId: 'L-3', fields: {} }], config, { pools: {} }, { 'm1@acme.test': 5 }, TODAY);
    expect(r.assignments[0].owner).toBeNull();
    expect(r.assignments[0].reason).toBe(
      "Rule 'All' matched but nobody in it can take the lead; skipped m0@acme.test (away until 2026-03-06), m1@acme.test (at capacity (5 of 5 open)). " +
        'Fallback matched but nobody in it can take the lead; skipped m0@acme.test (away until 2026-03-06).',
    );
  });
});
