/**
 * Intake, decided: from a snapshot of the Leads tab, Baton's last-known state, the config and
 * the clock, work out every cell Baton should write and every log row, for all rows at once.
 * Pure and idempotent: planning again over the result changes nothing.
 */
import { describeCondition, evaluate, type CellValue } from './conditions';
import type { BatonConfig } from './config-schema';
import { fingerprint, sameCell } from './fingerprint';
import { fieldKey, LEAD_HEADERS } from './headers';
import { checkLead, cellText, contactKeys, emailKey, phoneKey, quote, type LeadCheck } from './lead-checks';
import { locateColumns, SYSTEM_FIELDS, type LeadColumns } from './lead-columns';
import { leadIdOf } from './lead-id';
import { assignIdentities } from './lead-identity';
import { memoryOf, type LeadMemory, type LeadState } from './lead-state';
import { addToList } from './lists';
import type { LogEntry } from './log-entry';
import { isClosed, isOpen, OWNED_STATUSES, parseStatus, STATUS, type Status } from './statuses';
import { isDate } from './cells';
import { guardChange, type EditContext } from './ownership-guard';
import { noticeAlert, type Alert } from './sla-plan';

export interface LeadsSnapshot {
  header: CellValue[];
  /** Data rows: rows[i] is sheet row i + firstRow. */
  rows: CellValue[][];
  /** The sheet row of rows[0]: 2 (the whole tab), or the one row an edit run plans (gas/edit-in-place.ts). */
  firstRow?: number;
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
  /** The range the triggering edit touched (copy detection, who changed what, pastes of old values). */
  edited?: { rowStart: number; rowEnd: number; columnStart?: number; columnEnd?: number; rows?: number[] };
  /** Random hex digits for new Lead IDs (Utilities.getUuid in Apps Script). */
  nextHex: () => string;
  /**
   * Who typed what, from the edit journal: "row:field" (rows as in the snapshot) → the person
   * whose edit put the value there, and whether that edit was a paste. Wins over `edited`: an edit
   * made during another run is judged by the next run, with its own editor.
   */
  typedBy?: Map<string, EditContext>;
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
  /** Who typed the Owner this run found, when the run knows ('' otherwise). */
  ownerBy?: string;
  problems: string[];
  emailKey: string | null;
  phoneKey: string | null;
  createdAt: number;
  /** When the lead became sales-ready (the SLA clock's start); null before, or unknown (adopted leads). */
  readyAt: number | null;
  /** Since when the lead has been in Needs info; null when it is not. */
  needsInfoSince: number | null;
  /** Baton's record from the last run; undefined for a lead Baton sees for the first time. */
  known: LeadState | undefined;
}

/** A problem with the Leads tab rather than a lead: its kind and the header it concerns. */
export interface SheetProblem {
  kind: 'missing header' | 'duplicated header';
  /** The header text. */
  subject: string;
  message: string;
}

export interface IntakePlan {
  columns: LeadColumns;
  outcomes: LeadOutcome[];
  writes: CellWrite[];
  log: LogEntry[];
  /** Problems with the sheet itself (a missing or duplicated header), one per header, for the log and the failure queue. */
  sheetProblems: SheetProblem[];
  leads: number;
  /**
   * Alerts intake owes whichever run makes them (queued even by runs that may not mail): a
   * repeat inquiry for the current owner, deleted live leads for the managers.
   */
  notices: Alert[];
  /** What the editor is told at once (a change of theirs that was undone, and why). */
  toasts: string[];
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
  memory: LeadMemory;
  /** First seen by this run while Baton already keeps a record (a new row, a paste, a copy). */
  arrival: boolean;
  /** For a row that repeated another row's Lead ID: that ID. */
  copyOf?: string;
  duplicateOf?: string;
  /** Set when the duplicate link is a Baton decision that holds until a person changes Status. */
  sticky?: boolean;
  /** A Duplicate whose original's row is gone: linked to another lead of the same person, or released. */
  relinked?: { from: string; to?: string };
  /** Sentences intake adds to the row's Problems (a copy's cleared cells, a returning contact). */
  notes: string[];
  /** Values this plan writes, by field: what the row will hold once applied. */
  planned: Record<string, CellValue>;
}

