/**
 * The SLA, end to end: the built bundle in the emulator (SPEC.md, `sla`, `alerts`, "Behaviour that
 * must hold": Alerts). SLA Due is written at assignment from the first matching target, on the
 * business calendar; the SLA column moves On track → Due soon → Breached across sweeps and ends Met
 * or Missed at first contact; a breach is e-mailed once to its owner, one digest per recipient per
 * run, HTML-escaped, within the daily mail quota (the rest waits in the Baton Outbox); a long breach
 * escalates once; the simple onEdit never sends.
 *
 * Business hours are SPEC.md's example (Mon–Fri 09:00–17:00, New York); the scenario day,
 * Mon 2026-03-02, is UTC-5. Sweeps run every 5 minutes from setup (about hh:m3:12 and hh:m8:12).
 */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { mailState } from '../../emulator/services/mail';
import { triggerState } from '../../emulator/services/script-app';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { FAILURE_HEADERS, LEAD_HEADERS } from '../../src/core/headers';
import { storedOutbox } from '../support/outbox';
import { ANA, at, byName, completeLead, edit, type Lead, logRows, paste, type Row } from '../support/leads';
import { Steps } from '../support/steps';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const BEN = 'ben@acme.test';
const CY = 'cy@acme.test';
const MARIA = 'maria@acme.test';
const DEE = 'dee@acme.test';
const H = [...LEAD_HEADERS];
const MINUTE = 60_000;

/**
 * SPEC.md's example config with Ana available: her away week moved to the middle of March. These
 * tests count breach and escalation e-mails, so nobody takes "New lead for you" notices here
 * (they are tested in sla-customer.test.ts).
 */
const CONFIG = {
  ...SPEC_EXAMPLE,
  team: SPEC_EXAMPLE.team.map((m) => ({ ...(m.email === ANA ? { ...m, away: [{ from: '2026-03-16', to: '2026-03-20' }] } : m), assignmentEmails: false })),
};
/** The same without escalation, for tests about the breach alone. */
const NO_ESCALATION = { ...CONFIG, sla: { ...CONFIG.sla, escalation: null } };

/** Wall-clock time in New York (UTC-5 until 2026-03-08) on any day. */
const on = (date: string, hhmm: string, ss = '00') => `2026-${date}T${hhmm}:${ss}-05:00`;
const FRIDAY = '02-27';
const MONDAY = '03-02';
const TUESDAY = '03-03';
const ms = (v: unknown) => Date.parse(String(v));

/** A complete North lead (home customer: Standard, 60 min; `hot` makes it a business: Hot, 15 min). */
const lead = (name: string, extra: Lead = {}): Lead => completeLead(name, { Email: `${name.toLowerCase().replace(/[^a-z]/g, '')}@example.com`, ...extra });
const hot = (name: string, extra: Lead = {}): Lead => lead(name, { 'Customer Type': 'Business', ...extra });


function simulateRun(config: unknown, events: unknown[], until: string, start = at('08:55')): { run: ScenarioRun; r: ScenarioResult } {
  const run = new ScenarioRun(parseScenario(scenario({ start, config, sheets: { Leads: [H] }, events, until })), builtProject());
  return { run, r: run.run() };
}

const errors = (r: ScenarioResult) => r.executions.filter((e) => e.error !== null);

function logOf(r: ScenarioResult, name: string, event: string): Row[] {
  const id = byName(r, name)['Lead ID'];
  return logRows(r).filter((l) => l['Lead ID'] === id && l['Event'] === event);
}

/** The SLA step's 'contacted' row (Baton's; intake logs the status change as the person's). */
function slaContacted(r: ScenarioResult, name: string): Row {
  const rows = logOf(r, name, 'contacted').filter((l) => l['Actor'] === 'Baton');
  expect(rows).toHaveLength(1);
  return rows[0];
}

function tabRows(r: ScenarioResult, tab: string, headers: readonly string[]): Row[] {
  return (r.sheets[tab] ?? []).slice(1).filter((row) => row.some((v) => v !== '')).map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i]])));
}

