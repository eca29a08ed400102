/**
 * Baton's memory of what it last wrote for each lead, kept in a hidden tab (`Baton State`).
 * Comparing the sheet with it tells Baton what people changed: a status moved to Contacted, an
 * owner typed by hand, a system column edited (reverted), a row deleted, a paste of older values.
 */
import type { CellValue } from './conditions';
import { cellText } from './lead-checks';
import { leadIdOf } from './lead-id';
import type { LeadColumns } from './lead-columns';
import { isClosed, parseStatus } from './statuses';
import { isDate } from './cells';
import { sameCell } from './fingerprint';
import type { CellWrite, RowTarget } from './intake-plan';

export const STATE_SHEET = 'Baton State';
/**
 * `created` is last: a record written before it was kept has none (read as ''), and `recordedValue`
 * treats that as unknown. It is kept so a cell a misplaced write reached can be given back
 * (gas/new-rows-in-place.ts): Created is the one written field that was not on record.
 */
export const STATE_FIELDS = ['leadId', 'status', 'owner', 'assignedAt', 'slaDue', 'firstContact', 'sla', 'problems', 'history', 'created'] as const;
/**
 * The tab is two columns wide (issue 16: it was as wide as Leads, 2.6 million cells at 100,000
 * leads): the Lead ID, and the lead's other fields packed in one JSON cell (`Record`).
 */
export const STATE_HEADERS = ['Lead ID', 'Record'];
/** The nine-column layout before issue 16, still read (a deployment's tab until its next save). */
const WIDE_HEADERS = ['Lead ID', 'Status', 'Owner', 'Assigned At', 'SLA Due', 'First Contact', 'SLA', 'Problems', 'History'];

export type StateField = (typeof STATE_FIELDS)[number];
export type LeadState = Record<StateField, CellValue>;

/**
 * What Baton remembers of a lead beyond its current cells (the History column, as JSON): the
 * owners and statuses it held before (a paste that puts one back is a stale view), when it closed
 * (the re-open window), and who it is (to audit a deleted row and to find a row whose Lead ID
 * was cleared).
 */
export interface LeadMemory {
  owners: string[];
  statuses: string[];
  closedAt: number | null;
  /** When the lead became sales-ready: where the SLA clock starts (docs/SLA.md). */
  readyAt: number | null;
  /** Since when the lead has been in Needs info. */
  needsInfoSince: number | null;
  name: string;
  emailKey: string | null;
  phoneKey: string | null;
}

/** Earlier values kept per field: enough for any old copy people are likely to paste from. */
const HISTORY_DEPTH = 6;
const NAME_MAX = 80;

export function memoryOf(state: LeadState | undefined): LeadMemory {
  const empty: LeadMemory = { owners: [], statuses: [], closedAt: null, readyAt: null, needsInfoSince: null, name: '', emailKey: null, phoneKey: null };
  if (!state || typeof state.history !== 'string' || state.history === '') return empty;
  try {
    const raw = JSON.parse(state.history) as Record<string, unknown>;
    const list = (x: unknown) => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);
    const text = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
    return {
      owners: list(raw.o),
      statuses: list(raw.s),
      closedAt: typeof raw.c === 'number' ? raw.c : null,
      readyAt: typeof raw.r === 'number' ? raw.r : null,
      needsInfoSince: typeof raw.ni === 'number' ? raw.ni : null,
      name: text(raw.n) ?? '',
      emailKey: text(raw.e),
      phoneKey: text(raw.p),
    };
  } catch {
    return empty; // a damaged record only forgets the past; the current cells still guard the lead
  }
}

function encodeMemory(m: LeadMemory): string {
  const out: Record<string, unknown> = {};
  if (m.owners.length) out.o = m.owners;
  if (m.statuses.length) out.s = m.statuses;
  if (m.closedAt !== null) out.c = m.closedAt;
  if (m.readyAt !== null) out.r = m.readyAt;
  if (m.needsInfoSince !== null) out.ni = m.needsInfoSince;
  if (m.name) out.n = m.name;
  if (m.emailKey) out.e = m.emailKey;
  if (m.phoneKey) out.p = m.phoneKey;
  return JSON.stringify(out);
}

type Packed = string | number | boolean | { d: number };

function pack(v: CellValue): Packed {
  return isDate(v) ? { d: v.getTime() } : ((v ?? '') as Packed);
}

function unpack(v: unknown): CellValue {
  return v !== null && typeof v === 'object' && typeof (v as { d?: unknown }).d === 'number' ? new Date((v as { d: number }).d) : ((v ?? '') as CellValue);
}

/** The fields after the Lead ID, in STATE_FIELDS order, as the Record cell holds them. */
const PACKED_FIELDS = STATE_FIELDS.slice(1);

/**
 * The state from the tab's rows (header excluded). `wide`: the rows are in the nine-column layout
 * before issue 16 (the header's second column is not `Record`); otherwise Lead ID and Record.
 */
