/**
 * The one role guard every entry point of the bundle goes through (issue 14): who is calling,
 * in which role, and whether a trigger handler was really called by its trigger. core/roles.ts
 * decides; this reads the caller and the config. docs/ARCHITECTURE.md, "Roles", lists which
 * entry point needs what.
 */
import { managersOf, refusal, roleOf, type Access, type Caller } from '../core/roles';
import * as store from './document-store';
import { activeEmail, effectiveEmail } from './environment';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The person at the keyboard: Session.getActiveUser(), '' when Google hides it (PLATFORM.md,
 * Spreadsheet service semantics). A menu or sidebar run executes under that person's own
 * authority, so the effective user is the same account (Run self-check probes this on the real
 * platform); where they differ the run is not a person's own (a trigger runs as its owner) and
 * the caller counts as unknown rather than borrowing the owner's role.
 */
export function currentCaller(all: Record<string, string> = store.readAll()): Caller {
  const active = activeEmail();
  const effective = effectiveEmail();
  const email = active !== '' && (effective === '' || same(active, effective)) ? active : '';
  const stored = store.readConfig(all);
  return { email, role: roleOf(stored?.json, email), managers: managersOf(stored?.json), setUp: stored !== null };
}

/** The caller and, when they may not do `action` (completes "Only Baton's managers can …"), why not. */
export function check(access: Access, action: string, all?: Record<string, string>): { caller: Caller; problem: string | null } {
  const caller = currentCaller(all);
  return { caller, problem: refusal(access, caller, action) };
}

/**
 * Whether `e` is what Apps Script hands an edit or form-submit trigger: an event whose `range` is
 * a live Range. google.script.run copies only plain values (PLATFORM.md, HtmlService) and the
 * script editor's Run passes no event, so a direct call cannot forge one.
 */
export function hasLiveRange(e: unknown): boolean {
  const range = (e as { range?: { getSheet?: unknown; getRow?: unknown } } | null | undefined)?.range;
  return typeof range?.getSheet === 'function' && typeof range.getRow === 'function';
}

/**
 * Whether `e` names one of the running account's own triggers (`triggerUid`, which every
 * installable trigger event carries). A clock event is plain values anyone can type, but only the
 * account that made a trigger can list it (PLATFORM.md, Triggers), so a uid of someone else's
 * trigger, or a made-up one, is not found.
 */
export function isOwnTrigger(e: unknown): boolean {
  const uid = (e as { triggerUid?: unknown } | null | undefined)?.triggerUid;
  if (typeof uid !== 'string' || uid === '') return false;
  try {
    return ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === uid);
  } catch {
    return false;
  }
}

/** What a trigger handler answers a direct call (google.script.run, the script editor) with. */
export function notATrigger(functionName: string, trigger: string): string {
  return `${functionName} is run by Apps Script's ${trigger} trigger; called directly it does nothing.`;
}

export { type Access, type Caller };
