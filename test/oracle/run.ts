/**
 * Runs one oracle case: builds its scenario (generate.ts), plays it on the built bundle in the
 * emulator exactly as `npm run simulate` would, records what each action hit, and checks the
 * model's invariants (model.ts). Also shrinks a failing case with fast-check into a replay file.
 */
import fc from 'fast-check';
import { loadProject, type Project } from '../../emulator/host';
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario, type ScenarioEvent } from '../../emulator/scenario-schema';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { mailState } from '../../emulator/services/mail';
import { buildScenario, caseArbitrary, caseForSeed, type Case } from './generate';
import { check, type Applied, type Invariant, type View, type Violation } from './model';

/** A scenario run that notes, for the model, the sheet each action landed on. */
class OracleRun extends ScenarioRun {
  readonly applied: Applied[] = [];
  leads(): View {
    const doc = spreadsheetState(this.rt);
    return doc.sheetByName('Leads') ? doc.values('Leads') : [];
  }
  override apply(e: ScenarioEvent, at = this.rt.now()): void {
    // `install` sets Baton up before any event; the model starts from the sheet the first event saw.
    this.applied.push({ event: e as unknown as Record<string, unknown>, time: this.rt.now(), inRun: this.rt.current !== null, before: this.leads() });
    super.apply(e, at);
  }
}

export interface CaseResult {
  violations: Violation[];
  /** Actions in the scenario, and how many of them landed inside a run. */
  actions: number;
  applied: number;
  insideRuns: number;
  ms: number;
  scenario: Record<string, unknown>;
}

let project: Project | null = null;
export function oracleProject(): Project {
  project ??= loadProject();
  return project;
}

export function runScenarioWithOracle(scenario: Record<string, unknown>): CaseResult {
  const t0 = performance.now();
  const parsed = parseScenario(scenario);
  const run = new OracleRun(parsed, oracleProject());
  const views: View[] = [];
  let lastExecution = -1;
  const stop = run.rt.onCall(({ execution }) => {
    if (execution.id === lastExecution) return;
    lastExecution = execution.id;
    views.push(run.leads());
  });
  const result = run.run();
  stop();
  const doc = spreadsheetState(run.rt);
  const tab = (name: string) => (doc.sheetByName(name) ? doc.values(name) : [[]]);
  const violations = check({
    applied: run.applied,
    views,
    final: { leads: run.leads(), log: tab('Baton Log'), failures: tab('Baton Failures'), formulas: result.formulas },
    mails: mailState(run.rt).sent.map((m) => ({ at: m.at, to: m.to, subject: m.subject, body: m.body, htmlBody: m.htmlBody })),
    end: run.rt.now(),
    initial: parsed.sheets['Leads'] ?? [],
    executions: run.rt.records.map((x) => ({ at: x.at, function: x.function, error: x.error })),
    faults: parsed.events.some((e) => e.type === 'fault'),
  });
  const events = parsed.events.length;
  return {
    violations,
    actions: events,
    applied: run.applied.length,
    insideRuns: run.applied.filter((a) => a.inRun).length,
    ms: performance.now() - t0,
    scenario,
  };
}

export function runCase(c: Case): CaseResult {
  return runScenarioWithOracle(buildScenario(c));
}

export function runSeed(seed: number): CaseResult {
  return runCase(caseForSeed(seed));
}

/**
 * The smallest case fast-check finds from `seed` that still breaks `invariant`, as a scenario
 * (the replay), with its violations. `maxRuns` bounds the shrinking (each step is one scenario).
 */
export function shrinkSeed(seed: number, invariant: Invariant, maxRuns = 400): { scenario: Record<string, unknown>; violations: Violation[] } {
  let runs = 0;
  let smallest: CaseResult | null = null;
  const details = fc.check(
    fc.property(caseArbitrary, (c) => {
      if (runs++ > maxRuns) return true;
      const r = runCase(c);
      const bad = r.violations.some((v) => v.invariant === invariant);
      if (bad) smallest = r;
      return !bad;
    }),
    { seed, numRuns: 1 },
  );
  const found = smallest as CaseResult | null;
  if (!details.failed || !found) {
    const r = runSeed(seed);
    return { scenario: r.scenario, violations: r.violations };
  }
  return { scenario: found.scenario, violations: found.violations };
}
