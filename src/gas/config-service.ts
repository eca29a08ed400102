/**
 * The config's server functions for the sidebar: read it, and save it (managers only, checked
 * here, never trusted to the page), with a version check so two managers editing at once get
 * "changed since you opened it" instead of a silent overwrite.
 */
import { defaultConfig, parseConfig, tooLarge } from '../core/config';
import { timeZoneProblem } from './time-port';
import { getOperator, operatorNames } from '../core/conditions';
import { fieldChoices } from '../core/headers';
import type { ConfigView, SaveResult } from '../server-api';
import { describeChange } from '../core/config-diff';
import { mayManage } from '../core/roles';
import { now } from './clock';
import * as store from './document-store';
import { check } from './guard';
import { appendLog } from './log';

/** A config larger than this is refused before parsing (the store holds 500 KB in all). */
const MAX_CONFIG_BYTES = 200 * 1024;
const LOCK_WAIT_MS = 10_000;

export function getConfig(): ConfigView {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const all = store.readAll();
  const stored = store.readConfig(all);
  // Read by everyone who can open the spreadsheet; whether they may edit is the guard's answer.
  const { caller, problem } = check(stored ? 'manage' : 'bootstrap', 'change its settings', all);
  const me = caller.email;
  const operators = operatorNames().map((name) => ({ name, takesValue: getOperator(name)!.takesValue, list: getOperator(name)!.list === true }));
  if (!stored) {
    return { config: null, version: null, canEdit: problem === null, user: me, problems: ['Baton is not set up yet.'], fields: fieldChoices({}, []), operators };
  }
  const parsed = parseConfig(stored.json, () => ss.getSpreadsheetTimeZone());
  const columns = parsed.ok ? parsed.config.columns : {};
  const sheet = ss.getSheetByName(parsed.ok ? parsed.config.leadsSheet : 'Leads');
  // One read of the header row: any other header there is a field conditions may test.
  const headers = sheet && sheet.getLastColumn() > 0 ? (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as unknown[]) : [];
  return {
    config: parsed.ok ? parsed.config : null,
    version: stored.revision,
    canEdit: problem === null,
    user: me,
    problems: parsed.ok ? [] : parsed.problems,
    // A stored config that no longer validates is fixed in the sidebar: it gets what was stored,
    // the defaults to lay it over, and where each problem is.
    ...(parsed.ok ? {} : { invalid: { stored: stored.json, defaults: defaultConfig(ss.getSpreadsheetTimeZone()), issues: parsed.issues } }),
    fields: fieldChoices(columns, headers),
    operators,
  };
}

/** What is wrong with a config sent from the page before it is even parsed (saving and previewing). */
export function draftProblem(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'The configuration must be a JSON object.';
  // Its shape first: measuring a value nested thousands deep with JSON.stringify overflows the stack.
  const shape = tooLarge(input);
  if (shape) return shape;
  if (JSON.stringify(input).length > MAX_CONFIG_BYTES) return `The configuration is larger than ${MAX_CONFIG_BYTES / 1024} KB.`;
  return null;
}

export function saveConfig(input: unknown, expectedVersion?: unknown): SaveResult {
  // The role first: someone who may not save gets the refusal, not a review of their draft.
  // (Checked again under the lock below, against the config as it is then.)
  const early = check('manage', 'change its settings').problem;
  if (early) return { ok: false, problems: [early] };
  const problem = draftProblem(input);
  if (problem) return { ok: false, problems: [problem] };
  if (expectedVersion !== undefined && expectedVersion !== null && typeof expectedVersion !== 'number') {
    return { ok: false, problems: ['The version must be a number.'] };
  }
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return { ok: false, problems: ['Another Baton run is busy. Try saving again in a minute.'] };
  try {
    const all = store.readAll();
    const stored = store.readConfig(all);
    if (!stored) return { ok: false, problems: ['Baton is not set up yet: choose Set up Baton first.'] };
    const { caller, problem: refused } = check('manage', 'change its settings', all);
    if (refused) return { ok: false, problems: [refused] };
    const me = caller.email;
    if (typeof expectedVersion === 'number' && expectedVersion !== stored.revision) {
      return {
        ok: false,
        conflict: true,
        problems: [`The settings were changed by ${stored.savedBy} since you opened them (version ${stored.revision}, you had ${expectedVersion}). Reload to see their changes.`],
      };
    }
    const tz = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
    const parsed = parseConfig(input, tz);
    if (!parsed.ok) return { ok: false, problems: parsed.problems, issues: parsed.issues };
    // The schema checks a zone's shape; only Google knows whether it exists ("America/NewYork").
    const zone = timeZoneProblem(parsed.config.timeZone, now());
    if (zone) return { ok: false, problems: [zone], issues: [{ path: 'timeZone', message: zone }] };
    if (!mayManage(parsed.config.managers, me)) {
      return { ok: false, problems: ['You cannot remove yourself from the managers; ask another manager to do it.'] };
    }
    const previous = parseConfig(stored.json, tz);
    const at = now();
    const version = store.writeConfig(all, parsed.config, me, at);
    const summary = describeChange(previous.ok ? previous.config : null, parsed.config);
    appendLog([{ at, event: 'config changed', actor: me, reason: summary, configVersion: version }]);
    return { ok: true, version, summary };
  } finally {
    // Writes wait in a buffer and releasing the lock does not send them: the next run that takes
    // the lock must see this log row (PLATFORM.md, Spreadsheet service semantics).
    try {
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
  }
}
