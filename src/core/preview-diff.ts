/**
 * What a planned run would change, read off its writes: which leads change status, owner or SLA
 * Due, compared with the snapshot the plan was made from. The preview's arithmetic over a plan
 * (config-preview.ts decides what to plan; this says what the plan does). JSON-safe output only.
 */
import type { CellValue } from './conditions';
import type { CellWrite, LeadOutcome } from './intake-plan';
import { cellText } from './lead-checks';
import type { LogEntry } from './log-entry';
import { FALLBACK, RETURNING } from './routing';
import { instantOf } from './cells';

/** How many examples each list carries: the sidebar is 300 px wide, so lists are samples and numbers are counts. */
export const SAMPLE_MAX = 20;
/** Reasons are sentences from the log; long ones are cut (the log keeps them whole). */
const REASON_MAX = 200;
const NAME_MAX = 60;

/** A lead as the preview names it: its ID in the sheet ('' for a row Baton has not given one yet) and row. */
export interface PreviewLead {
  leadId: string;
  row: number;
  name: string;
}

export interface StatusChange extends PreviewLead {
  from: string;
  to: string;
  reason: string;
}

export interface OwnerChange extends PreviewLead {
  /** '' for a lead nobody owns yet. */
  from: string;
  to: string;
  /** The rule that chose the owner, '(fallback)', '(returning contact)', or '' when unknown. */
  rule: string;
}

export interface DueChange extends PreviewLead {
  /** ISO-8601 instants; '' when the lead had no SLA Due. */
  from: string;
  to: string;
}

export interface Sampled<T> {
  count: number;
  sample: T[];
}

/** One lead's view of the plan: its row as read, and what each field holds once the writes land. */
export interface PlannedLead {
  outcome: LeadOutcome;
  before: (field: string) => CellValue | undefined;
  after: (field: string) => CellValue | undefined;
}

export function cut(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export function previewLead(lead: PlannedLead): PreviewLead {
  return { leadId: lead.outcome.target.leadId, row: lead.outcome.row, name: cut(cellText(lead.before('name')), NAME_MAX) };
}

/** Adds to a count, keeping the first SAMPLE_MAX items. */
export function sampler<T>(): Sampled<T> & { add(item: T): void } {
  const s = {
    count: 0,
    sample: [] as T[],
    add(item: T) {
      s.count += 1;
      if (s.sample.length < SAMPLE_MAX) s.sample.push(item);
    },
  };
  return s;
}

/** Strips the helper from a sampler, so the result is plain data. */
export function done<T>(s: Sampled<T>): Sampled<T> {
  return { count: s.count, sample: s.sample };
}

/** Each lead of the plan with its values before and after, in row order. */
export function plannedLeads(outcomes: LeadOutcome[], writes: CellWrite[], columns: Record<string, number>): PlannedLead[] {
  const byRow = new Map<number, Map<string, CellValue>>();
  for (const w of writes) {
    let cells = byRow.get(w.target.row);
    if (!cells) byRow.set(w.target.row, (cells = new Map()));
    cells.set(w.field, w.value);
  }
  return outcomes.map((outcome) => {
    const written = byRow.get(outcome.row);
    const before = (field: string) => (columns[field] === undefined ? undefined : outcome.values[columns[field]]);
    return { outcome, before, after: (field: string) => (written?.has(field) ? written.get(field) : before(field)) };
  });
}

/** The rule named in a routing reason (routing.ts words every pick this way). */
export function ruleOf(reason: string, ruleNames: string[]): string {
  if (reason.includes('Returning contact:') && reason.includes('who is available.')) return RETURNING;
  if (reason.includes('Fallback matched; considered')) return FALLBACK;
  return ruleNames.find((name) => reason.includes(`Rule '${name}' matched; considered`)) ?? '';
}

const iso = (v: CellValue | undefined) => {
  const ms = instantOf(v);
  return ms === null ? '' : new Date(ms).toISOString();
};

export interface Changes {
  status: Sampled<StatusChange> & { byTransition: { from: string; to: string; count: number }[] };
  owner: Sampled<OwnerChange> & { assigned: number; reassigned: number };
  due: Sampled<DueChange>;
}

/** Status, owner and SLA Due changes of the plan, with the log's reason for each. */
export function changesOf(leads: PlannedLead[], log: LogEntry[], ruleNames: string[]): Changes {
  // The log names leads by the ID the plan gives them (a new row gets one); reasons by event.
  const reasons = new Map<string, Map<string, string>>();
  for (const entry of log) {
    if (!entry.leadId) continue;
    let events = reasons.get(entry.leadId);
    if (!events) reasons.set(entry.leadId, (events = new Map()));
    if (!events.has(entry.event)) events.set(entry.event, entry.reason);
  }
  const status = sampler<StatusChange>();
  const transitions = new Map<string, { from: string; to: string; count: number }>();
  const owner = sampler<OwnerChange>();
  let assigned = 0;
  let reassigned = 0;
  const due = sampler<DueChange>();

  for (const lead of leads) {
    const events = reasons.get(lead.outcome.leadId);
    const reason = (...names: string[]) => cut(names.map((n) => events?.get(n)).find((r) => r !== undefined) ?? '', REASON_MAX);
    const fromStatus = cellText(lead.before('status'));
    const toStatus = cellText(lead.after('status'));
    if (fromStatus !== toStatus) {
      status.add({ ...previewLead(lead), from: fromStatus, to: toStatus, reason: reason('promoted', 'validated', 'duplicate', 'assigned', 'reassigned') });
      const key = `${fromStatus}\u0000${toStatus}`;
      const t = transitions.get(key) ?? { from: fromStatus, to: toStatus, count: 0 };
      t.count += 1;
      transitions.set(key, t);
    }
    const fromOwner = cellText(lead.before('owner')).toLowerCase();
    const toOwner = cellText(lead.after('owner')).toLowerCase();
    if (fromOwner !== toOwner && toOwner !== '') {
      if (fromOwner) reassigned += 1;
      else assigned += 1;
      owner.add({ ...previewLead(lead), from: fromOwner, to: toOwner, rule: ruleOf(events?.get('reassigned') ?? events?.get('assigned') ?? '', ruleNames) });
    }
    const fromDue = iso(lead.before('slaDue'));
    const toDue = iso(lead.after('slaDue'));
    if (fromDue !== toDue && toDue !== '') due.add({ ...previewLead(lead), from: fromDue, to: toDue });
  }
  return {
    status: { ...done(status), byTransition: [...transitions.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)) },
    owner: { ...done(owner), assigned, reassigned },
    due: done(due),
  };
}
