/**
 * Baton's health (SPEC.md, "Health"): from what the document records (who owns the triggers, the
 * last sweep's heartbeat, whether the stored config validates) and, when the caller can see them,
 * the current user's own triggers, decide whether Baton is working and say in plain words what a
 * manager should do when it is not. Pure: the shell reads, this decides, the shell shows or mails.
 */
import { heartbeatIsFresh, type TriggerOwnership } from './trigger-ownership';
import { HANDLERS, wantedTriggers, type Deployment, type ExistingTrigger, type TriggerKind } from './trigger-plan';
import type { TimePort } from './time-port';

export const REPAIR = 'Choose Extensions › Baton › Repair triggers.';
export const SET_UP = 'choose Extensions › Baton › Set up Baton';

export interface HealthInput {
  ownership: TriggerOwnership | null;
  /** When the last sweep finished (the heartbeat); null when none has been recorded. */
  lastBeat: number | null;
  now: number;
  /** null when the caller could not tell (then the sweep interval is not compared). */
  deployment: Deployment | null;
  /**
   * The stored config: null when none is saved; otherwise its validation problems ([] when it
   * validates) and, when it validates, the sweep interval it asks for.
   */
  config: { problems: string[]; sweepMinutes: number | null } | null;
  /** When triggers were last installed or repaired: a sweep is not expected before then. */
  repairedAt?: number | null;
  /** The current user and their Baton triggers, when known (listing triggers needs FULL auth). */
  mine?: { email: string; triggers: ExistingTrigger[] } | null;
  /** Renders times in the config's (or the spreadsheet's) time zone. */
  port: TimePort;
  /** Runs that stopped in a row (the sweeps' backoff): since when, and why the last one did. */
  failing?: { since: number; message: string } | null;
}

/** Runs failing this long are a health problem (a single service hiccup is not). */
export const FAILING_FOR_MS = 30 * 60_000;

export interface HealthReport {
  ok: boolean;
  problems: string[];
  /** When the sweep is overdue: since when it has not run (the last heartbeat, or the install). */
  staleSince: number | null;
  /**
   * Names the stale episode, so an alert about it goes out once: the later of staleSince and the
   * last repair (a repair that did not bring the sweep back starts a new episode). Null when fresh.
   */
  episode: number | null;
}

const WANTED_KINDS: Record<string, { kind: TriggerKind; label: string }> = {
  [HANDLERS.sweep]: { kind: 'clock', label: 'sweep' },
  [HANDLERS.edit]: { kind: 'edit', label: 'on-edit' },
  [HANDLERS.formSubmit]: { kind: 'formSubmit', label: 'form-submit' },
};

