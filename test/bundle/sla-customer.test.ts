/**
 * Speed from the customer's side (issue 13), end to end through the built bundle: the owner hears
 * of a new lead at once, the clock runs from when the lead was ready for sales (in both
 * deployments), every way a lead closes ends with a final SLA value, an unknown status keeps the
 * clock running, and a First Contact typed by a rep is kept when it is plausible.
 */
import { ANA, at, byName, completeLead, edit, type Lead, logRows, paste, wholeRow } from '../support/leads';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { Steps } from '../support/steps';

/** North leads go to Ana or Cy; nobody away; Business customers are "Hot" (15 minutes), others 60. */
const CONFIG = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })), sla: { ...SPEC_EXAMPLE.sla, escalation: null } };
/** Only Ana takes North leads, so each lead's owner is known. */
const ANA_ONLY = { ...CONFIG, routing: { ...CONFIG.routing, rules: [{ name: 'North', when: { any: [{ field: 'location', op: 'in', value: ['North'] }] }, assignTo: [ANA], balance: 'round_robin' }] } };
const hot = (name: string, extra: Lead = {}) => completeLead(name, { 'Customer Type': 'Business', ...extra });
const mails = (s: Steps, to: string, headline: string) => s.sent.filter((m) => m.to === to && m.body.includes(headline));
const iso = (t: string) => new Date(t).toISOString();

describe('1. the owner hears of a new lead at once', () => {
  const s = new Steps(ANA_ONLY, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [hot('Ada', { Phone: '212-555-0101', Interest: 'Battery', Campaign: 'Spring' }), completeLead('Bo'), completeLead('Cal')]));
  const notices = mails(s, ANA, 'New lead for you');

  it('one e-mail for all three, sent by the run that assigned them (the edit trigger)', () => {
    expect(notices).toHaveLength(1);
    expect(Number(notices[0].at)).toBeLessThan(Date.parse(at('09:01')));
    expect(notices[0].subject).toBe('Baton: 3 leads need you');
  });

  it('names the lead, its contact details, interest, source and campaign, the time left and the row', () => {
    const body = notices[0].body;
    const ada = byName(s.result(), 'Ada');
    expect(body).toContain(`New lead for you: Ada, Acme (${String(ada['Lead ID'])})`);
    expect(body).toContain('ada@example.com · 212-555-0101');
    expect(body).toContain('Interest: Battery · Source: Web · Campaign: Spring');
    expect(body).toContain('reply by 2026-03-02 09:15 America/New_York, 15 business minutes left');
    expect(body).toContain('reply by 2026-03-02 10:00 America/New_York, 60 business minutes left');
    expect(body).toMatch(/#gid=\d+&range=A2/);
  });

  it('is sent once: later sweeps do not repeat it, breach e-mails still come', () => {
    s.to(at('10:30'));
    expect(mails(s, ANA, 'New lead for you')).toHaveLength(1);
    expect(mails(s, ANA, 'Response time breached').length).toBeGreaterThan(0);
  });

  it('reaches the new owner when a manager hands the lead to someone else', () => {
    s.to(at('10:31'), edit(at('10:31'), 'Owner', 3, 'cy@acme.test', 'maria@acme.test'));
    const toCy = mails(s, 'cy@acme.test', 'New lead for you');
    expect(toCy).toHaveLength(1);
    expect(toCy[0].body).toContain(`New lead for you: Bo, Acme (${String(byName(s.result(), 'Bo')['Lead ID'])})`);
  });

  it('is not sent to a member who turned assignment e-mails off', () => {
    const quiet = { ...ANA_ONLY, team: ANA_ONLY.team.map((m) => (m.email === ANA ? { ...m, assignmentEmails: false } : m)) };
    const q = new Steps(quiet, at('08:55'));
    q.to(at('09:00'), paste(at('09:00'), 2, [hot('Dee')]));
    q.to(at('09:30'));
    expect(byName(q.result(), 'Dee')['Owner']).toBe(ANA);
    expect(mails(q, ANA, 'New lead for you')).toEqual([]);
    expect(mails(q, ANA, 'Response time breached')).toHaveLength(1);
  });
});

describe('1c. an escalation that hands the lead on', () => {
  const ESCALATING = { ...CONFIG, sla: { ...CONFIG.sla, escalation: { afterMinutes: 15, action: 'reassign' } } };
  const s = new Steps(ESCALATING, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [hot('Ike')]));
  const first = String(byName(s.result(), 'Ike')['Owner']);
  s.to(at('09:45'));
  const ike = byName(s.result(), 'Ike');
  const next = String(ike['Owner']);

  it('sends the new owner the notice, with their new due time, beside the escalation', () => {
    expect(next).not.toBe(first);
    const notice = mails(s, next, 'New lead for you');
    expect(notice).toHaveLength(1);
    expect(notice[0].body).toContain('Escalated: Ike');
    expect(notice[0].body).toMatch(/reply by 2026-03-02 09:[34]\d America\/New_York, \d+ business minutes left/);
    expect(mails(s, first, 'New lead for you')).toHaveLength(1);
  });
});

