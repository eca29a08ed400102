/**
 * Gives every row with lead data a Lead ID, and a new one to a row that copies another's: when
 * two rows carry the same ID, the one outside the edit that made the copy keeps it (the paste is
 * the copy); without an edit to go by, the upper row keeps it.
 */
import { uniqueLeadId } from './lead-id';
import { addToList } from './lists';

export interface IdentityRow {
  row: number;
  leadId: string;
}

export interface IdentityChange {
  row: number;
  /** The ID the row had ('' for none). */
  from: string;
  to: string;
  /** For a copy: the lead it copied. */
  copyOf?: string;
}

export function assignIdentities(
  rows: IdentityRow[],
  edited: { rowStart: number; rowEnd: number; rows?: number[] } | undefined,
  nextHex: () => string,
  /** Rows whose Lead ID a person pasted (the edit journal): the copy, whoever edits the original meanwhile. */
  pasted: (row: number) => boolean = () => false,
): IdentityChange[] {
  const taken = new Set(rows.map((r) => r.leadId).filter(Boolean));
  const byId = new Map<string, IdentityRow[]>();
  for (const r of rows) {
    if (!r.leadId) continue;
    addToList(byId, r.leadId, r);
  }
  const changes: IdentityChange[] = [];
  const editRows = edited?.rows ? new Set(edited.rows) : null;
  const inEdit = (row: number) => !!edited && (editRows ? editRows.has(row) : row >= edited.rowStart && row <= edited.rowEnd);
  for (const [id, holders] of byId) {
    if (holders.length < 2) continue;
    const original = holders.filter((h) => !pasted(h.row));
    const pool = original.length ? original : holders;
    const outside = pool.filter((h) => !inEdit(h.row));
    const keeper = (outside.length ? outside : pool).reduce((a, b) => (a.row <= b.row ? a : b));
    for (const h of holders) {
      if (h === keeper) continue;
      changes.push({ row: h.row, from: id, to: uniqueLeadId(taken, nextHex), copyOf: id });
    }
  }
  for (const r of rows) {
    if (!r.leadId) changes.push({ row: r.row, from: '', to: uniqueLeadId(taken, nextHex) });
  }
  return changes.sort((a, b) => a.row - b.row);
}
