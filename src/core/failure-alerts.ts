/**
 * Tells the managers about new failures: one alert per failure and manager, queued once in the
 * outbox (so each failure is mailed once, inside the recipient's one digest per run).
 */
import type { Failure } from './sheet-failures';
import { SHEET_LEVEL } from './sheet-failures';
import { noticeAlert, type Alert } from './sla-plan';

/** What to do, per kind, in a sentence a manager can act on. */
const NEXT_STEP: Record<string, string> = {
  'no available owner': 'Make someone available (capacity, away dates) or add a fallback in Settings.',
  'owner not on team': 'Choose an owner who is on the team, or clear Owner to let Baton route it.',
  'missing header': 'Put the header back, or map the new header in Settings (General › Column headers).',
  'duplicated header': 'Baton resolves this row by itself once one of the columns is renamed or removed.',
  'missing tab': 'Restore the tab (File › Version history) or set the tab\'s name in Settings; Baton resumes at once.',
  'renamed tab': 'Nothing is lost meanwhile; the row resolves once the names agree.',
  permission: 'Give the account that runs Baton\'s triggers edit access again, or move the triggers (RECOVERY.md, "permission").',
  quota: 'Nothing to do: Baton carries on when the quota returns.',
  'service error': 'Nothing to do unless it repeats: Baton retries on its next run.',
  'mail refused': 'Tell them yourself from the lead\'s row; Baton does not send that e-mail again.',
};

export function failureAlerts(failures: Failure[], managers: string[], rowOf: (leadId: string) => number, firstSeen: number): Alert[] {
  const alerts: Alert[] = [];
  for (const f of failures) {
    // Mail that waits for the quota is not news to send by mail: it shows in the sheet instead.
    // A message MailApp refused is: its recipient never heard of the lead.
    if (f.step === 'notify' && f.kind !== 'mail refused') continue;
    const message = [f.message, NEXT_STEP[f.kind], 'Retry and Dismiss are in Extensions › Baton › Settings, Health section.'].filter(Boolean).join(' ');
    for (const to of managers) {
      alerts.push(
        noticeAlert({
          key: `failure|${f.leadId}|${f.kind}|${f.subject ?? ''}|${firstSeen}|${to}`,
          to,
          kind: 'failure',
          leadId: f.leadId === SHEET_LEVEL ? '' : f.leadId,
          row: f.leadId === SHEET_LEVEL ? 1 : rowOf(f.leadId),
          due: firstSeen,
          message,
        }),
      );
    }
  }
  return alerts;
}
