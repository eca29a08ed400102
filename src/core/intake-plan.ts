/**
 * Intake, decided: from a snapshot of the Leads tab, Baton's last-known state, the config and
 * the clock, work out every cell Baton should write and every log row, for all rows at once.
 * Pure and idempotent: planning again over the result changes nothing.
 */
import { describeCondition, evaluate, type CellValue } from './conditions';
import type { BatonConfig } from './config-schema';
import { fingerprint, sameCell } from './fingerprint';
import { fieldKey, LEAD_HEADERS } from './headers';
import { checkLead, cellText, quote, type LeadCheck } from './lead-checks';
import { locateColumns, SYSTEM_FIELDS, type LeadColumns } from './lead-columns';
import { leadIdOf } from './lead-id';
import { assignIdentities } from './lead-identity';
import type { LeadState } from './lead-state';
import type { LogEntry } from './log-entry';
import { isClosed, OWNED_STATUSES, parseStatus, STATUS, type Status } from './statuses';
import { isDate } from './cells';

export interface LeadsSnapshot {
  header: CellValue[];
  /** Data rows: rows[i] is sheet row i + 2. */
  rows: CellValue[][];
}

export interface IntakeInput {
  snapshot: LeadsSnapshot;
  /** Baton's record of each lead; null before Baton has recorded anything (first run). */
  state: Map<string, LeadState> | null;
  config: BatonConfig;
  configVersion: number | null;
  now: number;
  /** Who caused this run, for the log ('' when unknown, e.g. a sweep finding API rows). */
  actor: string;
  /** Sheet rows the triggering edit touched (copy detection). */
  edited?: { rowStart: number; rowEnd: number };
  /** Random hex digits for new Lead IDs (Utilities.getUuid in Apps Script). */
  nextHex: () => string;
}

/** Where a write goes: found again at apply time by Lead ID, or by fingerprint for a row without a usable one. */
export interface RowTarget {
  row: number;
  leadId: string;
  fingerprint: string;
}

export interface CellWrite {
  target: RowTarget;
  field: string;
  column: number;
  /** The value in the snapshot: a cell that no longer holds it was changed by a person, and is skipped. */
  before: CellValue;
  value: CellValue;
}

/** Where intake left each lead: what routing starts from. */
export interface LeadOutcome {
  leadId: string;
  row: number;
  target: RowTarget;
  /** The row as read (the `before` of any further write). */
  values: CellValue[];
  fields: Record<string, CellValue | undefined>;
  /** Status once intake's writes land (null: a status Baton does not know, kept as typed). */
  status: Status | '' | null;
  owner: string;
  problems: string[];
  emailKey: string | null;
  phoneKey: string | null;
  createdAt: number;
  /** Baton's record from the last run; undefined for a lead Baton sees for the first time. */
  known: LeadState | undefined;
}

export interface IntakePlan {
  columns: LeadColumns;
  outcomes: LeadOutcome[];
  writes: CellWrite[];
  log: LogEntry[];
  /** Problems with the sheet itself (missing headers), for the log and the failure queue. */
  sheetProblems: string[];
  leads: number;
}

/** Fields whose presence makes a row a lead. */
const DATA_FIELDS = ['name', 'email', 'phone', 'company', 'interest', 'location', 'consent', 'source', 'campaign', 'dealSize', 'customerType'];
/** System columns that hold Baton's stamps; people's edits there are reverted. */
const STAMPED_FIELDS = SYSTEM_FIELDS.filter((f) => f !== 'leadId' && f !== 'problems');
const BATON = 'Baton';
const INTAKE_OWNED: (Status | '' | null)[] = ['', STATUS.new, STATUS.needsInfo, STATUS.ready, STATUS.duplicate, STATUS.ineligible];

interface Lead {
  row: number;
  values: CellValue[];
  target: RowTarget;
  leadId: string;
  fields: Record<string, CellValue | undefined>;
  status: Status | '' | null;
  check: LeadCheck;
  createdAt: number;
  known: LeadState | undefined;
  duplicateOf?: string;
  /** Values this plan writes, by field: what the row will hold once applied. */
  planned: Record<string, CellValue>;
}

function headerOf(columns: LeadColumns, field: string): string {
  return columns.headers[field] ?? field;
}

