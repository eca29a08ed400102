/**
 * The weekly review (SPEC.md, "Reviewed weekly"; docs/REPORT.md): response times and SLA
 * attainment per owner, source and campaign, and the handoff's health, for one week and the
 * weeks before it as trend. Pure: the shell hands it the Leads tab, the Baton Log and Baton
 * Failures as read (one getValues each), the config and a TimePort.
 *
 * The SLA figures use the SLA clock's own definitions (core/sla.ts): response time is business
 * minutes from Assigned At to First Contact, and a lead is within its SLA when First Contact is at
 * or before SLA Due (the SLA column's Met).
 */
import { instantOf } from './cells';
import type { CellValue } from './conditions';
import type { BatonConfig } from './config-schema';
import { FAILURE_HEADERS, LOG_HEADERS } from './headers';
import { cellText } from './lead-checks';
import { locateColumns } from './lead-columns';
import { addDays, weekBounds } from './report-schedule';
import { median, percent, percentile } from './report-stats';
import { minutesLate, responseMinutes, SLA_STATES } from './sla';
import { CLOSED_STATUSES, parseStatus, STATUS, type Status } from './statuses';
import type { TimePort } from './time-port';

/** Weeks of trend before the reported week. */
export const TREND_WEEKS = 8;
/** Shown for an owner cell left blank, a Source or Campaign left blank. */
export const NO_OWNER = '(no owner)';
export const NONE = '(none)';

export interface OwnerFigures {
  owner: string;
  assigned: number;
  contacted: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Per cent of SLAs that came due in the week met; null when none came due. */
  withinSla: number | null;
  breaches: number;
  escalations: number;
  reassignments: number;
  openAtWeekEnd: number;
}

export interface GroupFigures {
  /** The Source or Campaign text. */
  key: string;
  leadsIn: number;
  completeAtIntake: number | null;
  salesReady: number | null;
  duplicates: number;
  withinSla: number | null;
  medianMinutes: number | null;
}

export interface HealthFigures {
  waitedForOwner: number;
  failuresOpened: number;
  failuresResolved: number;
  manualOverrides: number;
}

export interface Breach {
  leadId: string;
  owner: string;
  /** Business minutes from SLA Due to First Contact, or to the week's end without one. */
  minutesLate: number;
  contacted: boolean;
}

export interface Headline {
  leadsIn: number;
  assigned: number;
  contacted: number;
  withinSla: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
  breaches: number;
}

export interface WeekFigures {
  /** The week's Monday, 'YYYY-MM-DD' (config time zone). */
  weekStart: string;
  start: number;
  end: number;
  headline: Headline;
  owners: OwnerFigures[];
  sources: GroupFigures[];
  campaigns: GroupFigures[];
  health: HealthFigures;
  /** The worst breaches of the week, latest (most business minutes late) first, at most three. */
  worst: Breach[];
}

export interface TrendWeek {
  weekStart: string;
  leadsIn: number;
  withinSla: number | null;
  medianMinutes: number | null;
  breaches: number;
}

export interface WeeklyReport {
  week: WeekFigures;
  /** The trend weeks and the reported one, oldest first. */
  trend: TrendWeek[];
}

export interface ReportInput {
  /** The Leads tab as read: header row first. */
  leads: CellValue[][];
  /** Baton Log data rows (no header), in LOG_HEADERS order. */
  log: CellValue[][];
  /** Baton Failures data rows (no header), in FAILURE_HEADERS order. */
  failures: CellValue[][];
  config: BatonConfig;
  port: TimePort;
  /** The Monday of the reported week. */
  weekStart: string;
  trendWeeks?: number;
}

/** What the report needs of one lead, from its row. */
interface LeadFacts {
  leadId: string;
  owner: string;
  source: string;
  campaign: string;
  status: Status | '' | null;
  created: number | null;
  assignedAt: number | null;
  due: number | null;
  contact: number | null;
  /** The SLA column as the sheet shows it. */
  sla: string;
  /** Business minutes from Assigned At to First Contact (never negative). */
  response: number | null;
}

