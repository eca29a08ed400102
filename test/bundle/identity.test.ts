/**
 * One person, one live lead, one owner (issue 12), end to end through the built bundle: copied
 * rows, pastes from old copies, closed originals, complete versus incomplete inquiries, mailbox
 * aliases, deleted rows, repeat inquiries and the ownership guard. Each `describe` is one finding.
 */
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_ID_PATTERN } from '../../src/core/lead-id';
import { ANA, at, byName, completeLead, edit, type Lead, leadRows, letter, logRows, paste, type Row, wholeRow } from '../support/leads';
import { OWNER } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { Steps } from '../support/steps';

const BEN = 'ben@acme.test';
const CY = 'cy@acme.test';
const LAST = letter('Problems');
/** The SPEC example: North leads go to Ana or Cy, enterprise deals to Ben, Maria is the manager. */
const CONFIG = SPEC_EXAMPLE;

const live = (r: Row) => ['New', 'Needs info', 'Ready', 'Assigned', 'Contacted'].includes(String(r['Status']));
const rowNumberOf = (s: Steps, name: string) => leadRows(s.result()).findIndex((r) => r['Name'] === name) + 2;
const leadsOf = (s: Steps, name: string) => leadRows(s.result()).filter((r) => r['Name'] === name);
const mailTo = (s: Steps, to: string) => s.sent.filter((m) => m.to === to);

function started(leads: Lead[], config: unknown = CONFIG): Steps {
  const s = new Steps(config, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, leads));
  s.to(at('09:02'));
  return s;
}

describe('1. a copied owned row', () => {
  const s = started([completeLead('Ivy')]);
  const original = byName(s.result(), 'Ivy');
  s.to(at('09:10'), { at: at('09:10'), type: 'copy', user: ANA, sheet: 'Leads', from: `A2:${LAST}2`, to: 'A9' });
  s.to(at('11:30'));
  const [first, copy] = leadsOf(s, 'Ivy');

  it('the original was assigned before the copy', () => {
    expect(original['Status']).toBe('Assigned');
    expect(String(original['Owner'])).toMatch(/@acme\.test$/);
  });

  it('gets an ID of its own and becomes a Duplicate of the original, never a second owned lead', () => {
    expect(first['Lead ID']).toBe(original['Lead ID']);
    expect(copy['Lead ID']).toMatch(LEAD_ID_PATTERN);
    expect(copy['Lead ID']).not.toBe(original['Lead ID']);
    expect(copy['Status']).toBe('Duplicate');
    expect(leadRows(s.result()).filter(live)).toHaveLength(1);
  });

  it('has its copied system cells cleared, with the reason in Problems', () => {
    for (const h of ['Owner', 'Assigned At', 'SLA Due', 'First Contact', 'SLA']) expect(copy[h]).toBe('');
    expect(copy['Problems']).toBe(`Duplicate of ${String(original['Lead ID'])}. This row is a copy of ${String(original['Lead ID'])}: its Status, Owner, Assigned At, SLA Due, SLA were cleared.`);
  });

  it('sends one breach alert for the person, not two', () => {
    const breaches = s.sent.filter((m) => m.body.includes('Response time breached'));
    expect(breaches).toHaveLength(1);
    expect(breaches[0].body).toContain(String(original['Lead ID']));
    expect(breaches[0].body).not.toContain(String(copy['Lead ID']));
  });
});

describe('1a. a copied row whose edit run stops part-way through its writes', () => {
  // The copy shows its original's Lead ID until its own lands. The next run finishes the stopped
  // one's writes: they must find the copy (by its new ID, or among the rows showing the old one),
  // never the original, whichever write the run stopped at.
  it.each([0, 1, 2, 3, 4, 5])('the original keeps its ID and owner when the %i-th setValues after the copy fails', (k) => {
    const s = started([completeLead('Ivy'), completeLead('Jay')]);
    const ivy = byName(s.result(), 'Ivy');
    s.to(at('09:10'), { at: at('09:10'), type: 'fault', method: 'Range.setValues', error: 'quota', times: 1, after: k });
    s.to(at('09:10'), { at: at('09:10'), type: 'copy', user: ANA, sheet: 'Leads', from: `A2:${LAST}2`, to: 'A9' });
    s.to(at('09:40'));
    const rows = leadRows(s.result());
    const ids = rows.map((r) => r['Lead ID']);
    expect(new Set(ids).size).toBe(ids.length);
    const [first, copy] = leadsOf(s, 'Ivy');
    expect([first['Lead ID'], first['Status'], first['Owner'], first['Assigned At']]).toEqual([ivy['Lead ID'], ivy['Status'], ivy['Owner'], ivy['Assigned At']]);
    expect(copy['Lead ID']).toMatch(LEAD_ID_PATTERN);
    expect([copy['Status'], copy['Owner']]).toEqual(['Duplicate', '']);
  });
});

