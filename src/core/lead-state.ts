/**
 * Baton's memory of what it last wrote for each lead, kept in a hidden tab (`Baton State`).
 * Comparing the sheet with it tells Baton what people changed: a status moved to Contacted, an
 * owner typed by hand, a system column edited (reverted), a row deleted.
 */
import type { CellValue } from './conditions';
import { leadIdOf } from './lead-id';

export const STATE_SHEET = 'Baton State';
export const STATE_FIELDS = ['leadId', 'status', 'owner', 'assignedAt', 'slaDue', 'firstContact', 'sla', 'problems'] as const;
export const STATE_HEADERS = ['Lead ID', 'Status', 'Owner', 'Assigned At', 'SLA Due', 'First Contact', 'SLA', 'Problems'];

export type StateField = (typeof STATE_FIELDS)[number];
export type LeadState = Record<StateField, CellValue>;

export function readState(rows: CellValue[][]): Map<string, LeadState> {
  const state = new Map<string, LeadState>();
  for (const row of rows) {
    const id = leadIdOf(row[0]);
    if (!id) continue;
    const record = {} as LeadState;
    STATE_FIELDS.forEach((f, i) => (record[f] = row[i] ?? ''));
    state.set(id, record);
  }
  return state;
}

export function stateRows(state: LeadState[]): CellValue[][] {
  return state.map((s) => STATE_FIELDS.map((f) => s[f] ?? ''));
}
