/**
 * "Preview before save": what the next sweep would do with a draft config, planned by the same
 * core as a real run (planHandoff) over the current leads, with nothing written. It answers a
 * manager's questions before a rule touches anyone's work: which leads change status or owner,
 * each member's load against capacity, who would be left without an owner and why, and which SLA
 * target each owned lead runs on. The result is plain JSON (no Dates: google.script.run drops them).
 *
 * What it does not show, because Baton does not do it: owned leads are never re-routed when rules
 * change, and a changed SLA target applies to new assignments only (an SLA Due already set stays).
 * `ownedOutsideNewRules` lists, for information only, owned leads the new rules would send to
 * another pool.
 */
import type { SheetProblem } from './intake-plan';
import type { AlertKeys } from './outbox';
import { availabilityOf } from './availability';
import { evaluate, type CellValue, type Condition } from './conditions';
import type { BatonConfig } from './config-schema';
import { planHandoff } from './handoff-plan';
import type { LeadsSnapshot } from './intake-plan';
import { cellText } from './lead-checks';
import type { LeadColumns } from './lead-columns';
import { hexStream } from './lead-id';
import type { LeadState } from './lead-state';
import { changesOf, cut, done, plannedLeads, previewLead, sampler, SAMPLE_MAX, type DueChange, type OwnerChange, type PlannedLead, type PreviewLead, type Sampled, type StatusChange } from './preview-diff';
import { FALLBACK, type RoutingState } from './routing';
import { targetFor } from './sla';
import { SHEET_LEVEL } from './sheet-failures';
import { OWNED_STATUSES, parseStatus, STATUS, type Status } from './statuses';
import type { TimePort } from './time-port';

export type { DueChange, OwnerChange, PreviewLead, Sampled, StatusChange } from './preview-diff';

export interface PreviewInput {
  /** The draft, already validated (parseConfig). */
  draft: BatonConfig;
  /** The Leads tab as read: header row and data rows. */
  snapshot: LeadsSnapshot;
  /** Baton State; null before Baton has recorded anything. */
  state: Map<string, LeadState> | null;
  /** The stored routing turns (document properties). */
  routing: RoutingState;
  now: number;
  /** Wall-clock time in the draft's time zone. */
  port: TimePort;
  /** Alert keys in the outbox (escalations already done). */
  queued?: AlertKeys;
}

export interface MemberLoad {
  email: string;
  name: string;
  capacity: number;
  /** Open (Assigned or Contacted) leads they own now, and after the sweep. */
  openNow: number;
  openAfter: number;
  overCapacity: boolean;
  active: boolean;
  awayToday: boolean;
  /** Whether they could take another lead after the sweep, and why not. */
  availableAfter: boolean;
  reason: string;
}

export interface NoOwner extends PreviewLead {
  reason: string;
}

export interface OwnedElsewhere extends PreviewLead {
  owner: string;
  /** The rule (or '(fallback)') whose pool the new rules would choose from. */
  rule: string;
}

export interface ConfigPreview {
  /** Rows with lead data. */
  leads: number;
  statusChanges: Sampled<StatusChange> & { byTransition: { from: string; to: string; count: number }[] };
  /** New owners the sweep would write: `assigned` to unowned leads, `reassigned` by escalation. */
  ownerChanges: Sampled<OwnerChange> & { assigned: number; reassigned: number };
  /** Informational: owned leads (left with their owner) whose owner is outside the pool the new rules pick. */
  ownedOutsideNewRules: Sampled<OwnedElsewhere>;
  perOwner: MemberLoad[];
  /** Sales-ready leads (or owned leads with Owner cleared) the sweep could give nobody. */
  noOwner: Sampled<NoOwner>;
  sla: {
    /** Per target, in order: the open owned leads it would apply to after the sweep. */
    targets: { name: string; minutes: number; leads: number }[];
    /** Owned leads no target matches (they get no SLA Due). */
    noTarget: number;
    /** SLA Due the sweep would set (new assignments, escalations), as ISO strings. */
    dueChanges: Sampled<DueChange>;
  };
  /** Notable things in words, at most SAMPLE_MAX (20). */
  problems: string[];
}

