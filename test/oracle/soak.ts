/**
 * `npm run soak -- --seeds N [--from S] [--workers K] [--no-shrink] [--out DIR]`: runs the lifecycle
 * oracle (model.ts) for seeds S..S+N-1 on the built bundle, in K worker processes (default 2),
 * and prints a summary: seeds, actions, actions inside runs, violations by invariant, time. For
 * each failing seed it shrinks the case with fast-check and writes the minimal replay as a
 * scenario file (DIR/seed-N.json, default soak-failures/), which `npm run -s simulate -- FILE`
 * runs. Exits 1 when any seed broke an invariant.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INVARIANTS, type Invariant, type Violation } from './model';
import { runSeed, shrinkSeed } from './run';

interface SeedReport {
  seed: number;
  actions: number;
  applied: number;
  insideRuns: number;
  ms: number;
  violations: Violation[];
  replay?: string;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} needs a whole number\n`);
    process.exit(2);
  }
  return n;
}
const outArg = process.argv.indexOf('--out');
const OUT = resolve(outArg >= 0 ? process.argv[outArg + 1] : 'soak-failures');
const SHRINK = !process.argv.includes('--no-shrink');

/** One seed, and for a failing one its shrunk replay file. */
function soakSeed(seed: number): SeedReport {
  const r = runSeed(seed);
  const report: SeedReport = { seed, actions: r.actions, applied: r.applied, insideRuns: r.insideRuns, ms: r.ms, violations: r.violations };
  if (r.violations.length) {
    const first = r.violations[0].invariant;
    const shrunk = SHRINK ? shrinkSeed(seed, first) : { scenario: r.scenario, violations: r.violations };
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, `seed-${seed}.json`);
    // Extra keys are ignored by the scenario schema: the file stays a runnable scenario.
    writeFileSync(file, `${JSON.stringify({ oracle: { seed, invariant: first, violations: shrunk.violations }, ...shrunk.scenario }, null, 2)}\n`);
    report.replay = file;
  }
  return report;
}

function summarize(reports: SeedReport[], ms: number): boolean {
  const by = new Map<Invariant, number[]>(INVARIANTS.map((i) => [i, []]));
  for (const r of reports) for (const inv of new Set(r.violations.map((v) => v.invariant))) by.get(inv)!.push(r.seed);
  const sum = (f: (r: SeedReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const failing = reports.filter((r) => r.violations.length);
  const lines = [
    `seeds: ${reports.length}${reports.length ? ` (${Math.min(...reports.map((r) => r.seed))}..${Math.max(...reports.map((r) => r.seed))})` : ''}`,
    `actions: ${sum((r) => r.actions)} (${sum((r) => r.applied)} applied; an action waiting in a run that never came does not happen)`,
    `actions inside runs: ${sum((r) => r.insideRuns)}`,
    `violations: ${sum((r) => r.violations.length)} in ${failing.length} seed(s)`,
    ...[...by].map(([inv, seeds]) => `  ${inv.padEnd(22)} ${String(seeds.length).padStart(5)} seed(s)${seeds.length ? `: ${seeds.slice(0, 12).join(', ')}${seeds.length > 12 ? ', …' : ''}` : ''}`),
    `time: ${(ms / 1000).toFixed(1)} s (${(sum((r) => r.ms) / Math.max(1, reports.length)).toFixed(0)} ms per seed in a worker)`,
  ];
  for (const r of failing) {
    lines.push(`seed ${r.seed}: ${r.violations[0].invariant}: ${r.violations[0].message}`);
    if (r.replay) lines.push(`  replay: npm run -s simulate -- ${r.replay}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return failing.length === 0;
}

if (process.env.BATON_SOAK_WORKER) {
  // A worker: seeds arrive one by one, reports go back; the bundle is loaded once per worker.
  process.on('message', (seed: number) => process.send!(soakSeed(seed)));
} else {
  const seeds = arg('seeds', 200);
  const from = arg('from', 1);
  const workers = Math.max(1, Math.min(arg('workers', 2), seeds || 1));
  const t0 = performance.now();
  const queue = Array.from({ length: seeds }, (_, i) => from + i);
  const reports: SeedReport[] = [];
  let busy = 0;
  const done = () => {
    reports.sort((a, b) => a.seed - b.seed);
    process.exitCode = summarize(reports, performance.now() - t0) ? 0 : 1;
  };
  if (!queue.length) done();
  for (let w = 0; w < workers; w++) {
    const child = fork(__filename, process.argv.slice(2), { env: { ...process.env, BATON_SOAK_WORKER: '1' }, execArgv: process.execArgv });
    busy++;
    const next = () => {
      const seed = queue.shift();
      if (seed === undefined) {
        child.disconnect();
        return;
      }
      child.send(seed);
    };
    child.on('message', (r: SeedReport) => {
      reports.push(r);
      if (reports.length % 100 === 0) process.stderr.write(`${reports.length}/${seeds} seeds\n`);
      next();
    });
    child.on('exit', (code) => {
      if (code) process.stderr.write(`a worker stopped with code ${code}\n`);
      if (--busy === 0) done();
    });
    next();
  }
}
