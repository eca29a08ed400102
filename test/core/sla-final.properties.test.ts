/**
 * The SLA value of any lead, any status, at any time, against a small reference written from
 * docs/SLA.md (not from src/): the clock starts when the lead was ready for sales; working leads
 * (Assigned, Contacted, a status Baton does not know) are On track, Due soon, Breached, Met or
 * Missed; Qualified and Won without a contact count as contacted when Baton sees them closed;
 * Lost and Disqualified without a contact are Missed after due and "Closed before due" before it.
 * A 24/7 clock keeps the reference to plain arithmetic.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/core/conditions';
import { parseConfig } from '../../src/core/config';
import { fieldKey, LEAD_HEADERS } from '../../src/core/headers';
import type { LeadOutcome } from '../../src/core/intake-plan';
import { locateColumns } from '../../src/core/lead-columns';
import { parseStatus } from '../../src/core/statuses';
import { planSla } from '../../src/core/sla-plan';
import { intlTimePort } from '../support/intl-time-port';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const MIN = 60_000;
const parsed = parseConfig(
  { version: 1, managers: ['maria@acme.test'], team: [{ email: 'ana@acme.test', name: 'Ana', capacity: 10 }], sla: { targets: [{ name: 'Standard', minutes: 60 }], businessHours: null, holidays: [], dueSoonPercent: 80, escalation: null } },
  'America/New_York',
);
if (!parsed.ok) throw new Error(parsed.problems.join(' '));
const CONFIG = parsed.config;
const H = [...LEAD_HEADERS];
const COLUMNS = locateColumns(H, CONFIG);
const PORT = intlTimePort('America/New_York');

/** docs/SLA.md, as a reader would implement it. */
function reference(l: { ready: number; status: string; contact: number | null; now: number }): string {
  const due = l.ready + 60 * MIN;
  const working = ['Assigned', 'Contacted'].includes(l.status) || !['Qualified', 'Won', 'Lost', 'Disqualified'].includes(l.status);
  if (working) {
    if (l.contact !== null) return l.contact <= due ? 'Met' : 'Missed';
    if (l.now >= due) return 'Breached';
    // An unknown status is never shown On track or Due soon: the column waits, empty.
    if (!['Assigned', 'Contacted'].includes(l.status)) return '';
    return l.now >= l.ready + 0.8 * 60 * MIN ? 'Due soon' : 'On track';
  }
  if (l.status === 'Qualified' || l.status === 'Won') return (l.contact ?? l.now) <= due ? 'Met' : 'Missed';
  if (l.contact !== null) return l.contact <= due ? 'Met' : 'Missed';
  return l.now >= due ? 'Missed' : 'Closed before due';
}

function outcome(l: { ready: number; assigned: number; status: string; contact: number | null }): LeadOutcome {
  const fields: Record<string, CellValue | undefined> = {
    leadId: 'L-AAAAAA', name: 'Dana', status: l.status, owner: 'ana@acme.test', assignedAt: new Date(l.assigned), slaDue: '', firstContact: l.contact === null ? '' : new Date(l.contact), sla: '',
  };
  const values = H.map((h) => fields[fieldKey(h)] ?? '') as CellValue[];
  return {
    leadId: 'L-AAAAAA', row: 2, target: { row: 2, leadId: 'L-AAAAAA', fingerprint: '' }, values, fields, status: parseStatus(l.status), owner: 'ana@acme.test', problems: [],
    emailKey: null, phoneKey: null, createdAt: l.ready, readyAt: l.ready, needsInfoSince: null, known: undefined,
  };
}

const lead = fc
  .record({
    readyOffset: fc.integer({ min: 0, max: 600 }),
    waitForOwner: fc.integer({ min: 0, max: 120 }),
    status: fc.constantFrom('Assigned', 'Contacted', 'Qualified', 'Won', 'Lost', 'Disqualified', 'Done'),
    contactAfter: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    nowAfter: fc.integer({ min: 0, max: 300 }),
    // Boundaries matter most: now exactly at the due time, or at the due-soon mark.
    pinNow: fc.constantFrom(null, 'due', 'dueSoon'),
  })
  .map((x) => {
    const ready = T0 + x.readyOffset * MIN;
    const assigned = ready + x.waitForOwner * MIN;
    const contact = x.contactAfter === null ? null : assigned + x.contactAfter * MIN;
    const earliest = Math.max(assigned, contact ?? 0);
    const pinned = x.pinNow === 'due' ? ready + 60 * MIN : x.pinNow === 'dueSoon' ? ready + 48 * MIN : null;
    const now = pinned !== null && pinned >= earliest ? pinned : earliest + x.nowAfter * MIN;
    return { ready, assigned, status: x.status, contact, now };
  });

describe('the final SLA value', () => {
  it('agrees with the reference for every status, contact and time', () => {
    fc.assert(
      fc.property(lead, (l) => {
        const o = outcome(l);
        const plan = planSla({ outcomes: [o], columns: COLUMNS, valueOf: (x, f) => x.fields[f], config: CONFIG, configVersion: 1, now: l.now, port: PORT, queued: new Set() });
        const sla = plan.writes.find((w) => w.field === 'sla')?.value ?? '';
        expect(sla).toBe(reference(l));
        expect(plan.writes.find((w) => w.field === 'slaDue')?.value).toEqual(new Date(l.ready + 60 * MIN));
      }),
      { numRuns: 500, seed: 20261202 },
    );
  });

  it('the reference can tell the cases apart (a check that can fail)', () => {
    expect(reference({ ready: 0, status: 'Lost', contact: null, now: 59 * MIN })).toBe('Closed before due');
    expect(reference({ ready: 0, status: 'Lost', contact: null, now: 61 * MIN })).toBe('Missed');
    expect(reference({ ready: 0, status: 'Won', contact: null, now: 61 * MIN })).toBe('Missed');
    expect(reference({ ready: 0, status: 'Assigned', contact: null, now: 50 * MIN })).toBe('Due soon');
    expect(reference({ ready: 0, status: 'Done', contact: null, now: 50 * MIN })).toBe('');
    expect(reference({ ready: 0, status: 'Done', contact: null, now: 60 * MIN })).toBe('Breached');
  });
});
