/**
 * Who may do what to Baton: the caller's role from the stored config, and the one decision every
 * entry point asks for (src/gas/guard.ts reads the caller and the config; this decides).
 */

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const lower = (list: unknown): string[] =>
  Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string').map((m) => m.trim().toLowerCase()) : [];

/** The managers a stored config names (lower case); [] when none is stored yet. */
export function managersOf(storedConfig: unknown): string[] {
  return isObject(storedConfig) ? lower(storedConfig.managers) : [];
}

/** The team members' addresses a stored config names (lower case). */
export function teamOf(storedConfig: unknown): string[] {
  if (!isObject(storedConfig) || !Array.isArray(storedConfig.team)) return [];
  return lower(storedConfig.team.map((m) => (isObject(m) ? m.email : null)));
}

/** Before anyone is a manager, whoever sets Baton up becomes the first. */
export function mayManage(managers: string[], email: string): boolean {
  const me = email.trim().toLowerCase();
  return me !== '' && (managers.length === 0 || managers.includes(me));
}

/**
 * `unknown`: Google did not say who the caller is (a blank e-mail: consumer accounts, other
 * domains, simple triggers), so nothing can be allowed on their behalf that needs a role.
 */
export type Role = 'manager' | 'member' | 'editor' | 'unknown';

export function roleOf(storedConfig: unknown, email: string): Role {
  const me = email.trim().toLowerCase();
  if (me === '') return 'unknown';
  if (managersOf(storedConfig).includes(me)) return 'manager';
  if (teamOf(storedConfig).includes(me)) return 'member';
  return 'editor';
}

/**
 * What an entry point needs:
 * - `read`: anyone who can open the spreadsheet (what it shows is theirs to see: see
 *   docs/ARCHITECTURE.md, Roles);
 * - `manage`: a manager of the stored config; nothing is allowed before Baton is set up;
 * - `bootstrap`: as `manage`, but before any manager is named whoever runs it becomes the first
 *   (Set up Baton; the self-check a new user runs before setting up).
 */
export type Access = 'read' | 'manage' | 'bootstrap';

export interface Caller {
  email: string;
  role: Role;
  /** The managers of the stored config ([] when none is stored). */
  managers: string[];
  /** Whether a config is stored at all. */
  setUp: boolean;
}

/** null when `caller` may go ahead; otherwise why not, in words for them. `action` completes "Only Baton's managers can …". */
export function refusal(access: Access, caller: Caller, action: string): string | null {
  if (access === 'read') return null;
  if (access === 'bootstrap' && caller.managers.length === 0 && caller.role !== 'unknown') return null;
  if (caller.role === 'manager') return null;
  if (caller.role === 'unknown') {
    return `Only Baton's managers can ${action}, and Google did not tell Baton who you are (your e-mail address is hidden from this script). Ask a manager, or sign in with the account a manager added.`;
  }
  if (access === 'manage' && !caller.setUp) return 'Baton is not set up yet: choose Set up Baton first.';
  return `Only Baton's managers can ${action}; ${caller.email} is not one of them.`;
}

/**
 * Every top-level function of the bundle and what it needs (src/main.ts declares them; the
 * authorization test fails for a function of the bundle missing here). `trigger`: a handler Apps
 * Script calls with an event; called directly (google.script.run, the script editor) it does no
 * more than its trigger would: edit and form handlers need a live Range, which no direct call can
 * pass, and the clock sweep runs only for the account the triggers run under.
 */
export const ENTRY_POINTS = {
  onOpen: 'read', // menu and a health toast: what opening the spreadsheet does for anyone
  onInstall: 'read',
  onEdit: 'trigger',
  batonSweep: 'trigger',
  batonOnEdit: 'trigger',
  batonOnFormSubmit: 'trigger',
  menuSetUp: 'bootstrap',
  setupBaton: 'bootstrap',
  menuRunSelfCheck: 'bootstrap',
  menuShowSettings: 'read', // the sidebar opens read-only for all but managers
  getConfig: 'read',
  getHealth: 'read',
  getFairness: 'read',
  listFailures: 'read',
  saveConfig: 'manage',
  previewConfig: 'manage',
  menuRepairTriggers: 'manage',
  repairBatonTriggers: 'manage',
  menuRetryFailures: 'manage',
  retryFailures: 'manage',
  dismissFailure: 'manage',
  menuBuildReport: 'manage',
  buildWeeklyReport: 'manage',
} as const satisfies Record<string, Access | 'trigger'>;