/** The execution (a sweep, usually) whose emulated span holds `iso`. */
function executionAt(r: ScenarioResult, iso: string) {
  const t = Date.parse(iso);
  const found = r.executions.filter((e) => Date.parse(e.at) <= t && t <= Date.parse(e.at) + e.ms);
  expect(found).toHaveLength(1);
  return found[0];
}

const mentions = (text: string, name: string) => text.includes(name);

describe('SLA Due at assignment, on the business calendar', () => {
  describe('a lead assigned on Friday at 16:50', () => {
    // Sweeps all weekend long, up to Monday 08:59.
    const { r } = simulateRun(
      CONFIG,
      [paste(on(FRIDAY, '16:50'), 2, [hot('Hana'), lead('Stan')])],
      on(MONDAY, '08:59'),
      on(FRIDAY, '16:40'),
    );

    it('runs without an error and assigns both at once', () => {
      expect(errors(r)).toEqual([]);
      for (const name of ['Hana', 'Stan']) {
        const row = byName(r, name);
        expect(row['Status']).toBe('Assigned');
        expect(ms(row['Assigned At']) - ms(on(FRIDAY, '16:50'))).toBeGreaterThanOrEqual(0);
        expect(ms(row['Assigned At']) - ms(on(FRIDAY, '16:50'))).toBeLessThan(MINUTE);
      }
    });

    it('Hot (Customer Type Business, 15 min): 10 minutes on Friday, 5 on Monday: due Monday 09:05', () => {
      const row = byName(r, 'Hana');
      const assigned = ms(row['Assigned At']);
      // Exactly: the seconds past 16:50 carry over to Monday's 09:05.
      expect(ms(row['SLA Due'])).toBe(ms(on(MONDAY, '09:05')) + (assigned - ms(on(FRIDAY, '16:50'))));
    });

    it('Standard (the first target matching a home customer, 60 min): due Monday 09:50', () => {
      const row = byName(r, 'Stan');
      const assigned = ms(row['Assigned At']);
      expect(ms(row['SLA Due'])).toBe(ms(on(MONDAY, '09:50')) + (assigned - ms(on(FRIDAY, '16:50'))));
    });

    it('SLA Due is written by the run that assigns (the time of its assigned log row)', () => {
      for (const name of ['Hana', 'Stan']) {
        const [assigned] = logOf(r, name, 'assigned');
        expect(assigned['Time']).toBe(byName(r, name)['Assigned At']);
        expect(executionAt(r, String(assigned['Time'])).function).toBe('batonOnEdit');
      }
    });

    it('the clock stops over the weekend: still On track on Monday at 08:59, nothing breached or e-mailed', () => {
      expect(r.executions.filter((e) => e.function === 'batonSweep').length).toBeGreaterThan(700);
      expect(byName(r, 'Hana')['SLA']).toBe('On track');
      expect(byName(r, 'Stan')['SLA']).toBe('On track');
      expect(logRows(r).filter((l) => l['Event'] === 'breached')).toEqual([]);
      expect(r.emails).toEqual([]);
    });
  });

  describe('a lead assigned at 03:00 (before opening)', () => {
    const { r } = simulateRun(CONFIG, [paste(on(MONDAY, '03:00'), 2, [hot('Nita'), lead('Noel')])], on(MONDAY, '03:10'), on(MONDAY, '02:50'));

    it('is due at the opening (09:00) plus its target, to the millisecond', () => {
      expect(errors(r)).toEqual([]);
      expect(byName(r, 'Nita')['Status']).toBe('Assigned');
      expect(ms(byName(r, 'Nita')['Assigned At'])).toBeLessThan(ms(on(MONDAY, '03:01')));
      expect(byName(r, 'Nita')['SLA Due']).toBe(new Date(ms(on(MONDAY, '09:15'))).toISOString());
      expect(byName(r, 'Noel')['SLA Due']).toBe(new Date(ms(on(MONDAY, '10:00'))).toISOString());
      expect(byName(r, 'Nita')['SLA']).toBe('On track');
    });
  });
});

