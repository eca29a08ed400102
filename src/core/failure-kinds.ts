/**
 * Names the kind of a platform error a run stopped on, for the failure queue. Error texts come in
 * the user's language (PLATFORM.md); these patterns know the English ones, and anything else is
 * a service error, which is retried on the next run like every transient kind.
 */

export type RunFailureKind = 'quota' | 'timeout' | 'lock timeout' | 'permission' | 'service error';

const PATTERNS: [RegExp, RunFailureKind][] = [
  [/too many times|quota|too much computer time/i, 'quota'],
  [/exceeded maximum execution time/i, 'timeout'],
  [/lock timeout/i, 'lock timeout'],
  [/permission|not have access|authori[sz]ation|protected cell/i, 'permission'],
];

export function runFailureKind(message: string): RunFailureKind {
  return PATTERNS.find(([re]) => re.test(message))?.[1] ?? 'service error';
}

/** What a manager reads in Baton Failures for a run that stopped. */
export function runFailureMessage(kind: RunFailureKind, error: string, what: string): string {
  const next = 'Baton finishes the work on its next run; nothing was lost.';
  switch (kind) {
    case 'quota':
      return `${what} stopped: a daily Google quota ran out (${error}). ${next}`;
    case 'timeout':
      return `${what} ran out of time (${error}). ${next}`;
    case 'lock timeout':
      return `${what} waited too long for another Baton run to finish. ${next}`;
    case 'permission':
      return `${what} was refused permission (${error}). The account that runs Baton's triggers may have lost edit access: see RECOVERY.md, "permission".`;
    default:
      return `${what} failed: ${error}. ${next}`;
  }
}

/** The longest a sweep waits between attempts after repeated run failures. */
export const MAX_BACKOFF_MINUTES = 60;

/**
 * When the next sweep should try again after `attempts` runs in a row stopped: the sweep interval,
 * doubling each time, at most an hour (a quota or an outage is not helped by hammering it).
 */
export function backoffMinutes(attempts: number, sweepMinutes: number): number {
  return Math.min(MAX_BACKOFF_MINUTES, sweepMinutes * 2 ** Math.max(0, attempts - 1));
}