export function planIntake(input: IntakeInput): IntakePlan {
  const { snapshot, config, now } = input;
  const columns = locateColumns(snapshot.header, config);
  const plan: IntakePlan = { columns, outcomes: [], writes: [], log: [], sheetProblems: [], leads: 0 };
  const log = (entry: Omit<LogEntry, 'at' | 'configVersion'>) => plan.log.push({ at: now, configVersion: input.configVersion, ...entry });
  for (const h of columns.missing) plan.sheetProblems.push(`The ${config.leadsSheet} tab has no "${h}" column. Add the header (Set up Baton adds missing headers).`);
  for (const h of columns.duplicated) plan.sheetProblems.push(`The header "${h}" appears more than once in ${config.leadsSheet}; Baton uses the first one.`);
  const critical = ['leadId', 'status', 'problems'].filter((f) => columns.index[f] === undefined);
  if (critical.length) return plan;

  const col = (f: string) => columns.index[f];
  const missingColumns = new Map(Object.keys(columns.headers).filter((f) => col(f) === undefined).map((f) => [f, columns.headers[f]]));
  const at = (values: CellValue[], f: string): CellValue | undefined => (col(f) === undefined ? undefined : values[col(f)]);
  const hasData = (values: CellValue[]) => DATA_FIELDS.some((f) => cellText(at(values, f)) !== '' || typeof at(values, f) === 'number');

  // Identity first: every write below is keyed by the ID the row ends with.
  const candidates = snapshot.rows
    .map((values, i) => ({ row: i + 2, values }))
    .filter((r) => hasData(r.values));
  plan.leads = candidates.length;
  const identities = assignIdentities(
    candidates.map((r) => ({ row: r.row, leadId: leadIdOf(at(r.values, 'leadId')) })),
    input.edited,
    input.nextHex,
  );
  const newIds = new Map(identities.map((c) => [c.row, c]));

  const cells = new Map<string, CellWrite>();
  const write = (lead: Lead, field: string, value: CellValue) => {
    const c = col(field);
    if (c === undefined) return;
    lead.planned[field] = value;
    // One write per cell: a later decision (a stamp after a revert) replaces an earlier one.
    cells.set(`${lead.row}:${c}`, { target: lead.target, field, column: c, before: lead.values[c] ?? '', value });
  };
  /** What a field will hold after this plan: the planned write, else the snapshot. */
  const effective = (lead: Lead, field: string): CellValue | undefined => (field in lead.planned ? lead.planned[field] : at(lead.values, field));

  const leads: Lead[] = candidates.map(({ row, values }) => {
    const originalId = leadIdOf(at(values, 'leadId'));
    const target = { row, leadId: originalId, fingerprint: fingerprint(values) };
    const change = newIds.get(row);
    const leadId = change ? change.to : originalId;
    const fields: Record<string, CellValue | undefined> = {};
    for (const h of LEAD_HEADERS) fields[fieldKey(h)] = at(values, fieldKey(h));
    for (const [header, i] of Object.entries(columns.extra)) fields[header] = values[i];
    fields.leadId = leadId;
    const created = at(values, 'created');
    return {
      row,
      values,
      target,
      leadId,
      fields,
      status: parseStatus(at(values, 'status')),
      check: checkLead(fields, config, missingColumns),
      createdAt: isDate(created) && !Number.isNaN(created.getTime()) ? created.getTime() : now,
      known: change ? undefined : input.state?.get(leadId),
      planned: {},
    };
  });

  for (const lead of leads) {
    const change = newIds.get(lead.row);
    if (change) {
      write(lead, 'leadId', lead.leadId);
      log({
        leadId: lead.leadId,
        event: 'created',
        to: lead.leadId,
        actor: input.actor || BATON,
        reason: change.copyOf
          ? `Row ${lead.row} repeated the Lead ID ${change.copyOf} (a copied row); it is a lead of its own now.`
          : `New lead on row ${lead.row}.`,
      });
    } else if (input.state && !lead.known) {
      log({ leadId: lead.leadId, event: 'created', to: lead.leadId, actor: input.actor || BATON, reason: `Lead on row ${lead.row} first seen by Baton.` });
    }
    if (cellText(at(lead.values, 'created')) === '' && col('created') !== undefined) write(lead, 'created', new Date(now));
    applyPeoplesChanges(lead);
  }

  function applyPeoplesChanges(lead: Lead) {
    const known = lead.known;
    const actor = input.actor || 'someone';
    if (known) {
      // System columns are Baton's: a person's edit is reverted, and both are logged.
      for (const f of STAMPED_FIELDS) {
        const now_ = at(lead.values, f);
        if (now_ !== undefined && !sameCell(now_, known[f])) {
          write(lead, f, known[f]);
          log({ leadId: lead.leadId, event: 'reverted', from: cellText(now_), to: cellText(known[f]), actor, reason: `${headerOf(columns, f)} is kept by Baton; the edit was undone.` });
        }
      }
      if (cellText(known.status) !== cellText(at(lead.values, 'status'))) {
        log({ leadId: lead.leadId, event: lead.status === STATUS.contacted ? 'contacted' : 'status changed', from: cellText(known.status), to: cellText(at(lead.values, 'status')), actor, reason: 'Status changed by hand.' });
      }
      if (cellText(known.owner) !== cellText(at(lead.values, 'owner'))) {
        log({ leadId: lead.leadId, event: 'override', from: cellText(known.owner), to: cellText(at(lead.values, 'owner')), actor, reason: 'Owner changed by hand.' });
      }
    }
    if (lead.status === null) lead.check.problems.unshift(`Status ${quote(cellText(at(lead.values, 'status')))} is not a Baton status.`);
    // Baton stamps First Contact the moment a lead is Contacted (after undoing any hand-typed one).
    if (lead.status === STATUS.contacted && cellText(effective(lead, 'firstContact')) === '' && col('firstContact') !== undefined) {
      write(lead, 'firstContact', new Date(now));
      const stampedLog = plan.log.find((l) => l.leadId === lead.leadId && l.event === 'contacted');
      if (!stampedLog) log({ leadId: lead.leadId, event: 'contacted', to: STATUS.contacted, actor, reason: 'First Contact stamped.' });
    }
  }

  markDuplicates(leads);

  for (const lead of leads) {
    const problems = [...lead.check.problems];
    let status = lead.status;
    if (INTAKE_OWNED.includes(lead.status)) {
      const next = decideStatus(lead, problems);
      status = next;
      if (next !== lead.status) {
        write(lead, 'status', next);
        const event = next === STATUS.ready ? 'promoted' : next === STATUS.duplicate ? 'duplicate' : 'validated';
        log({
          leadId: lead.leadId,
          event,
          from: lead.status ?? cellText(at(lead.values, 'status')),
          to: next,
          actor: BATON,
          reason: problems.length ? problems.join(' ') : 'Every mandatory field passes and the sales-ready rule holds.',
        });
      }
    }
    const text = problems.join(' ');
    const shown = cellText(at(lead.values, 'problems'));
    if (lead.known && shown !== cellText(lead.known.problems) && shown !== text) {
      log({ leadId: lead.leadId, event: 'reverted', from: shown, to: text, actor: input.actor || 'someone', reason: `${headerOf(columns, 'problems')} is kept by Baton; the edit was undone.` });
    }
    write(lead, 'problems', text);
    plan.outcomes.push({
      leadId: lead.leadId,
      row: lead.row,
      target: lead.target,
      values: lead.values,
      fields: lead.fields,
      status,
      owner: cellText(effective(lead, 'owner')).toLowerCase(),
      problems,
      emailKey: lead.check.emailKey,
      phoneKey: lead.check.phoneKey,
      createdAt: lead.createdAt,
      known: lead.known,
    });
  }
  plan.writes = [...cells.values()].filter((w) => !sameCell(w.before, w.value));
  return plan;

  function decideStatus(lead: Lead, problems: string[]): Status {
    if (lead.check.verdict === 'ineligible') return STATUS.ineligible;
    if (lead.duplicateOf) {
      problems.unshift(`Duplicate of ${lead.duplicateOf}.`);
      return STATUS.duplicate;
    }
    if (lead.check.verdict === 'needs_info') return STATUS.needsInfo;
    if (!evaluate(config.readiness, lead.fields)) {
      problems.push(`Not sales-ready yet: needs ${describeCondition(config.readiness!, (f) => headerOf(columns, f))}.`);
      return STATUS.new;
    }
    return STATUS.ready;
  }
}

/**
 * A lead whose e-mail or phone matches an open lead that came first becomes a Duplicate. Leads
 * people already own are never duplicates (ownership stays) but are matched against; closed
 * and ineligible leads are not matched (a returning customer is a new lead).
 */
function markDuplicates(leads: Lead[]): void {
  const owners = new Map<string, string>();
  const keysOf = (l: Lead) => [l.check.emailKey && 'e:' + l.check.emailKey, l.check.phoneKey && 'p:' + l.check.phoneKey].filter((k): k is string => !!k);
  const claim = (l: Lead) => keysOf(l).forEach((k) => owners.has(k) || owners.set(k, l.leadId));
  for (const l of leads) if (l.status && OWNED_STATUSES.includes(l.status as Status)) claim(l);
  const intake = leads
    .filter((l) => INTAKE_OWNED.includes(l.status) && !isClosed(l.status))
    .sort((a, b) => a.createdAt - b.createdAt || a.row - b.row);
  for (const l of intake) {
    const match = keysOf(l).map((k) => owners.get(k)).find((id) => id && id !== l.leadId);
    if (match) l.duplicateOf = match;
    else if (l.check.verdict !== 'ineligible') claim(l);
  }
}
