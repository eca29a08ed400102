/**
 * "Set up Baton" and "Repair triggers": read what is there, let the core decide, apply under the
 * script lock. Safe to run any number of times by any manager.
 */
import { parseConfig, withManager, type BatonConfig } from '../core/config';
import { FAILURE_HEADERS, FAILURES_SHEET, LEAD_HEADERS, LOG_HEADERS, LOG_SHEET, fieldKey, leadHeaders } from '../core/headers';
import { guardMissingHeaders } from '../core/renamed-headers';
import { describeTab, type SetupReport } from '../core/setup-report';
import { planTab, type TabAction } from '../core/tab-layout';
import { decideInstall, shouldRetire } from '../core/trigger-ownership';
import { HANDLERS, planTriggers, wantedTriggers } from '../core/trigger-plan';
import { now } from './clock';
import * as store from './document-store';
import { deployment, effectiveEmail } from './environment';
import { check, isOwnTrigger } from './guard';
import { formatLeads } from './leads-format';
import { appendLog } from './log';
import { applyTab, readTab } from './tabs';
import { timeZoneProblem } from './time-port';
import { applyTriggerPlan, listTriggers, removeTriggers } from './triggers';

const LOCK_WAIT_MS = 30_000;

function refused(message: string): SetupReport {
  return { ok: false, tabs: [], triggers: '', problems: [message], configRevision: null };
}

/** Runs `body` holding the script lock; a busy lock is a message, not a crash. */
function withScriptLock(body: () => SetupReport): SetupReport {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    return refused('Another Baton run is busy with this spreadsheet. Try again in a minute.');
  }
  try {
    return body();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

/** `configInput` comes from a caller (sidebar, import); without it the stored config is kept. */
export function setUp(configInput?: unknown): SetupReport {
  return withScriptLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const me = effectiveEmail();
    const at = now();
    const all = store.readAll();
    const stored = store.readConfig(all);
    // The one role guard: before any manager is named whoever sets Baton up becomes the first.
    const { problem } = check('bootstrap', 'set it up', all);
    if (problem) return refused(problem);
    // Whoever runs setup is a manager: the first one when none is named yet.
    const merged = parseConfig(withManager(configInput ?? stored?.json ?? {}, me), () => ss.getSpreadsheetTimeZone());
    if (!merged.ok) return { ...refused('The configuration was not saved.'), problems: merged.problems };
    const zone = timeZoneProblem(merged.config.timeZone, at);
    if (zone) return { ...refused('The configuration was not saved.'), problems: [zone] };
    const config = merged.config;

    const report: SetupReport = { ok: true, tabs: [], triggers: '', problems: [], configRevision: stored?.revision ?? null };
    for (const spec of [
      { name: config.leadsSheet, headers: leadHeaders(config.columns) },
      { name: LOG_SHEET, headers: LOG_HEADERS },
      { name: FAILURES_SHEET, headers: FAILURE_HEADERS },
    ]) {
      let action = planTab(spec, readTab(ss, spec.name));
      if (spec.name === config.leadsSheet) action = keepRenamedColumns(ss, action, config, stored !== null, report.problems);
      applyTab(ss, action, spec.name !== config.leadsSheet);
      report.tabs.push(describeTab(action));
      if (action.kind === 'adopt') report.problems.push(...action.problems);
    }
    formatLeads(ss, config);

    if (!stored || JSON.stringify(stored.json) !== JSON.stringify(config)) {
      report.configRevision = store.writeConfig(all, config, me, at);
      appendLog([{ at, event: 'config changed', actor: me, reason: 'Saved by Set up Baton.', configVersion: report.configRevision }]);
    }
    report.triggers = installTriggers(all, config, me, at);
    return report;
  });
}

/** Rows below the header setup looks at to tell what a column holds. */
const SAMPLE_ROWS = 50;

/**
 * Finding 9 of issue 14: a missing Leads header is appended only where no column a person renamed
 * could be hidden by it (core/renamed-headers.ts decides); each one withheld is a problem naming
 * the columns that look like it and the fix. The missing-header failure stays open meanwhile.
 */
