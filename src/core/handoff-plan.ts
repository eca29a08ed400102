/**
 * One run's whole plan: intake; then, where the run has full authorization, routing over
 * intake's outcome and the SLA step over routing's (due times, the SLA column, alerts,
 * escalations). Writes to the same cell merge: the later value wins, the snapshot's `before` stays.
 */
import type { AlertKeys } from './outbox';
import type { CellValue } from './conditions';
import { sameCell } from './fingerprint';
import type { CellWrite, IntakeInput, IntakePlan, LeadOutcome } from './intake-plan';
import { planIntake } from './intake-plan';
import type { LogEntry } from './log-entry';
import { route, type RoutingState } from './routing';
import { planRouting, type LeadFailure } from './routing-plan';
import { dueAt, SLA_STATES, targetFor } from './sla';
import { planSla, type Alert } from './sla-plan';
import type { TimePort } from './time-port';
import { businessMinutesBetween } from './business-clock';
import { instantOf } from './cells';
import { cellText } from './lead-checks';

export interface HandoffInput extends IntakeInput {
  /** Present when this run may assign and alert (FULL authorization: installable triggers, sweep). */
  routing?: {
    state: RoutingState;
    /** Today in the config time zone, 'YYYY-MM-DD'. */
    today: string;
    /** Wall-clock time in the config time zone. */
    port: TimePort;
    /** Keys of alerts already queued or sent. */
    queued: AlertKeys;
    /** Known leads' open leads per owner, for a plan of some rows only (routing-plan.ts). */
    openLoad?: Record<string, number>;
  };
}

export interface HandoffPlan extends IntakePlan {
  routingState: RoutingState | null;
  failures: LeadFailure[];
  alerts: Alert[];
}

export function mergeWrites(first: CellWrite[], then: CellWrite[]): CellWrite[] {
  const cells = new Map<string, CellWrite>();
  for (const w of [...first, ...then]) {
    const key = `${w.target.row}:${w.column}`;
    const earlier = cells.get(key);
    cells.set(key, earlier ? { ...w, before: earlier.before } : w);
  }
  return [...cells.values()].filter((w) => !sameCell(w.before, w.value));
}

/** What each lead's fields will hold once `writes` land. */
function valuesAfter(writes: CellWrite[]): (lead: LeadOutcome, field: string) => CellValue | undefined {
  const pending = new Map(writes.map((w) => [`${w.target.row}:${w.field}`, w.value]));
  return (lead, field) => {
    const key = `${lead.target.row}:${field}`;
    return pending.has(key) ? pending.get(key) : lead.fields[field];
  };
}

