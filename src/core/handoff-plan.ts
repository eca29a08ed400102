/**
 * One run's whole plan: intake, then (where the run may route) routing over intake's outcome.
 * Writes to the same cell merge: the later value wins, the snapshot's `before` stays.
 */
import { sameCell } from './fingerprint';
import type { CellWrite, IntakeInput, IntakePlan } from './intake-plan';
import { planIntake } from './intake-plan';
import type { LogEntry } from './log-entry';
import type { RoutingState } from './routing';
import { planRouting, type LeadFailure } from './routing-plan';

export interface HandoffInput extends IntakeInput {
  /** Present when this run routes (FULL authorization: installable triggers, sweep). */
  routing?: { state: RoutingState; today: string };
}

export interface HandoffPlan extends IntakePlan {
  routingState: RoutingState | null;
  failures: LeadFailure[];
}

export function mergeWrites(first: CellWrite[], then: CellWrite[]): CellWrite[] {
  const cells = new Map<string, CellWrite>();
  for (const w of [...first, ...then]) {
    const key = `${w.target.row}:${w.column}`;
    const earlier = cells.get(key);
    cells.set(key, earlier ? { ...w, before: earlier.before } : w);
  }
  return [...cells.values()].filter((w) => !sameCell(w.before, w.value));
}

export function planHandoff(input: HandoffInput): HandoffPlan {
  const intake = planIntake(input);
  if (!input.routing || intake.columns.index.leadId === undefined) return { ...intake, routingState: null, failures: [] };
  const routing = planRouting({
    outcomes: intake.outcomes,
    columns: intake.columns,
    config: input.config,
    configVersion: input.configVersion,
    now: input.now,
    today: input.routing.today,
    state: input.routing.state,
    actor: input.actor,
  });
  const log: LogEntry[] = [...intake.log, ...routing.log];
  return {
    ...intake,
    writes: mergeWrites(intake.writes, routing.writes),
    log,
    sheetProblems: [...intake.sheetProblems, ...routing.sheetProblems],
    routingState: routing.state,
    failures: routing.failures,
  };
}
