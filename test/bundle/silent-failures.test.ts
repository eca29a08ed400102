/**
 * Failures that used to stay silent (issue 14, findings 1-4): every missing or duplicated header
 * and every missing tab is its own failure, with its row and its e-mail; a run that cannot write
 * (no Lead ID column) still sends what it owes; and runs the spreadsheet refuses (a lost
 * permission) still reach the managers, by e-mail and in health.
 */
import { FAILURE_HEADERS, LEAD_HEADERS } from '../../src/core/headers';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { at, byName, completeLead, letter, paste } from '../support/leads';
import { OWNER } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { Steps } from '../support/steps';
import { storedOutbox } from '../support/outbox';

const CONFIG = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
const MANAGER = 'maria@acme.test';

const header = (time: string, h: string, text: string) => ({ at: time, type: 'edit', user: OWNER, sheet: 'Leads', range: `${letter(h as never)}1`, values: [[text]] });
const failures = (s: Steps) => (s.result().sheets['Baton Failures'] ?? []).slice(1).map((r) => Object.fromEntries(FAILURE_HEADERS.map((h, i) => [h, r[i] ?? ''])));
const open = (s: Steps, kind: string) => failures(s).filter((f) => f['Kind'] === kind && f['State'] === 'open');
const mailTo = (s: Steps, to: string, since: string) => s.sent.filter((m) => m.to === to && m.at >= Date.parse(since));

describe('1. each renamed header is its own failure', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  s.to(at('09:10'), header(at('09:10'), 'Email', 'E-mail address'));
  s.to(at('09:20'));
  const afterEmail = open(s, 'missing header').map((f) => f['Subject']);
  const mailAfterEmail = mailTo(s, MANAGER, at('09:10')).filter((m) => m.body.includes('"Email"'));
  s.to(at('09:30'), header(at('09:30'), 'Phone', 'Tel'));
  s.to(at('09:40'));

  it('opens one row per header, named in Subject, and keeps both open', () => {
    expect(afterEmail).toEqual(['Email']);
    expect(open(s, 'missing header').map((f) => f['Subject']).sort()).toEqual(['Email', 'Phone']);
  });

  it('e-mails the managers about each header once', () => {
    expect(mailAfterEmail).toHaveLength(1);
    const phone = mailTo(s, MANAGER, at('09:30')).filter((m) => m.body.includes('"Phone"'));
    expect(phone).toHaveLength(1);
    expect(phone[0].body).not.toContain('"Email" column');
  });

  it('resolves each row on its own when its header is back', () => {
    s.to(at('09:50'), header(at('09:50'), 'Email', 'Email'));
    s.to(at('10:00'));
    expect(open(s, 'missing header').map((f) => f['Subject'])).toEqual(['Phone']);
    expect(failures(s).find((f) => f['Subject'] === 'Email')!['State']).toBe('resolved');
  });
});

describe('1b. two headers renamed in one edit', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  const email = LEAD_HEADERS.indexOf('Email');
  expect(LEAD_HEADERS[email + 1]).toBe('Phone');
  s.to(at('09:10'), { at: at('09:10'), type: 'edit', user: OWNER, sheet: 'Leads', range: `${letter('Email')}1:${letter('Phone')}1`, values: [['Mail', 'Tel']] });
  s.to(at('09:20'));

  it('reports both, each with its e-mail', () => {
    expect(open(s, 'missing header').map((f) => f['Subject']).sort()).toEqual(['Email', 'Phone']);
    const bodies = mailTo(s, MANAGER, at('09:10')).map((m) => m.body).join('\n');
    expect(bodies).toContain('no "Email" column');
    expect(bodies).toContain('no "Phone" column');
  });
});

describe('1c. a duplicated header', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  const spare = letter('Problems' as never).charCodeAt(0) + 3;
  s.to(at('09:10'), { at: at('09:10'), type: 'edit', user: OWNER, sheet: 'Leads', range: `${String.fromCharCode(spare)}1`, values: [['Phone']] });
  s.to(at('09:20'));

  it('is a failure of its own kind, naming the header, and mailed', () => {
    const rows = open(s, 'duplicated header');
    expect(rows.map((f) => f['Subject'])).toEqual(['Phone']);
    expect(String(rows[0]['Message'])).toContain('appears more than once');
    expect(mailTo(s, MANAGER, at('09:10')).some((m) => m.body.includes('"Phone" appears more than once'))).toBe(true);
  });

  it('keeps handling the lead', () => {
    expect(byName(s.result(), 'Ann')['Status']).toBe('Assigned');
  });
});

