/**
 * The SLA step of a run, over the leads as intake and routing leave them: SLA Due for every
 * assignment that has none (or whose assignment changed), the SLA column for every owned lead,
 * the alerts due (newly breached, newly due soon), and escalations of long breaches.
 */
import type { AlertKeys } from './outbox';
import type { CellValue } from './conditions';
import type { BatonConfig } from './config-schema';
import type { CellWrite, LeadOutcome } from './intake-plan';
import type { LeadColumns } from './lead-columns';
import { cellText } from './lead-checks';
import type { LogEntry } from './log-entry';
import { dueAt, minutesLate, responseMinutes, slaState, SLA_STATES, targetFor } from './sla';
import { OWNED_STATUSES, parseStatus, STATUS, type Status } from './statuses';
import type { TimePort } from './time-port';
import { instantOf } from './cells';

/**
 * 'health' and 'failure' are about Baton's own work (core/health.ts, the failure queue): they carry a `message`.
 * 'report' is the weekly review to a manager (core/report-layout.ts): a `message`, `lines` and the tab's `gid`.
 * 'repeat inquiry' tells an owner their lead's person asked again; 'deleted' tells the managers a live
 * lead's row is gone (core/intake-plan.ts): both carry a `message`.
 */
export type AlertKind = 'needs info' | 'assigned' | 'breached' | 'due soon' | 'escalated' | 'health' | 'failure' | 'report' | 'repeat inquiry' | 'deleted';

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
  /** A summary of this many leads' alerts of one kind (core/outbox.ts, foldOverflow), the first of them named in `names`. */
  count?: number;
  names?: string[];
  /** For 'report': the sheet id of the tab to link to. */
  gid?: number;
  /** For 'assigned': what the lead asked about and where it came from, and the business minutes left to the due time. */
  interest?: string;
  source?: string;
  campaign?: string;
  minutesLeft?: number;
  /** For 'assigned': the config's time zone, named next to the due time. */
  timeZone?: string;
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
  queued: AlertKeys;
}

const owned = (s: LeadOutcome['status']) => !!s && OWNED_STATUSES.includes(s as Status);
/** SLA values that are final: a lead that left the handoff keeps them. */
const FINAL = new Set<string>([SLA_STATES.met, SLA_STATES.missed, SLA_STATES.closedBeforeDue]);