describe('1b. rows pasted from a copy of the sheet taken an hour earlier', () => {
  const names = Array.from({ length: 200 }, (_, i) => `Lee${String(i).padStart(3, '0')}`);
  const s = started(names.map((n) => completeLead(n)));
  const hourAgo = spreadsheetState(s.run.rt).values('Leads').slice(1, 201);
  // During the hour: reps contact some leads, a manager hands one to Ben.
  const ownerOf = (name: string) => String(byName(s.result(), name)['Owner']);
  s.to(at('09:20'), edit(at('09:20'), 'Status', rowNumberOf(s, 'Lee000'), 'Contacted', ownerOf('Lee000')));
  s.to(at('09:25'), edit(at('09:25'), 'Status', rowNumberOf(s, 'Lee001'), 'Contacted', ownerOf('Lee001')));
  s.to(at('09:30'), edit(at('09:30'), 'Owner', rowNumberOf(s, 'Lee002'), BEN, OWNER));
  const before = new Map(leadRows(s.result()).map((r) => [String(r['Lead ID']), r]));
  s.to(at('10:05'), { at: at('10:05'), type: 'edit', user: ANA, sheet: 'Leads', range: `A2:${LAST}201`, values: hourAgo });
  s.to(at('10:10'));
  const after = leadRows(s.result());
  const log = logRows(s.result());

  it('keeps 200 leads, each once with its own ID, and every newer Owner, Status and stamp', () => {
    expect(after).toHaveLength(200);
    expect(new Set(after.map((r) => r['Lead ID'])).size).toBe(200);
    for (const r of after) {
      const was = before.get(String(r['Lead ID']))!;
      expect([r['Name'], r['Status'], r['Owner'], r['Assigned At'], r['SLA Due'], r['First Contact']]).toEqual([
        was['Name'], was['Status'], was['Owner'], was['Assigned At'], was['SLA Due'], was['First Contact'],
      ]);
    }
    expect(byName(s.result(), 'Lee000')['Status']).toBe('Contacted');
    expect(byName(s.result(), 'Lee002')['Owner']).toBe(BEN);
  });

  it('logs each value it put back with who pasted it, and assigns nobody again', () => {
    const reverted = log.filter((l) => l['Event'] === 'reverted' && Date.parse(String(l['Time'])) >= Date.parse(at('10:05')));
    const ids = (n: string) => String(byName(s.result(), n)['Lead ID']);
    for (const n of ['Lee000', 'Lee001', 'Lee002']) expect(reverted.some((l) => l['Lead ID'] === ids(n) && l['Actor'] === ANA)).toBe(true);
    expect(log.filter((l) => (l['Event'] === 'assigned' || l['Event'] === 'reassigned') && Date.parse(String(l['Time'])) >= Date.parse(at('10:05')))).toEqual([]);
  });
});

