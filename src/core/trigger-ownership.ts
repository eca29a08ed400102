/**
 * Decides whose account Baton's triggers run under. Installable triggers run as the person who
 * made them and nobody else can see them (PLATFORM.md, Triggers), so a second manager running
 * setup cannot tell whether triggers exist. The document records the owner; a second manager
 * installs only when that owner's sweeps have stopped, and the old owner's triggers retire
 * themselves when they next fire, so two sets never run side by side for long.
 */

export interface TriggerOwnership {
  owner: string;
  installedAt: number;
  everyMinutes: number;
}

export type OwnershipDecision =
  | { action: 'install'; reason: string }
  | { action: 'leave'; reason: string };

/** Grace beyond two intervals before a sweep counts as missing (clock triggers are jittered). */
export const HEARTBEAT_GRACE_MS = 10 * 60_000;

export function heartbeatIsFresh(ownership: TriggerOwnership, lastBeat: number | null, now: number): boolean {
  const window = 2 * ownership.everyMinutes * 60_000 + HEARTBEAT_GRACE_MS;
  const since = Math.max(lastBeat ?? 0, ownership.installedAt);
  return now - since <= window;
}

export function decideInstall(
  recorded: TriggerOwnership | null,
  me: string,
  lastBeat: number | null,
  now: number,
): OwnershipDecision {
  if (!recorded) return { action: 'install', reason: 'No triggers were installed yet.' };
  if (recorded.owner === me) return { action: 'install', reason: 'Checking your own triggers.' };
  if (heartbeatIsFresh(recorded, lastBeat, now)) {
    return {
      action: 'leave',
      reason: `Baton's triggers run under ${recorded.owner} and are working; nothing to install.`,
    };
  }
  return {
    action: 'install',
    reason: `The triggers of ${recorded.owner} have stopped sweeping; they now run under ${me}.`,
  };
}

/** A trigger firing for someone who is no longer the recorded owner removes itself. */
export function shouldRetire(recorded: TriggerOwnership | null, me: string): boolean {
  return recorded !== null && recorded.owner !== me;
}
