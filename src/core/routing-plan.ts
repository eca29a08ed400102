/**
 * Routing, planned over intake's outcome: which leads need an owner (Ready without one, or an
 * assigned lead whose Owner was cleared), which a person assigned by hand (obeyed; flagged when
 * the person is not on the team), and the cells and log rows that follow. Owners are chosen by
 * `route` (rules, balance, availability, returning contacts).
 */
import type { CellValue } from './conditions';
import type { BatonConfig } from './config-schema';
import type { CellWrite, LeadOutcome } from './intake-plan';
import type { LeadColumns } from './lead-columns';
import { cellText, contactKeys, quote } from './lead-checks';
import { addToList } from './lists';
import type { LogEntry } from './log-entry';
import { route, type RoutableLead, type RoutingState } from './routing';
import { SHEET_LEVEL } from './sheet-failures';
import { isClosed, OWNED_STATUSES, STATUS, type Status } from './statuses';

export interface LeadFailure {
  /** A lead's ID, or '—' for the sheet as a whole. */
  leadId: string;
  step: 'routing';
  kind: 'no available owner' | 'owner not on team';
  message: string;
}

export interface RoutingPlan {
  writes: CellWrite[];
  log: LogEntry[];
  state: RoutingState;
  failures: LeadFailure[];
}

export interface RoutingInput {
  outcomes: LeadOutcome[];
  columns: LeadColumns;
  config: BatonConfig;
  configVersion: number | null;
  now: number;
  /** Today in the config time zone, 'YYYY-MM-DD' (away periods are dates there). */
  today: string;
  state: RoutingState;
  actor: string;
  /**
   * Open leads per owner (lower-case) among the leads Baton knows, when the plan holds only some
   * rows (new ones, core/new-rows-in-place.ts): known leads' are counted from here, not from the
   * outcomes, and the plan's new leads are added to them.
   */
  openLoad?: Record<string, number>;
}

const isOwned = (s: LeadOutcome['status']) => !!s && OWNED_STATUSES.includes(s as Status);

export function planRouting(input: RoutingInput): RoutingPlan {
  const { outcomes, columns, config, now } = input;
  const plan: RoutingPlan = { writes: [], log: [], state: input.state, failures: [] };
  const team = new Set(config.team.map((m) => m.email));
  const log = (entry: Omit<LogEntry, 'at' | 'configVersion'>) => plan.log.push({ at: now, configVersion: input.configVersion, ...entry });
  const write = (lead: LeadOutcome, field: string, value: CellValue) => {
    const column = columns.index[field];
    if (column === undefined) return;
    plan.writes.push({ target: lead.target, field, column, before: lead.values[column] ?? '', value });
  };
  const extraProblems = new Map<LeadOutcome, string[]>();
  const flag = (lead: LeadOutcome, problem: string) => addToList(extraProblems, lead, problem);

  // Open leads per member, and the owner of each closed lead by contact (returning contacts).
  const load: Record<string, number> = { ...input.openLoad };
  const closedOwner = new Map<string, { leadId: string; owner: string; at: number }>();
  for (const o of outcomes) {
    if (isOwned(o.status) && o.owner && !(input.openLoad && o.known)) load[o.owner] = (load[o.owner] ?? 0) + 1;
    if (isClosed(o.status) && o.owner) {
      for (const key of contactKeys(o.emailKey, o.phoneKey)) {
        const seen = closedOwner.get(key);
        if (!seen || seen.at <= o.createdAt) closedOwner.set(key, { leadId: o.leadId, owner: o.owner, at: o.createdAt });
      }
    }
  }

  const toRoute: { lead: LeadOutcome; cleared: boolean }[] = [];
  for (const lead of outcomes) {
    if (lead.status === STATUS.ready) {
      if (!lead.owner) toRoute.push({ lead, cleared: false });
      else if (!team.has(lead.owner)) {
        const message = `Owner ${quote(lead.owner)} is not on the team; choose someone who is, or clear Owner to let Baton route it.`;
        flag(lead, message);
        plan.failures.push({ leadId: lead.leadId, step: 'routing', kind: 'owner not on team', message });
      } else {
        // A person chose the owner: obeyed, and logged as an override by intake already.
        write(lead, 'status', STATUS.assigned);
        if (cellText(lead.fields.assignedAt) === '') write(lead, 'assignedAt', new Date(now));
        load[lead.owner] = (load[lead.owner] ?? 0) + 1;
        log({ leadId: lead.leadId, event: 'assigned', from: STATUS.ready, to: lead.owner, actor: lead.ownerBy || input.actor || 'someone', reason: 'Owner chosen by hand.' });
      }
    } else if (isOwned(lead.status)) {
      // Owner cleared by hand, or never written (a run stopped half-way): routed again.
      if (!lead.owner) toRoute.push({ lead, cleared: !!lead.known && cellText(lead.known.owner) !== '' });
      else if (lead.owner && !team.has(lead.owner)) {
        const message = `Owner ${quote(lead.owner)} is not on the team.`;
        flag(lead, message);
        plan.failures.push({ leadId: lead.leadId, step: 'routing', kind: 'owner not on team', message });
      }
    }
    // A lead Baton first sees with an Owner a person just typed (not Ready: that is an assignment
    // above): who chose the owner is on record.
    if (lead.status !== STATUS.ready && !lead.known && lead.owner && lead.ownerBy) {
      log({ leadId: lead.leadId, event: 'override', from: '', to: lead.owner, actor: lead.ownerBy, reason: 'Owner typed by hand on a new lead.' });
    }
  }

  if (toRoute.length && config.team.length === 0) {
    plan.failures.push({
      leadId: SHEET_LEVEL,
      step: 'routing',
      kind: 'no available owner',
      message: `No team is configured, so ${toRoute.length} sales-ready lead(s) wait for an owner. Add the team in Settings.`,
    });
  } else if (toRoute.length) {
    const routable: RoutableLead[] = toRoute.map(({ lead }) => {
      const previous = contactKeys(lead.emailKey, lead.phoneKey)
        .map((k) => closedOwner.get(k))
        .find((p) => p && p.leadId !== lead.leadId);
      return { leadId: lead.leadId, fields: lead.fields, previous: previous ? { leadId: previous.leadId, owner: previous.owner } : undefined };
    });
    const result = route(routable, config, input.state, load, input.today);
    plan.state = result.state;
    result.assignments.forEach((a, i) => {
      const { lead, cleared } = toRoute[i];
      const reason = (cleared ? `Owner was cleared by hand; routed again. ` : '') + a.reason;
      if (!a.owner) {
        const message = `No available owner: ${reason}`;
        flag(lead, message);
        plan.failures.push({ leadId: lead.leadId, step: 'routing', kind: 'no available owner', message });
        return;
      }
      write(lead, 'owner', a.owner);
      if (lead.status === STATUS.ready) write(lead, 'status', STATUS.assigned);
      write(lead, 'assignedAt', new Date(now));
      log({ leadId: lead.leadId, event: cleared ? 'reassigned' : 'assigned', from: cleared ? cellText(lead.known?.owner) : STATUS.ready, to: a.owner, actor: 'Baton', reason });
    });
  }

  for (const [lead, extra] of extraProblems) write(lead, 'problems', [...lead.problems, ...extra].join(' '));
  return plan;
}
