/**
 * Who may receive Baton's mail, decided at send time from the config as it is then: an alert
 * about a lead's contact (assignment, breach, due soon, a repeat inquiry) only to a team member;
 * anything else only to an address the config names (managers, team, the Needs-info digest's
 * recipients). Nothing typed into the spreadsheet can add a recipient.
 */
import { mailboxKey } from './mailbox';
import type { AlertKind } from './sla-plan';

/** Alerts an owner receives about their lead. */
const OWNER_KINDS: ReadonlySet<AlertKind> = new Set<AlertKind>(['assigned', 'breached', 'due soon', 'repeat inquiry']);

export interface RecipientSource {
  managers: string[];
  team: { email: string }[];
  intake?: { needsInfoTo?: string[] };
}

export type MayReceive = (to: string, kind: AlertKind) => boolean;

export function recipientsOf(config: RecipientSource): MayReceive {
  const team = new Set(config.team.map((m) => mailboxKey(m.email)));
  const named = new Set([...team, ...config.managers.map(mailboxKey), ...(config.intake?.needsInfoTo ?? []).map(mailboxKey)]);
  return (to, kind) => (OWNER_KINDS.has(kind) ? team : named).has(mailboxKey(to));
}

/** While the config does not validate, only its managers (as stored) hear from Baton. */
export function managersOnly(managers: string[]): MayReceive {
  const keys = new Set(managers.map(mailboxKey));
  return (to, kind) => !OWNER_KINDS.has(kind) && keys.has(mailboxKey(to));
}