describe('1c. a copied row pasted over another live lead', () => {
  const s = started([completeLead('Ann'), completeLead('Bea')]);
  const bea = byName(s.result(), 'Bea');
  s.to(at('09:10'), { at: at('09:10'), type: 'copy', user: ANA, sheet: 'Leads', from: `A2:${LAST}2`, to: 'A3' });
  s.to(at('09:12'));
  const rows = leadRows(s.result());
  const log = logRows(s.result());

  it('makes the copy a Duplicate of Ann with its own ID and no owner', () => {
    const anns = rows.filter((r) => r['Name'] === 'Ann');
    expect(anns).toHaveLength(2);
    expect(anns.filter(live)).toHaveLength(1);
    const copy = anns.find((r) => r['Status'] === 'Duplicate')!;
    expect(copy['Owner']).toBe('');
  });

  it('logs the overwritten lead as deleted, with its last owner and status, and tells the manager once', () => {
    const deleted = log.filter((l) => l['Event'] === 'deleted');
    expect(deleted).toEqual([expect.objectContaining({ 'Lead ID': bea['Lead ID'], From: 'Assigned', Actor: ANA })]);
    expect(String(deleted[0]['Reason'])).toContain(`owner ${String(bea['Owner'])}`);
    s.to(at('10:30'));
    const notices = mailTo(s, OWNER).filter((m) => m.body.includes('A live lead was deleted'));
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain(String(bea['Lead ID']));
    expect(notices[0].body).toContain('"Bea"');
  });
});

describe('2. closing the original', () => {
  const s = started([completeLead('Jo'), completeLead('Jo Again', { Email: 'jo@example.com' })]);
  const jo = byName(s.result(), 'Jo');
  s.to(at('09:10'), edit(at('09:10'), 'Status', rowNumberOf(s, 'Jo'), 'Won', String(jo['Owner'])));
  s.to(at('10:30'));
  const dup = byName(s.result(), 'Jo Again');

  it('leaves its duplicate a Duplicate, still linked to it, and assigns nobody', () => {
    expect(byName(s.result(), 'Jo')['Status']).toBe('Won');
    expect(dup['Status']).toBe('Duplicate');
    expect(dup['Owner']).toBe('');
    expect(dup['Problems']).toBe(`Duplicate of ${String(jo['Lead ID'])}.`);
    expect(logRows(s.result()).filter((l) => l['Lead ID'] === dup['Lead ID'] && l['Event'] === 'assigned')).toEqual([]);
  });

  it('a Duplicate released by a person is decided again', () => {
    s.to(at('10:31'), edit(at('10:31'), 'Status', rowNumberOf(s, 'Jo Again'), 'New', OWNER));
    s.to(at('10:40'));
    const again = byName(s.result(), 'Jo Again');
    expect(again['Status']).toBe('Assigned');
    expect(again['Problems']).toBe(`Returning contact: earlier lead ${String(jo['Lead ID'])} (Won).`);
  });
});