export function planSla(input: SlaInput): SlaPlan {
  const { config, now, port, columns } = input;
  const plan: SlaPlan = { writes: [], log: [], alerts: [], reassign: [] };
  const write = (lead: LeadOutcome, field: string, value: CellValue) => {
    const column = columns.index[field];
    if (column === undefined) return;
    plan.writes.push({ target: lead.target, field, column, before: lead.values[column] ?? '', value });
  };
  const log = (entry: Omit<LogEntry, 'at' | 'configVersion'>) => plan.log.push({ at: now, configVersion: input.configVersion, ...entry });
  // Mail goes only to the team: an Owner typed by hand who is not on it is a failure for the
  // managers (routing-plan.ts), never a recipient read from a cell.
  const team = new Set(config.team.map((m) => m.email));
  const onTeam = (email: string) => team.has(email);

  // Without an Assigned At column (deleted or renamed: a 'missing header' failure says so), the
  // clock keeps running from the assignment Baton recorded (docs/RECOVERY.md, "missing header").
  const assignedAtOf = (lead: LeadOutcome): number | null =>
    input.columns.index.assignedAt === undefined ? instantOf(lead.known?.assignedAt) : instantOf(input.valueOf(lead, 'assignedAt'));

  for (const lead of input.outcomes) {
    const status = input.valueOf(lead, 'status');
    const parsed = parseStatus(status);
    const owner = cellText(input.valueOf(lead, 'owner')).toLowerCase();
    const assignedAt = assignedAtOf(lead);
    if (assignedAt === null || owner === '') continue;
    // The SLA runs on every lead that had an owner: while it is owned (or its status is one Baton
    // does not know: the clock keeps running), and once more when it leaves the handoff, for its
    // final value.
    const working = parsed === null || owned(parsed);
    const before = cellText(lead.known?.sla);
    if (!working && FINAL.has(before)) continue;

    const target = targetFor(lead.fields, config);
    if (!target) continue;
    // The customer's clock (docs/SLA.md): from when the lead became sales-ready, or from the
    // assignment when `sla.clockStarts` says so or the ready time is not known.
    const start = config.sla.clockStarts === 'assigned' || lead.readyAt === null ? assignedAt : Math.min(lead.readyAt, assignedAt);
    // A due time belongs to one assignment: a new Assigned At (reassignment) gets a new one.
    const knownAssigned = instantOf(lead.known?.assignedAt);
    let due = instantOf(input.valueOf(lead, 'slaDue'));
    if (due === null || (knownAssigned !== null && knownAssigned !== assignedAt)) {
      due = dueAt(start, target, config, port);
      write(lead, 'slaDue', new Date(due));
    }
    let contactedAt = instantOf(input.valueOf(lead, 'firstContact'));
    if (!working && contactedAt === null && (parsed === STATUS.qualified || parsed === STATUS.won)) {
      // Qualified or Won without a recorded contact: the contact happened by now, at the latest.
      contactedAt = now;
      write(lead, 'firstContact', new Date(now));
      log({ leadId: lead.leadId, event: 'contacted', from: '', to: cellText(status), actor: 'Baton', reason: `${cellText(status)} without a First Contact: taken as contacted now.` });
    }
    let state: string =
      working || contactedAt !== null
        ? slaState({ assignedAt: start, due, contactedAt, now }, config, port)
        : now >= due
          ? SLA_STATES.missed
          : SLA_STATES.closedBeforeDue;
    // A status Baton does not know is a problem to fix (it says so in Problems), not a lead on
    // track: the column stays empty until the clock, still running, makes it Breached.
    if (parsed === null && (state === SLA_STATES.onTrack || state === SLA_STATES.dueSoon)) state = '';
    write(lead, 'sla', state);
    if (state === before) continue;
    if (!working && contactedAt === null) {
      log({ leadId: lead.leadId, event: 'status changed', from: before, to: state, actor: 'Baton', reason: state === SLA_STATES.missed ? `Closed as ${cellText(status)} without a first contact, after it was due.` : `Closed as ${cellText(status)} before it was due: not counted in SLA figures.` });
      continue;
    }

    if (contactedAt !== null && (state === SLA_STATES.met || state === SLA_STATES.missed)) {
      const took = responseMinutes(start, contactedAt, config, port);
      log({ leadId: lead.leadId, event: 'contacted', from: before, to: state, actor: 'Baton', reason: `First contact ${took} business minutes after ${start === assignedAt ? 'assignment' : 'the lead was ready for sales'}; target ${target.minutes} (${target.name}).` });
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
      if (config.alerts.ownerBreachEmails && onTeam(owner)) plan.alerts.push(alert('breached', owner));
    } else if (state === SLA_STATES.dueSoon && config.alerts.dueSoonEmails) {
      if (onTeam(owner)) plan.alerts.push(alert('due soon', owner));
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
    // Each lead's planned SLA writes, found once: a search per lead was quadratic (issue 16).
    const planned = new Map<unknown, { slaDue?: CellWrite; sla?: CellWrite }>();
    for (const w of plan.writes) {
      if (w.field !== 'slaDue' && w.field !== 'sla') continue;
      const entry = planned.get(w.target) ?? {};
      if (!entry[w.field]) entry[w.field] = w;
      planned.set(w.target, entry);
    }
    for (const lead of input.outcomes) {
      const owner = cellText(input.valueOf(lead, 'owner')).toLowerCase();
      const assignedAt = assignedAtOf(lead);
      const due = instantOf(planned.get(lead.target)?.slaDue?.value) ?? instantOf(input.valueOf(lead, 'slaDue'));
      const stateWrite = planned.get(lead.target)?.sla;
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