export function readState(rows: CellValue[][], wide = false): Map<string, LeadState> {
  const state = new Map<string, LeadState>();
  for (const row of rows) {
    const id = leadIdOf(row[0]);
    if (!id) continue;
    const record = { leadId: row[0] } as LeadState;
    if (wide) STATE_FIELDS.forEach((f, i) => (record[f] = row[i] ?? ''));
    else {
      let fields: unknown[] = [];
      try {
        const parsed = JSON.parse(String(row[1] ?? '')) as unknown;
        if (Array.isArray(parsed)) fields = parsed;
      } catch {
        // A damaged record only forgets that lead's past; its current cells still guard it.
      }
      PACKED_FIELDS.forEach((f, i) => (record[f] = unpack(fields[i])));
    }
    state.set(id, record);
  }
  return state;
}

/** Whether a header row is the nine-column layout before issue 16. */
export function isWideStateHeader(header: CellValue[]): boolean {
  return header.length > 2 && String(header[1]) === WIDE_HEADERS[1];
}

export function stateRows(state: LeadState[]): CellValue[][] {
  return state.map(stateRow);
}

/** A lead's row of the tab: its Lead ID and its packed Record. */
export function stateRow(s: LeadState): CellValue[] {
  return [s.leadId ?? '', JSON.stringify(PACKED_FIELDS.map((f) => pack(s[f])))];
}

/**
 * The tab's rows (header excluded) with each lead's record on the row its lead has in the Leads
 * tab (`values`, header first; the first row showing its ID), blank rows between: a run on one
 * lead reads and writes that lead's record alone, at its row (issue 16, gas/edit-in-place.ts).
 */
export function alignedStateRows(state: LeadState[], values: CellValue[][], idColumn: number): CellValue[][] {
  const records = new Map(state.map((s) => [String(s.leadId), s]));
  const rows: CellValue[][] = [];
  let last = 0;
  for (let i = 1; i < values.length; i++) {
    const record = records.get(leadIdOf(values[i][idColumn]));
    if (!record) {
      rows.push(['', '']);
      continue;
    }
    records.delete(String(record.leadId));
    rows.push(stateRow(record));
    last = rows.length;
  }
  rows.length = last;
  // A lead without a row of its own (never, from stateFromLeads) is kept below the others.
  for (const record of records.values()) rows.push(stateRow(record));
  return rows;
}

/** What a run knew of each lead it planned: the row as it read it, and who the lead is. */
export interface SeenLead {
  leadId: string;
  /** The Owner and Status cells as the run read them (before its own writes). */
  owner: string;
  status: string;
  name: string;
  emailKey: string | null;
  phoneKey: string | null;
  /** What the run decided: when the lead became sales-ready, since when it needs info (null: not). */
  readyAt?: number | null;
  needsInfoSince?: number | null;
}

/** What a run read of each lead it planned (intake's outcomes), for `stateFromLeads`. */
export function seenLeads(
  leads: { leadId: string; fields: Record<string, CellValue | undefined>; emailKey: string | null; phoneKey: string | null; readyAt?: number | null; needsInfoSince?: number | null }[],
): Map<string, SeenLead> {
  return new Map(
    leads.map((l) => [
      l.leadId,
      {
        leadId: l.leadId,
        owner: cellText(l.fields.owner),
        status: cellText(l.fields.status),
        name: cellText(l.fields.name),
        emailKey: l.emailKey,
        phoneKey: l.phoneKey,
        readyAt: l.readyAt,
        needsInfoSince: l.needsInfoSince,
      },
    ]),
  );
}

function remember(list: string[], earlier: string[], current: string): string[] {
  let out = [...list];
  for (const v of earlier) {
    if (v === current) continue;
    out = [...out.filter((x) => x !== v), v];
  }
  return out.slice(-HISTORY_DEPTH);
}

/**
 * The state as the Leads tab now shows it, for every row with a Lead ID, with each lead's
 * memory carried forward: the owner and status it had before (in the previous state, and as the
 * run read them) join its history when they differ from what it holds now.
 */
