/**
 * One person, one live lead, as a property of the built bundle: random sequences of people's
 * actions (new inquiries typed, pasted, submitted by form or appended by API, rows copied, leads
 * closed, rows deleted) on a small pool of people written many ways. After every action and the
 * sweep that follows it: no two live leads share a mailbox or a phone number, and every row Baton
 * marked Duplicate names a lead that exists. The mailbox and phone rules here are written from
 * docs/INTAKE.md, not taken from src/.
 */
import fc from 'fast-check';
import { ANA, completeLead, type Lead, leadRows, letter, paste, type Row, wholeRow } from '../support/leads';
import { OWNER } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { Steps } from '../support/steps';

/** Each person, written the ways people and forms write them. */
const PEOPLE: { emails: string[]; phones: string[] }[] = [
  { emails: ['ana.b@gmail.com', 'AnaB+spring@googlemail.com', ' ana.b@Gmail.com '], phones: ['212-555-0101', ''] },
  { emails: ['cole@acme-corp.test', 'COLE@Acme-Corp.test'], phones: ['(646) 555-0102', '646.555.0102'] },
  { emails: [''], phones: ['718-555-0103', '(718) 555 0103'] },
];

/** docs/INTAKE.md: Gmail ignores dots and +tags, googlemail.com is gmail.com; case and spaces never count. */
function mailbox(text: unknown): string | null {
  const t = String(text ?? '').trim().toLowerCase();
  const m = /^([^@\s]+)@([^@\s]+\.[a-z]{2,})$/.exec(t);
  if (!m) return null;
  let [, local, domain] = m;
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.split('+')[0].replace(/\./g, '');
  return `${local}@${domain}`;
}

/** US numbers as E.164, from their digits. */
function e164(text: unknown): string | null {
  const digits = String(text ?? '').replace(/\D/g, '');
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return null;
}

const LIVE = new Set(['New', 'Needs info', 'Ready', 'Assigned', 'Contacted']);

type Action =
  | { kind: 'arrive'; via: 'paste' | 'form' | 'api'; person: number; email: number; phone: number; complete: boolean }
  | { kind: 'copy'; pick: number }
  | { kind: 'close'; pick: number; status: 'Won' | 'Lost' | 'Disqualified' }
  | { kind: 'delete'; pick: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('arrive' as const), via: fc.constantFrom('paste' as const, 'form' as const, 'api' as const), person: fc.nat(2), email: fc.nat(2), phone: fc.nat(1), complete: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('copy' as const), pick: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), pick: fc.nat(50), status: fc.constantFrom('Won' as const, 'Lost' as const, 'Disqualified' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }) },
);

const minute = (n: number) => new Date(Date.parse('2026-03-02T09:00:00-05:00') + n * 60_000).toISOString().replace('Z', '+00:00');

function violations(rows: Row[]): string[] {
  const problems: string[] = [];
  const ids = new Set(rows.map((r) => String(r['Lead ID'])));
  const seen = new Map<string, string>();
  for (const r of rows) {
    if (LIVE.has(String(r['Status']))) {
      for (const key of [mailbox(r['Email']), e164(r['Phone'])]) {
        if (!key) continue;
        if (seen.has(key)) problems.push(`${String(r['Lead ID'])} and ${seen.get(key)} are both live for ${key}`);
        else seen.set(key, String(r['Lead ID']));
      }
    }
    if (r['Status'] === 'Duplicate') {
      const named = /Duplicate of (L-\w{6})/.exec(String(r['Problems']))?.[1];
      if (!named || !ids.has(named)) problems.push(`${String(r['Lead ID'])} is a Duplicate of ${named ?? 'nothing'}, which does not exist`);
    }
  }
  return problems;
}

function play(actions: Action[]): string[] {
  const s = new Steps(SPEC_EXAMPLE, '2026-03-02T08:55:00-05:00');
  const lastRow = () => leadRows(s.result()).length + 1;
  const found: string[] = [];
  actions.forEach((a, i) => {
    const t = minute(i * 6);
    const rows = leadRows(s.result());
    const pick = (n: number) => (rows.length ? n % rows.length : -1);
    if (a.kind === 'arrive') {
      const p = PEOPLE[a.person];
      const lead: Lead = completeLead(`P${a.person} ${i}`, { Email: p.emails[a.email % p.emails.length], Phone: p.phones[a.phone % p.phones.length], Consent: a.complete ? 'Yes' : '' });
      if (a.via === 'paste') s.to(t, paste(t, lastRow() + 1, [lead]));
      else s.to(t, { at: t, type: 'append', via: a.via, sheet: 'Leads', rows: [wholeRow(lead)] });
    } else if (a.kind === 'copy' && rows.length) {
      const from = pick(a.pick) + 2;
      s.to(t, { at: t, type: 'copy', user: ANA, sheet: 'Leads', from: `A${from}:${letter('Problems')}${from}`, to: `A${lastRow() + 1}` });
    } else if (a.kind === 'close' && rows.length) {
      const row = pick(a.pick) + 2;
      s.to(t, { at: t, type: 'edit', user: OWNER, sheet: 'Leads', range: `${letter('Status')}${row}`, values: [[a.status]] });
    } else if (a.kind === 'delete' && rows.length) {
      s.to(t, { at: t, type: 'deleteRows', user: OWNER, sheet: 'Leads', row: pick(a.pick) + 2, count: 1 });
    }
    // The sweep after the action (API rows and deletions fire no trigger).
    s.to(minute(i * 6 + 5));
    found.push(...violations(leadRows(s.result())).map((v) => `after action ${i + 1} (${a.kind}): ${v}`));
  });
  return found;
}

describe('one person, one live lead, over random sequences of intake, copies, closes and deletes', () => {
  it('holds after every action', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 3, maxLength: 9 }), (actions) => {
        expect(play(actions)).toEqual([]);
      }),
      { numRuns: 25, seed: 20261202 },
    );
  });

  it('catches a violation when one is planted (the check can fail)', () => {
    const rows: Row[] = [
      { 'Lead ID': 'L-AAAAAA', Status: 'Assigned', Email: 'ana.b@gmail.com', Phone: '', Problems: '' },
      { 'Lead ID': 'L-BBBBBB', Status: 'Ready', Email: 'AnaB+x@googlemail.com', Phone: '', Problems: '' },
      { 'Lead ID': 'L-CCCCCC', Status: 'Duplicate', Email: '', Phone: '', Problems: 'Duplicate of L-DDDDDD.' },
    ];
    expect(violations(rows)).toEqual(['L-BBBBBB and L-AAAAAA are both live for anab@gmail.com', 'L-CCCCCC is a Duplicate of L-DDDDDD, which does not exist']);
  });
});