const isOwned = (status: string) => OWNED_STATUSES.includes(parseStatus(status) as Status);

export function previewConfig(input: PreviewInput): ConfigPreview {
  const { draft: config, now, port } = input;
  const today = port.wall(now).date;
  const plan = planHandoff({
    snapshot: input.snapshot,
    state: input.state,
    config,
    configVersion: null,
    now,
    actor: 'preview',
    // Made-up IDs for rows that have none: the preview reports those rows by number.
    nextHex: hexStream('0'),
    routing: { state: input.routing, today, port, queued: input.queued ?? new Set() },
  });
  const leads = plannedLeads(plan.outcomes, plan.writes, plan.columns.index);
  const changes = changesOf(leads, plan.log, config.routing.rules.map((r) => r.name));
  const perOwner = loads(leads, config, today);
  const sla = slaTargets(leads, config);
  return {
    leads: plan.leads,
    statusChanges: changes.status,
    ownerChanges: changes.owner,
    ownedOutsideNewRules: ownedElsewhere(leads, config),
    perOwner,
    noOwner: withoutOwner(leads, plan.failures),
    sla: { ...sla, dueChanges: changes.due },
    problems: problemsOf(plan.sheetProblems, plan.columns, leads, config, perOwner, sla.noTarget, today),
  };
}

const ownerOf = (lead: PlannedLead, when: 'before' | 'after') => cellText(lead[when]('owner')).toLowerCase();
const openOwned = (lead: PlannedLead, when: 'before' | 'after') => isOwned(cellText(lead[when]('status'))) && ownerOf(lead, when) !== '';

function loads(leads: PlannedLead[], config: BatonConfig, today: string): MemberLoad[] {
  const now: Record<string, number> = {};
  const after: Record<string, number> = {};
  for (const lead of leads) {
    if (openOwned(lead, 'before')) now[ownerOf(lead, 'before')] = (now[ownerOf(lead, 'before')] ?? 0) + 1;
    if (openOwned(lead, 'after')) after[ownerOf(lead, 'after')] = (after[ownerOf(lead, 'after')] ?? 0) + 1;
  }
  return config.team.map((m) => {
    const openAfter = after[m.email] ?? 0;
    const availability = availabilityOf(m, today, openAfter);
    return {
      email: m.email,
      name: m.name,
      capacity: m.capacity,
      openNow: now[m.email] ?? 0,
      openAfter,
      overCapacity: openAfter > m.capacity,
      active: m.active,
      awayToday: (m.away ?? []).some((a) => a.from <= today && today <= a.to),
      availableAfter: availability.available,
      reason: availability.reason,
    };
  });
}

function withoutOwner(leads: PlannedLead[], failures: { leadId: string; kind: string; message: string }[]): Sampled<NoOwner> {
  const why = new Map<string, string>();
  for (const f of failures) if (f.kind === 'no available owner' && !why.has(f.leadId)) why.set(f.leadId, f.message);
  // With no team at all there is one sheet-level failure instead of one per lead.
  const sheetLevel = why.get(SHEET_LEVEL) ?? '';
  const out = sampler<NoOwner>();
  for (const lead of leads) {
    const status = parseStatus(cellText(lead.after('status')));
    const waiting = status === STATUS.ready || OWNED_STATUSES.includes(status as Status);
    if (!waiting || ownerOf(lead, 'after') !== '') continue;
    out.add({ ...previewLead(lead), reason: cut(why.get(lead.outcome.leadId) ?? sheetLevel, 300) });
  }
  return done(out);
}

function slaTargets(leads: PlannedLead[], config: BatonConfig) {
  const counts = config.sla.targets.map((t) => ({ name: t.name, minutes: t.minutes, leads: 0 }));
  let noTarget = 0;
  for (const lead of leads) {
    if (!openOwned(lead, 'after')) continue;
    const target = targetFor(lead.outcome.fields, config);
    const i = target ? config.sla.targets.indexOf(target) : -1;
    if (i < 0) noTarget += 1;
    else counts[i].leads += 1;
  }
  return { targets: counts, noTarget };
}