describe('the SLA column across sweeps, and first contact', () => {
  // Paul: Standard (60 min) assigned at 09:00, never contacted: due 10:00, due soon from 09:48.
  // Meg: Standard, contacted at 09:40 (Met). Mo: Hot (15 min), contacted at 09:30 (Missed).
  const s = new Steps(NO_ESCALATION, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [lead('Paul'), lead('Meg'), hot('Mo')]));
  const seen: Record<string, unknown> = {};
  const look = (time: string) => {
    s.to(time);
    seen[time] = byName(s.result(), 'Paul')['SLA'];
  };
  look(at('09:01'));
  s.to(at('09:30'), edit(at('09:30'), 'Status', 4, 'Contacted', OWNER));
  s.to(at('09:40'), edit(at('09:40'), 'Status', 3, 'Contacted', OWNER));
  look(at('09:45'));
  look(at('09:47'));
  look(at('09:50'));
  look(at('09:59'));
  look(at('10:04'));
  look(at('11:00'));
  // Lou: Standard, assigned at 16:30, contacted the next morning at 09:40: 30 + 40 business minutes.
  s.to(at('16:30'), paste(at('16:30'), 5, [lead('Lou')]));
  s.to(on(TUESDAY, '09:40'), edit(on(TUESDAY, '09:40'), 'Status', 5, 'Contacted', OWNER));
  s.to(on(TUESDAY, '09:45'));
  const r = s.result();

  it('runs without an error', () => {
    expect(errors(r)).toEqual([]);
  });

  it('moves On track → Due soon (80 %: from 09:48) → Breached (from 10:00), sweep by sweep', () => {
    expect(seen).toEqual({
      [at('09:01')]: 'On track',
      [at('09:45')]: 'On track',
      [at('09:47')]: 'On track',
      [at('09:50')]: 'Due soon',
      [at('09:59')]: 'Due soon',
      [at('10:04')]: 'Breached',
      [at('11:00')]: 'Breached',
    });
  });

  it('logs the breach once, from Due soon', () => {
    const breached = logOf(r, 'Paul', 'breached');
    expect(breached).toHaveLength(1);
    expect(breached[0]).toMatchObject({ From: 'Due soon', To: 'Breached', Actor: 'Baton' });
    expect(ms(breached[0]['Time'])).toBeGreaterThanOrEqual(ms(at('10:00')));
    expect(ms(breached[0]['Time'])).toBeLessThan(ms(at('10:05')));
  });

  it('contact before due: Contacted, First Contact stamped, SLA Met; logged with the response time in business minutes', () => {
    const meg = byName(r, 'Meg');
    expect(meg['Status']).toBe('Contacted');
    expect(ms(meg['First Contact']) - ms(at('09:40'))).toBeGreaterThanOrEqual(0);
    expect(ms(meg['First Contact']) - ms(at('09:40'))).toBeLessThan(MINUTE);
    expect(meg['SLA']).toBe('Met');
    const log = slaContacted(r, 'Meg');
    expect(log).toMatchObject({ To: 'Met' });
    expect(log['Reason']).toContain('First contact 40 business minutes after assignment');
    expect(logOf(r, 'Meg', 'breached')).toEqual([]);
  });

  it('contact after due: SLA Missed, 30 business minutes, and it stays Missed', () => {
    const mo = byName(r, 'Mo');
    expect(mo['Status']).toBe('Contacted');
    expect(ms(mo['First Contact']) - ms(at('09:30'))).toBeLessThan(MINUTE);
    expect(mo['SLA']).toBe('Missed');
    expect(slaContacted(r, 'Mo')).toMatchObject({ From: 'Breached', To: 'Missed' });
    expect(slaContacted(r, 'Mo')['Reason']).toContain('First contact 30 business minutes after assignment');
    expect(slaContacted(r, 'Mo')['Reason']).toContain('target 15 (Hot)');
  });

  it('the response time counts business minutes only: 16:30 → next day 09:40 is 70, Missed (due Tuesday 09:30)', () => {
    const lou = byName(r, 'Lou');
    expect(ms(lou['SLA Due']) - ms(on(TUESDAY, '09:30'))).toBe(ms(lou['Assigned At']) - ms(at('16:30')));
    expect(lou['SLA']).toBe('Missed');
    expect(slaContacted(r, 'Lou')['Reason']).toContain('First contact 70 business minutes after assignment');
  });
});