describe('2. a renamed Lead ID header', () => {
  // The first breach digest is held by the mail quota, then the header is renamed before it can go.
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  const owner = String(byName(s.result(), 'Ann')['Owner']);
  s.to(at('09:55'), { at: at('09:55'), type: 'fault', method: 'MailApp.sendEmail', error: 'quota', times: 4 });
  s.to(at('10:04'));
  const breachedBefore = s.sent.filter((m) => m.subject.includes('breached')).length;
  const pendingBefore = storedOutbox(s.run).rows.filter((r) => r.alert.kind === 'breached' && r.state === 'pending');
  s.to(at('10:04'), header(at('10:04'), 'Lead ID', 'ID'));
  s.to(at('10:30'));

  it('is e-mailed to the managers while it lasts, saying nothing is written', () => {
    const told = mailTo(s, MANAGER, at('10:04')).filter((m) => m.body.includes('no "Lead ID" column'));
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('cannot tell leads apart');
  });

  it('still sends the breach e-mail found before the rename', () => {
    expect(byName(s.result(), 'Ann')['SLA']).toBe('Breached');
    expect(breachedBefore).toBe(0);
    expect(pendingBefore).toHaveLength(1);
    expect(s.sent.filter((m) => m.to === owner && m.subject.includes('breached'))).toHaveLength(1);
  });
});

describe('3. a deleted Leads tab', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  const doc = spreadsheetState(s.run.rt);
  const leads = doc.sheetByName('Leads')!;
  s.to(at('09:10'));
  doc.removeSheet(leads);
  s.to(at('10:10'));

  it('opens one failure row for the hour, e-mailed once', () => {
    const rows = open(s, 'missing tab');
    expect(rows).toHaveLength(1);
    expect(rows[0]['Subject']).toBe('Leads');
    const told = mailTo(s, MANAGER, at('09:10')).filter((m) => m.body.includes('There is no "Leads" tab'));
    expect(told).toHaveLength(1);
  });
});

describe('3b. a renamed Leads tab', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  s.to(at('09:10'));
  spreadsheetState(s.run.rt).sheetByName('Leads')!.name = 'Leads 2026';
  s.to(at('09:20'), { ...paste(at('09:20'), 3, [completeLead('Bo')]), sheet: 'Leads 2026' });
  s.to(at('09:40'));
  const bo = s.result().sheets['Leads 2026'].find((r) => r.includes('Bo'))!;
  const status = s.result().sheets['Leads 2026'][0].indexOf('Status');

  it('keeps handling the leads there, edits included', () => {
    expect(bo[status]).toBe('Assigned');
  });

  it('says the names disagree, once by e-mail', () => {
    const rows = open(s, 'renamed tab');
    expect(rows).toHaveLength(1);
    expect(String(rows[0]['Message'])).toContain('renamed "Leads 2026"');
    expect(mailTo(s, MANAGER, at('09:10')).filter((m) => m.body.includes('renamed "Leads 2026"'))).toHaveLength(1);
  });

  it('resolves once the tab has its name back', () => {
    spreadsheetState(s.run.rt).sheetByName('Leads 2026')!.name = 'Leads';
    s.to(at('09:50'));
    expect(open(s, 'renamed tab')).toHaveLength(0);
  });
});

describe('4. a lost permission: the Leads tab protected against the account that runs Baton', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  const doc = spreadsheetState(s.run.rt);
  // The spreadsheet passes to another owner, who protects the Leads tab for themselves only.
  doc.owner = 'boss@acme.test';
  doc.addProtection(doc.sheetByName('Leads')!, null).editors = ['boss@acme.test', 'ana@acme.test'];
  s.to(at('09:02'), paste(at('09:02'), 3, [completeLead('Bo')], 'ana@acme.test'));
  s.to(at('10:20'));

  it('opens a permission failure row', () => {
    expect(open(s, 'permission')).toHaveLength(1);
  });

  it('e-mails the managers once', () => {
    const told = mailTo(s, MANAGER, at('09:02')).filter((m) => m.body.includes('refused permission'));
    expect(told).toHaveLength(1);
  });

  it('shows in health: the runs have failed since the first refusal', () => {
    const health = s.run.call(MANAGER, 'getHealth', []) as { ok: boolean; problems: string[] };
    expect(health.ok).toBe(false);
    expect(health.problems.join(' ')).toMatch(/failed since/);
  });
});

describe('4b. every write refused: nothing can be written anywhere in the spreadsheet', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  s.to(at('09:02'), { at: at('09:02'), type: 'fault', method: 'Range.setValues', error: 'permission', times: 10_000 });
  s.to(at('09:03'), paste(at('09:03'), 3, [completeLead('Bo')]));
  s.to(at('10:20'));

  it('still e-mails the managers, once', () => {
    expect(mailTo(s, MANAGER, at('09:02')).filter((m) => m.body.includes('refused permission'))).toHaveLength(1);
  });

  it('shows a toast to whoever opens the spreadsheet', () => {
    s.to(at('10:21'), { at: at('10:21'), type: 'open', user: 'ben@acme.test' });
    const toasts = s.result().toasts.filter((t) => Date.parse(t.at) >= Date.parse(at('10:21')));
    expect(toasts.map((t) => t.message).join(' ')).toMatch(/failed since/);
  });
});