/** The pool the draft's rules would pick from for a lead, ignoring who is available today. */
function poolFor(fields: Record<string, CellValue | undefined>, config: BatonConfig): { rule: string; pool: string[] } | null {
  const rule = config.routing.rules.find((r) => evaluate(r.when ?? null, fields));
  if (rule) return { rule: rule.name, pool: rule.assignTo };
  return config.routing.fallback.length ? { rule: FALLBACK, pool: config.routing.fallback } : null;
}

function ownedElsewhere(leads: PlannedLead[], config: BatonConfig): Sampled<OwnedElsewhere> {
  const out = sampler<OwnedElsewhere>();
  for (const lead of leads) {
    if (!openOwned(lead, 'before') || ownerOf(lead, 'before') !== ownerOf(lead, 'after')) continue;
    const owner = ownerOf(lead, 'after');
    const pool = poolFor(lead.outcome.fields, config);
    if (pool && !pool.pool.includes(owner)) out.add({ ...previewLead(lead), owner, rule: pool.rule });
  }
  return done(out);
}

/** Every condition of the draft, named as the sidebar names its place. */
function conditionsOf(config: BatonConfig): { where: string; condition: Condition }[] {
  const out: { where: string; condition: Condition }[] = [];
  if (config.readiness) out.push({ where: 'readiness', condition: config.readiness });
  for (const r of config.routing.rules) if (r.when) out.push({ where: `routing rule '${r.name}'`, condition: r.when });
  for (const t of config.sla.targets) if (t.when) out.push({ where: `SLA target '${t.name}'`, condition: t.when });
  return out;
}

function problemsOf(
  sheetProblems: SheetProblem[],
  columns: LeadColumns,
  leads: PlannedLead[],
  config: BatonConfig,
  perOwner: MemberLoad[],
  noTarget: number,
  today: string,
): string[] {
  const problems = sheetProblems.map((p) => p.message);
  const sheet = config.leadsSheet;
  for (const { where, condition } of conditionsOf(config)) {
    const terms = 'all' in condition ? condition.all : condition.any;
    for (const field of new Set(terms.map((t) => t.field))) {
      if (columns.index[field] === undefined && !(field in columns.extra)) {
        problems.push(`${where}: "${field}" is not a column of the ${sheet} tab, so the condition never sees a value.`);
      }
    }
  }
  const team = new Map(config.team.map((m) => [m.email, m]));
  const pools: [string, string[]][] = [...config.routing.rules.map((r) => [`routing rule '${r.name}'`, r.assignTo] as [string, string[]]), ['routing fallback', config.routing.fallback]];
  for (const [where, pool] of pools) {
    for (const email of pool) {
      const member = team.get(email);
      if (!member) continue;
      // Capacity aside (that is perOwner's), whether they can take leads today at all.
      const a = availabilityOf(member, today, 0);
      if (!a.available) problems.push(`${where}: ${email} is ${a.reason}.`);
    }
  }
  if (perOwner.length && perOwner.every((m) => !m.availableAfter)) {
    problems.push(`Nobody on the team can take another lead after this sweep: ${perOwner.map((m) => `${m.email} (${m.reason})`).join(', ')}.`);
  }
  const over = perOwner.filter((m) => m.overCapacity);
  if (over.length) problems.push(`Over capacity: ${over.map((m) => `${m.email} (${m.openAfter} of ${m.capacity} open)`).join(', ')}.`);
  const strangers = new Map<string, number>();
  for (const lead of leads) {
    const owner = ownerOf(lead, 'after');
    if (openOwned(lead, 'after') && !team.has(owner)) strangers.set(owner, (strangers.get(owner) ?? 0) + 1);
  }
  for (const [email, n] of strangers) problems.push(`${email} owns ${n} open lead(s) but is not on the team.`);
  if (noTarget) problems.push(`${noTarget} owned lead(s) match no SLA target, so they get no SLA Due.`);
  if (problems.length <= SAMPLE_MAX) return problems;
  return [...problems.slice(0, SAMPLE_MAX - 1), `…and ${problems.length - SAMPLE_MAX + 1} more.`];
}