describe('a breach e-mail', () => {
  const BOB = '<b>Bob & "Co"</b>';
  // Dora (Ana) and Bob (Cy) pasted at 09:00, due 10:00; sweeps every 5 minutes until 12:00.
  const { run, r } = simulateRun(NO_ESCALATION, [paste(at('09:00'), 2, [lead('Dora'), lead('Bob', { Name: BOB, Email: 'bob@example.com' })])], at('12:00'));
  const dora = byName(r, 'Dora');
  const bob = byName(r, BOB);
  const toDora = r.emails.filter((m) => mentions(m.body, 'Dora'));
  const doc = spreadsheetState(run.rt);
  const gid = doc.sheetByName('Leads')!.id;

  it('runs without an error', () => {
    expect(errors(r)).toEqual([]);
    expect(r.executions.filter((e) => e.function === 'batonSweep' && ms(e.at) > ms(at('10:05'))).length).toBeGreaterThan(20);
    expect(dora['SLA']).toBe('Breached');
  });

  it('goes to the owner exactly once across many sweeps', () => {
    expect(dora['Owner']).toBe(ANA);
    expect(toDora).toHaveLength(1);
    expect(toDora[0].to).toBe(ANA);
    expect(r.emails.filter((m) => m.to === ANA)).toHaveLength(1);
    expect(r.emails).toHaveLength(2);
  });

  it('is sent by the sweep that finds the breach', () => {
    const [breached] = logOf(r, 'Dora', 'breached');
    expect(executionAt(r, toDora[0].at)).toEqual(executionAt(r, String(breached['Time'])));
  });

  it('names the lead and how late it is, in business minutes, and links to its row', () => {
    const mail = toDora[0];
    expect(mail.subject).toContain('Dora');
    expect(mail.subject.toLowerCase()).toContain('breach');
    expect(mail.body).toContain(String(dora['Lead ID']));
    const late = /(\d+) business minutes late/.exec(mail.body);
    expect(late).not.toBeNull();
    const expected = (ms(mail.at) - ms(dora['SLA Due'])) / MINUTE;
    expect(Math.abs(Number(late![1]) - expected)).toBeLessThanOrEqual(1);
    expect(mail.body).toContain(`${doc.spreadsheetId}`);
    expect(mail.body).toContain(`#gid=${gid}&range=A2`);
  });

  it('links each lead to its own row', () => {
    const mail = r.emails.find((m) => m.to === CY)!;
    expect(bob['Owner']).toBe(CY);
    expect(mail.body).toContain(`#gid=${gid}&range=A3`);
  });

  it('escapes the lead\'s name in the HTML body', () => {
    const html = mailState(run.rt).sentTo(CY).map((m) => m.htmlBody ?? '');
    expect(html).toHaveLength(1);
    expect(html[0]).toContain('&lt;b&gt;Bob &amp; &quot;Co&quot;&lt;/b&gt;');
    expect(html[0]).not.toContain('<b>Bob');
    expect(html[0]).not.toContain('"Co"');
    // The link itself is an attribute with its & escaped.
    expect(html[0]).toContain(`#gid=${gid}&amp;range=A3`);
  });
});

describe('two owners breached in the same sweep', () => {
  // Weighted North pool: Ana (weight 2) and Cy share four leads, all due at 10:00.
  const names = ['Alma', 'Bert', 'Cleo', 'Dirk'];
  const { r } = simulateRun(NO_ESCALATION, [paste(at('09:00'), 2, names.map((n) => lead(n)))], at('10:20'));
  const owners = new Map(names.map((n) => [n, String(byName(r, n)['Owner'])]));

  it('runs without an error; both Ana and Cy own some', () => {
    expect(errors(r)).toEqual([]);
    expect(new Set(owners.values())).toEqual(new Set([ANA, CY]));
  });

  it('get one digest each, in that one sweep', () => {
    expect(r.emails).toHaveLength(2);
    expect(r.emails.map((m) => m.to).sort()).toEqual([ANA, CY]);
    expect(executionAt(r, r.emails[0].at)).toEqual(executionAt(r, r.emails[1].at));
    expect(executionAt(r, r.emails[0].at).function).toBe('batonSweep');
  });

  it('each listing only their own leads', () => {
    for (const mail of r.emails) {
      for (const [name, owner] of owners) expect([name, mentions(mail.body, name)]).toEqual([name, owner === mail.to]);
    }
  });
});