interface LogFacts {
  at: number;
  leadId: string;
  event: string;
  from: string;
  to: string;
  actor: string;
}

const L = (h: (typeof LOG_HEADERS)[number]) => LOG_HEADERS.indexOf(h);
const F = (h: (typeof FAILURE_HEADERS)[number]) => FAILURE_HEADERS.indexOf(h);
const lower = (v: CellValue | undefined) => cellText(v).toLowerCase();
const inWeek = (t: number | null, w: { start: number; end: number }): t is number => t !== null && t >= w.start && t < w.end;

/** Response times are worked out only for contacts from `since` on (the weeks reported). */
function readLeads(input: ReportInput, since: number): LeadFacts[] {
  const [header = [], ...rows] = input.leads;
  const col = locateColumns(header, input.config).index;
  const get = (row: CellValue[], field: string) => (col[field] === undefined ? undefined : row[col[field]]);
  const out: LeadFacts[] = [];
  for (const row of rows) {
    const leadId = cellText(get(row, 'leadId'));
    if (!leadId) continue; // Baton has not seen the row yet: not a lead of the log either
    const assignedAt = instantOf(get(row, 'assignedAt'));
    const contact = instantOf(get(row, 'firstContact'));
    out.push({
      leadId,
      owner: lower(get(row, 'owner')),
      source: cellText(get(row, 'source')) || NONE,
      campaign: cellText(get(row, 'campaign')) || NONE,
      status: parseStatus(get(row, 'status')),
      created: instantOf(get(row, 'created')),
      assignedAt,
      due: instantOf(get(row, 'slaDue')),
      contact,
      sla: cellText(get(row, 'sla')),
      response: assignedAt !== null && contact !== null && contact >= since ? Math.max(0, responseMinutes(assignedAt, contact, input.config, input.port)) : null,
    });
  }
  return out;
}

function readLog(rows: CellValue[][]): LogFacts[] {
  const out: LogFacts[] = [];
  for (const r of rows) {
    const at = instantOf(r[L('Time')]);
    if (at === null) continue;
    out.push({ at, leadId: cellText(r[L('Lead ID')]), event: cellText(r[L('Event')]), from: lower(r[L('From')]), to: lower(r[L('To')]), actor: cellText(r[L('Actor')]) });
  }
  return out;
}

/** Facts about each lead's history that the log holds. */
interface History {
  neededInfo: Set<string>;
  promoted: Map<string, number>;
  firstAssigned: Map<string, number>;
  duplicate: Set<string>;
  /** Assignments that ended in an escalation by reassignment: a missed SLA the sheet no longer shows. */
  escalatedAway: { at: number; owner: string; leadId: string }[];
}

function history(log: LogFacts[]): History {
  const h: History = { neededInfo: new Set(), promoted: new Map(), firstAssigned: new Map(), duplicate: new Set(), escalatedAway: [] };
  const reassignedByBaton = new Set<string>();
  for (const e of log) if (e.event === 'reassigned' && e.actor === 'Baton') reassignedByBaton.add(`${e.leadId}|${e.at}|${e.to}`);
  const earliest = (m: Map<string, number>, id: string, at: number) => m.set(id, Math.min(at, m.get(id) ?? at));
  for (const e of log) {
    if (e.event === 'validated' && e.to === STATUS.needsInfo.toLowerCase()) h.neededInfo.add(e.leadId);
    if (e.event === 'promoted') earliest(h.promoted, e.leadId, e.at);
    if (e.event === 'assigned' || e.event === 'reassigned') earliest(h.firstAssigned, e.leadId, e.at);
    if (e.event === 'duplicate') h.duplicate.add(e.leadId);
    // Escalation by reassignment logs 'escalated' and 'reassigned' at one time, to the new owner.
    if (e.event === 'escalated' && e.to && reassignedByBaton.has(`${e.leadId}|${e.at}|${e.to}`)) h.escalatedAway.push({ at: e.at, owner: e.from, leadId: e.leadId });
  }
  return h;
}

