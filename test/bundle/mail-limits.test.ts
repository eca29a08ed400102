/**
 * No lead silences another (issue 14, finding 6): every message is built within MailApp's limits
 * (a subject over 250 characters or a body over 200 KB is refused), and a message MailApp refuses
 * anyway is recorded as failed, names its lead, and never stops the others. Breach mail goes only
 * to team members (finding 8).
 */
import { FAILURE_HEADERS } from '../../src/core/headers';
import { storedOutbox } from '../support/outbox';
import { at, byName, completeLead, paste } from '../support/leads';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { Steps } from '../support/steps';

const ANA = 'ana@acme.test';
const CY = 'cy@acme.test';
/** Ana takes the North, Cy the South; nobody away; no notices, so the breach digests are the only mail. */
const rule = (name: string, area: string, to: string) => ({ name, when: { all: [{ field: 'location', op: '=', value: area }] }, assignTo: [to], balance: 'round_robin' });
const CONFIG = {
  ...SPEC_EXAMPLE,
  team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [], assignmentEmails: false })),
  routing: { rules: [rule('North', 'North', ANA), rule('South', 'South', CY)], fallback: ['maria@acme.test'] },
  sla: { ...SPEC_EXAMPLE.sla, escalation: null },
};
const LONG = 'Dana ' + 'Ortiz-'.repeat(45);

const tab = (s: Steps, name: string, headers: readonly string[]) =>
  (s.result().sheets[name] ?? []).slice(1).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])));

describe('a lead whose name is longer than a subject may be', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann', { Name: LONG, Email: 'dana@example.com' }), completeLead('Sol', { Location: 'South' })]));
  s.to(at('10:30'));
  const breaches = s.sent.filter((m) => m.subject.includes('Response time breached'));

  it('does not stop any alert: both owners get their breach e-mail', () => {
    expect(breaches.map((m) => m.to).sort()).toEqual([ANA, CY]);
  });

  it('has a subject within 250 characters, cut with "…", and the name shortened in the body', () => {
    const ana = breaches.find((m) => m.to === ANA)!;
    expect(ana.subject.length).toBeLessThanOrEqual(250);
    expect(ana.subject.endsWith('…')).toBe(true);
    expect(ana.body).toContain('Dana Ortiz-Ortiz-');
    expect(ana.body).not.toContain(LONG);
    expect(byName(s.result(), LONG)['SLA']).toBe('Breached');
  });
});

describe('a message MailApp refuses', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann'), completeLead('Sol', { Location: 'South' })]));
  // The first breach digest of the day is refused as too large; the second goes.
  s.to(at('09:55'), { at: at('09:55'), type: 'fault', method: 'MailApp.sendEmail', error: 'Limit Exceeded: Email Body Size.', times: 1 });
  s.to(at('12:00'));
  const outbox = storedOutbox(s.run).rows;
  const failures = tab(s, 'Baton Failures', FAILURE_HEADERS);

  it('is recorded as failed in the outbox and never sent again; the other owner still gets theirs', () => {
    const failed = outbox.filter((r) => r.state === 'failed');
    expect(failed).toHaveLength(1);
    const refusedTo = failed[0].alert.to;
    const other = refusedTo === ANA ? CY : ANA;
    expect(s.sent.filter((m) => m.to === other && m.subject.includes('Response time breached'))).toHaveLength(1);
    expect(s.sent.filter((m) => m.to === refusedTo && m.subject.includes('Response time breached'))).toHaveLength(0);
  });

  it('opens a failure that names the lead and the reason, and the managers are told', () => {
    const refused = failures.filter((f) => f['Kind'] === 'mail refused');
    expect(refused).toHaveLength(1);
    const lead = String(refused[0]['Lead ID']);
    expect([byName(s.result(), 'Ann')['Lead ID'], byName(s.result(), 'Sol')['Lead ID']]).toContain(lead);
    expect(refused[0]['State']).toBe('open');
    expect(String(refused[0]['Message'])).toMatch(/^MailApp refused the e-mail to .* about (Ann|Sol), Acme \(L-\w{6}\): .*\. It is not sent again; the other e-mails went out\. Dismiss this in Extensions › Baton › Settings, Health section/);
    expect(s.sent.filter((m) => m.to === 'maria@acme.test' && m.body.includes('MailApp refused'))).toHaveLength(1);
  });
});

describe('an owner who is not on the team (finding 8)', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Zed')]));
  // A manager types an outside address as the owner; the lead then breaches.
  s.to(at('09:05'), { at: at('09:05'), type: 'edit', user: 'maria@acme.test', sheet: 'Leads', range: 'O2', values: [['zed@outside.test']] });
  s.to(at('11:00'));
  const failures = tab(s, 'Baton Failures', FAILURE_HEADERS);

  it('never gets a breach e-mail: recipients come from the config, not from the Owner cell', () => {
    expect(byName(s.result(), 'Zed')['Owner']).toBe('zed@outside.test');
    expect(byName(s.result(), 'Zed')['SLA']).toBe('Breached');
    expect(s.sent.filter((m) => m.to === 'zed@outside.test')).toEqual([]);
  });

  it('is a failure the managers hear of, naming the lead', () => {
    const f = failures.filter((x) => x['Kind'] === 'owner not on team' && x['State'] === 'open');
    expect(f.map((x) => x['Lead ID'])).toEqual([byName(s.result(), 'Zed')['Lead ID']]);
    expect(s.sent.filter((m) => m.to === 'maria@acme.test' && m.body.includes('is not on the team'))).toHaveLength(1);
  });
});