describe('escalation: reassign after 30 business minutes past due', () => {
  // Esme: Standard, assigned to Ana at 09:00, due 10:00, breached at the 10:03 sweep; 30 business
  // minutes past due is 10:30, so the 10:33 sweep hands her to Cy (the other member of North).
  const short = simulateRun(CONFIG, [paste(at('09:00'), 2, [lead('Esme')])], at('10:45'));
  const r = short.r;

  it('runs without an error', () => {
    expect(errors(r)).toEqual([]);
  });

  it('goes to the other member of its pool, logged as escalated and reassigned', () => {
    const esme = byName(r, 'Esme');
    expect(esme['Owner']).toBe(CY);
    expect(esme['Status']).toBe('Assigned');
    const escalated = logOf(r, 'Esme', 'escalated');
    const reassigned = logOf(r, 'Esme', 'reassigned');
    expect(escalated).toHaveLength(1);
    expect(reassigned).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ From: ANA, To: CY, Actor: 'Baton' });
    expect(reassigned[0]).toMatchObject({ From: ANA, To: CY, Actor: 'Baton' });
    expect(ms(escalated[0]['Time'])).toBeGreaterThanOrEqual(ms(at('10:30')));
    expect(ms(escalated[0]['Time'])).toBeLessThan(ms(at('10:35')));
  });

  it('with a new Assigned At (the escalating run) and a new SLA Due from it; SLA On track again', () => {
    const esme = byName(r, 'Esme');
    const [reassigned] = logOf(r, 'Esme', 'reassigned');
    expect(esme['Assigned At']).toBe(reassigned['Time']);
    expect(ms(esme['SLA Due'])).toBe(ms(esme['Assigned At']) + 60 * MINUTE);
    expect(esme['SLA']).toBe('On track');
  });

  it('the old and the new owner are e-mailed about it (the old one was told of the breach before)', () => {
    const [escalated] = logOf(r, 'Esme', 'escalated');
    const sweep = executionAt(r, String(escalated['Time']));
    const inSweep = r.emails.filter((m) => executionAt(r, m.at) === sweep);
    expect(inSweep.map((m) => m.to).sort()).toEqual([ANA, CY]);
    for (const m of inSweep) {
      expect(m.body).toContain('Esme');
      expect(m.body).toContain(CY);
    }
    const before = r.emails.filter((m) => ms(m.at) < ms(sweep.at));
    expect(before.map((m) => [m.to, m.subject.toLowerCase().includes('breach')])).toEqual([[ANA, true]]);
  });

  describe('on later sweeps, through the end of the day', () => {
    // Cy's new due time is about 11:33; were it escalated again, it would go back to Ana at ~12:03.
    const long = simulateRun(CONFIG, [paste(at('09:00'), 2, [lead('Esme')])], at('16:00'));

    it('it does not bounce back: reassigned once, Cy keeps it', () => {
      expect(errors(long.r)).toEqual([]);
      expect(byName(long.r, 'Esme')['Owner']).toBe(CY);
      expect(logOf(long.r, 'Esme', 'reassigned')).toHaveLength(1);
      const escalated = logOf(long.r, 'Esme', 'escalated');
      expect(escalated[0]).toMatchObject({ From: ANA, To: CY });
      // A later escalation (Cy breaching in turn) may tell the managers; it never hands the lead on.
      for (const later of escalated.slice(1)) expect(later['To']).not.toBe(ANA);
    });

    it('and Ana is e-mailed about Esme twice at most (the breach and the escalation), never again', () => {
      expect(long.r.emails.filter((m) => m.to === ANA && m.body.includes('Esme')).length).toBeLessThanOrEqual(2);
    });
  });
});