export function planHandoff(input: HandoffInput): HandoffPlan {
  const intake = planIntake(input);
  const full = input.routing;
  if (!full || intake.columns.index.leadId === undefined) return { ...intake, routingState: null, failures: [], alerts: [] };
  // Without an Owner column (a renamed header) routing waits; intake's problem for the header says so.
  if (intake.columns.index.owner === undefined) return { ...intake, routingState: null, failures: [], alerts: [] };
  const { config, now } = input;
  const routing = planRouting({
    outcomes: intake.outcomes,
    columns: intake.columns,
    config,
    configVersion: input.configVersion,
    now,
    today: full.today,
    state: full.state,
    actor: input.actor,
    openLoad: full.openLoad,
  });
  let writes = mergeWrites(intake.writes, routing.writes);
  const sla = planSla({
    outcomes: intake.outcomes,
    columns: intake.columns,
    valueOf: valuesAfter(writes),
    config,
    configVersion: input.configVersion,
    now,
    port: full.port,
    queued: full.queued,
  });
  writes = mergeWrites(writes, sla.writes);
  const log: LogEntry[] = [...intake.log, ...routing.log, ...sla.log];
  const alerts = [...sla.alerts];
  // Recipients come from the config, never from a cell: an owner typed by hand off the team gets nothing.
  const onTeam = (email: string) => config.team.some((m) => m.email === email);
  let routingState = routing.state;

  // Escalation by reassignment: the lead goes to the next available member of its pool, with a
  // new due time; the old and the new owner are told.
  if (sla.reassign.length) {
    const valueOf = valuesAfter(writes);
    const extra: CellWrite[] = [];
    for (const lead of sla.reassign) {
      const from = String(valueOf(lead, 'owner') ?? '').toLowerCase();
      const assignedAt = (valueOf(lead, 'assignedAt') as Date).getTime();
      const without = { ...config, team: config.team.map((m) => (m.email === from ? { ...m, active: false } : m)) };
      const result = route([{ leadId: lead.leadId, fields: lead.fields }], without, routingState, {}, full.today);
      const a = result.assignments[0];
      const key = `${lead.leadId}|escalated|${assignedAt}`;
      if (!a.owner) {
        log.push({ at: now, configVersion: input.configVersion, leadId: lead.leadId, event: 'escalated', from, actor: 'Baton', reason: `Breached; nobody else can take it. ${a.reason}` });
        if (onTeam(from)) alerts.push(escalationAlert(lead, key, from, from, undefined));
        continue;
      }
      routingState = result.state;
      const target = targetFor(lead.fields, config)!;
      const due = dueAt(now, target, config, full.port);
      const col = intake.columns.index;
      const put = (field: string, value: CellValue) => {
        if (col[field] !== undefined) extra.push({ target: lead.target, field, column: col[field], before: lead.values[col[field]] ?? '', value });
      };
      put('owner', a.owner);
      put('assignedAt', new Date(now));
      put('slaDue', new Date(due));
      put('sla', SLA_STATES.onTrack);
      log.push({ at: now, configVersion: input.configVersion, leadId: lead.leadId, event: 'escalated', from, to: a.owner, actor: 'Baton', reason: `Breached for ${config.sla.escalation!.afterMinutes}+ business minutes.` });
      log.push({ at: now, configVersion: input.configVersion, leadId: lead.leadId, event: 'reassigned', from, to: a.owner, actor: 'Baton', reason: a.reason });
      if (onTeam(from)) alerts.push(escalationAlert(lead, key, from, a.owner, from));
      alerts.push(escalationAlert(lead, key, a.owner, a.owner, from));
    }
    writes = mergeWrites(writes, extra);
  }

  alerts.push(...assignmentNotices(intake.outcomes, log, valuesAfter(writes), input, full.port));

  return {
    ...intake,
    writes,
    log,
    routingState,
    failures: routing.failures,
    alerts: alerts.filter((a) => !full.queued.has(a.key)),
  };

  function escalationAlert(lead: LeadOutcome, key: string, to: string, owner: string, previousOwner: string | undefined): Alert {
    const text = (f: string) => String(lead.fields[f] ?? '');
    return {
      key: `${key}|${to}`, to, kind: 'escalated', leadId: lead.leadId, row: lead.row, name: text('name'), company: text('company'),
      email: text('email'), phone: text('phone'), owner, previousOwner, due: now, minutesLate: 0,
    };
  }
}

/**
 * "A new lead for you": one alert per lead that got an owner in this run (routed, routed again,
 * reassigned by escalation, assigned or handed to someone else by a manager's hand), for its owner, with what they need to call and the time left
 * (docs/SLA.md, "Assignment notices"). Members who opted out (`assignmentEmails: false`) get none;
 * breach e-mails still reach them.
 */
function assignmentNotices(
  outcomes: LeadOutcome[],
  log: LogEntry[],
  valueOf: (lead: LeadOutcome, field: string) => CellValue | undefined,
  input: HandoffInput,
  port: TimePort,
): Alert[] {
  const { config, now } = input;
  // Routing's assignments, and Owner changes people made that stood (logged `override`).
  const given = new Set(log.filter((l) => l.event === 'assigned' || l.event === 'reassigned' || (l.event === 'override' && !!l.to)).map((l) => l.leadId));
  const out: Alert[] = [];
  for (const lead of outcomes) {
    if (!given.has(lead.leadId)) continue;
    const owner = cellText(valueOf(lead, 'owner')).toLowerCase();
    const member = config.team.find((m) => m.email === owner);
    const assignedAt = instantOf(valueOf(lead, 'assignedAt'));
    const due = instantOf(valueOf(lead, 'slaDue'));
    if (!member || member.assignmentEmails === false || assignedAt === null) continue;
    const text = (f: string) => cellText(lead.fields[f]);
    out.push({
      key: `${lead.leadId}|assigned|${assignedAt}|${owner}`,
      to: owner,
      kind: 'assigned',
      leadId: lead.leadId,
      row: lead.row,
      name: text('name'),
      company: text('company'),
      email: text('email'),
      phone: text('phone'),
      interest: text('interest'),
      source: text('source'),
      campaign: text('campaign'),
      owner,
      due: due ?? 0,
      minutesLate: 0,
      minutesLeft: due === null ? undefined : Math.max(0, Math.round(businessMinutesBetween(now, due, config.sla, port))),
      timeZone: config.timeZone,
    });
  }
  return out;
}
