/**
 * Who may change a lead's Owner and Status (docs/ROUTING.md, "Ownership guard"). A live lead's
 * Owner and Status belong to its owner and the managers; anyone else's change stands only where
 * `ownership.othersMayEdit` allows it. A paste that puts back a value the lead held before (an
 * older copy of the sheet, a stale browser tab) is undone whoever made it, managers excepted:
 * their changes always stand.
 */
import { isOpen, type Status } from './statuses';

export interface EditContext {
  /** Who made the change: '' when Google does not say (consumer accounts, API writes, a sweep). */
  actor: string;
  /** The change came with many cells at once (a paste), or was found by a run with no edit to go by. */
  bulk: boolean;
}

export interface GuardInput {
  field: 'owner' | 'status';
  /** The value in the sheet now, and the one Baton last recorded. */
  value: string;
  recorded: string;
  /** The values this lead held before the recorded one (Baton State's History). */
  earlier: string[];
  /** The lead's status and owner as Baton last recorded them. */
  status: Status | '' | null;
  owner: string;
  managers: string[];
  othersMayEdit: boolean;
  edit: EditContext;
}

export type GuardDecision =
  | { keep: true; actor: string }
  | { keep: false; actor: string; reason: string; toast: string };

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function guardChange(input: GuardInput): GuardDecision {
  const actor = input.edit.actor.trim().toLowerCase();
  const label = input.field === 'owner' ? 'Owner' : 'Status';
  const who = actor || 'an unknown editor';
  if (actor && input.managers.some((m) => same(m, actor))) return { keep: true, actor };
  const older = input.earlier.some((e) => same(e, input.value)) && !same(input.value, input.recorded);
  if (input.edit.bulk && older) {
    const shown = input.value === '' ? 'an empty cell' : `"${input.value}"`;
    return {
      keep: false,
      actor: who,
      reason: `${label} ${shown} is an older value than "${input.recorded}" (a paste from an old copy?); Baton put "${input.recorded}" back.`,
      toast: `${label} put back to "${input.recorded}": the pasted value is older than the current one.`,
    };
  }
  // A closed lead, a Duplicate or an Ineligible one is nobody's work in progress.
  if (!isOpen(input.status)) return { keep: true, actor: who };
  // Google does not always say who edited; the change is kept and logged as unknown.
  if (!actor) return { keep: true, actor: who };
  if (input.owner && same(input.owner, actor)) return { keep: true, actor };
  if (input.othersMayEdit) return { keep: true, actor };
  const owned = input.owner ? `its owner (${input.owner})` : 'Baton (by the routing rules)';
  return {
    keep: false,
    actor,
    reason: `Only ${owned} or a manager may change ${label} of this lead; the change by ${actor} was undone.`,
    toast: `${label} was put back: only ${owned} or a manager may change it.`,
  };
}