describe('escalation: notify_manager', () => {
  const config = { ...CONFIG, managers: [MARIA, BEN], sla: { ...CONFIG.sla, escalation: { afterMinutes: 30, action: 'notify_manager' } } };
  const { r } = simulateRun(config, [paste(at('09:00'), 2, [lead('Fern')])], at('13:00'));
  const fern = () => byName(r, 'Fern');

  it('runs without an error; the lead stays with its owner', () => {
    expect(errors(r)).toEqual([]);
    expect(fern()['Owner']).toBe(ANA);
    expect(fern()['SLA']).toBe('Breached');
    expect(logOf(r, 'Fern', 'reassigned')).toEqual([]);
  });

  it('e-mails each manager once, 30 business minutes past due, and logs it once', () => {
    for (const manager of [MARIA, BEN]) {
      const mails = r.emails.filter((m) => m.to === manager);
      expect(mails).toHaveLength(1);
      expect(mails[0].body).toContain('Fern');
      expect(mails[0].subject).toContain('Escalated');
      expect(ms(mails[0].at)).toBeGreaterThanOrEqual(ms(at('10:30')));
      expect(ms(mails[0].at)).toBeLessThan(ms(at('10:35')));
    }
    expect(logOf(r, 'Fern', 'escalated')).toHaveLength(1);
  });

  it('the owner gets the breach, once', () => {
    expect(r.emails.filter((m) => m.to === ANA)).toHaveLength(1);
    expect(r.emails).toHaveLength(3);
  });
});

describe('the daily mail quota', () => {
  // Five owners: North (Ana, Cy), Enterprise (Ben), a Battery rule for Dee, the fallback (Maria).
  const config = {
    ...NO_ESCALATION,
    team: [...NO_ESCALATION.team, { email: DEE, name: 'Dee', active: true, capacity: 25, weight: 1, assignmentEmails: false }],
    routing: {
      ...NO_ESCALATION.routing,
      rules: [...NO_ESCALATION.routing.rules, { name: 'Battery', when: { all: [{ field: 'interest', op: '=', value: 'Battery' }] }, assignTo: [DEE], balance: 'round_robin' }],
    },
  };
  const five = [
    lead('Ava'),
    lead('Cole'),
    lead('Bo', { 'Deal Size': 60000 }),
    lead('Dot', { Location: 'South', Interest: 'Battery' }),
    lead('Moe', { Location: 'South' }),
  ];
  const names = five.map((l) => String(l.Name));
  const s = new Steps(config, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, five));
  // The account the sweep runs as (the trigger owner) has 2 e-mails left today, from 09:30.
  s.to(at('09:30'));
  mailState(s.run.rt).setRemaining(OWNER, 2);
  s.to(at('10:30'));
  const monday = s.result();
  const mondayOutbox = storedOutbox(s.run);
  const mondaySent = [...s.sent];
  // Ari (Enterprise: Ben again) breaches later on Monday: the newest alert in the outbox.
  s.to(at('11:00'), paste(at('11:00'), 7, [lead('Ari', { 'Deal Size': 70000 })]));
  s.to(at('13:00'));
  const afternoon = s.result();
  const afternoonOutbox = storedOutbox(s.run);
  // The quota window ends 24 h after it started (Tuesday 09:30).
  s.to(on(TUESDAY, '10:00'));
  const r = s.result();
  const owners = Object.fromEntries(names.map((n) => [n, String(byName(monday, n)['Owner'])]));

  it('runs without an error; five leads, five owners, all breached in the same sweep', () => {
    expect(errors(r)).toEqual([]);
    expect(new Set(Object.values(owners))).toEqual(new Set([ANA, CY, BEN, DEE, MARIA]));
    const times = names.map((n) => logOf(monday, n, 'breached').map((l) => l['Time']));
    for (const t of times) expect(t).toEqual(times[0]);
  });

  it('sends 2 digests now (one per owner), the rest wait as pending in the outbox', () => {
    expect(mondaySent).toHaveLength(2);
    expect(new Set(mondaySent.map((m) => m.to)).size).toBe(2);
    const sentTo = new Set(mondaySent.map((m) => m.to));
    const waiting = mondayOutbox.rows.filter((r) => r.alert.kind === 'breached');
    expect(waiting.map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
    expect(waiting.map((r) => r.alert.to).sort()).toEqual([ANA, BEN, CY, DEE, MARIA].filter((o) => !sentTo.has(o)).sort());
    // The two sent are remembered (as key hashes), so they are never queued again.
    expect(mondayOutbox.sent.map(([, h]) => h).join('').length).toBeGreaterThanOrEqual(2 * 9);
  });

  it('shows a quota failure in Baton Failures', () => {
    const quota = tabRows(monday, 'Baton Failures', FAILURE_HEADERS).filter((f) => f['Kind'] === 'quota');
    expect(quota).toHaveLength(1);
    expect(quota[0]).toMatchObject({ Step: 'notify', State: 'open' });
    expect(String(quota[0]['Message'])).toContain('3');
  });

  it('nothing more is sent on Monday (the later breach waits too)', () => {
    expect(afternoon.emails).toHaveLength(2);
    expect(byName(afternoon, 'Ari')['SLA']).toBe('Breached');
    const pending = afternoonOutbox.rows.filter((row) => row.state === 'pending');
    expect(pending.map((row) => row.alert.to).sort()).toEqual([...new Set(Object.values(owners))].filter((o) => !mondaySent.some((m) => m.to === o)).concat(BEN).sort());
  });

  it('after the quota window, the waiting digests go out, oldest first', () => {
    const later = s.sent.slice(2);
    expect(later.length).toBeGreaterThan(0);
    for (const m of later) expect(m.at).toBeGreaterThanOrEqual(ms(on(TUESDAY, '09:30')));
    // Equally old digests go in address order, so Monday's two were Ana's and Ben's; Ben's new
    // one (Ari, queued at ~12:03) is newer than the three from 10:03 and goes last.
    expect(mondaySent.map((m) => m.to)).toEqual([ANA, BEN]);
    expect(later.map((m) => m.to)).toEqual([...[CY, DEE, MARIA].filter((o) => !mondaySent.some((m) => m.to === o)).sort(), BEN]);
  });

  it('none twice: every breach is e-mailed exactly once overall', () => {
    for (const name of [...names, 'Ari']) expect([name, s.sent.filter((m) => m.body.includes(name)).length]).toEqual([name, 1]);
    expect(storedOutbox(s.run).rows.filter((row) => row.alert.kind === 'breached')).toEqual([]);
  });

  it('the quota failure is resolved once everything went out', () => {
    const quota = tabRows(r, 'Baton Failures', FAILURE_HEADERS).filter((f) => f['Kind'] === 'quota');
    expect(quota.map((f) => f['State'])).not.toContain('open');
  });
});