describe('1b. in an add-on, the owner hears of a pasted lead from the edit that assigned it, not the hourly sweep', () => {
  const s = new Steps(ANA_ONLY, at('08:55'), 'addon');
  s.to(at('09:00'), paste(at('09:00'), 2, [hot('Abe')]));
  const notices = mails(s, ANA, 'New lead for you');

  it('one notice, sent within a minute of the paste', () => {
    expect(byName(s.result(), 'Abe')['Owner']).toBe(ANA);
    expect(notices).toHaveLength(1);
    expect(Number(notices[0].at)).toBeLessThan(Date.parse(at('09:01')));
    expect(notices[0].body).toContain('reply by 2026-03-02 09:15 America/New_York, 15 business minutes left');
  });
});

describe('2. the clock starts when the lead was ready for sales', () => {
  it('add-on: a lead that arrived at 09:01 and was assigned by the hourly sweep is due at 09:16 and Breached at once; its notice says so', () => {
    const s = new Steps(ANA_ONLY, at('08:55'), 'addon');
    s.to(at('09:01'), { at: at('09:01'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(hot('Eve', { Created: '2026-03-02 09:01:00' }))] });
    s.to(at('10:10'));
    const eve = byName(s.result(), 'Eve');
    expect(Date.parse(String(eve['Assigned At']))).toBeGreaterThan(Date.parse(at('09:16')));
    expect(eve['SLA Due']).toBe(iso(at('09:16')));
    expect(eve['SLA']).toBe('Breached');
    const notice = mails(s, ANA, 'New lead for you');
    expect(notice).toHaveLength(1);
    expect(notice[0].body).toContain('already past due (due 2026-03-02 09:16 America/New_York): reply now');
  });

  it('bound: a lead that waited in Needs info is measured from when it became complete', () => {
    const s = new Steps(ANA_ONLY, at('08:55'));
    s.to(at('09:00'), paste(at('09:00'), 2, [hot('Fay', { Consent: '' })]));
    s.to(at('09:20'), edit(at('09:20'), 'Consent', 2, 'Yes'));
    s.to(at('09:25'));
    const fay = byName(s.result(), 'Fay');
    expect(fay['Status']).toBe('Assigned');
    expect(Date.parse(String(fay['SLA Due'])) - Date.parse(at('09:20'))).toBeLessThan(16 * 60_000);
    expect(Date.parse(String(fay['SLA Due'])) - Date.parse(at('09:20'))).toBeGreaterThanOrEqual(15 * 60_000);
  });

  it('with sla.clockStarts "assigned", the clock starts at the assignment instead', () => {
    const s = new Steps({ ...ANA_ONLY, sla: { ...ANA_ONLY.sla, clockStarts: 'assigned' } }, at('08:55'), 'addon');
    s.to(at('09:01'), { at: at('09:01'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(hot('Gil', { Created: '2026-03-02 09:01:00' }))] });
    s.to(at('10:10'));
    const gil = byName(s.result(), 'Gil');
    expect(Date.parse(String(gil['SLA Due'])) - Date.parse(String(gil['Assigned At']))).toBe(15 * 60_000);
    expect(gil['SLA']).not.toBe('Breached');
  });
});

describe.each(['bound', 'addon'] as const)('3. every way a lead closes has a final SLA value (%s)', (deployment) => {
  // Standard (60 min) leads assigned at 09:00, due 10:00.
  const s = new Steps(ANA_ONLY, at('08:55'), deployment);
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Hal'), completeLead('Ida'), completeLead('Jon'), completeLead('Kim')]));
  s.to(at('09:20'), edit(at('09:20'), 'Status', 2, 'Won', ANA));
  s.to(at('09:21'), edit(at('09:21'), 'Status', 3, 'Qualified', ANA));
  s.to(at('09:22'), edit(at('09:22'), 'Status', 4, 'Lost', ANA));
  s.to(at('10:30'), edit(at('10:30'), 'Status', 5, 'Disqualified', ANA));
  s.to(at('11:30'));
  const r = s.result();

  it('Won or Qualified without a contact: contacted at that moment, Met when before due', () => {
    for (const name of ['Hal', 'Ida']) {
      const row = byName(r, name);
      expect(row['SLA']).toBe('Met');
      expect(Date.parse(String(row['First Contact'])) - Date.parse(at('09:20'))).toBeLessThan(2 * 60_000);
    }
  });

  it('Lost before due: excluded, and the sheet says so; Disqualified after due without a contact: Missed', () => {
    expect(byName(r, 'Jon')['SLA']).toBe('Closed before due');
    expect(byName(r, 'Jon')['First Contact']).toBe('');
    expect(byName(r, 'Kim')['SLA']).toBe('Missed');
  });

  it('never On track or Due soon on a closed lead, and each final value is logged once', () => {
    for (const name of ['Hal', 'Ida', 'Jon', 'Kim']) expect(['On track', 'Due soon', 'Breached']).not.toContain(byName(r, name)['SLA']);
    const jon = byName(r, 'Jon')['Lead ID'];
    expect(logRows(r).filter((l) => l['Lead ID'] === jon && l['To'] === 'Closed before due')).toHaveLength(1);
  });
});