describe('2b. a new inquiry after the original closed', () => {
  const closedThen = (config: unknown) => {
    const s = started([completeLead('Kay')], config);
    const kay = byName(s.result(), 'Kay');
    s.to(at('09:10'), edit(at('09:10'), 'Status', 2, 'Lost', String(kay['Owner'])));
    s.to(at('09:20'), { at: at('09:20'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Kay B', { Email: 'kay@example.com' }))] });
    s.to(at('09:30'));
    return { kay, again: byName(s.result(), 'Kay B') };
  };

  it('is a new lead linked to the old one by default (re-open window 0 days)', () => {
    const { kay, again } = closedThen(CONFIG);
    expect(again['Status']).toBe('Assigned');
    expect(again['Problems']).toBe(`Returning contact: earlier lead ${String(kay['Lead ID'])} (Lost).`);
  });

  it('within a re-open window, is held as a Duplicate of the closed lead', () => {
    const { kay, again } = closedThen({ ...CONFIG, intake: { ...CONFIG.intake, reopenDays: 7 } });
    expect(again['Status']).toBe('Duplicate');
    expect(again['Problems']).toBe(`Duplicate of ${String(kay['Lead ID'])}.`);
  });
});

describe('2c. a live Status typed on a lead that is not live, while the same person has a live lead', () => {
  /** Rows: the not-live lead first, then the same person's lead that Baton hands over. */
  const revived = (first: Lead, typed: string, user: string | 'its owner', close?: string) => {
    const s = started([first, completeLead('Liv B', { Email: 'LIV@example.com' })]);
    if (close) {
      const liv = byName(s.result(), 'Liv');
      s.to(at('09:05'), edit(at('09:05'), 'Status', rowNumberOf(s, 'Liv'), close, String(liv['Owner'])));
      s.to(at('09:08'), { at: at('09:08'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Liv C', { Email: 'liv@example.com' }))] });
      s.to(at('09:12'));
    }
    const before = byName(s.result(), 'Liv');
    s.to(at('09:15'), edit(at('09:15'), 'Status', rowNumberOf(s, 'Liv'), typed, user === 'its owner' ? String(before['Owner']) : user));
    s.to(at('09:30'));
    return { s, before, after: byName(s.result(), 'Liv') };
  };
  const revertedBy = (s: Steps, id: unknown, user: string) =>
    logRows(s.result()).filter((l) => l['Lead ID'] === id && l['Event'] === 'reverted' && l['Actor'] === user && Date.parse(String(l['Time'])) >= Date.parse(at('09:15')));

  it('an Ineligible lead typed Contacted is put back, named who typed it, and nobody gets a second owned lead', () => {
    const { s, before, after } = revived(completeLead('Liv', { Consent: 'No' }), 'Contacted', ANA);
    expect(before['Status']).toBe('Ineligible');
    expect(byName(s.result(), 'Liv B')['Status']).toBe('Assigned');
    expect([after['Status'], after['Owner']]).toEqual(['Ineligible', '']);
    const [entry] = revertedBy(s, before['Lead ID'], ANA);
    expect(entry).toMatchObject({ From: 'Contacted', To: 'Ineligible' });
    expect(String(entry['Reason'])).toContain(String(byName(s.result(), 'Liv B')['Lead ID']));
    expect(leadRows(s.result()).filter((r) => live(r) && String(r['Email']).toLowerCase() === 'liv@example.com')).toHaveLength(1);
  });

  it('a closed lead reopened by its owner while a newer inquiry of the person is live is put back too', () => {
    const { s, before, after } = revived(completeLead('Liv'), 'Contacted', 'its owner', 'Lost');
    expect(before['Status']).toBe('Lost');
    expect(after['Status']).toBe('Lost');
    expect(revertedBy(s, before['Lead ID'], String(before['Owner']))).toHaveLength(1);
    expect(leadRows(s.result()).filter((r) => live(r) && String(r['Email']).toLowerCase() === 'liv@example.com')).toHaveLength(1);
  });

  it('Status New has the lead decided again: it waits on the live one as its Duplicate', () => {
    const { s, before, after } = revived(completeLead('Liv', { Consent: 'No' }), 'New', OWNER);
    expect(before['Status']).toBe('Ineligible');
    expect(after['Status']).toBe('Ineligible');
    const { after: fixed, s: s2 } = revived(completeLead('Liv'), 'New', OWNER, 'Lost');
    expect(fixed['Status']).toBe('Duplicate');
    expect(fixed['Problems']).toContain(`Duplicate of ${String(byName(s2.result(), 'Liv C')['Lead ID'])}`);
    expect(revertedBy(s, before['Lead ID'], OWNER)).toEqual([]);
  });

  it('with no other live lead of the person, the typed Status stands (control)', () => {
    const s = started([completeLead('Mo', { Consent: 'No' })]);
    s.to(at('09:15'), edit(at('09:15'), 'Status', 2, 'Contacted', ANA));
    s.to(at('09:30'));
    expect(byName(s.result(), 'Mo')['Status']).toBe('Contacted');
  });
});

describe('3. a complete inquiry after an incomplete one of the same person', () => {
  const s = started([completeLead('Lu', { Consent: '' })]);
  s.to(at('09:10'), paste(at('09:10'), 3, [completeLead('Lu Full', { Email: 'lu@example.com' })]));
  s.to(at('09:15'));
  const partial = byName(s.result(), 'Lu');
  const full = byName(s.result(), 'Lu Full');

  it('the complete one is handed over, the incomplete one waits on it and says which', () => {
    expect(full['Status']).toBe('Assigned');
    expect(partial['Status']).toBe('Duplicate');
    expect(String(partial['Problems'])).toContain(`Duplicate of ${String(full['Lead ID'])}.`);
  });
});

describe('4. mailbox aliases', () => {
  const s = started([
    completeLead('Gee', { Email: 'gee.lee@gmail.com' }),
    completeLead('Gee Two', { Email: 'GeeLee+spring@googlemail.com' }),
    completeLead('Gee Three', { Email: ' Gee.Lee@Gmail.com ' }),
    completeLead('Other', { Email: 'gee.lee+x@acme-corp.test' }),
  ]);

  it('are one mailbox: one live lead, the others Duplicates of it', () => {
    const gee = byName(s.result(), 'Gee');
    expect(gee['Status']).toBe('Assigned');
    for (const n of ['Gee Two', 'Gee Three']) {
      expect(byName(s.result(), n)['Status']).toBe('Duplicate');
      expect(byName(s.result(), n)['Problems']).toBe(`Duplicate of ${String(gee['Lead ID'])}.`);
    }
  });

  it('a +tag on a domain not known to ignore it is another address', () => {
    expect(byName(s.result(), 'Other')['Status']).toBe('Assigned');
  });
});

describe('5. deleting an assigned lead', () => {
  const s = started([completeLead('Mo'), completeLead('Ned')]);
  const mo = byName(s.result(), 'Mo');
  s.to(at('09:10'), { at: at('09:10'), type: 'deleteRows', user: ANA, sheet: 'Leads', row: rowNumberOf(s, 'Mo'), count: 1 });
  s.to(at('11:00'));
  const log = logRows(s.result());

  it('is logged by the next run with its last owner and status', () => {
    const deleted = log.filter((l) => l['Event'] === 'deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ 'Lead ID': mo['Lead ID'], From: 'Assigned' });
    expect(String(deleted[0]['Reason'])).toBe(`The row of "Mo" (${String(mo['Lead ID'])}) was deleted or emptied. Last status Assigned, owner ${String(mo['Owner'])}.`);
  });

  it('is listed once in a digest to each manager, and never for other runs', () => {
    const notices = mailTo(s, OWNER).filter((m) => m.body.includes(String(mo['Lead ID'])));
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain('A live lead was deleted');
    expect(s.sent.filter((m) => m.to !== OWNER && m.body.includes('deleted'))).toEqual([]);
  });
});

describe('5b. the original deleted while its duplicate waits', () => {
  const s = started([completeLead('Pat'), completeLead('Pat Two', { Email: 'pat@example.com' })]);
  const pat = byName(s.result(), 'Pat');
  const waiting = byName(s.result(), 'Pat Two');
  s.to(at('09:10'), { at: at('09:10'), type: 'deleteRows', user: OWNER, sheet: 'Leads', row: rowNumberOf(s, 'Pat'), count: 1 });
  s.to(at('09:20'));
  const two = byName(s.result(), 'Pat Two');

  it('the duplicate takes the original’s place: it is handed over, and no Duplicate names a lead that is gone', () => {
    expect(waiting['Status']).toBe('Duplicate');
    expect(two['Status']).toBe('Assigned');
    expect(String(two['Problems'])).not.toContain(String(pat['Lead ID']));
    const entry = logRows(s.result()).find((l) => l['Lead ID'] === two['Lead ID'] && l['Event'] === 'duplicate' && String(l['Reason']).includes('takes its place'));
    expect(entry).toBeDefined();
  });
});

describe('a repeat inquiry', () => {
  const s = started([completeLead('Quin')]);
  const quin = byName(s.result(), 'Quin');
  const owner = String(quin['Owner']);
  s.to(at('09:20'), {
    at: at('09:20'),
    type: 'append',
    via: 'form',
    sheet: 'Leads',
    rows: [wholeRow(completeLead('Quin', { Interest: 'Battery', Campaign: 'Fall' }))],
  });
  s.to(at('09:30'));
  const repeat = leadsOf(s, 'Quin').find((r) => r['Status'] === 'Duplicate')!;

  it('is held as a Duplicate and its current owner gets one e-mail naming the new row and what differs', () => {
    expect(repeat['Lead ID']).toMatch(LEAD_ID_PATTERN);
    const mails = mailTo(s, owner).filter((m) => m.body.includes('Your lead asked again'));
    expect(mails).toHaveLength(1);
    expect(mails[0].body).toContain(String(repeat['Lead ID']));
    expect(mails[0].body).toContain('Interest "Battery" (was "Solar")');
    expect(mails[0].body).toContain('Campaign "Fall" (was "Spring")');
    s.to(at('10:30'));
    expect(mailTo(s, owner).filter((m) => m.body.includes('Your lead asked again'))).toHaveLength(1);
  });
});

describe('two form submissions of the same person 1 s apart', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), { at: at('09:00'), type: 'append', via: 'form', sheet: 'Leads', rows: [wholeRow(completeLead('Rio'))] });
  s.to(at('09:00', '01'), { at: at('09:00', '01'), type: 'append', via: 'form', sheet: 'Leads', rows: [wholeRow(completeLead('Rio'))] });
  s.to(at('09:30'));

  it('make one owned lead and one Duplicate of it', () => {
    const rios = leadsOf(s, 'Rio');
    expect(rios.map((r) => r['Status']).sort()).toEqual(['Assigned', 'Duplicate']);
    const [owned, dup] = [rios.find((r) => r['Status'] === 'Assigned')!, rios.find((r) => r['Status'] === 'Duplicate')!];
    expect(dup['Problems']).toBe(`Duplicate of ${String(owned['Lead ID'])}.`);
    expect(dup['Owner']).toBe('');
  });
});

describe('6. the ownership guard', () => {
  const s = started([completeLead('Sue'), completeLead('Tia')]);
  const sue = byName(s.result(), 'Sue');
  const someoneElse = [ANA, CY].find((m) => m !== sue['Owner'])!;
  s.to(at('09:10'), edit(at('09:10'), 'Status', rowNumberOf(s, 'Sue'), 'Contacted', someoneElse));
  s.to(at('09:12'));
  const after = byName(s.result(), 'Sue');
  const result = s.result();

  it('a non-owner setting Contacted on someone else’s lead is undone: no First Contact, no Met', () => {
    expect(after['Status']).toBe('Assigned');
    expect(after['First Contact']).toBe('');
    expect(after['SLA']).toBe('On track');
  });

  it('is logged with who tried, and the editor sees a toast saying why', () => {
    const entry = logRows(result).find((l) => l['Lead ID'] === sue['Lead ID'] && l['Event'] === 'reverted');
    expect(entry).toMatchObject({ From: 'Contacted', To: 'Assigned', Actor: someoneElse });
    expect(String(entry!['Reason'])).toBe(`Only its owner (${String(sue['Owner'])}) or a manager may change Status of this lead; the change by ${someoneElse} was undone.`);
    expect(result.toasts.map((t) => t.message)).toContainEqual(expect.stringContaining('Status was put back: only its owner'));
  });

  it('the owner’s own change and a manager’s change stand, and are logged', () => {
    const tia = byName(s.result(), 'Tia');
    s.to(at('09:20'), edit(at('09:20'), 'Status', rowNumberOf(s, 'Sue'), 'Contacted', String(sue['Owner'])));
    s.to(at('09:21'), edit(at('09:21'), 'Owner', rowNumberOf(s, 'Tia'), BEN, OWNER));
    s.to(at('09:25'));
    expect(byName(s.result(), 'Sue')['Status']).toBe('Contacted');
    expect(byName(s.result(), 'Sue')['SLA']).toBe('Met');
    expect(byName(s.result(), 'Tia')['Owner']).toBe(BEN);
    const log = logRows(s.result());
    expect(log).toContainEqual(expect.objectContaining({ 'Lead ID': sue['Lead ID'], Event: 'contacted', Actor: sue['Owner'] }));
    expect(log).toContainEqual(expect.objectContaining({ 'Lead ID': tia['Lead ID'], Event: 'override', From: tia['Owner'], To: BEN, Actor: OWNER }));
  });

  it('with ownership.othersMayEdit, a non-owner’s change is kept and logged', () => {
    const open = started([completeLead('Uma')], { ...CONFIG, ownership: { othersMayEdit: true } });
    const uma = byName(open.result(), 'Uma');
    const other = [ANA, CY].find((m) => m !== uma['Owner'])!;
    open.to(at('09:10'), edit(at('09:10'), 'Status', 2, 'Contacted', other));
    open.to(at('09:12'));
    expect(byName(open.result(), 'Uma')['Status']).toBe('Contacted');
    expect(logRows(open.result())).toContainEqual(expect.objectContaining({ 'Lead ID': uma['Lead ID'], Event: 'contacted', Actor: other }));
  });
});

describe('6c. a change typed after a run stopped part-way, found by the run that finishes it', () => {
  // Finishing a stopped run records what that run decided, not what the sheet holds by then: a
  // non-owner's Status typed in between is judged by the guard (put back, named), not adopted.
  it.each([0, 1, 2, 3, 4, 5])('is put back and logged when the %i-th setValues of the stopped run failed', (k) => {
    const s = started([completeLead('Ivy'), completeLead('Jay')]);
    const ivy = byName(s.result(), 'Ivy');
    const other = [ANA, BEN, CY].find((m) => m !== ivy['Owner'])!;
    s.to(at('09:10'), { at: at('09:10'), type: 'fault', method: 'Range.setValues', error: 'quota', times: 1, after: k });
    s.to(at('09:10'), { at: at('09:10'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Kim'))] });
    s.to(at('09:11'), edit(at('09:11'), 'Name', rowNumberOf(s, 'Kim'), 'Kim K', ANA));
    s.to(at('09:12'), edit(at('09:12'), 'Status', rowNumberOf(s, 'Ivy'), 'Won', other));
    s.to(at('09:30'));
    expect(byName(s.result(), 'Ivy')['Status']).toBe(ivy['Status']);
    expect(logRows(s.result())).toContainEqual(expect.objectContaining({ 'Lead ID': ivy['Lead ID'], Event: 'reverted', From: 'Won', Actor: other }));
    expect(byName(s.result(), 'Kim K')['Lead ID']).toMatch(LEAD_ID_PATTERN);
  });
});

describe('6b. a paste from an old copy undoing an escalation', () => {
  const ESCALATING = { ...CONFIG, sla: { ...CONFIG.sla, targets: [{ name: 'Standard', minutes: 15 }], escalation: { afterMinutes: 15, action: 'reassign' } } };
  const s = started([completeLead('Vic')], ESCALATING);
  const before = spreadsheetState(s.run.rt).values('Leads').slice(1, 2);
  const firstOwner = String(byName(s.result(), 'Vic')['Owner']);
  s.to(at('09:45'));
  const escalated = byName(s.result(), 'Vic');
  s.to(at('09:50'), { at: at('09:50'), type: 'edit', user: firstOwner, sheet: 'Leads', range: `A2:${LAST}2`, values: before });
  s.to(at('09:52'));
  const after = byName(s.result(), 'Vic');

  it('was escalated to someone else first', () => {
    expect(escalated['Owner']).not.toBe(firstOwner);
  });

  it('is undone, even by the former owner, and logged as an older value', () => {
    expect(after['Owner']).toBe(escalated['Owner']);
    expect(after['Assigned At']).toBe(escalated['Assigned At']);
    const entry = logRows(s.result()).find((l) => l['Event'] === 'reverted' && l['From'] === firstOwner && Date.parse(String(l['Time'])) >= Date.parse(at('09:50')));
    expect(entry).toMatchObject({ To: escalated['Owner'], Actor: firstOwner });
    expect(String(entry!['Reason'])).toContain('is an older value');
  });
});

describe('a Lead ID cleared by hand', () => {
  const s = started([completeLead('Wyn'), completeLead('Xan')]);
  const wyn = byName(s.result(), 'Wyn');
  s.to(at('09:10'), edit(at('09:10'), 'Lead ID', rowNumberOf(s, 'Wyn'), '', ANA));
  s.to(at('09:20'));
  const after = byName(s.result(), 'Wyn');

  it('is put back: the same lead, still with its owner, not deleted and not routed again', () => {
    expect(after['Lead ID']).toBe(wyn['Lead ID']);
    expect([after['Status'], after['Owner'], after['Assigned At']]).toEqual([wyn['Status'], wyn['Owner'], wyn['Assigned At']]);
    const log = logRows(s.result()).filter((l) => Date.parse(String(l['Time'])) >= Date.parse(at('09:10')));
    expect(log.filter((l) => ['deleted', 'assigned', 'created'].includes(String(l['Event'])))).toEqual([]);
    expect(log).toContainEqual(expect.objectContaining({ 'Lead ID': wyn['Lead ID'], Event: 'reverted', Actor: ANA }));
  });
});
