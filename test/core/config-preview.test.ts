/**
 * The preview of a draft config over hand-built Leads tabs: what the next sweep would assign,
 * hold back or leave without an owner, each member's load, the SLA targets, and that the result
 * is small plain JSON whatever the number of leads. Fixed clock: Mon 2026-03-02 11:00 New York.
 */
import type { CellValue } from '../../src/core/conditions';
import { parseConfig, type BatonConfig } from '../../src/core/config';
import { previewConfig, type ConfigPreview, type PreviewInput } from '../../src/core/config-preview';
import { LEAD_HEADERS } from '../../src/core/headers';
import { completeLead, wholeRow, type Lead } from '../support/leads';
import { intlTimePort } from '../support/intl-time-port';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H: string[] = [...LEAD_HEADERS];
const NY = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00-05:00`);
const NOW = NY('11:00').getTime();
const PORT = intlTimePort('America/New_York');
const DEE = { email: 'dee@acme.test', name: 'Dee', active: true, capacity: 2, weight: 1 };

function configOf(extra: Record<string, unknown> = {}): BatonConfig {
  const r = parseConfig({ ...SPEC_EXAMPLE, ...extra }, 'America/New_York');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
}

/** SPEC.md's example plus Dee (capacity 2) and a rule sending the South to her. */
const WITH_SOUTH = configOf({
  team: [...SPEC_EXAMPLE.team, DEE],
  routing: {
    rules: [...SPEC_EXAMPLE.routing.rules, { name: 'South', when: { all: [{ field: 'location', op: '=', value: 'South' }] }, assignTo: [DEE.email], balance: 'round_robin' }],
    fallback: ['maria@acme.test'],
  },
});

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** A Lead ID Baton could have issued, one per number. */
const idOf = (i: number) => 'L-' + Array.from({ length: 6 }, (_, k) => ALPHABET[Math.floor(i / 32 ** (5 - k)) % 32]).join('');

let next = 0;
/** A row as Baton left it: Ready and waiting for an owner. */
function ready(name: string, extra: Lead = {}): CellValue[] {
  return wholeRow(completeLead(name, { 'Lead ID': idOf(next++), Status: 'Ready', ...extra }));
}

/** A row someone owns: assigned at `assigned`, due an hour later, on track. */
function owned(name: string, owner: string, extra: Lead = {}, assigned = '10:30', due = '11:30'): CellValue[] {
  const row: CellValue[] = wholeRow(completeLead(name, { 'Lead ID': idOf(next++), Status: 'Assigned', Owner: owner, SLA: 'On track', ...extra }));
  row[H.indexOf('Assigned At')] = NY(assigned);
  row[H.indexOf('SLA Due')] = NY(due);
  return row;
}

function preview(config: BatonConfig, rows: CellValue[][], extra: Partial<PreviewInput> = {}, header: CellValue[] = H): ConfigPreview {
  return previewConfig({ draft: config, snapshot: { header, rows }, state: null, routing: { pools: {} }, now: NOW, port: PORT, ...extra });
}

const member = (p: ConfigPreview, email: string) => p.perOwner.find((m) => m.email === email);

function hasDate(x: unknown): boolean {
  if (Object.prototype.toString.call(x) === '[object Date]') return true;
  if (x && typeof x === 'object') return Object.values(x).some(hasDate);
  return false;
}

describe('previewConfig (core): a draft applied to the current leads, nothing written', () => {
  it('sends unowned Ready leads to a new rule\'s pool up to capacity, then the fallback; counts each member\'s load', () => {
    const rows = [
      ready('Sam', { Location: 'South' }),
      ready('Sue', { Location: 'South' }),
      ready('Sid', { Location: 'South' }),
      owned('Nia', 'cy@acme.test'),
      owned('Ned', 'cy@acme.test'),
    ];
    const p = preview(WITH_SOUTH, rows);
    expect(p.leads).toBe(5);
    expect(p.ownerChanges.sample.map((c) => [c.row, c.name, c.from, c.to, c.rule])).toEqual([
      [2, 'Sam', '', DEE.email, 'South'],
      [3, 'Sue', '', DEE.email, 'South'],
      [4, 'Sid', '', 'maria@acme.test', '(fallback)'],
    ]);
    expect(p.ownerChanges).toMatchObject({ count: 3, assigned: 3, reassigned: 0 });
    expect(p.statusChanges.byTransition).toEqual([{ from: 'Ready', to: 'Assigned', count: 3 }]);
    expect(p.statusChanges.sample[0]).toMatchObject({ leadId: idOf(0), from: 'Ready', to: 'Assigned' });
    expect(p.statusChanges.sample[0].reason).toContain("Rule 'South' matched");
    expect(member(p, DEE.email)).toEqual({
      email: DEE.email, name: 'Dee', capacity: 2, openNow: 0, openAfter: 2, overCapacity: false,
      active: true, awayToday: false, availableAfter: false, reason: 'at capacity (2 of 2 open)',
    });
    expect(member(p, 'cy@acme.test')).toMatchObject({ openNow: 2, openAfter: 2, availableAfter: true });
    expect(member(p, 'maria@acme.test')).toMatchObject({ openNow: 0, openAfter: 1 });
    expect(member(p, 'ana@acme.test')).toMatchObject({ awayToday: true, availableAfter: false, reason: 'away until 2026-03-06' });
    expect(p.noOwner).toEqual({ count: 0, sample: [] });
    // New assignments are due 60 business minutes after now (Standard); owned leads keep theirs.
    expect(p.sla.dueChanges.count).toBe(3);
    expect(p.sla.dueChanges.sample[0]).toMatchObject({ row: 2, from: '', to: '2026-03-02T17:00:00.000Z' });
    expect(p.problems).toEqual(["routing rule 'North': ana@acme.test is away until 2026-03-06."]);
  });

  it('never re-routes an owned lead: it keeps its owner, and is listed (for information) when the new rules would pick another pool', () => {
    const northToBen = configOf({
      routing: { rules: [{ name: 'North', when: { all: [{ field: 'location', op: '=', value: 'North' }] }, assignTo: ['ben@acme.test'], balance: 'round_robin' }], fallback: ['maria@acme.test'] },
    });
    const p = preview(northToBen, [owned('Nia', 'cy@acme.test'), owned('Ned', 'ben@acme.test'), owned('Sal', 'cy@acme.test', { Location: 'South' })]);
    expect(p.ownerChanges.count).toBe(0);
    expect(p.statusChanges.count).toBe(0);
    expect(member(p, 'cy@acme.test')).toMatchObject({ openNow: 2, openAfter: 2 });
    expect(p.ownedOutsideNewRules.count).toBe(2);
    expect(p.ownedOutsideNewRules.sample.map((l) => [l.name, l.owner, l.rule])).toEqual([
      ['Nia', 'cy@acme.test', 'North'],
      ['Sal', 'cy@acme.test', '(fallback)'],
    ]);
  });

  it('shows a stricter sales-ready rule moving Ready leads back to New, and a stricter contact rule to Needs info; owned leads keep their status', () => {
    const rows = [ready('Big', { 'Deal Size': 20000 }), ready('Mid'), ready('Tel', { Phone: '+1 212 555 0100', 'Deal Size': 20000 }), owned('Own', 'cy@acme.test')];
    const richer = preview(configOf({ readiness: { all: [{ field: 'dealSize', op: '>=', value: 10000 }] } }), rows);
    expect(richer.statusChanges.byTransition).toEqual([
      { from: 'Ready', to: 'Assigned', count: 2 },
      { from: 'Ready', to: 'New', count: 1 },
    ]);
    const held = richer.statusChanges.sample.find((c) => c.to === 'New');
    expect(held).toMatchObject({ name: 'Mid', reason: 'Not sales-ready yet: needs Deal Size >= 10000.' });

    const phoneOnly = preview(configOf({ intake: { ...SPEC_EXAMPLE.intake, contact: 'phone' } }), rows);
    expect(phoneOnly.statusChanges.byTransition).toEqual([
      { from: 'Ready', to: 'Needs info', count: 2 },
      { from: 'Ready', to: 'Assigned', count: 1 },
    ]);
    expect(phoneOnly.statusChanges.sample.find((c) => c.name === 'Mid')?.reason).toBe('Phone is missing.');
    expect(phoneOnly.statusChanges.sample.some((c) => c.name === 'Own')).toBe(false);
  });

  it('lists leads nobody could take when everyone in the pool is away, with why, and says so in problems', () => {
    const awayDee = configOf({
      team: [...SPEC_EXAMPLE.team, { ...DEE, away: [{ from: '2026-03-01', to: '2026-03-06' }] }],
      routing: { rules: [{ name: 'South', when: { all: [{ field: 'location', op: '=', value: 'South' }] }, assignTo: [DEE.email], balance: 'round_robin' }], fallback: [] },
    });
    const p = preview(awayDee, [ready('Sam', { Location: 'South' }), ready('Sue', { Location: 'South' }), owned('Nia', 'cy@acme.test')]);
    expect(p.noOwner.count).toBe(2);
    expect(p.noOwner.sample.map((l) => l.name)).toEqual(['Sam', 'Sue']);
    expect(p.noOwner.sample[0].reason).toBe("No available owner: Rule 'South' matched but nobody in it can take the lead; skipped dee@acme.test (away until 2026-03-06).");
    expect(p.ownerChanges.count).toBe(0);
    expect(p.statusChanges.count).toBe(0);
    expect(p.problems).toContain("routing rule 'South': dee@acme.test is away until 2026-03-06.");
  });

  it('gives the sheet-level reason when no team is configured at all', () => {
    const p = preview(configOf({ team: [], routing: { rules: [], fallback: [] } }), [ready('Sam'), ready('Sue')]);
    expect(p.noOwner.count).toBe(2);
    expect(p.noOwner.sample[1].reason).toBe('No team is configured, so 2 sales-ready lead(s) wait for an owner. Add the team in Settings.');
    expect(p.perOwner).toEqual([]);
  });

  it('counts the open owned leads each SLA target applies to, and the owned leads no target matches', () => {
    const rows = [
      owned('Bo1', 'cy@acme.test', { 'Customer Type': 'Business' }),
      owned('Bo2', 'maria@acme.test', { 'Customer Type': 'Business' }),
      owned('Ho1', 'cy@acme.test'),
      owned('Ho2', 'cy@acme.test'),
      owned('Won', 'cy@acme.test', { Status: 'Won', 'Customer Type': 'Business' }),
      ready('New', { 'Customer Type': 'Business', Location: 'South' }),
    ];
    const p = preview(configOf(), rows);
    expect(p.sla.targets).toEqual([
      { name: 'Hot', minutes: 15, leads: 3 },
      { name: 'Standard', minutes: 60, leads: 2 },
    ]);
    expect(p.sla.noTarget).toBe(0);
    // The new Business lead (fallback: Maria) is due 15 business minutes from now.
    expect(p.sla.dueChanges.sample).toEqual([{ leadId: idOf(next - 1), row: 7, name: 'New', from: '', to: '2026-03-02T16:15:00.000Z' }]);

    const hotOnly = preview(configOf({ sla: { ...SPEC_EXAMPLE.sla, targets: [SPEC_EXAMPLE.sla.targets[0]] } }), rows);
    expect(hotOnly.sla.targets).toEqual([{ name: 'Hot', minutes: 15, leads: 3 }]);
    expect(hotOnly.sla.noTarget).toBe(2);
    expect(hotOnly.problems).toContain('2 owned lead(s) match no SLA target, so they get no SLA Due.');
  });

  it('shows an escalation by reassignment as an owner change from the old owner', () => {
    const north = configOf({ team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) });
    // Assigned at 09:00, due 10:00: 60 business minutes late at 11:00, past the 30 of escalation.
    const p = preview(north, [owned('Late', 'ana@acme.test', {}, '09:00', '10:00')]);
    expect(p.ownerChanges).toMatchObject({ count: 1, assigned: 0, reassigned: 1 });
    expect(p.ownerChanges.sample[0]).toMatchObject({ name: 'Late', from: 'ana@acme.test', to: 'cy@acme.test', rule: 'North' });
    expect(p.sla.dueChanges.sample[0]).toMatchObject({ from: '2026-03-02T15:00:00.000Z', to: '2026-03-02T17:00:00.000Z' });
    // Already escalated once (the outbox holds its key): not again.
    const assignedAt = NY('09:00').getTime();
    const again = preview(north, [owned('Late', 'ana@acme.test', { 'Lead ID': idOf(5000) }, '09:00', '10:00')], { queued: new Set([`${idOf(5000)}|escalated|${assignedAt}|ana@acme.test`]) });
    expect(again.ownerChanges.count).toBe(0);
  });

  it('says when nobody can take another lead, and who is over capacity', () => {
    const mariaOnly = configOf({ team: [{ ...SPEC_EXAMPLE.team[3], capacity: 1 }], routing: { rules: [], fallback: ['maria@acme.test'] } });
    const p = preview(mariaOnly, [ready('Sam'), ready('Sue')]);
    expect(member(p, 'maria@acme.test')).toMatchObject({ openNow: 0, openAfter: 1, overCapacity: false, availableAfter: false });
    expect(p.noOwner.count).toBe(1);
    expect(p.problems).toEqual(['Nobody on the team can take another lead after this sweep: maria@acme.test (at capacity (1 of 1 open)).']);
    const over = preview(mariaOnly, [owned('Own1', 'maria@acme.test'), owned('Own2', 'maria@acme.test')]);
    expect(member(over, 'maria@acme.test')).toMatchObject({ openNow: 2, openAfter: 2, overCapacity: true });
    expect(over.problems).toContain('Over capacity: maria@acme.test (2 of 1 open).');
  });

  it('names conditions on fields the Leads tab has no column for', () => {
    const territory = configOf({
      routing: { rules: [{ name: 'East', when: { all: [{ field: 'Territory', op: '=', value: 'East' }] }, assignTo: ['cy@acme.test'], balance: 'round_robin' }], fallback: ['maria@acme.test'] },
    });
    const without = preview(territory, [ready('Sam')]);
    expect(without.problems).toContain(`routing rule 'East': "Territory" is not a column of the Leads tab, so the condition never sees a value.`);
    expect(without.ownerChanges.sample[0]).toMatchObject({ to: 'maria@acme.test', rule: '(fallback)' });
    const row = [...ready('Sam'), 'East'];
    const withColumn = preview(territory, [row], {}, [...H, 'Territory']);
    expect(withColumn.problems.some((x) => x.includes('Territory'))).toBe(false);
    expect(withColumn.ownerChanges.sample[0]).toMatchObject({ to: 'cy@acme.test', rule: 'East' });
  });

  it('is plain JSON: no Date anywhere, the same after a round trip', () => {
    const p = preview(WITH_SOUTH, [ready('Sam', { Location: 'South' }), owned('Late', 'ana@acme.test', {}, '09:00', '10:00'), ready('Bad', { Email: 'nope', Interest: '' })]);
    expect(p.sla.dueChanges.count).toBeGreaterThan(0);
    expect(hasDate(p)).toBe(false);
    expect(JSON.parse(JSON.stringify(p))).toStrictEqual(p);
  });

  it('keeps samples bounded and numbers as counts over 1,000 leads', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ready(`Lead${i}`, { Location: i % 2 ? 'South' : 'North', Email: `lead${i}@example.com` }));
    const p = preview(WITH_SOUTH, rows);
    expect(p.leads).toBe(1000);
    // Dee takes 2 South leads, the North pool Cy's 25 (Ana is away), Maria the fallback up to 100.
    expect(p.ownerChanges.count).toBe(2 + 25 + 100);
    expect(p.noOwner.count).toBe(1000 - 127);
    expect(p.statusChanges.count).toBe(127);
    for (const list of [p.ownerChanges.sample, p.noOwner.sample, p.statusChanges.sample, p.sla.dueChanges.sample]) expect(list.length).toBe(20);
    expect(p.problems.length).toBeLessThanOrEqual(20);
    expect(p.perOwner.map((m) => [m.email, m.openAfter])).toEqual([
      ['ana@acme.test', 0],
      ['ben@acme.test', 0],
      ['cy@acme.test', 25],
      ['maria@acme.test', 100],
      ['dee@acme.test', 2],
    ]);
    expect(JSON.stringify(p).length).toBeLessThan(20_000);
  });
});