export function stateFromLeads(
  values: CellValue[][],
  columns: LeadColumns,
  previous: Map<string, LeadState> | null = null,
  seen: Map<string, SeenLead> = new Map(),
  now: number | null = null,
): LeadState[] {
  const id = columns.index.leadId;
  const out: LeadState[] = [];
  const done = new Set<string>();
  for (let i = 1; i < values.length; i++) {
    const leadId = leadIdOf(values[i][id]);
    if (!leadId || done.has(leadId)) continue;
    done.add(leadId);
    const before = previous?.get(leadId);
    const record = {} as LeadState;
    // A column that is missing (a renamed header) is not a value people cleared: what Baton knew stays.
    for (const f of STATE_FIELDS) record[f] = f === 'history' ? '' : columns.index[f] === undefined ? before?.[f] ?? '' : values[i][columns.index[f]] ?? '';
    record.leadId = leadId;
    const memory = memoryOf(before);
    const read = seen.get(leadId);
    const owner = cellText(record.owner).toLowerCase();
    const status = cellText(record.status);
    const earlierOwners = [before ? cellText(before.owner).toLowerCase() : null, read ? read.owner.toLowerCase() : null].filter((v): v is string => v !== null);
    const earlierStatuses = [before ? cellText(before.status) : null, read ? read.status : null].filter((v): v is string => v !== null);
    memory.owners = remember(memory.owners, earlierOwners, owner);
    memory.statuses = remember(memory.statuses, earlierStatuses, status);
    const closed = isClosed(parseStatus(status));
    if (!closed) memory.closedAt = null;
    else if (memory.closedAt === null && now !== null) memory.closedAt = before && isClosed(parseStatus(before.status)) ? null : now;
    if (read) {
      if (read.readyAt !== undefined) memory.readyAt = read.readyAt;
      if (read.needsInfoSince !== undefined) memory.needsInfoSince = read.needsInfoSince;
      memory.name = read.name.slice(0, NAME_MAX);
      memory.emailKey = read.emailKey;
      memory.phoneKey = read.phoneKey;
    }
    record.history = encodeMemory(memory);
    out.push(record);
  }
  return out;
}

/** The fields of a lead's record that are cells of its row (its Lead ID and History aside). */
const RECORDED_CELLS = STATE_FIELDS.filter((f) => f !== 'leadId' && f !== 'history');

/**
 * What a record holds for `field`, or undefined when it does not know: no record, or a Created
 * that a record from before Created was kept leaves empty (Baton fills every lead's Created, so an
 * empty one is never a value it decided).
 */
export function recordedValue(record: LeadState | undefined, field: StateField): CellValue | undefined {
  if (!record) return undefined;
  const value = record[field];
  return field === 'created' && (value === '' || value === undefined) ? undefined : value;
}

/**
 * What Baton State records for a cell of `values` (0-based row and column): the recorded field of
 * that column and the lead's value of it (undefined when the lead has no record); undefined when
 * the column holds none of the recorded fields.
 */
export function recordedCell(
  values: CellValue[][],
  columns: LeadColumns,
  state: Map<string, LeadState> | null,
): (row: number, column: number) => { field: StateField; value: CellValue | undefined } | undefined {
  const id = columns.index.leadId;
  const fieldAt = new Map<number, StateField>();
  for (const f of RECORDED_CELLS) if (columns.index[f] !== undefined) fieldAt.set(columns.index[f]!, f);
  return (row, column) => {
    const field = fieldAt.get(column);
    if (!field) return undefined;
    const record = id === undefined ? undefined : state?.get(leadIdOf(values[row]?.[id]));
    return { field, value: recordedValue(record, field) };
  };
}

/**
 * What a plan decided that needed no write: cells of a known lead's recorded fields that differ
 * from its record and that no write changes (people's changes the plan accepted), as writes of the
 * value they hold. A stopped run's intent keeps them (pending-run.ts, `kept`), so the run that
 * finishes it records them as decided.
 */
export function keptDecisions(
  leads: readonly { target: RowTarget; row: number; values: CellValue[]; known?: LeadState }[],
  writes: readonly CellWrite[],
  columns: LeadColumns,
): CellWrite[] {
  const written = new Set(writes.map((w) => `${w.target.row}:${w.column}`));
  const kept: CellWrite[] = [];
  for (const lead of leads) {
    if (!lead.known) continue;
    for (const field of RECORDED_CELLS) {
      const c = columns.index[field];
      if (c === undefined || written.has(`${lead.row}:${c}`)) continue;
      const value = lead.values[c] ?? '';
      const known = recordedValue(lead.known, field);
      if (known !== undefined && !sameCell(value, known)) kept.push({ target: lead.target, field, column: c, before: value, value });
    }
  }
  return kept;
}

/**
 * The leads as a stopped run decided them, once finished: the tab as read after its writes, each
 * known lead's recorded cells as its record holds them, except the cells the run decided
 * (`decided`, by "row:column" of `values`). A value people typed after the run read the tab is not
 * in it, so the next plan judges it with its editor instead of taking it as Baton's.
 */
export function decidedLeads(values: CellValue[][], decided: ReadonlyMap<string, CellValue>, columns: LeadColumns, previous: Map<string, LeadState> | null): CellValue[][] {
  const id = columns.index.leadId;
  const out = values.map((row) => [...row]);
  if (id === undefined) return out;
  for (let i = 1; i < out.length; i++) {
    const record = previous?.get(leadIdOf(out[i][id]));
    if (!record) continue;
    for (const field of RECORDED_CELLS) {
      const c = columns.index[field];
      const value = recordedValue(record, field);
      if (c !== undefined && value !== undefined) out[i][c] = value;
    }
  }
  for (const [key, value] of decided) {
    const [row, column] = key.split(':').map(Number);
    if (out[row]) out[row][column] = value;
  }
  return out;
}
