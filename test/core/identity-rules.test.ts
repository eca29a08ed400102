/**
 * The rules behind "one person, one live lead, one owner", one at a time: which addresses are one
 * mailbox, who may change Owner and Status, and what Baton State remembers of a lead.
 */
import { emailKey } from '../../src/core/lead-checks';
import { MAILBOX_RULES, mailboxKey } from '../../src/core/mailbox';
import { guardChange, type GuardInput } from '../../src/core/ownership-guard';
import { memoryOf, readState, stateFromLeads, stateRows } from '../../src/core/lead-state';
import type { CellValue } from '../../src/core/conditions';
import { locateColumns } from '../../src/core/lead-columns';
import { parseConfig } from '../../src/core/config';
import { LEAD_HEADERS } from '../../src/core/headers';

describe('mailbox equivalence', () => {
  it.each([
    ['gee.lee@gmail.com', 'geelee@gmail.com'],
    ['GeeLee+spring@googlemail.com', 'geelee@gmail.com'],
    [' Gee.Lee@Gmail.com ', 'geelee@gmail.com'],
    ['g.e.e.l.e.e+a+b@GMAIL.com', 'geelee@gmail.com'],
    ['dana+news@outlook.com', 'dana@outlook.com'],
    ['Dana.Ortiz+x@icloud.com', 'dana.ortiz@icloud.com'],
    ['Dana.Ortiz@Acme.com', 'dana.ortiz@acme.com'],
    ['dana+x@acme.com', 'dana+x@acme.com'],
    ['d.ana@yahoo.com', 'd.ana@yahoo.com'],
  ])('%j is compared as %j', (typed, key) => {
    expect(emailKey(typed)).toBe(key);
  });

  it('drops dots only where the provider ignores them', () => {
    const dotless = Object.entries(MAILBOX_RULES).filter(([, r]) => r.dots).map(([d]) => d);
    expect(dotless.sort()).toEqual(['gmail.com', 'googlemail.com']);
    expect(mailboxKey('a.b@outlook.com')).toBe('a.b@outlook.com');
  });

  it('gives no key to an invalid address', () => {
    expect(emailKey('gee.lee@')).toBeNull();
    expect(emailKey('+tag@gmail')).toBeNull();
  });
});

describe('the ownership guard', () => {
  const base: GuardInput = {
    field: 'status',
    value: 'Contacted',
    recorded: 'Assigned',
    earlier: ['', 'Ready'],
    status: 'Assigned',
    owner: 'ana@acme.test',
    managers: ['maria@acme.test'],
    othersMayEdit: false,
    edit: { actor: 'cy@acme.test', bulk: false },
  };

  it('undoes a non-owner’s change of a live lead, and says who and why', () => {
    const d = guardChange(base);
    expect(d).toEqual({
      keep: false,
      actor: 'cy@acme.test',
      reason: 'Only its owner (ana@acme.test) or a manager may change Status of this lead; the change by cy@acme.test was undone.',
      toast: 'Status was put back: only its owner (ana@acme.test) or a manager may change it.',
    });
  });

  it.each([
    ['its owner, in any case', { edit: { actor: 'ANA@acme.test', bulk: false } }],
    ['a manager', { edit: { actor: 'maria@acme.test', bulk: true }, value: 'Ready' }],
    ['anyone, when the config allows it', { othersMayEdit: true }],
    ['anyone, on a closed lead', { status: 'Won' as const, recorded: 'Won', value: 'Lost' }],
    ['anyone, on a Duplicate', { status: 'Duplicate' as const, recorded: 'Duplicate', value: 'New' }],
    ['an editor Google does not name', { edit: { actor: '', bulk: false } }],
  ])('keeps a change by %s', (_, extra) => {
    expect(guardChange({ ...base, ...extra } as GuardInput).keep).toBe(true);
  });

  it('undoes a paste of an older value, even by the owner', () => {
    const d = guardChange({ ...base, value: 'Ready', edit: { actor: 'ana@acme.test', bulk: true } });
    expect(d.keep).toBe(false);
    expect(!d.keep && d.reason).toBe('Status "Ready" is an older value than "Assigned" (a paste from an old copy?); Baton put "Assigned" back.');
  });

  it('undoes an older value found with no edit to go by (an API write), naming an unknown editor', () => {
    const d = guardChange({ ...base, field: 'owner', value: 'cy@acme.test', recorded: 'ana@acme.test', earlier: ['', 'cy@acme.test'], edit: { actor: '', bulk: true } });
    expect(d).toMatchObject({ keep: false, actor: 'an unknown editor' });
  });

  it('keeps the owner typing an older status back by hand, one cell (a correction)', () => {
    expect(guardChange({ ...base, value: 'Ready', edit: { actor: 'ana@acme.test', bulk: false } }).keep).toBe(true);
  });
});

describe('what Baton State remembers', () => {
  const config = (() => {
    const r = parseConfig({ version: 1, managers: ['maria@acme.test'] }, 'America/New_York');
    if (!r.ok) throw new Error(r.problems.join(' '));
    return r.config;
  })();
  const H = [...LEAD_HEADERS];
  const columns = locateColumns(H, config);
  const row = (fields: Record<string, CellValue>): CellValue[] => H.map((h) => fields[h] ?? '');

  it('keeps earlier owners and statuses, the close time and who the lead is; bounded', () => {
    const seen = new Map([['L-AAAAAA', { leadId: 'L-AAAAAA', owner: '', status: 'Ready', name: 'Dana', emailKey: 'dana@x.test', phoneKey: null, readyAt: 1, needsInfoSince: null }]]);
    const first = stateFromLeads([H, row({ 'Lead ID': 'L-AAAAAA', Status: 'Assigned', Owner: 'ana@acme.test' })], columns, null, seen, 1);
    expect(memoryOf(first[0])).toEqual({ owners: [''], statuses: ['Ready'], closedAt: null, readyAt: 1, needsInfoSince: null, name: 'Dana', emailKey: 'dana@x.test', phoneKey: null });
    const previous = readState(stateRows(first));
    const closed = stateFromLeads([H, row({ 'Lead ID': 'L-AAAAAA', Status: 'Won', Owner: 'cy@acme.test' })], columns, previous, new Map(), 5);
    expect(memoryOf(closed[0])).toMatchObject({ owners: ['', 'ana@acme.test'], statuses: ['Ready', 'Assigned'], closedAt: 5, readyAt: 1, name: 'Dana' });
    let state = readState(stateRows(closed));
    for (let i = 0; i < 20; i++) state = readState(stateRows(stateFromLeads([H, row({ 'Lead ID': 'L-AAAAAA', Status: 'Won', Owner: `p${i}@acme.test` })], columns, state, new Map(), 9)));
    const memory = memoryOf(state.get('L-AAAAAA'));
    expect(memory.owners).toHaveLength(6);
    expect(memory.closedAt).toBe(5);
  });

  it('forgets a damaged record instead of failing', () => {
    expect(memoryOf({ history: '{not json' } as never)).toEqual({ owners: [], statuses: [], closedAt: null, readyAt: null, needsInfoSince: null, name: '', emailKey: null, phoneKey: null });
  });
});