function headerOf(columns: LeadColumns, field: string): string {
  return columns.headers[field] ?? field;
}

/** A Duplicate's link as Baton wrote it in Problems ("Duplicate of L-…."). */
const DUPLICATE_OF = /Duplicate of (L-[2-9A-HJ-NP-Z]{6})/;
/** Statuses of a lead still in the handoff (docs/INTAKE.md, "Identity and duplicates"). */
const LIVE: (Status | '')[] = ['', STATUS.new, STATUS.needsInfo, STATUS.ready, STATUS.assigned, STATUS.contacted];
const DAY_MS = 24 * 60 * 60_000;
/** The sentence intake adds when it clears a copy's cells (see clearCopiedCells). */
const CLEARED_NOTE = /This row is (?:a copy of L-[2-9A-HJ-NP-Z]{6}|pasted with values from another copy of the sheet): its [^.]* were cleared\./;

export function planIntake(input: IntakeInput): IntakePlan {
  const { snapshot, config, now } = input;
  // An empty record is Baton's first look at the sheet, as no record at all: adopt what is there.
  const state = input.state?.size ? input.state : null;
  const columns = locateColumns(snapshot.header, config);
  const plan: IntakePlan = { columns, outcomes: [], writes: [], log: [], sheetProblems: [], leads: 0, notices: [], toasts: [] };
  const log = (entry: Omit<LogEntry, 'at' | 'configVersion'>) => plan.log.push({ at: now, configVersion: input.configVersion, ...entry });
  // Without Owner, routing cannot see who owns what (it would assign every open lead again on
  // every run): planHandoff waits, and the header's problem says so.
  const paused = (h: string) => (h === columns.headers.owner ? ` Routing and the SLA clock are paused until the "${h}" column is back: no lead is assigned meanwhile.` : '');
  // Without Lead ID nothing can be written to the right lead: the run writes nothing, and says so.
  const blind = (h: string) => (h === columns.headers.leadId ? ' Until it is back Baton cannot tell leads apart, so it writes nothing: no lead is checked, assigned or timed.' : '');
  for (const h of columns.missing) {
    plan.sheetProblems.push({
      kind: 'missing header',
      subject: h,
      message: `The ${config.leadsSheet} tab has no "${h}" column. If it was renamed, rename it back to "${h}" (or map the new header in Settings, General › Column headers); if it was deleted, Edit › Undo or File › Version history brings it back with its values.${blind(h)}${paused(h)}`,
    });
  }
  // A second column under one of Baton's headers hides what people type in it; other repeated
  // headers are the team's own business.
  const ours = new Set(Object.values(columns.headers).map((h) => h.trim().toLowerCase()));
  const doubled = [...new Map(columns.duplicated.filter((h) => ours.has(h.toLowerCase())).map((h) => [h.toLowerCase(), h])).values()];
  for (const h of doubled) {
    plan.sheetProblems.push({
      kind: 'duplicated header',
      subject: h,
      message: `The header "${h}" appears more than once in the ${config.leadsSheet} tab; Baton reads and writes only the first (leftmost) one, so values typed in the other are ignored. Rename or remove the other column.`,
    });
  }
  const critical = ['leadId', 'status', 'problems'].filter((f) => columns.index[f] === undefined);
  if (critical.length) return plan;

  const col = (f: string) => columns.index[f];
  const missingColumns = new Map(Object.keys(columns.headers).filter((f) => col(f) === undefined).map((f) => [f, columns.headers[f]]));
  const at = (values: CellValue[], f: string): CellValue | undefined => (col(f) === undefined ? undefined : values[col(f)]);
  const hasData = (values: CellValue[]) => DATA_FIELDS.some((f) => cellText(at(values, f)) !== '' || typeof at(values, f) === 'number');
  const edited = input.edited;
  // Without an edit range the whole run is the actor's (or nobody's, for a sweep).
  // The edit's rows as its own run found them by lead (they may have moved since), else its range.
  const editRows = edited?.rows ? new Set(edited.rows) : null;
  const inEdit = (row: number) => !edited || (editRows ? editRows.has(row) : row >= edited.rowStart && row <= edited.rowEnd);
  const bulkEdit = !edited ? input.actor === '' : edited.rowEnd > edited.rowStart || (edited.columnEnd ?? edited.columnStart ?? 0) > (edited.columnStart ?? 0);
  // The edit's columns (by place: the journal names cells by header and is asked first).
  const inEditColumns = (field?: string) =>
    !edited || field === undefined || edited.columnStart === undefined || col(field) === undefined || (col(field) + 1 >= edited.columnStart && col(field) + 1 <= (edited.columnEnd ?? edited.columnStart));
  /**
   * Who changed a cell: the person the journal names, else the editor for cells inside the edit,
   * unknown for anything else a run finds.
   */
  const editOf = (row: number, field?: string): EditContext =>
    (field !== undefined ? input.typedBy?.get(`${row}:${field}`) : undefined) ??
    (inEdit(row) && inEditColumns(field) ? { actor: input.actor, bulk: bulkEdit } : { actor: '', bulk: true });
  const actorName = (row: number, field?: string) => editOf(row, field).actor || 'someone';

  // Identity first: every write below is keyed by the ID the row ends with.
  const candidates = snapshot.rows
    .map((values, i) => ({ row: i + (snapshot.firstRow ?? 2), values }))
    .filter((r) => hasData(r.values));
  plan.leads = candidates.length;
  const present = new Set(snapshot.rows.map((values) => leadIdOf(at(values, 'leadId'))).filter(Boolean));
  const restored = restoreClearedIds(candidates);
  const identities = assignIdentities(
    candidates.map((r) => ({ row: r.row, leadId: restored.get(r.row) ?? leadIdOf(at(r.values, 'leadId')) })),
    input.edited,
    input.nextHex,
    (row) => input.typedBy?.has(`${row}:leadId`) ?? false,
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
    // The fingerprint finds a row without a usable Lead ID again; most rows have one, so it is
    // computed only when asked for (issue 16: it was 11-13% of a run's CPU).
    let print: string | null = null;
    const target = {
      row,
      leadId: originalId,
      get fingerprint(): string {
        print ??= fingerprint(values);
        return print;
      },
    };
    const change = newIds.get(row);
    const leadId = restored.get(row) ?? (change ? change.to : originalId);
    const fields: Record<string, CellValue | undefined> = {};
    for (const h of LEAD_HEADERS) fields[fieldKey(h)] = at(values, fieldKey(h));
    for (const [header, i] of Object.entries(columns.extra)) fields[header] = values[i];
    fields.leadId = leadId;
    const created = at(values, 'created');
    const known = change ? undefined : state?.get(leadId);
    return {
      row,
      values,
      target,
      leadId,
      fields,
      status: parseStatus(at(values, 'status')),
      check: checkLead(fields, config, missingColumns),
      createdAt: isDate(created) && !Number.isNaN(created.getTime()) ? created.getTime() : now,
      known,
      memory: memoryOf(known),
      arrival: state !== null && !known,
      copyOf: change?.copyOf,
      notes: [],
      planned: {},
    };
  });
  const byId = new Map(leads.map((l) => [l.leadId, l]));
  const knownLiveKeys = new Set(leads.filter((l) => !l.arrival && isLive(l)).flatMap(keysOf));

  for (const lead of leads) {
    const change = newIds.get(lead.row);
    if (restored.has(lead.row)) {
      write(lead, 'leadId', lead.leadId);
      log({ leadId: lead.leadId, event: 'reverted', from: '', to: lead.leadId, actor: actorName(lead.row, 'leadId'), reason: `${headerOf(columns, 'leadId')} is kept by Baton; the cleared ID was put back.` });
    } else if (change) {
      write(lead, 'leadId', lead.leadId);
      log({
        leadId: lead.leadId,
        event: 'created',
        to: lead.leadId,
        actor: actorName(lead.row),
        reason: change.copyOf ? `Row ${lead.row} repeated the Lead ID ${change.copyOf} (a copied row); it gets an ID of its own.` : `New lead on row ${lead.row}.`,
      });
    } else if (input.state && !lead.known) {
      log({ leadId: lead.leadId, event: 'created', to: lead.leadId, actor: actorName(lead.row), reason: `Lead on row ${lead.row} first seen by Baton.` });
    }
    if (cellText(at(lead.values, 'created')) === '' && col('created') !== undefined) write(lead, 'created', new Date(now));
    // Why a copy's cells were cleared stays in Problems until the lead moves on.
    const carried = lead.known && INTAKE_OWNED.includes(lead.status) ? CLEARED_NOTE.exec(cellText(lead.known.problems))?.[0] : undefined;
    if (carried) lead.notes.push(carried);
    if (lead.arrival) clearCopiedCells(lead);
    else if (lead.known) applyPeoplesChanges(lead);
    stampFirstContact(lead);
  }

  auditDeletions();
  markDuplicates(leads, config, now);

  for (const lead of leads) {
    const problems = [...lead.notes, ...lead.check.problems];
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
      if (next === STATUS.duplicate && lead.duplicateOf && cellText(lead.known?.status) !== STATUS.duplicate) repeatInquiry(lead);
      if (lead.relinked) {
        const { from, to } = lead.relinked;
        log({ leadId: lead.leadId, event: 'duplicate', from, to: to ?? next, actor: BATON, reason: to ? `Its original ${from} is gone; now a duplicate of ${to}.` : `Its original ${from} is gone; this lead takes its place.` });
      }
    }
    const text = problems.join(' ');
    const shown = cellText(at(lead.values, 'problems'));
    if (lead.known && shown !== cellText(lead.known.problems) && shown !== text) {
      log({ leadId: lead.leadId, event: 'reverted', from: shown, to: text, actor: actorName(lead.row, 'problems'), reason: `${headerOf(columns, 'problems')} is kept by Baton; the edit was undone.` });
    }
    write(lead, 'problems', text);
    const { readyAt, needsInfoSince } = clockOf(lead, status);
    plan.outcomes.push({
      leadId: lead.leadId,
      row: lead.row,
      target: lead.target,
      values: lead.values,
      fields: lead.fields,
      status,
      owner: cellText(effective(lead, 'owner')).toLowerCase(),
      ownerBy: editOf(lead.row, 'owner').actor,
      problems,
      emailKey: lead.check.emailKey,
      phoneKey: lead.check.phoneKey,
      createdAt: lead.createdAt,
      readyAt,
      needsInfoSince,
      known: lead.known,
    });
  }
  plan.writes = [...cells.values()].filter((w) => !sameCell(w.before, w.value));
  return plan;

  /**
   * When the SLA clock started for this lead (docs/SLA.md): the Created time its source set, for a
   * lead that arrived complete; otherwise the moment Baton first saw it sales-ready. Adopted leads
   * (no record yet) that someone already owns keep the clock from their assignment (null here).
   */
  function clockOf(lead: Lead, status: Status | '' | null): { readyAt: number | null; needsInfoSince: number | null } {
    const needsInfoSince = status === STATUS.needsInfo ? lead.memory.needsInfoSince ?? now : null;
    if (lead.memory.readyAt !== null) return { readyAt: lead.memory.readyAt, needsInfoSince };
    const sold = status === STATUS.ready || status === null || (!!status && OWNED_STATUSES.includes(status as Status));
    if (!sold) return { readyAt: null, needsInfoSince };
    if (!state && status !== STATUS.ready) return { readyAt: null, needsInfoSince };
    const createdBySource = cellText(at(lead.values, 'created')) !== '' && isDate(at(lead.values, 'created'));
    const arrivedComplete = !lead.known && lead.check.verdict === 'complete';
    return { readyAt: arrivedComplete && createdBySource ? Math.min(lead.createdAt, now) : now, needsInfoSince };
  }

  /**
   * A row whose Lead ID a person cleared is the same lead: an ID-less row whose name and contact
   * match exactly one lead that vanished from the sheet gets that lead's ID back.
   */
  function restoreClearedIds(rows: { row: number; values: CellValue[] }[]): Map<number, string> {
    const restoredIds = new Map<number, string>();
    if (!state) return restoredIds;
    // Vanished leads by contact key, so a large paste after a large deletion stays linear.
    const vanished = new Map<string, { id: string; name: string }[]>();
    for (const [id, record] of state) {
      if (present.has(id)) continue;
      const memory = memoryOf(record);
      for (const key of contactKeys(memory.emailKey, memory.phoneKey)) addToList(vanished, key, { id, name: memory.name });
    }
    if (!vanished.size) return restoredIds;
    const claims = new Map<string, number[]>();
    for (const r of rows) {
      if (leadIdOf(at(r.values, 'leadId'))) continue;
      const name = cellText(at(r.values, 'name')).slice(0, 80);
      const keys = contactKeys(emailKey(at(r.values, 'email')), phoneKey(at(r.values, 'phone'), config.intake.phoneRegion));
      const match = [...new Set(keys.flatMap((k) => vanished.get(k) ?? []).filter((v) => v.name === name).map((v) => v.id))];
      if (match.length === 1) addToList(claims, match[0], r.row);
    }
    for (const [id, rowsOf] of claims) if (rowsOf.length === 1) restoredIds.set(rowsOf[0], id);
    return restoredIds;
  }

  /**
   * A row Baton has not seen before is a new inquiry. If it carries Baton's stamps (a copy of a
   * row, a paste from an old copy of the sheet), they are not this row's: they are cleared, with
   * the reason, and the row goes through intake like any new lead. Closed rows pasted as history
   * keep their cells unless they copy a row of this sheet.
   */
  function clearCopiedCells(lead: Lead): void {
    const stamped = STAMPED_FIELDS.filter((f) => cellText(at(lead.values, f)) !== '');
    const samePerson = keysOf(lead).some((k) => knownLiveKeys.has(k));
    // A row that claims to be someone's live lead already owned here is a copy too.
    const claimsOwnership = samePerson && lead.status !== '' && !INTAKE_OWNED.includes(lead.status);
    if (!lead.copyOf && !claimsOwnership && (!stamped.length || isClosed(lead.status))) return;
    const cleared: string[] = [];
    for (const f of ['owner', ...STAMPED_FIELDS]) {
      if (cellText(at(lead.values, f)) === '' || col(f) === undefined) continue;
      write(lead, f, '');
      cleared.push(headerOf(columns, f));
    }
    if (!INTAKE_OWNED.includes(lead.status)) {
      cleared.unshift(headerOf(columns, 'status'));
      lead.status = '';
    }
    const from = lead.copyOf ? `a copy of ${lead.copyOf}` : 'pasted with values from another copy of the sheet';
    if (cleared.length) lead.notes.push(`This row is ${from}: its ${cleared.join(', ')} were cleared.`);
    log({ leadId: lead.leadId, event: 'reverted', from: cleared.join(', '), to: '', actor: actorName(lead.row), reason: `Row ${lead.row} is ${from}; Baton's cells were cleared so it is not a second owned lead.` });
  }

  function applyPeoplesChanges(lead: Lead) {
    const known = lead.known!;
    // System columns are Baton's: a person's edit is reverted, and both are logged.
    for (const f of STAMPED_FIELDS) {
      const now_ = at(lead.values, f);
      if (now_ === undefined || sameCell(now_, known[f])) continue;
      // A rep logging a call afterwards records when it happened: a plausible time is kept.
      const refused = f === 'firstContact' ? refusedContactTime(now_, lead) : `${headerOf(columns, f)} is kept by Baton; the edit was undone.`;
      if (refused === null) {
        log({ leadId: lead.leadId, event: 'contacted', from: cellText(known[f]), to: cellText(now_), actor: actorName(lead.row, f), reason: `${headerOf(columns, f)} typed by hand; kept.` });
        continue;
      }
      write(lead, f, known[f]);
      log({ leadId: lead.leadId, event: 'reverted', from: cellText(now_), to: cellText(known[f]), actor: actorName(lead.row, f), reason: refused });
      if (f === 'firstContact' && inEdit(lead.row)) plan.toasts.push(`${lead.leadId}: ${refused}`);
    }
    // Owner and Status belong to the lead's owner and the managers (core/ownership-guard.ts).
    const recordedStatus = parseStatus(known.status);
    const recordedOwner = cellText(known.owner).toLowerCase();
    // An Owner is judged against the Status this run keeps: once the owner (or a manager) closed
    // the lead, it is nobody's work in progress and anyone may change its Owner.
    let keptStatus = recordedStatus;
    for (const field of ['status', 'owner'] as const) {
      const value = cellText(at(lead.values, field));
      const recorded = cellText(known[field]);
      if (col(field) === undefined || value.toLowerCase() === recorded.toLowerCase()) continue;
      const held = field === 'status' ? heldRevival(lead, parseStatus(value)) : null;
      if (held) {
        // One person, one live lead (docs/INTAKE.md): whoever types it, a lead that is not live
        // is not worked again while another lead of the same person is.
        write(lead, field, known[field]);
        lead.status = recordedStatus;
        log({ leadId: lead.leadId, event: 'reverted', from: value, to: recorded, actor: actorName(lead.row, field), reason: held });
        if (inEdit(lead.row)) plan.toasts.push(`${lead.leadId}: ${held}`);
        continue;
      }
      const decision = guardChange({
        field,
        value,
        recorded,
        earlier: field === 'owner' ? lead.memory.owners : lead.memory.statuses,
        status: field === 'owner' ? keptStatus : recordedStatus,
        owner: recordedOwner,
        managers: config.managers,
        othersMayEdit: config.ownership.othersMayEdit,
        edit: editOf(lead.row, field),
      });
      if (!decision.keep) {
        write(lead, field, known[field]);
        if (field === 'status') lead.status = recordedStatus;
        log({ leadId: lead.leadId, event: 'reverted', from: value, to: recorded, actor: decision.actor, reason: decision.reason });
        if (inEdit(lead.row)) plan.toasts.push(`${lead.leadId}: ${decision.toast}`);
        continue;
      }
      if (field === 'status') {
        keptStatus = lead.status;
        log({ leadId: lead.leadId, event: lead.status === STATUS.contacted ? 'contacted' : 'status changed', from: recorded, to: value, actor: decision.actor, reason: 'Status changed by hand.' });
      } else {
        log({ leadId: lead.leadId, event: 'override', from: recorded, to: value, actor: decision.actor, reason: 'Owner changed by hand.' });
      }
    }
  }

  /**
   * Why a live Status typed on a lead that is not live (a Duplicate, Ineligible or closed lead)
   * cannot stand: the same person has another live lead, and working both is the double outreach
   * the rule "one person, one live lead" exists to prevent. A Duplicate answers to the lead it
   * waits on first. Status New is allowed: it has the lead decided again (and, as the person's
   * second lead, made a Duplicate). Null when the typed Status may stand.
   */
  function heldRevival(lead: Lead, typed: Status | '' | null): string | null {
    const was = parseStatus(lead.known?.status);
    if (was === null || LIVE.includes(was) || typed === STATUS.new || (typed !== null && !LIVE.includes(typed))) return null;
    const liveNow = (l: Lead) => l !== lead && !l.arrival && (l.status === null || LIVE.includes(l.status));
    const waitsOn = was === STATUS.duplicate ? DUPLICATE_OF.exec(cellText(lead.known?.problems))?.[1] : undefined;
    const original = waitsOn ? leads.find((l) => l.leadId === waitsOn && liveNow(l)) : undefined;
    if (original) return `${lead.leadId} is a Duplicate of ${original.leadId}, which is still live: work ${original.leadId}, or close it first (Status New has this lead decided again).`;
    const keys = new Set(keysOf(lead));
    const other = keys.size ? leads.find((l) => liveNow(l) && keysOf(l).some((k) => keys.has(k))) : undefined;
    if (!other) return null;
    return `${lead.leadId} is ${was}, and the same person's lead ${other.leadId} is live: work ${other.leadId}, or close it first (Status New has this lead decided again).`;
  }

  /** Why a First Contact typed by a person cannot stand, or null when it is a plausible time. */
  function refusedContactTime(value: CellValue, lead: Lead): string | null {
    const header = headerOf(columns, 'firstContact');
    if (!isDate(value) || Number.isNaN(value.getTime())) {
      return cellText(value) === '' ? `${header} is kept by Baton once recorded; the edit was undone.` : `${header} ${quote(cellText(value))} is not a date and time; the edit was undone.`;
    }
    // Intake has no time zone at hand: the instant is named in UTC, unambiguous wherever it is read.
    const when = `"${value.toISOString().slice(0, 16).replace('T', ' ')} UTC"`;
    if (value.getTime() > now) return `${header} ${when} is in the future; the edit was undone.`;
    if (value.getTime() < lead.createdAt) return `${header} ${when} is before the lead arrived; the edit was undone.`;
    return null;
  }

  function stampFirstContact(lead: Lead) {
    if (lead.status === null) lead.check.problems.unshift(`Status ${quote(cellText(effective(lead, 'status')))} is not a Baton status.`);
    // Baton stamps First Contact the moment a lead is Contacted (after undoing any hand-typed one).
    if (lead.status === STATUS.contacted && cellText(effective(lead, 'firstContact')) === '' && col('firstContact') !== undefined) {
      write(lead, 'firstContact', new Date(now));
      const stampedLog = plan.log.find((l) => l.leadId === lead.leadId && l.event === 'contacted');
      if (!stampedLog) log({ leadId: lead.leadId, event: 'contacted', to: STATUS.contacted, actor: actorName(lead.row, 'status'), reason: 'First Contact stamped.' });
    }
  }

  /** Leads Baton recorded whose rows are gone: logged, and the managers told once of live ones. */
  function auditDeletions(): void {
    if (!state) return;
    const ids = new Set(leads.map((l) => l.leadId));
    for (const [id, record] of state) {
      if (ids.has(id) || present.has(id)) continue;
      const memory = memoryOf(record);
      const status = cellText(record.status);
      const owner = cellText(record.owner);
      const who = memory.name ? `${quote(memory.name)} (${id})` : id;
      const last = `Last status ${status || 'none'}${owner ? `, owner ${owner}` : ''}.`;
      log({ leadId: id, event: 'deleted', from: status, to: '', actor: input.actor || 'someone', reason: `The row of ${who} was deleted or emptied. ${last}` });
      if (!isOpen(parseStatus(status)) || !config.alerts.failureEmails) continue;
      for (const manager of config.managers) {
        plan.notices.push(
          noticeAlert({ key: `${id}|deleted|${manager}`, to: manager, kind: 'deleted', due: now, leadId: id, name: memory.name, owner, message: `The row of ${who} was deleted or emptied while it was live. ${last} Restore it with Edit › Undo or from the version history if that was a mistake.` }),
        );
      }
    }
  }

  /** The current owner of the original hears of the repeat inquiry, with what differs. */
  function repeatInquiry(lead: Lead): void {
    const original = byId.get(lead.duplicateOf!);
    if (!original) return;
    const owner = cellText(effective(original, 'owner')).toLowerCase();
    if (!owner || !config.team.some((m) => m.email === owner)) return;
    const differences = DATA_FIELDS.filter((f) => f !== 'name' && cellText(lead.fields[f]) !== '' && cellText(lead.fields[f]).toLowerCase() !== cellText(original.fields[f]).toLowerCase()).map(
      (f) => `${headerOf(columns, f)} ${quote(cellText(lead.fields[f]))} (was ${original.fields[f] === undefined || cellText(original.fields[f]) === '' ? 'empty' : quote(cellText(original.fields[f]))})`,
    );
    const name = cellText(lead.fields.name) || cellText(original.fields.name);
    plan.notices.push(
      noticeAlert({
        key: `${lead.leadId}|repeat`,
        to: owner,
        kind: 'repeat inquiry',
        due: now,
        leadId: original.leadId,
        row: original.row,
        name: cellText(original.fields.name),
        company: cellText(original.fields.company),
        email: cellText(original.fields.email),
        phone: cellText(original.fields.phone),
        owner,
        message: `${name ? quote(name) : 'The same person'} asked again (row ${lead.row}, ${lead.leadId}, held as a Duplicate of your lead ${original.leadId}). ${
          differences.length ? `What differs: ${differences.join('; ')}.` : 'Nothing differs from your lead.'
        }`,
      }),
    );
  }

  function decideStatus(lead: Lead, problems: string[]): Status {
    if (lead.check.verdict === 'ineligible' && !lead.copyOf && !lead.sticky) return STATUS.ineligible;
    if (lead.duplicateOf) {
      problems.unshift(`Duplicate of ${lead.duplicateOf}.`);
      return STATUS.duplicate;
    }
    if (lead.check.verdict === 'ineligible') return STATUS.ineligible;
    if (lead.check.verdict === 'needs_info') return STATUS.needsInfo;
    if (!evaluate(config.readiness, lead.fields)) {
      problems.push(`Not sales-ready yet: needs ${describeCondition(config.readiness!, (f) => headerOf(columns, f))}.`);
      return STATUS.new;
    }
    return STATUS.ready;
  }
}

