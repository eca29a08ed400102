/**
 * The intake planner's decisions, one at a time: identity, statuses, duplicates, the
 * sales-ready rule in words, system columns reverted, First Contact stamped, idempotence.
 */
import type { CellValue } from '../../src/core/conditions';
import { parseConfig, type BatonConfig } from '../../src/core/config';
import { fieldKey, LEAD_HEADERS } from '../../src/core/headers';
import { planIntake, type IntakeInput, type IntakePlan } from '../../src/core/intake-plan';
import { LEAD_ID_PATTERN, leadIdFrom } from '../../src/core/lead-id';
import type { LeadState } from '../../src/core/lead-state';
import { stateFromLeads } from '../../src/gas/state-tab';
import { SPEC_EXAMPLE } from '../support/spec-example';

const NOW = Date.UTC(2026, 2, 2, 14, 0, 0);
const EARLIER = new Date(Date.UTC(2026, 2, 2, 13, 0, 0));
const ACTOR = 'ana@acme.test';
const H: string[] = [...LEAD_HEADERS];

const { version, managers, intake, readiness } = SPEC_EXAMPLE;
const BASE = { version, managers, intake, readiness };

function configOf(extra: Record<string, unknown> = {}): BatonConfig {
  const r = parseConfig({ ...BASE, ...extra }, 'America/New_York');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
}
const CONFIG = configOf();

