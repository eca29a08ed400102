/**
 * The SLA step of a run, over the leads as intake and routing leave them: SLA Due for every
 * assignment that has none (or whose assignment changed), the SLA column for every owned lead,
 * the alerts due (newly breached, newly due soon), and escalations of long breaches.
 */
import type { CellValue } from './conditions';
import type { BatonConfig } from './config-schema';
import type { CellWrite, LeadOutcome } from './intake-plan';
import type { LeadColumns } from './lead-columns';
import { cellText } from './lead-checks';
import type { LogEntry } from './log-entry';
import { dueAt, minutesLate, responseMinutes, slaState, SLA_STATES, targetFor } from './sla';
import { isClosed, OWNED_STATUSES, type Status } from './statuses';
import type { TimePort } from './time-port';
import { instantOf } from './cells';

/**
 * 'health' and 'failure' are about Baton's own work (core/health.ts, the failure queue): they carry a `message`.
 * 'report' is the weekly review to a manager (core/report-layout.ts): a `message`, `lines` and the tab's `gid`.
 * 'repeat inquiry' tells an owner their lead's person asked again; 'deleted' tells the managers a live
 * lead's row is gone (core/intake-plan.ts): both carry a `message`.
 */
export type AlertKind = 'breached' | 'due soon' | 'escalated' | 'health' | 'failure' | 'report' | 'repeat inquiry' | 'deleted';

/** One lead's alert for one recipient; digests group them per recipient. */
export interface Alert {
  /** Unique per lead, kind and assignment: an alert is queued once. */
  key: string;
  to: string;
  kind: AlertKind;
  leadId: string;
  row: number;
  name: string;
  company: string;
  email: string;
  phone: string;
  owner: string;
  /** For an escalation by reassignment: who had the lead before. */
  previousOwner?: string;
  /** For 'health' and 'failure': what happened and what to do. */
  message?: string;
  /** For 'report': the worst breaches, one line each. */
  lines?: string[];
  /** For 'report': the sheet id of the tab to link to. */
  gid?: number;
  due: number;
  minutesLate: number;
}

/**
 * An alert about Baton itself rather than about one lead's contact details (a failure, a daily
 * summary, the weekly report): the lead fields stay empty unless given.
 */
export function noticeAlert(fields: Pick<Alert, 'key' | 'to' | 'kind' | 'due' | 'message'> & Partial<Alert>): Alert {
  return { leadId: '', row: 1, name: '', company: '', email: '', phone: '', owner: '', minutesLate: 0, ...fields };
}

export interface SlaPlan {
  writes: CellWrite[];
  log: LogEntry[];
  alerts: Alert[];
  /** Leads to hand to the next member of their pool (escalation `reassign`). */
  reassign: LeadOutcome[];
}

export interface SlaInput {
  outcomes: LeadOutcome[];
  columns: LeadColumns;
  /** The value a field will hold once this run's earlier writes land. */
  valueOf: (lead: LeadOutcome, field: string) => CellValue | undefined;
  config: BatonConfig;
  configVersion: number | null;
  now: number;
  port: TimePort;
  /** Alert keys already queued or sent (the outbox). */
  queued: Set<string>;
}

const owned = (s: LeadOutcome['status']) => !!s && OWNED_STATUSES.includes(s as Status);

