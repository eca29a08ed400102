/**
 * Shows Baton's health (core/health.ts decides): a toast on open, the sidebar's health view, and
 * on edits a toast for the editor (simple trigger) or one e-mail per manager per stale episode
 * through the outbox (installable trigger). Every path reads a constant handful of services, and
 * none of them may break what it is attached to: the menu, the handoff.
 */
import { parseConfig } from '../core/config';
import { fingerprint } from '../core/fingerprint';
import { assessHealth, formatWhen, healthAlertKey, SET_UP, staleEpisode, toastText, type HealthReport } from '../core/health';
import { FAILURES_SHEET } from '../core/headers';
import { managersOf } from '../core/roles';
import { managersOnly } from '../core/recipients';
import type { Alert } from '../core/sla-plan';
import type { TimePort } from '../core/time-port';
import type { Deployment, ExistingTrigger } from '../core/trigger-plan';
import { now } from './clock';
import * as store from './document-store';
import { deployment, effectiveEmail } from './environment';
import { deliver, loadOutbox } from './mailer';
import { checkedTimePort, timePort } from './time-port';
import { listTriggers } from './triggers';
import type { HealthView, OpenFailure } from '../server-api';
import { FAILURES_SHOWN, readFailures } from './failure-actions';

/** Health's own record in the document properties: the last repair, the last episode alerted. */
const HEALTH_KEY = 'baton.health';
const TOAST_SECONDS = 10;
/** The simple onEdit toasts each person at most once per episode (the cache keeps it 6 h at most). */
const TOAST_MEMORY_SECONDS = 21_600;
const LOCK_WAIT_MS = 10_000;

interface HealthState {
  repairedAt?: number;
  alerted?: number;
}

function readState(all: Record<string, string>): HealthState {
  try {
    const parsed = JSON.parse(all[HEALTH_KEY] ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as HealthState) : {};
  } catch {
    return {};
  }
}

function writeState(state: HealthState): void {
  store.writeProperty(HEALTH_KEY, JSON.stringify(state));
}

interface Assessment {
  report: HealthReport;
  port: TimePort;
  leadsSheet: string;
  managers: string[];
}

/** The deployment, or null where it cannot be told (never fails the caller). */
function knownDeployment(): Deployment | null {
  try {
    return deployment();
  } catch {
    return null;
  }
}

/** Reads nothing but the spreadsheet's time zone beyond `all`; formatDate for the times shown. */
function assess(all: Record<string, string>, deploy: Deployment | null, mine: { email: string; triggers: ExistingTrigger[] } | null): Assessment {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const stored = store.readConfig(all);
  const parsed = stored ? parseConfig(stored.json, () => ss.getSpreadsheetTimeZone()) : null;
  // A stored zone Google does not know (saved before Baton checked) is a config problem to show,
  // and health is told in the spreadsheet's zone instead of failing.
  const checked = parsed?.ok ? checkedTimePort(parsed.config.timeZone, now()) : null;
  const zone = checked?.problem ?? null;
  const port = checked?.port ?? timePort(ss.getSpreadsheetTimeZone());
  const report = assessHealth({
    ownership: store.readOwnership(all),
    lastBeat: store.readHeartbeat(all)?.at ?? null,
    now: now(),
    deployment: deploy,
    config: parsed
      ? parsed.ok
        ? { problems: zone ? [zone] : [], sweepMinutes: parsed.config.sweepMinutes }
        : { problems: parsed.problems, sweepMinutes: null }
      : null,
    repairedAt: readState(all).repairedAt ?? null,
    mine,
    port,
    failing: failingRuns(store.readBackoff(all)),
  });
  return { report, port, leadsSheet: parsed?.ok ? parsed.config.leadsSheet : 'Leads', managers: managersOf(stored?.json) };
}

function failingRuns(backoff: store.Backoff | null): { since: number; message: string } | null {
  return backoff?.since !== undefined && backoff.message ? { since: backoff.since, message: backoff.message } : null;
}

/**
 * The simple onOpen's health check: in LIMITED (or FULL) one read of the document properties and,
 * when Baton is unhealthy, one toast. In AuthMode NONE (an add-on not yet used in this document)
 * PropertiesService throws, so nothing is tried; and nothing here may ever break the menu.
 */
export function healthOnOpen(e?: { authMode?: unknown }): void {
  try {
    if (e?.authMode !== undefined && e.authMode === ScriptApp.AuthMode.NONE) return;
    const { report } = assess(store.readAll(), knownDeployment(), null);
    if (!report.ok) SpreadsheetApp.getActiveSpreadsheet().toast(toastText(report), 'Baton', TOAST_SECONDS);
  } catch {
    // Not authorized here, or a service hiccup: the menu is what opening needs.
  }
}

/**
 * The simple onEdit (LIMITED: no mail), called when the sweep looks stopped: the editor sees
 * what is wrong in a toast, once per stale episode per person.
 */