describe.each(['bound', 'addon'] as const)('4. an unknown status (%s)', (deployment) => {
  const s = new Steps(ANA_ONLY, at('08:55'), deployment);
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Lee')]));
  s.to(at('09:10'), edit(at('09:10'), 'Status', 2, 'Done', ANA));
  s.to(at('09:20'));
  const early = byName(s.result(), 'Lee');
  s.to(at('11:10'));
  const lee = byName(s.result(), 'Lee');

  it('is listed in Problems and never shows On track; the clock keeps running: Breached after due', () => {
    expect(lee['Status']).toBe('Done');
    expect(String(lee['Problems'])).toContain('Status "Done" is not a Baton status.');
    expect(early['SLA']).toBe('');
    expect(lee['SLA']).toBe('Breached');
    expect(mails(s, ANA, 'Response time breached')).toHaveLength(1);
  });
});

describe('5. a First Contact typed by hand', () => {
  const s = new Steps(ANA_ONLY, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('May'), completeLead('Ned')]));
  // Ana called May at 09:40 and logs it at 10:30, with the time of the call.
  s.to(at('10:30'), { at: at('10:30'), type: 'edit', user: ANA, sheet: 'Leads', range: 'N2:R2', values: [['Contacted', ANA, new Date(at('09:00')), new Date(at('10:00')), new Date(at('09:40'))]] });
  s.to(at('10:31'), edit(at('10:31'), 'First Contact', 3, '2026-03-02 23:00', ANA));
  s.to(at('10:40'));
  const r = s.result();

  it('is kept when it is a time not in the future and not before the lead arrived, and the SLA is judged by it', () => {
    const may = byName(r, 'May');
    expect(may['First Contact']).toBe(iso(at('09:40')));
    expect(may['SLA']).toBe('Met');
  });

  it('is put back when it is in the future, with the reason logged and shown to the editor', () => {
    const ned = byName(r, 'Ned');
    expect(ned['First Contact']).toBe('');
    const entry = logRows(r).find((l) => l['Lead ID'] === ned['Lead ID'] && l['Event'] === 'reverted');
    expect(String(entry?.['Reason'])).toMatch(/^First Contact "2026-03-03 04:00 UTC" is in the future; the edit was undone\.$/);
    expect(r.toasts.map((t) => t.message)).toContainEqual(expect.stringContaining('is in the future'));
    expect(ned['SLA']).toBe('Breached');
  });

  it('is logged as typed by hand, with who typed it', () => {
    const may = byName(r, 'May');
    expect(logRows(r)).toContainEqual(expect.objectContaining({ 'Lead ID': may['Lead ID'], Event: 'contacted', Actor: ANA, Reason: 'First Contact typed by hand; kept.' }));
  });
});

describe('leads left in Needs info', () => {
  const tue = (hhmm: string) => `2026-03-03T${hhmm}:00-05:00`;
  const wed = (hhmm: string) => `2026-03-04T${hhmm}:00-05:00`;
  // Pasted before opening time: one full business day (09:00–17:00) has passed by Tuesday 08:00.
  const s = new Steps(ANA_ONLY, at('08:00'));
  s.to(at('08:30'), paste(at('08:30'), 2, [hot('Oli', { Consent: '' }), hot('Pia', { Consent: '' }), hot('Quy', { Consent: '' })]));
  // Pia is completed the same day; Rex arrives at 16:30 Monday: 30 business minutes by Tuesday 08:30.
  s.to(at('11:00'), edit(at('11:00'), 'Consent', 3, 'Yes'));
  s.to(at('16:30'), paste(at('16:30'), 5, [hot('Rex', { Consent: '' })]));
  s.to(tue('07:50'));
  const beforeHour = s.sent.filter((m) => m.body.includes('Still needs info')).length;
  s.to(tue('08:30'));
  const tuesday = s.sent.filter((m) => m.body.includes('Still needs info'));
  s.to(wed('08:30'));
  const byWednesday = s.sent.filter((m) => m.body.includes('Still needs info'));

  it('are listed once a day, from the report hour, in one e-mail to the managers, with what is missing', () => {
    expect(beforeHour).toBe(0);
    expect(tuesday).toHaveLength(1);
    expect(tuesday[0].to).toBe('maria@acme.test');
    expect(tuesday[0].body).toContain('Oli, Acme has waited in Needs info for 1 business day: Consent is not recorded.');
    expect(tuesday[0].body).toContain('Quy, Acme has waited in Needs info');
    expect(tuesday[0].body).not.toContain('Pia');
    expect(tuesday[0].body).not.toContain('Rex');
  });

  it('each wait is listed once: the next day lists only what newly passed the limit', () => {
    expect(byWednesday).toHaveLength(2);
    expect(byWednesday[1].body).toContain('Rex, Acme has waited in Needs info');
    expect(byWednesday[1].body).not.toContain('Oli');
  });
});
