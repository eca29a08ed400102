/** Lists the current user's Baton triggers and applies a trigger plan with ScriptApp. */
import type { ExistingTrigger, TriggerPlan, WantedTrigger } from '../core/trigger-plan';

export function listTriggers(): { existing: ExistingTrigger[]; byUid: Map<string, GoogleAppsScript.Script.Trigger> } {
  const byUid = new Map<string, GoogleAppsScript.Script.Trigger>();
  const existing = ScriptApp.getProjectTriggers().map((t) => {
    byUid.set(t.getUniqueId(), t);
    return { uid: t.getUniqueId(), handler: t.getHandlerFunction(), kind: kindOf(t.getEventType()) };
  });
  return { existing, byUid };
}

function kindOf(type: GoogleAppsScript.Script.EventType): ExistingTrigger['kind'] {
  if (type === ScriptApp.EventType.CLOCK) return 'clock';
  if (type === ScriptApp.EventType.ON_EDIT) return 'edit';
  if (type === ScriptApp.EventType.ON_FORM_SUBMIT) return 'formSubmit';
  return 'other';
}

/** Removes first, so an add-on's one-trigger-per-type rule is never hit by a replacement. */
export function applyTriggerPlan(plan: TriggerPlan, byUid: Map<string, GoogleAppsScript.Script.Trigger>): void {
  for (const uid of plan.remove) {
    const t = byUid.get(uid);
    if (t) ScriptApp.deleteTrigger(t);
  }
  for (const w of plan.create) createTrigger(w);
}

function createTrigger(w: WantedTrigger): void {
  const builder = ScriptApp.newTrigger(w.handler);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  switch (w.kind) {
    case 'clock': {
      const every = w.everyMinutes ?? 60;
      const clock = builder.timeBased();
      (every >= 60 ? clock.everyHours(every / 60) : clock.everyMinutes(every)).create();
      return;
    }
    case 'edit':
      builder.forSpreadsheet(ss).onEdit().create();
      return;
    case 'formSubmit':
      builder.forSpreadsheet(ss).onFormSubmit().create();
      return;
  }
}

/** Deletes every Baton trigger of the current user (a retired owner's triggers). */
export function removeTriggers(handlers: string[]): number {
  let removed = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (handlers.includes(t.getHandlerFunction())) {
      ScriptApp.deleteTrigger(t);
      removed++;
    }
  }
  return removed;
}