function every(minutes: number): string {
  if (minutes === 60) return 'every hour';
  if (minutes % 60 === 0) return `every ${minutes / 60} hours`;
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

/** "09:05" on the same local day as `now`, "2026-03-01 09:05" otherwise. */
export function formatWhen(ms: number, now: number, port: TimePort): string {
  const w = port.wall(ms);
  const time = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  return w.date === port.wall(now).date ? time : `${w.date} ${time}`;
}

export function assessHealth(input: HealthInput): HealthReport {
  const { ownership, config, now, port } = input;
  const problems: string[] = [];
  let staleSince: number | null = null;
  let episode: number | null = null;

  if (!config && !ownership) {
    return { ok: false, problems: [`Baton is not set up in this spreadsheet yet: ${SET_UP}.`], staleSince: null, episode: null };
  }
  if (!ownership) {
    problems.push(`Baton's triggers are not installed, so no lead is assigned and rows added by forms or integrations are not picked up: ${SET_UP}.`);
  } else {
    const stale = staleEpisode(ownership, input.lastBeat, input.repairedAt ?? null, now);
    if (stale) {
      staleSince = stale.since;
      episode = stale.episode;
      problems.push(staleMessage(ownership, input.lastBeat, stale.since, now, port));
    }
    if (input.deployment && config?.sweepMinutes != null) {
      const wanted = wantedTriggers(input.deployment, config.sweepMinutes).find((w) => w.kind === 'clock')!.everyMinutes!;
      if (wanted !== ownership.everyMinutes) {
        problems.push(`Baton sweeps ${every(ownership.everyMinutes)}, but the configuration asks for ${every(wanted)}. ${REPAIR}`);
      }
    }
    const mine = input.mine;
    if (mine && mine.email !== '' && mine.email.toLowerCase() === ownership.owner.toLowerCase()) {
      const trouble = triggerTrouble(mine.triggers);
      if (trouble.length) problems.push(`Your Baton triggers need repair: ${trouble.join('; ')}. ${REPAIR}`);
    }
  }
  // The heartbeat says a sweep ran, not that it got anywhere: runs that keep stopping (a lost
  // permission, a quota) are a problem of their own, told with why.
  const failing = input.failing;
  if (failing && now - failing.since >= FAILING_FOR_MS) {
    problems.push(`Baton's runs have failed since ${formatWhen(failing.since, now, port)}: ${failing.message}`);
  }
  if (config && config.problems.length) {
    problems.push(`Baton's configuration is not valid, so it changes nothing in the sheet until a manager saves a corrected one (Extensions › Baton › Settings).`);
    problems.push(...config.problems.map((p) => `Configuration: ${p}`));
  }
  return { ok: problems.length === 0, problems, staleSince, episode };
}

export interface StaleEpisode {
  /** Since when the sweep has not run: the last heartbeat, or the install when none is later. */
  since: number;
  /** The episode's name: the later of `since` and the last repair. */
  episode: number;
}

/**
 * Whether the sweep is overdue: no heartbeat within twice its interval plus grace, counted from
 * the latest of the last heartbeat, the install and the last repair. Needs no time zone, so the
 * edit path can ask it cheaply on every edit.
 */
export function staleEpisode(ownership: TriggerOwnership, lastBeat: number | null, repairedAt: number | null, now: number): StaleEpisode | null {
  const window = { ...ownership, installedAt: Math.max(ownership.installedAt, repairedAt ?? 0) };
  if (heartbeatIsFresh(window, lastBeat, now)) return null;
  const since = Math.max(lastBeat ?? 0, ownership.installedAt);
  return { since, episode: Math.max(since, repairedAt ?? 0) };
}

/** What a manager reads about an overdue sweep. */
export function staleMessage(ownership: TriggerOwnership, lastBeat: number | null, since: number, now: number, port: TimePort): string {
  const when = lastBeat !== null && lastBeat >= ownership.installedAt ? formatWhen(since, now, port) : `its triggers were installed at ${formatWhen(since, now, port)}`;
  return (
    `Baton's sweep has not run since ${when} (it runs ${every(ownership.everyMinutes)} under ${ownership.owner}). ${REPAIR}` +
    ` If ${ownership.owner} has left or lost access, another manager can do this and the triggers move to them.`
  );
}

/** Missing or duplicated handlers among one user's triggers ("the sweep trigger is missing"). */
export function triggerTrouble(triggers: ExistingTrigger[]): string[] {
  const out: string[] = [];
  for (const [handler, { kind, label }] of Object.entries(WANTED_KINDS)) {
    const n = triggers.filter((t) => t.handler === handler && t.kind === kind).length;
    if (n === 0) out.push(`the ${label} trigger (${handler}) is missing`);
    else if (n > 1) out.push(`there are ${n} ${label} triggers (${handler}) where one is wanted`);
  }
  const stray = triggers.filter((t) => t.handler in WANTED_KINDS && t.kind !== WANTED_KINDS[t.handler].kind).length;
  if (stray) out.push(`${stray} Baton trigger(s) of the wrong kind are left over`);
  return out;
}

/** One toast's worth: whole problems in order while they fit, then how many more there are. */
export function toastText(report: HealthReport, max = 400): string {
  const shown: string[] = [];
  let length = 0;
  for (const p of report.problems) {
    if (shown.length && length + p.length + 1 > max - 20) break;
    shown.push(p.length > max - 20 ? `${p.slice(0, max - 21)}…` : p);
    length += p.length + 1;
  }
  const rest = report.problems.length - shown.length;
  return rest ? `${shown.join(' ')} (and ${rest} more)` : shown.join(' ');
}

/** The key under which a stale episode's alert to `to` is queued: once per episode and manager. */
export function healthAlertKey(episode: number, to: string): string {
  return `health|${episode}|${to}`;
}
