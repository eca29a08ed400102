/** A row of the Baton Log (SPEC.md): what happened to which lead, who did it, and why. */

export type LogEvent =
  | 'created'
  | 'validated'
  | 'promoted'
  | 'assigned'
  | 'reassigned'
  | 'override'
  | 'contacted'
  | 'status changed'
  | 'deleted'
  | 'reverted'
  | 'removed'
  | 'breached'
  | 'escalated'
  | 'duplicate'
  | 'failed'
  | 'retried'
  | 'dismissed'
  | 'setup'
  | 'config changed';

export interface LogEntry {
  at: number;
  leadId?: string;
  event: LogEvent;
  from?: string;
  to?: string;
  actor: string;
  reason: string;
  configVersion: number | null;
}