/** A lead someone works or Baton cannot place (an unknown status): it claims its person's contacts. */
const isLive = (l: Lead) => l.status === null || (!!l.status && OWNED_STATUSES.includes(l.status as Status));
const keysOf = (l: Lead) => contactKeys(l.check.emailKey, l.check.phoneKey);

/**
 * One person, one live lead (docs/INTAKE.md, "Identity and duplicates"). Leads people own claim
 * their contacts first; a Duplicate Baton marked stays one, linked to its original, until a person
 * changes its Status (if the original's row is gone, it follows another live lead of the same
 * person, or takes the original's place); among the rest, a complete lead wins over an incomplete
 * one and then the earlier over the later. A copied row is always a duplicate. A new inquiry
 * from someone whose lead closed is a new lead, unless it closed within the re-open window.
 */
function markDuplicates(leads: Lead[], config: BatonConfig, now: number): void {
  const owners = new Map<string, Lead>();
  const claim = (l: Lead) => keysOf(l).forEach((k) => owners.has(k) || owners.set(k, l));
  const matchOf = (l: Lead) => keysOf(l).map((k) => owners.get(k)).find((o) => o && o !== l);
  const byId = new Map(leads.map((l) => [l.leadId, l]));
  const order = (a: Lead, b: Lead) => a.createdAt - b.createdAt || a.row - b.row;
  for (const l of leads.filter(isLive).sort(order)) claim(l);

  const sticky = leads.filter((l) => l.status === STATUS.duplicate && cellText(l.known?.status) === STATUS.duplicate && !l.copyOf);
  const stickySet = new Set(sticky);
  const intake = leads
    .filter((l) => INTAKE_OWNED.includes(l.status) && !stickySet.has(l))
    .sort((a, b) => Number(!!a.copyOf) - Number(!!b.copyOf) || Number(a.check.verdict !== 'complete') - Number(b.check.verdict !== 'complete') || order(a, b));
  for (const l of intake) {
    const match = matchOf(l);
    if (match) l.duplicateOf = match.leadId;
    else if (l.copyOf && byId.has(l.copyOf)) l.duplicateOf = l.copyOf;
    else if (l.check.verdict !== 'ineligible') claim(l);
  }

  for (const l of sticky) {
    l.sticky = true;
    const linked = DUPLICATE_OF.exec(cellText(l.known!.problems))?.[1];
    if (linked && byId.has(linked) && byId.get(linked) !== l) {
      l.duplicateOf = linked;
      continue;
    }
    // The original's row is gone: follow another live lead of the same person, or take its place.
    const match = matchOf(l);
    if (match) l.duplicateOf = match.leadId;
    else {
      l.sticky = false;
      if (l.check.verdict !== 'ineligible') claim(l);
    }
    if (linked) l.relinked = { from: linked, to: l.duplicateOf };
  }

  // Closed leads: a returning contact is a new lead linked to the old one, or, within the
  // re-open window, a duplicate of it.
  const closed = new Map<string, Lead>();
  for (const l of leads.filter((x) => isClosed(x.status)).sort(order)) keysOf(l).forEach((k) => closed.set(k, l));
  const windowMs = config.intake.reopenDays * DAY_MS;
  const inIntake = new Set(intake);
  for (const l of leads) {
    if (l.duplicateOf || !isOpen(l.status)) continue;
    const earlier = keysOf(l).map((k) => closed.get(k)).find((c) => c && c !== l);
    if (!earlier) continue;
    const closedAt = earlier.memory.closedAt;
    if (l.arrival && inIntake.has(l) && windowMs > 0 && closedAt !== null && now - closedAt <= windowMs) {
      l.duplicateOf = earlier.leadId;
      continue;
    }
    l.notes.push(`Returning contact: earlier lead ${earlier.leadId} (${earlier.status ?? ''}).`);
  }
}