describe('the simple onEdit never sends', () => {
  // A breach waits in the outbox (no quota left); then the installable triggers are gone, the
  // heartbeat goes stale, the quota returns, and a person's edit runs the simple onEdit.
  const s = new Steps(NO_ESCALATION, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [lead('Gus')]));
  s.to(at('09:30'));
  mailState(s.run.rt).setRemaining(OWNER, 0);
  s.to(at('10:10'));
  const pendingBefore = storedOutbox(s.run).rows.filter((row) => row.state === 'pending');
  triggerState(s.run.rt).removeAllFor(OWNER);
  s.to(at('11:30'));
  mailState(s.run.rt).setRemaining(OWNER, 100);
  s.to(at('11:31'), edit(at('11:31'), 'Phone', 2, '+1 212 555 0100'));
  s.to(at('11:40'), edit(at('11:40'), 'Status', 2, 'Contacted', OWNER));
  const r = s.result();
  const simple = r.executions.filter((e) => e.function === 'onEdit' && ms(e.at) >= ms(at('11:31')));

  it('the breach was queued, not sent, while the quota was spent', () => {
    expect(errors(r)).toEqual([]);
    expect(pendingBefore).toHaveLength(1);
    expect(pendingBefore[0].alert).toMatchObject({ to: ANA, kind: 'breached' });
  });

  it('the simple onEdit runs the handoff but makes no MailApp call and sends nothing', () => {
    expect(simple.length).toBe(2);
    for (const e of simple) {
      expect(e.error).toBeNull();
      expect(e.calls['Range.getValues'] ?? 0).toBeGreaterThan(0);
      expect(Object.keys(e.calls).filter((k) => k.startsWith('MailApp.'))).toEqual([]);
    }
    expect(s.sent).toEqual([]);
    expect(storedOutbox(s.run).rows.map((row) => row.state)).toEqual(['pending']);
  });
});