export function warnOnSimpleEdit(all: Record<string, string>): void {
  try {
    const { report } = assess(all, knownDeployment(), null);
    if (report.ok) return;
    const key = `baton.health.toast.${report.episode ?? fingerprint(report.problems)}`;
    let seen = false;
    try {
      const cache = CacheService.getUserCache();
      seen = cache.get(key) !== null;
      if (!seen) cache.put(key, '1', TOAST_MEMORY_SECONDS);
    } catch {
      // No cache here: show it rather than stay silent.
    }
    if (!seen) SpreadsheetApp.getActiveSpreadsheet().toast(toastText(report), 'Baton', TOAST_SECONDS);
  } catch {
    // Health must never stop the edit from being handled.
  }
}

/**
 * The installable edit handler (FULL, running as the trigger owner): when the sweep is overdue,
 * queue one 'health' alert per manager for this stale episode and send it through the outbox.
 * While Baton is healthy this costs one read of the document properties.
 */
export function alertIfStale(snapshot?: Record<string, string>): void {
  try {
    const all = snapshot ?? store.readAll();
    const ownership = store.readOwnership(all);
    const state = readState(all);
    if (!ownership) return;
    const at = now();
    // Cheap test first (no time zone needed): most edits stop here.
    const rough = staleEpisode(ownership, store.readHeartbeat(all)?.at ?? null, state.repairedAt ?? null, at);
    if (!rough || state.alerted === rough.episode) return;
    const lock = LockService.getScriptLock();
    if (!lock.tryLock(LOCK_WAIT_MS)) return; // the next edit tries again
    try {
      const fresh = store.readAll();
      if (readState(fresh).alerted === rough.episode) return;
      const { report, port, leadsSheet, managers } = assess(fresh, null, null);
      if (report.episode === null || report.staleSince === null) return;
      const message = report.problems.find((p) => p.startsWith("Baton's sweep")) ?? report.problems[0];
      const recipients = managers.length ? managers : [ownership.owner];
      const alerts: Alert[] = recipients.map((to) => ({
        key: healthAlertKey(report.episode!, to),
        to,
        kind: 'health',
        leadId: '',
        row: 1,
        name: '',
        message,
        company: '',
        email: '',
        phone: '',
        owner: ownership.owner,
        due: report.staleSince!,
        minutesLate: Math.round((at - report.staleSince!) / 60_000),
      }));
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const sheet = ss.getSheetByName(leadsSheet) ?? ss.getSheets()[0];
      deliver(ss, loadOutbox(ss), alerts, at, port, sheet, true, managersOnly(recipients));
      writeState({ ...readState(fresh), alerted: report.episode });
    } finally {
      SpreadsheetApp.flush();
      lock.releaseLock();
    }
  } catch {
    // Health must never stop the edit from being handled; the next edit tries again.
  }
}

/**
 * After "Set up Baton" or "Repair triggers" succeeds, the heartbeat window starts again from
 * now, so edits before the first sweep raise no alarm. Returns the report it was handed.
 */
export function noteRepair<T extends { ok: boolean; triggers: string }>(report: T): T {
  try {
    if (report.ok && report.triggers) writeState({ ...readState(store.readAll()), repairedAt: now() });
  } catch {
    // The repair itself is what counts.
  }
  return report;
}


/** Server function for the sidebar (FULL): the report plus the facts behind it. */
export function getHealth(): HealthView {
  const all = store.readAll();
  const me = effectiveEmail();
  let mine: ExistingTrigger[] = [];
  try {
    mine = listTriggers().existing.filter((t) => t.handler.startsWith('baton'));
  } catch {
    // Listing triggers needs authorization; the report then says nothing about them.
  }
  const { report, port } = assess(all, knownDeployment(), { email: me, triggers: mine });
  const beat = store.readHeartbeat(all);
  const ownership = store.readOwnership(all);
  let quota: number | null = null;
  try {
    quota = MailApp.getRemainingDailyQuota();
  } catch {
    // Not authorized to send mail: the quota stays unknown.
  }
  const at = now();
  const problems = [...report.problems];
  const listed = failuresOf(problems);
  return {
    ok: problems.length === 0,
    problems,
    lastSweep: beat ? { at: beat.at, text: formatWhen(beat.at, at, port), by: beat.by } : null,
    sweepEveryMinutes: ownership?.everyMinutes ?? null,
    triggerOwner: ownership?.owner ?? null,
    mailQuotaLeft: quota,
    myTriggers: mine.map((t) => ({ handler: t.handler, kind: t.kind })),
    ...listed,
  };
}

/**
 * The open failures from one read of Baton Failures: the count and the list shown beside it can
 * never disagree. A missing tab is a problem of its own (nothing could be listed).
 */
function failuresOf(problems: string[]): { openFailures: number; failures: OpenFailure[] } {
  try {
    const read = readFailures();
    if (!read.tab) problems.push(`There is no "${FAILURES_SHEET}" tab, so failures cannot be recorded or listed: ${SET_UP}.`);
    return { openFailures: read.open.length, failures: read.open.slice(0, FAILURES_SHOWN) };
  } catch (e) {
    problems.push(`Baton could not read the "${FAILURES_SHEET}" tab (${e instanceof Error ? e.message : String(e)}).`);
    return { openFailures: 0, failures: [] };
  }
}