/** Deterministic random digits: a 32-bit mix of a counter, as hex. */
function hexes(seed = 1): () => string {
  let n = seed;
  return () => (Math.imul(n++, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0') + '0000';
}

type Fields = Record<string, CellValue>;

/** A complete, sales-ready lead, keyed by field; `extra` changes what a test is about. */
function lead(name: string, extra: Fields = {}): Fields {
  return {
    name,
    email: `${name.toLowerCase()}@example.com`,
    company: 'Acme',
    interest: 'Solar',
    location: 'North',
    consent: 'Yes',
    source: 'Web',
    campaign: 'Spring',
    dealSize: 5000,
    customerType: 'Business',
    created: EARLIER,
    ...extra,
  };
}

const rowOf = (f: Fields, header: string[] = H): CellValue[] => header.map((h) => f[fieldKey(h)] ?? '');

function plan(rows: Fields[], opts: Partial<IntakeInput> & { header?: string[] } = {}): IntakePlan {
  const header = opts.header ?? H;
  return planIntake({
    snapshot: { header, rows: rows.map((r) => rowOf(r, header)) },
    state: null,
    config: CONFIG,
    configVersion: 3,
    now: NOW,
    actor: ACTOR,
    nextHex: hexes(),
    ...opts,
  });
}

/** The rows after the plan's writes, keyed by field (every write targets its snapshot row here). */
function after(rows: Fields[], p: IntakePlan): Fields[] {
  const out = rows.map((r) => ({ ...r }));
  for (const w of p.writes) {
    expect(rowOf(out[w.target.row - 2])[w.column] ?? '').toEqual(w.before);
    out[w.target.row - 2][w.field] = w.value;
  }
  return out;
}

/** Baton's state after a run, as the shell records it. */
function stateOf(rows: Fields[]): Map<string, LeadState> {
  const p = plan([]);
  return new Map(stateFromLeads([H, ...rows.map((r) => rowOf(r))], p.columns).map((s) => [String(s.leadId), s]));
}

/** A table Baton has already handled: IDs, statuses and problems in place, state recorded. */
function handled(rows: Fields[]): { rows: Fields[]; state: Map<string, LeadState> } {
  const done = after(rows, plan(rows));
  return { rows: done, state: stateOf(done) };
}

const writesTo = (p: IntakePlan, field: string) => p.writes.filter((w) => w.field === field);
const valueOf = (p: IntakePlan, row: number, field: string) => p.writes.find((w) => w.target.row === row && w.field === field)?.value;

describe('identity', () => {
  it('gives every row with lead data its own Lead ID, from the random digits it is handed', () => {
    const p = plan([lead('Ann'), lead('Bob'), lead('Cat')]);
    const ids = writesTo(p, 'leadId').map((w) => w.value);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(LEAD_ID_PATTERN);
    expect(new Set(ids).size).toBe(3);
    const hex = hexes();
    expect(ids).toEqual([leadIdFrom(hex()), leadIdFrom(hex()), leadIdFrom(hex())]);
    expect(p.log.filter((l) => l.event === 'created').map((l) => l.reason)).toEqual(['New lead on row 2.', 'New lead on row 3.', 'New lead on row 4.']);
  });

  it('gives no ID to an empty row, or to one holding only what Baton writes', () => {
    const p = plan([{}, { status: 'Ready', problems: 'Email is missing.', leadId: '' }, lead('Ann')]);
    expect(writesTo(p, 'leadId').map((w) => w.target.row)).toEqual([4]);
    expect(p.leads).toBe(1);
  });

  it('counts a lone number (a deal size) as lead data', () => {
    const p = plan([{ dealSize: 0 }]);
    expect(writesTo(p, 'leadId')).toHaveLength(1);
  });

  it('keeps an ID a row already has', () => {
    const p = plan([lead('Ann', { leadId: 'L-AAAAAA' })]);
    expect(writesTo(p, 'leadId')).toEqual([]);
    expect(p.writes.every((w) => w.target.leadId === 'L-AAAAAA')).toBe(true);
  });

  it('asks for new digits when an ID is already taken', () => {
    const first = leadIdFrom(hexes()());
    const p = plan([lead('Ann', { leadId: first }), lead('Bob')]);
    expect(valueOf(p, 3, 'leadId')).toMatch(LEAD_ID_PATTERN);
    expect(valueOf(p, 3, 'leadId')).not.toBe(first);
  });

  it('gives the pasted copy a new ID, and the original keeps its own', () => {
    const rows = [lead('Ann', { leadId: 'L-AAAAAA' }), lead('Bob'), lead('Ann', { leadId: 'L-AAAAAA' })];
    const p = plan(rows, { edited: { rowStart: 4, rowEnd: 4 } });
    expect(valueOf(p, 2, 'leadId')).toBeUndefined();
    const copyId = valueOf(p, 4, 'leadId');
    expect(copyId).toMatch(LEAD_ID_PATTERN);
    expect(p.log.find((l) => l.leadId === copyId && l.event === 'created')?.reason).toBe(
      'Row 4 repeated the Lead ID L-AAAAAA (a copied row); it gets an ID of its own.',
    );
  });

  it('when the copy was pasted above the original, still keeps the ID on the row outside the paste', () => {
    const p = plan([lead('Ann', { leadId: 'L-AAAAAA' }), lead('Ann', { leadId: 'L-AAAAAA' })], { edited: { rowStart: 2, rowEnd: 2 } });
    expect(valueOf(p, 2, 'leadId')).toMatch(LEAD_ID_PATTERN);
    expect(valueOf(p, 3, 'leadId')).toBeUndefined();
  });

  it('without an edit to go by, lets the upper row keep the ID', () => {
    const p = plan([lead('Ann', { leadId: 'L-AAAAAA' }), lead('Cy', { leadId: 'L-AAAAAA' })]);
    expect(valueOf(p, 2, 'leadId')).toBeUndefined();
    expect(valueOf(p, 3, 'leadId')).toMatch(LEAD_ID_PATTERN);
  });

  it('logs a lead with an ID Baton has no record of as first seen', () => {
    const p = plan([lead('Ann', { leadId: 'L-AAAAAA' })], { state: new Map() });
    expect(p.log[0]).toMatchObject({ leadId: 'L-AAAAAA', event: 'created', actor: ACTOR, reason: 'Lead on row 2 first seen by Baton.', configVersion: 3, at: NOW });
  });

  it('stamps Created when it is empty, and only then', () => {
    const p = plan([lead('Ann', { created: '' }), lead('Bob')]);
    expect(valueOf(p, 2, 'created')).toEqual(new Date(NOW));
    expect(valueOf(p, 3, 'created')).toBeUndefined();
  });
});

describe('statuses and problems', () => {
  it.each<[string, Fields, string, string, string]>([
    ['complete', {}, 'Ready', '', 'promoted'],
    ['consent missing', { consent: '' }, 'Needs info', 'Consent is not recorded.', 'validated'],
    ['no contact', { email: '' }, 'Needs info', 'There is no e-mail or phone to contact.', 'validated'],
    ['bad phone, no e-mail', { email: '', phone: '555-0101' }, 'Needs info', 'Phone "555-0101" is not a valid number in US.', 'validated'],
    ['outside the area', { location: 'West' }, 'Ineligible', 'Location "West" is outside the service areas (North, South).', 'validated'],
    ['consent denied', { consent: 'No' }, 'Ineligible', 'Consent to contact was denied.', 'validated'],
    ['below the sales-ready rule', { dealSize: 500 }, 'New', 'Not sales-ready yet: needs Deal Size >= 1000.', 'validated'],
    ['no deal size', { dealSize: '' }, 'New', 'Not sales-ready yet: needs Deal Size >= 1000.', 'validated'],
    ['deal size typed as text', { dealSize: '$1,200' }, 'Ready', '', 'promoted'],
  ])('%s (%j) → %s', (_, change, status, problems, event) => {
    const p = plan([lead('Ann', change)]);
    expect(valueOf(p, 2, 'status')).toBe(status);
    expect(valueOf(p, 2, 'problems') ?? '').toBe(problems);
    const entry = p.log.find((l) => l.event === event);
    expect(entry).toMatchObject({ from: '', to: status, actor: 'Baton' });
    if (problems) expect(entry?.reason).toBe(problems);
  });

  it('names the sales-ready rule by the header the tab uses', () => {
    const header = H.map((h) => (h === 'Deal Size' ? 'Budget' : h));
    const p = plan([lead('Ann', { dealSize: 10 })], { header, config: configOf({ columns: { dealSize: 'Budget' } }) });
    expect(valueOf(p, 2, 'problems')).toBe('Not sales-ready yet: needs Budget >= 1000.');
  });

  it('shows a bad second contact without holding the lead back', () => {
    const p = plan([lead('Ann', { phone: '12' })]);
    expect(valueOf(p, 2, 'status')).toBe('Ready');
    expect(valueOf(p, 2, 'problems')).toBe('Phone "12" is not a valid number in US.');
  });

  it('moves a Ready lead that lost its e-mail back to Needs info', () => {
    const { rows, state } = handled([lead('Ann')]);
    rows[0].email = '';
    const p = plan(rows, { state });
    expect(valueOf(p, 2, 'status')).toBe('Needs info');
    expect(p.log.find((l) => l.event === 'validated')).toMatchObject({ from: 'Ready', to: 'Needs info' });
  });

  it('promotes a Needs info lead once the missing field is filled', () => {
    const { rows, state } = handled([lead('Ann', { consent: '' })]);
    rows[0].consent = 'yes';
    const p = plan(rows, { state });
    expect(valueOf(p, 2, 'status')).toBe('Ready');
    expect(valueOf(p, 2, 'problems')).toBe('');
  });

  it.each(['Assigned', 'Contacted', 'Won', 'Lost', 'Qualified', 'Disqualified'])('leaves the status of a lead that is %s to people', (status) => {
    const p = plan([lead('Ann', { status, consent: '', firstContact: EARLIER })]);
    expect(valueOf(p, 2, 'status')).toBeUndefined();
    expect(valueOf(p, 2, 'problems')).toBe('Consent is not recorded.');
  });

  it('cuts a 50,000-character value short in Problems', () => {
    const p = plan([lead('Ann', { interest: 'x'.repeat(50_000) })]);
    const problems = String(valueOf(p, 2, 'problems'));
    expect(problems.length).toBeLessThan(120);
    expect(problems).toMatch(/^Interest "x+…" is not one of/);
  });

  it('reports missing headers as sheet problems, and plans nothing without a Lead ID column', () => {
    const header = H.filter((h) => h !== 'Lead ID');
    const p = plan([lead('Ann')], { header });
    expect(p.sheetProblems.map((x) => [x.kind, x.subject])).toEqual([['missing header', 'Lead ID']]);
    expect(p.sheetProblems[0].message).toMatch(/^The Leads tab has no "Lead ID" column\. If it was renamed, rename it back to "Lead ID".* Until it is back Baton cannot tell leads apart/);
    expect(p.writes).toEqual([]);
    expect(p.log).toEqual([]);
  });

  it('holds a lead back when a required column is missing, and says which', () => {
    const header = H.filter((h) => h !== 'Consent');
    const p = plan([lead('Ann')], { header });
    expect(p.sheetProblems.map((x) => [x.kind, x.subject])).toEqual([['missing header', 'Consent']]);
    expect(p.sheetProblems[0].message).not.toContain('cannot tell leads apart');
    expect(valueOf(p, 2, 'status')).toBe('Needs info');
  });

  it('finds columns by header text, whatever their order', () => {
    const header = [...H].reverse();
    const p = plan([lead('Ann', { consent: '' })], { header });
    const statusWrite = writesTo(p, 'status')[0];
    expect(statusWrite.column).toBe(header.indexOf('Status'));
    expect(statusWrite.value).toBe('Needs info');
  });
});

describe('duplicates', () => {
  const first = lead('Jo', { leadId: 'L-AAAAAA', email: 'jo@example.com', phone: '(212) 555-0101', created: new Date(Date.UTC(2026, 2, 2, 12)) });

  it.each<[string, Fields]>([
    ['the same e-mail in another case, with spaces', { email: '  JO@Example.COM ', phone: '' }],
    ['the same phone written differently', { email: '', phone: '+1 212 555 0101' }],
    ['the same phone as a number', { email: 'other@example.com', phone: 2125550101 }],
  ])('finds %s', (_, change) => {
    const p = plan([first, lead('Jo 2', { leadId: 'L-BBBBBB', ...change })]);
    expect(valueOf(p, 3, 'status')).toBe('Duplicate');
    // A phone stored as a number also gets the advice to format the column as plain text (lead-checks).
    expect(String(valueOf(p, 3, 'problems'))).toMatch(typeof change.phone === 'number' ? /^Duplicate of L-AAAAAA\. Phone 2125550101 was stored as a number/ : /^Duplicate of L-AAAAAA\.$/);
    expect(p.log.find((l) => l.leadId === 'L-BBBBBB' && l.event === 'duplicate')).toMatchObject({ to: 'Duplicate', reason: expect.stringMatching(/^Duplicate of L-AAAAAA\./) });
    expect(valueOf(p, 2, 'status')).toBe('Ready');
    expect(valueOf(p, 2, 'problems')).toBeUndefined();
  });

  it('takes the lead created first as the original, wherever its row is', () => {
    const later = lead('Jo 2', { leadId: 'L-BBBBBB', created: new Date(Date.UTC(2026, 2, 2, 13)) });
    const p = plan([{ ...later, email: 'jo@example.com' }, first]);
    expect(valueOf(p, 2, 'status')).toBe('Duplicate');
    expect(valueOf(p, 3, 'status')).toBe('Ready');
  });

  it('keeps an owned lead as the original, even when a newer intake lead came first in the sheet', () => {
    const owned = lead('Jo', { leadId: 'L-WNEDBB', email: 'jo@example.com', status: 'Assigned', owner: 'ben@acme.test', created: new Date(Date.UTC(2026, 2, 2, 13)) });
    const p = plan([first, owned]);
    expect(valueOf(p, 2, 'status')).toBe('Duplicate');
    expect(valueOf(p, 2, 'problems')).toBe('Duplicate of L-WNEDBB.');
    expect(valueOf(p, 3, 'status')).toBeUndefined();
  });

  it('never makes an owned lead a duplicate, even of another owned lead', () => {
    const a = lead('Jo', { leadId: 'L-WNEDAA', email: 'jo@example.com', status: 'Assigned', owner: 'ben@acme.test' });
    const b = lead('Jo', { leadId: 'L-WNEDBB', email: 'jo@example.com', status: 'Contacted', owner: 'cy@acme.test', firstContact: EARLIER });
    const p = plan([a, b]);
    expect(writesTo(p, 'status')).toEqual([]);
    expect(p.writes.filter((w) => w.field === 'problems' && w.value !== '')).toEqual([]);
  });

  it.each(['Won', 'Lost', 'Qualified', 'Disqualified'])('does not count a %s lead: a returning customer is a new lead', (status) => {
    const closed = { ...first, status, owner: 'ben@acme.test', firstContact: EARLIER };
    const p = plan([closed, lead('Jo 2', { leadId: 'L-BBBBBB', email: 'jo@example.com' })]);
    expect(valueOf(p, 3, 'status')).toBe('Ready');
  });

  it('does not count an ineligible lead', () => {
    const p = plan([{ ...first, location: 'West' }, lead('Jo 2', { leadId: 'L-BBBBBB', email: 'jo@example.com' })]);
    expect(valueOf(p, 2, 'status')).toBe('Ineligible');
    expect(valueOf(p, 3, 'status')).toBe('Ready');
  });

  it('lets a Duplicate go back to Ready when its original is gone', () => {
    const { rows, state } = handled([first, lead('Jo 2', { leadId: 'L-BBBBBB', email: 'jo@example.com' })]);
    expect(rows[1].status).toBe('Duplicate');
    const p = plan([rows[1]], { state });
    expect(valueOf(p, 2, 'status')).toBe('Ready');
    expect(valueOf(p, 2, 'problems')).toBe('');
  });
});

describe('system columns', () => {
  it.each(['assignedAt', 'slaDue', 'sla', 'firstContact'])('reverts a person\'s edit of %s and logs it', (field) => {
    const { rows, state } = handled([lead('Ann', { leadId: 'L-AAAAAA' })]);
    rows[0][field] = 'tomorrow';
    const p = plan(rows, { state });
    expect(p.writes.filter((w) => w.field === field)).toEqual([expect.objectContaining({ before: 'tomorrow', value: '' })]);
    expect(p.log).toEqual([expect.objectContaining({ leadId: 'L-AAAAAA', event: 'reverted', from: 'tomorrow', to: '', actor: ACTOR })]);
  });

  it('puts back the value Baton wrote, not just a blank', () => {
    const { rows, state } = handled([lead('Ann', { leadId: 'L-AAAAAA', status: 'Assigned', owner: 'ben@acme.test', assignedAt: EARLIER })]);
    rows[0].assignedAt = new Date(NOW);
    const p = plan(rows, { state });
    expect(valueOf(p, 2, 'assignedAt')).toEqual(EARLIER);
  });

  it('rewrites Problems a person edited, and logs the edit', () => {
    const { rows, state } = handled([lead('Ann', { leadId: 'L-AAAAAA', consent: '' })]);
    rows[0].problems = 'all good';
    const p = plan(rows, { state });
    expect(valueOf(p, 2, 'problems')).toBe('Consent is not recorded.');
    expect(p.log).toEqual([expect.objectContaining({ leadId: 'L-AAAAAA', event: 'reverted', from: 'all good', to: 'Consent is not recorded.', actor: ACTOR })]);
  });

  it('says a status typed by hand is not a Baton status, briefly, and keeps saying it on the next run', () => {
    const { rows, state } = handled([lead('Ann', { leadId: 'L-AAAAAA', status: 'Assigned', owner: ACTOR })]);
    rows[0].status = 'Maybe later ' + 'x'.repeat(50_000);
    const p = plan(rows, { state });
    const problems = String(valueOf(p, 2, 'problems'));
    expect(problems).toMatch(/^Status "Maybe later x+…" is not a Baton status\.$/);
    const done = after(rows, p);
    const again = plan(done, { state: stateOf(done), now: NOW + 60_000 });
    expect(again.writes).toEqual([]);
    expect(again.log).toEqual([]);
  });

  it("logs a manager's owner typed by hand as an override", () => {
    const { rows, state } = handled([lead('Ann', { leadId: 'L-AAAAAA', status: 'Assigned', owner: 'ben@acme.test' })]);
    rows[0].owner = 'cy@acme.test';
    const p = plan(rows, { state, actor: 'maria@acme.test' });
    expect(p.log).toEqual([expect.objectContaining({ event: 'override', from: 'ben@acme.test', to: 'cy@acme.test', actor: 'maria@acme.test' })]);
    expect(p.writes).toEqual([]);
  });
});

describe('First Contact', () => {
  it('is stamped with now when a lead moves to Contacted, and logged once', () => {
    const { rows, state } = handled([lead('Ann', { leadId: 'L-AAAAAA', status: 'Assigned', owner: ACTOR })]);
    rows[0].status = 'Contacted';
    const p = plan(rows, { state });
    expect(valueOf(p, 2, 'firstContact')).toEqual(new Date(NOW));
    expect(p.log).toEqual([expect.objectContaining({ leadId: 'L-AAAAAA', event: 'contacted', from: 'Assigned', to: 'Contacted', actor: ACTOR })]);
  });

  it('is not stamped again', () => {
    const { rows, state } = handled([lead('Ann', { leadId: 'L-AAAAAA', status: 'Contacted', firstContact: EARLIER })]);
    const p = plan(rows, { state, now: NOW + 3_600_000 });
    expect(p.writes).toEqual([]);
  });

  it('is stamped now when the person typed it in the same paste that moved the lead to Contacted', () => {
    const { rows, state } = handled([lead('Ann', { leadId: 'L-AAAAAA', status: 'Assigned', owner: ACTOR })]);
    rows[0].status = 'Contacted';
    rows[0].firstContact = 'yesterday';
    const p = plan(rows, { state });
    const done = after(rows, p);
    expect(done[0].firstContact).toEqual(new Date(NOW));
  });
});

describe('idempotence', () => {
  const table = [
    lead('Ann', { created: '' }),
    lead('Bob', { consent: '' }),
    lead('Cat', { location: 'West' }),
    lead('Dan', { email: ' ANN@example.com ' }),
    lead('Eve', { dealSize: 10 }),
    lead('Fay', { leadId: 'L-FFFFFF', status: 'Assigned', owner: 'ben@acme.test', assignedAt: EARLIER }),
    lead('Gus', { leadId: 'L-GGGGGG', status: 'Contacted', owner: 'cy@acme.test' }),
    lead('Hal', { leadId: 'L-GGGGGG' }),
    {},
    lead('Ivy', { status: 'Maybe later' }),
  ];

  it('plans nothing when run again over its own result', () => {
    const first = plan(table);
    expect(first.writes.length).toBeGreaterThan(0);
    const done = after(table, first);
    const again = plan(done, { state: stateOf(done), now: NOW + 60_000, nextHex: hexes(99) });
    expect(again.writes).toEqual([]);
    expect(again.log).toEqual([]);
  });

  it('plans nothing when run again over a lead whose Lead ID cell holds a date', () => {
    const rows = [lead('Ann', { leadId: new Date(Date.UTC(2026, 0, 5)) })];
    const first = plan(rows);
    const done = after(rows, first);
    const again = plan(done, { state: stateOf(done), now: NOW + 60_000 });
    expect(again.log).toEqual([]);
    expect(again.writes).toEqual([]);
  });

  it('plans nothing when run again with a state recorded before', () => {
    const { rows, state } = handled(table);
    const p = plan(rows, { state, now: NOW + 60_000 });
    expect(p.writes).toEqual([]);
    expect(p.log).toEqual([]);
  });
});

describe('the ownership guard when one run finds a Status and an Owner changed', () => {
  // Ann is owned by Cy; the run finds Lost typed by Cy and Owner bob typed by Ben (not the owner).
  const owned = [lead('Ann', { leadId: 'L-AAAAAA', status: 'Assigned', owner: 'cy@acme.test', assignedAt: EARLIER })];
  const state = stateOf(owned);
  const changed = [{ ...owned[0], status: 'Lost', owner: 'bob@acme.test' }];
  const typed = (statusBy: string) =>
    new Map([
      ['2:status', { actor: statusBy, bulk: false }],
      ['2:owner', { actor: 'ben@acme.test', bulk: false }],
    ]);

  it('judges the Owner against the Status it keeps: closed by its owner, anyone may change the Owner', () => {
    const p = plan(changed, { state, typedBy: typed('cy@acme.test'), actor: '' });
    expect(p.writes.filter((w) => w.field === 'owner' || w.field === 'status')).toEqual([]);
    expect(p.log.map((l) => [l.event, l.to, l.actor])).toEqual(expect.arrayContaining([['status changed', 'Lost', 'cy@acme.test'], ['override', 'bob@acme.test', 'ben@acme.test']]));
  });

  it('and against the recorded one when the Status change is put back (typed by someone else)', () => {
    const p = plan(changed, { state, typedBy: typed('ben@acme.test'), actor: '' });
    expect(p.writes.filter((w) => w.field === 'owner' || w.field === 'status').map((w) => [w.field, w.value])).toEqual([
      ['status', 'Assigned'],
      ['owner', 'cy@acme.test'],
    ]);
  });
});