/** Counters by key, in first-seen order. */
class Tally<T> {
  readonly map = new Map<string, T>();
  constructor(private readonly make: (key: string) => T) {}
  get(key: string): T {
    let v = this.map.get(key);
    if (!v) this.map.set(key, (v = this.make(key)));
    return v;
  }
}

interface SlaCount {
  met: number;
  due: number;
  times: number[];
}

function figuresFor(weekStart: string, leads: LeadFacts[], log: LogFacts[], hist: History, input: ReportInput): WeekFigures {
  const { config, port } = input;
  const w = weekBounds(weekStart, port);
  const owners = new Tally<OwnerFigures & SlaCount>((owner) => ({
    owner, assigned: 0, contacted: 0, medianMinutes: null, p90Minutes: null, withinSla: null, breaches: 0, escalations: 0, reassignments: 0, openAtWeekEnd: 0, met: 0, due: 0, times: [],
  }));
  for (const m of config.team) owners.get(m.email.toLowerCase());
  const group = () =>
    new Tally<GroupFigures & SlaCount & { complete: number; ready: number }>((key) => ({
      key, leadsIn: 0, completeAtIntake: null, salesReady: null, duplicates: 0, withinSla: null, medianMinutes: null, met: 0, due: 0, times: [], complete: 0, ready: 0,
    }));
  const sources = group();
  const campaigns = group();
  const all: SlaCount = { met: 0, due: 0, times: [] };
  const breaches: Breach[] = [];
  let leadsIn = 0;
  let waited = 0;

  for (const lead of leads) {
    const owner = lead.owner || NO_OWNER;
    const groups = [sources.get(lead.source), campaigns.get(lead.campaign)];
    if (inWeek(lead.created, w)) {
      leadsIn++;
      const complete = !hist.neededInfo.has(lead.leadId) && lead.status !== STATUS.needsInfo;
      const ready = hist.promoted.has(lead.leadId) || lead.assignedAt !== null;
      const duplicate = hist.duplicate.has(lead.leadId) || lead.status === STATUS.duplicate;
      for (const g of groups) {
        g.leadsIn++;
        if (complete) g.complete++;
        if (ready) g.ready++;
        if (duplicate) g.duplicates++;
      }
    }
    if (inWeek(lead.contact, w) && lead.response !== null) {
      owners.get(owner).contacted++;
      for (const c of [owners.get(owner), ...groups, all]) c.times.push(lead.response);
    }
    // A lead closed before it was due is left out of SLA figures, as its SLA column says.
    if (inWeek(lead.due, w) && lead.sla !== SLA_STATES.closedBeforeDue) {
      const met = lead.contact !== null && lead.contact <= lead.due;
      for (const c of [owners.get(owner), ...groups, all]) {
        c.due++;
        if (met) c.met++;
      }
      if (!met) {
        owners.get(owner).breaches++;
        const until = lead.contact !== null && lead.contact < w.end ? lead.contact : w.end;
        breaches.push({ leadId: lead.leadId, owner, minutesLate: minutesLate(lead.due, until, config, port), contacted: lead.contact !== null && lead.contact < w.end });
      }
    }
    // Open at the week's end: owned (assigned before it ended) and not contacted by then.
    const reachedEnd = lead.assignedAt !== null && lead.assignedAt < w.end && !(lead.contact !== null && lead.contact < w.end);
    const stillHandled = lead.status !== STATUS.duplicate && lead.status !== STATUS.ineligible && !(lead.contact === null && CLOSED_STATUSES.includes(lead.status as Status));
    if (lead.owner && reachedEnd && stillHandled) owners.get(lead.owner).openAtWeekEnd++;
    // Waited for an owner: made sales-ready in the week and not assigned by the run that did it.
    const promoted = hist.promoted.get(lead.leadId);
    if (inWeek(promoted ?? null, w)) {
      const assigned = hist.firstAssigned.get(lead.leadId);
      if (assigned === undefined || assigned > promoted!) waited++;
    }
  }
  // Assignments that escalation took away: a missed SLA for the owner who had the lead.
  for (const e of hist.escalatedAway) {
    if (!inWeek(e.at, w)) continue;
    const o = owners.get(e.owner || NO_OWNER);
    o.due++;
    o.breaches++;
    all.due++;
  }
  let overrides = 0;
  for (const e of log) {
    if (!inWeek(e.at, w)) continue;
    if ((e.event === 'assigned' || e.event === 'reassigned') && e.to) owners.get(e.to).assigned++;
    if (e.event === 'escalated' && e.from) owners.get(e.from).escalations++;
    if (e.event === 'reassigned' && e.from) owners.get(e.from).reassignments++;
    if (e.event === 'override') overrides++;
  }
  let opened = 0;
  let resolved = 0;
  for (const r of input.failures) {
    if (!inWeek(instantOf(r[F('First Seen')]), w)) continue;
    opened++;
    const state = cellText(r[F('State')]);
    if (state === 'resolved' || state === 'dismissed') resolved++;
  }

  const ownerRows = [...owners.map.values()].map(({ met, due, times, ...o }) => ({
    ...o, medianMinutes: median(times), p90Minutes: percentile(times, 90), withinSla: percent(met, due),
  }));
  const groupRows = (t: ReturnType<typeof group>) =>
    [...t.map.values()]
      .filter((g) => g.leadsIn > 0 || g.due > 0 || g.times.length > 0)
      .map(({ met, due, times, complete, ready, ...g }) => ({
        ...g, completeAtIntake: percent(complete, g.leadsIn), salesReady: percent(ready, g.leadsIn), withinSla: percent(met, due), medianMinutes: median(times),
      }))
      .sort((a, b) => b.leadsIn - a.leadsIn || a.key.localeCompare(b.key));
  const assigned = ownerRows.reduce((n, o) => n + o.assigned, 0);
  const breachCount = ownerRows.reduce((n, o) => n + o.breaches, 0);
  return {
    weekStart,
    start: w.start,
    end: w.end,
    headline: { leadsIn, assigned, contacted: all.times.length, withinSla: percent(all.met, all.due), medianMinutes: median(all.times), p90Minutes: percentile(all.times, 90), breaches: breachCount },
    owners: ownerRows,
    sources: groupRows(sources),
    campaigns: groupRows(campaigns),
    health: { waitedForOwner: waited, failuresOpened: opened, failuresResolved: resolved, manualOverrides: overrides },
    worst: breaches.sort((a, b) => b.minutesLate - a.minutesLate || a.leadId.localeCompare(b.leadId)).slice(0, 3),
  };
}

/** The report for the week starting on `weekStart`, with the trend weeks before it. */
export function weeklyReport(input: ReportInput): WeeklyReport {
  const weeks = input.trendWeeks ?? TREND_WEEKS;
  const leads = readLeads(input, weekBounds(addDays(input.weekStart, -7 * weeks), input.port).start);
  const log = readLog(input.log);
  const hist = history(log);
  const trend: TrendWeek[] = [];
  let week: WeekFigures | null = null;
  for (let i = weeks; i >= 0; i--) {
    const f = figuresFor(addDays(input.weekStart, -7 * i), leads, log, hist, input);
    trend.push({ weekStart: f.weekStart, leadsIn: f.headline.leadsIn, withinSla: f.headline.withinSla, medianMinutes: f.headline.medianMinutes, breaches: f.headline.breaches });
    if (i === 0) week = f;
  }
  return { week: week!, trend };
}