function keepRenamedColumns(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, action: TabAction, config: BatonConfig, setUpBefore: boolean, problems: string[]): TabAction {
  if (action.kind !== 'adopt' || action.appendHeaders.length === 0) return action;
  const sheet = ss.getSheetByName(action.name)!;
  const lastRow = sheet.getLastRow();
  const width = Math.max(1, sheet.getLastColumn());
  const rows = lastRow >= 1 ? sheet.getRange(1, 1, Math.min(lastRow, SAMPLE_ROWS + 1), width).getValues() : [[]];
  const headers = leadHeaders(config.columns);
  const fieldOf = new Map(headers.map((h, i) => [h, fieldKey(LEAD_HEADERS[i])]));
  const guard = guardMissingHeaders({
    missing: action.appendHeaders.map((header) => ({ header, field: fieldOf.get(header) ?? fieldKey(header) })),
    headerRow: sheet.getRange(1, 1, 1, width).getDisplayValues()[0],
    batonHeaders: headers,
    sample: rows.slice(1),
    hasLeads: lastRow > 1,
    setUpBefore,
    leadsSheet: action.name,
  });
  problems.push(...guard.withheld.map((w) => w.message));
  return { ...action, appendHeaders: guard.append };
}

/** "Repair triggers": the trigger half of setup, for the current user. */
export function repairTriggers(): SetupReport {
  return withScriptLock(() => {
    const all = store.readAll();
    const stored = store.readConfig(all);
    const merged = parseConfig(stored?.json ?? {}, () => SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
    if (!stored || !merged.ok) return refused('Baton is not set up yet: choose Set up Baton first.');
    const triggers = installTriggers(all, merged.config, effectiveEmail(), now());
    return { ok: true, tabs: [], triggers, problems: [], configRevision: stored.revision };
  });
}

/**
 * Repair triggers from the menu and the sidebar: managers only, checked here on the server. A
 * repair may take the triggers over from another account (logged with who and why below).
 */
export function repairTriggersAsManager(): SetupReport {
  const { problem } = check('manage', 'repair its triggers');
  if (problem) return refused(problem);
  return repairTriggers();
}

function installTriggers(all: Record<string, string>, config: BatonConfig, me: string, at: number): string {
  const ownership = store.readOwnership(all);
  const decision = decideInstall(ownership, me, store.readHeartbeat(all)?.at ?? null, at);
  if (decision.action === 'leave') return decision.reason;
  const wanted = wantedTriggers(deployment(), config.sweepMinutes);
  const { existing, byUid } = listTriggers();
  const installedMinutes = ownership?.owner === me ? ownership.everyMinutes : null;
  const plan = planTriggers(wanted, existing, installedMinutes);
  applyTriggerPlan(plan, byUid);
  // Taking the triggers over from another account decides whose mail quota and authority Baton
  // runs on: logged with who and why (only managers get this far: setUp and the repair check).
  if (ownership && ownership.owner !== me) {
    appendLog([{ at, event: 'setup', from: ownership.owner, to: me, actor: me, reason: `Triggers taken over from ${ownership.owner}: ${decision.reason}`, configVersion: null }]);
  }
  const everyMinutes = wanted.find((w) => w.kind === 'clock')!.everyMinutes!;
  store.writeOwnership({ owner: me, installedAt: ownership?.owner === me ? ownership.installedAt : at, everyMinutes });
  const changes = plan.create.length + plan.remove.length;
  const every = everyMinutes >= 60 ? 'every hour' : `every ${everyMinutes} minutes`;
  return changes === 0
    ? `Triggers were already in place (sweep ${every}).`
    : `Triggers installed under ${me}: sweep ${every}, on edit, on form submit. ${decision.reason}`;
}

/**
 * Called first by every installable handler with its event: a run for anyone but the recorded
 * owner stops (true). A trigger left by a former owner removes itself (its owner can no longer
 * see a reason to run); a direct call by anyone else (google.script.run, the script editor: the
 * event then names none of the caller's own triggers) changes nothing. Before any owner is
 * recorded (Baton not set up) nothing runs either: no trigger of Baton's exists yet.
 */
export function retireIfNotOwner(e?: unknown, all: Record<string, string> = store.readAll()): boolean {
  const me = effectiveEmail();
  const ownership = store.readOwnership(all);
  if (ownership === null) return true;
  if (!shouldRetire(ownership, me)) return false;
  if (isOwnTrigger(e)) removeTriggers(Object.values(HANDLERS));
  return true;
}
