/**
 * Decides which installable triggers Baton needs and how to reach that set from the triggers the
 * current user already has, so that running setup or "Repair triggers" any number of times, by any
 * manager, converges on exactly one trigger per job and never duplicates one.
 */

export type Deployment = 'bound' | 'addon';

export type TriggerKind = 'clock' | 'edit' | 'formSubmit';

export interface WantedTrigger {
  handler: string;
  kind: TriggerKind;
  /** Clock triggers only: minutes between sweeps. */
  everyMinutes?: number;
}

export interface ExistingTrigger {
  uid: string;
  handler: string;
  kind: TriggerKind | 'other';
}

export const HANDLERS = {
  sweep: 'batonSweep',
  edit: 'batonOnEdit',
  formSubmit: 'batonOnFormSubmit',
} as const;

/** Sweep intervals a bound script may use: ClockTriggerBuilder.everyMinutes accepts only these. */
export const SWEEP_MINUTES = [1, 5, 10, 15, 30] as const;
export const DEFAULT_SWEEP_MINUTES = 5;
/** Editor add-ons may run a time-driven trigger at most once an hour (PLATFORM.md, Triggers). */
export const ADDON_SWEEP_MINUTES = 60;

/** The triggers Baton runs on: one sweep, one installable edit handler, one form-submit handler. */
export function wantedTriggers(deployment: Deployment, sweepMinutes: number): WantedTrigger[] {
  const every = deployment === 'addon' ? ADDON_SWEEP_MINUTES : nearestAllowed(sweepMinutes);
  return [
    { handler: HANDLERS.sweep, kind: 'clock', everyMinutes: every },
    { handler: HANDLERS.edit, kind: 'edit' },
    { handler: HANDLERS.formSubmit, kind: 'formSubmit' },
  ];
}

/** The configured interval rounded up to one Apps Script accepts (1–30; never more often than asked). */
export function nearestAllowed(minutes: number): number {
  for (const m of SWEEP_MINUTES) if (minutes <= m) return m;
  return SWEEP_MINUTES[SWEEP_MINUTES.length - 1];
}

export interface TriggerPlan {
  create: WantedTrigger[];
  /** Duplicates, stale Baton triggers and triggers whose schedule changed. */
  remove: string[];
  keep: string[];
}

/**
 * `installedMinutes` is the sweep interval recorded when the existing clock trigger was made
 * (a Trigger object does not expose its schedule), so a changed interval replaces it.
 */
export function planTriggers(
  wanted: WantedTrigger[],
  existing: ExistingTrigger[],
  installedMinutes: number | null,
): TriggerPlan {
  const plan: TriggerPlan = { create: [], remove: [], keep: [] };
  const ours = new Set<string>(Object.values(HANDLERS));
  for (const w of wanted) {
    const matches = existing.filter((t) => t.handler === w.handler && t.kind === w.kind);
    const scheduleChanged = w.kind === 'clock' && installedMinutes !== w.everyMinutes;
    if (matches.length === 0 || scheduleChanged) {
      plan.create.push(w);
      plan.remove.push(...matches.map((t) => t.uid));
    } else {
      plan.keep.push(matches[0].uid);
      plan.remove.push(...matches.slice(1).map((t) => t.uid));
    }
  }
  // A Baton handler on a trigger of the wrong kind (left by an older version) goes too.
  for (const t of existing) {
    const isWanted = wanted.some((w) => w.handler === t.handler && w.kind === t.kind);
    if (ours.has(t.handler) && !isWanted) plan.remove.push(t.uid);
  }
  return plan;
}
