/**
 * The lifecycle oracle in CI (issue 15): a fixed set of 200 seeds, each a random sequence of
 * people's actions and faults (generate.ts) played on the built bundle, then a quiet hour of
 * sweeps, checked against the reference model (model.ts). A failing seed names its invariant;
 * `npm run soak -- --seeds 1 --from SEED` shrinks it into a replay file for `npm run simulate`.
 */
import { runSeed } from './run';

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

describe('the lifecycle oracle: invariants after random actions and faults, 200 seeds', () => {
  it.each(SEEDS)('seed %i: no invariant broken', (seed) => {
    const r = runSeed(seed);
    expect(r.violations.map((v) => `${v.invariant}: ${v.message}`)).toEqual([]);
  });
});
