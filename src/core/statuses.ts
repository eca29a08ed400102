/** Lead statuses and what they mean for the handoff (SPEC.md, "The sheets Baton keeps"). */

export const STATUS = {
  new: 'New',
  needsInfo: 'Needs info',
  ready: 'Ready',
  assigned: 'Assigned',
  contacted: 'Contacted',
  qualified: 'Qualified',
  won: 'Won',
  lost: 'Lost',
  disqualified: 'Disqualified',
  duplicate: 'Duplicate',
  ineligible: 'Ineligible',
} as const;

export type Status = (typeof STATUS)[keyof typeof STATUS];

export const ALL_STATUSES: Status[] = Object.values(STATUS);
export const CLOSED_STATUSES: Status[] = [STATUS.qualified, STATUS.won, STATUS.lost, STATUS.disqualified];
/** Statuses intake decides; anything later in the flow belongs to routing and to people. */
export const INTAKE_STATUSES: Status[] = [STATUS.new, STATUS.needsInfo, STATUS.ready, STATUS.duplicate, STATUS.ineligible];
/** A lead someone owns and is working. */
export const OWNED_STATUSES: Status[] = [STATUS.assigned, STATUS.contacted];

/** The status as written in a cell, matched case-insensitively; '' for a blank cell; null for unknown text. */
export function parseStatus(cell: unknown): Status | '' | null {
  const text = String(cell ?? '').trim().toLowerCase();
  if (text === '') return '';
  return ALL_STATUSES.find((s) => s.toLowerCase() === text) ?? null;
}

export function isClosed(s: Status | '' | null): boolean {
  return s !== null && s !== '' && CLOSED_STATUSES.includes(s);
}

/** Open: a lead still in the handoff (not closed, not a duplicate, not ineligible). */
export function isOpen(s: Status | '' | null): boolean {
  return s !== STATUS.duplicate && s !== STATUS.ineligible && !isClosed(s);
}
