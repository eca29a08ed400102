/**
 * Every digest fits MailApp's limits whatever the leads hold (PLATFORM.md quotas: a subject over 250
 * characters or a body over 200 KB is refused): values shortened, the subject cut with "…", and a
 * digest too long for one e-mail lists what fits and counts the rest.
 */
import { BODY_MAX_BYTES, composeDigest, SUBJECT_MAX } from '../../src/core/outbox';
import type { Alert } from '../../src/core/sla-plan';

const breach = (i: number, name: string): Alert => ({
  key: `L-${i}|breached`, to: 'ana@acme.test', kind: 'breached', leadId: `L-${String(i).padStart(6, '2')}`, row: i + 2,
  name, company: 'Acme', email: `lead${i}@example.com`, phone: '', owner: 'ana@acme.test', due: 0, minutesLate: 5,
});
const compose = (alerts: Alert[]) => composeDigest('ana@acme.test', alerts, () => '2026-03-02 10:00', (row) => `#range=A${row}`);
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('a digest within MailApp limits', () => {
  it('cuts a subject that would pass 250 characters, and shortens a 50,000-character name in the body', () => {
    const mail = compose([breach(1, 'Ω'.repeat(50_000))]);
    expect(mail.subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(mail.subject.endsWith('…')).toBe(true);
    expect(bytes(mail.body)).toBeLessThan(2_000);
    expect(mail.body).toContain('Ω'.repeat(150));
  });

  it('lists what fits of 5,000 breaches, says how many more, and stays under 200 KB', () => {
    const mail = compose(Array.from({ length: 5_000 }, (_, i) => breach(i, `Lead <b>${i}</b> ${'x'.repeat(150)}`)));
    expect(bytes(mail.body)).toBeLessThan(BODY_MAX_BYTES);
    expect(bytes(mail.htmlBody)).toBeLessThan(BODY_MAX_BYTES);
    const more = /…and (\d+) more: each is on its row in the sheet\./.exec(mail.body);
    expect(more).not.toBeNull();
    const listed = (mail.body.match(/Response time breached: /g) ?? []).length;
    expect(listed + Number(more![1])).toBe(5_000);
    expect(mail.htmlBody).not.toContain('<b>');
    expect(mail.subject).toBe('Baton: 5000 leads need you (5000 breached)');
  });

  it('counts the size in UTF-8 bytes: 5,000 breaches of three-byte names stay under 200 KB too', () => {
    const mail = compose(Array.from({ length: 5_000 }, (_, i) => breach(i, '漢'.repeat(200))));
    expect(bytes(mail.body)).toBeLessThan(BODY_MAX_BYTES);
    expect(bytes(mail.htmlBody)).toBeLessThan(BODY_MAX_BYTES);
  });

  it('lists every alert when they fit', () => {
    const mail = compose([breach(1, 'Ann'), breach(2, 'Bo')]);
    expect(mail.body).not.toContain('more:');
    expect((mail.body.match(/Response time breached: /g) ?? []).length).toBe(2);
  });
});