export function planSla(input: SlaInput): SlaPlan {
  const { config, now, port, columns } = input;
  const plan: SlaPlan = { writes: [], log: [], alerts: [], reassign: [] };
  const write = (lead: LeadOutcome, field: string, value: CellValue) => {
    const column = columns.index[field];
    if (column === undefined) return;
    plan.writes.push({ target: lead.target, field, column, before: lead.values[column] ?? '', value });
  };
  const log = (entry: Omit<LogEntry, 'at' | 'configVersion'>) => plan.log.push({ at: now, configVersion: input.configVersion, ...entry });

  for (const lead of input.outcomes) {
    const status = input.valueOf(lead, 'status');
    const parsed = lead.status;
    const owner = cellText(input.valueOf(lead, 'owner')).toLowerCase();
    const assignedAt = instantOf(input.valueOf(lead, 'assignedAt'));
    // The SLA runs on leads someone owns; a closed lead keeps the SLA it had.
    const isOwned = owned((cellText(status) as Status) || parsed) && owner !== '' && assignedAt !== null;
    if (!isOwned || isClosed(parsed)) continue;

    const target = targetFor(lead.fields, config);
    if (!target) continue;
    // A due time belongs to one assignment: a new Assigned At (reassignment) gets a new one.
    const knownAssigned = instantOf(lead.known?.assignedAt);
    let due = instantOf(input.valueOf(lead, 'slaDue'));
    if (due === null || (knownAssigned !== null && knownAssigned !== assignedAt)) {
      due = dueAt(assignedAt, target, config, port);
      write(lead, 'slaDue', new Date(due));
    }
    const contactedAt = instantOf(input.valueOf(lead, 'firstContact'));
    const state = slaState({ assignedAt, due, contactedAt, now }, config, port);
    const before = cellText(lead.known?.sla);
    write(lead, 'sla', state);
    if (state === before) continue;

    if (contactedAt !== null && (state === SLA_STATES.met || state === SLA_STATES.missed)) {
      const took = responseMinutes(assignedAt, contactedAt, config, port);
      log({ leadId: lead.leadId, event: 'contacted', from: before, to: state, actor: 'Baton', reason: `First contact ${took} business minutes after assignment; target ${target.minutes} (${target.name}).` });
      continue;
    }
    const late = minutesLate(due, now, config, port);
    const alert = (kind: AlertKind, to: string): Alert => ({
      key: `${lead.leadId}|${kind}|${assignedAt}|${to}`,
      to,
      kind,
      leadId: lead.leadId,
      row: lead.row,
      name: cellText(lead.fields.name),
      company: cellText(lead.fields.company),
      email: cellText(lead.fields.email),
      phone: cellText(lead.fields.phone),
      owner,
      due,
      minutesLate: late,
    });
    if (state === SLA_STATES.breached) {
      log({ leadId: lead.leadId, event: 'breached', from: before, to: state, actor: 'Baton', reason: `No first contact by ${new Date(due).toISOString()} (${target.name}: ${target.minutes} business minutes).` });
      if (config.alerts.ownerBreachEmails) plan.alerts.push(alert('breached', owner));
    } else if (state === SLA_STATES.dueSoon && config.alerts.dueSoonEmails) {
      plan.alerts.push(alert('due soon', owner));
    }
  }

  // Escalation: a breach older than afterMinutes (business time past due) escalates once.
  const escalation = config.sla.escalation;
  if (escalation) {
    // Leads escalated before, and escalations already done per assignment (from the outbox keys),
    // gathered once rather than scanned per lead.
    const escalatedLeads = new Set<string>();
    const escalatedKeys = new Set<string>();
    for (const k of input.queued) {
      const [leadId, kind, assigned] = k.split('|');
      if (kind !== 'escalated') continue;
      escalatedLeads.add(leadId);
      escalatedKeys.add(`${leadId}|escalated|${assigned}`);
    }
    for (const lead of input.outcomes) {
      const owner = cellText(input.valueOf(lead, 'owner')).toLowerCase();
      const assignedAt = instantOf(input.valueOf(lead, 'assignedAt'));
      const due = instantOf(plan.writes.find((w) => w.target === lead.target && w.field === 'slaDue')?.value) ?? instantOf(input.valueOf(lead, 'slaDue'));
      const stateWrite = plan.writes.find((w) => w.target === lead.target && w.field === 'sla');
      if (!stateWrite || stateWrite.value !== SLA_STATES.breached || assignedAt === null || due === null) continue;
      if (minutesLate(due, now, config, port) < escalation.afterMinutes) continue;
      const key = `${lead.leadId}|escalated|${assignedAt}`;
      if (escalatedKeys.has(key)) continue;
      // A lead is reassigned by escalation once; if it breaches again, the managers hear of it
      // instead of the lead bouncing between people.
      const reassignedBefore = escalatedLeads.has(lead.leadId);
      if (escalation.action === 'reassign' && !reassignedBefore) plan.reassign.push(lead);
      else {
        for (const manager of config.managers) {
          const k = `${key}|${manager}`;
          if (input.queued.has(k)) continue;
          plan.alerts.push({
            key: k, to: manager, kind: 'escalated', leadId: lead.leadId, row: lead.row, name: cellText(lead.fields.name), company: cellText(lead.fields.company),
            email: cellText(lead.fields.email), phone: cellText(lead.fields.phone), owner, due, minutesLate: minutesLate(due, now, config, port),
          });
        }
        log({ leadId: lead.leadId, event: 'escalated', from: owner, to: config.managers.join(', '), actor: 'Baton', reason: `Breached for ${escalation.afterMinutes}+ business minutes; managers told.` });
      }
    }
  }
  // Only real changes are writes.
  plan.writes = plan.writes.filter((w) => cellText(w.before) !== cellText(w.value) || instantOf(w.before) !== instantOf(w.value));
  return plan;
}
