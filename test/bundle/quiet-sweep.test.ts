/**
 * The quiet sweep (issue 16, src/core/sweep-mark.ts): a sweep after which nothing changed skips
 * the Leads tab; rows an integration appends, SLA changes that come with time, and cells an
 * integration rewrites in place (no trigger) are still handled: the first two at the next sweep,
 * the last at the hourly reconcile. Calls are counted per execution, never timed.
 */
import type { ExecutionRecord } from '../../emulator/runtime';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { ANA, at, byName, completeLead, letter, paste, wholeRow } from '../support/leads';
import { OWNER } from '../support/scenario';
import { Steps } from '../support/steps';

const CONFIG = {
  version: 1,
  managers: [OWNER],
  intake: { contact: 'email_or_phone', required: ['interest', 'source'], interests: ['Solar'] },
  team: [
    { email: ANA, name: 'Ana', capacity: 100 },
    { email: OWNER, name: 'Maria', capacity: 100 },
  ],
  routing: { rules: [], fallback: [ANA] },
  sla: { targets: [{ name: 'Standard', minutes: 60 }], businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } },
};

function sweepsBetween(s: Steps, from: string, to: string) {
  return s.run.rt.records.filter((r) => r.function === 'batonSweep' && r.at >= Date.parse(from) && r.at < Date.parse(to));
}

describe('a sweep when nothing changed', () => {
  const s = new Steps(CONFIG, at('08:55')).to(at('09:00'), paste(at('09:00'), 2, [completeLead('Dana'), completeLead('Eli')]));
  s.to(at('09:31'));

  it('reads no lead and writes nothing, in a handful of calls', () => {
    const quiet = sweepsBetween(s, at('09:06'), at('09:31'));
    expect(quiet.length).toBeGreaterThanOrEqual(4);
    for (const r of quiet) {
      expect(r.error).toBeNull();
      expect(r.calls['Range.getValues'] ?? 0).toBe(0);
      expect(r.cellsRead + r.cellsWritten).toBe(0);
      // One properties snapshot for the owner check and the quiet check.
      expect(r.calls['Properties.getProperties']).toBe(1);
    }
    // 13 calls in all, but for the first quiet sweep of the day, which also tidies Baton's tabs.
    const total = (r: ExecutionRecord) => Object.values(r.calls).reduce((a, b) => a + b, 0);
    expect(quiet.slice(1).map(total)).toEqual(quiet.slice(1).map(() => 13));
    expect(byName(s.result(), 'Dana')['Owner']).toBe(ANA);
  });

  it('still handles rows an integration appended, at the next sweep', () => {
    s.to(at('09:32'), { at: at('09:32'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Finn'))] });
    s.to(at('09:36'));
    expect(byName(s.result(), 'Finn')['Status']).toBe('Assigned');
  });

  it('turns the SLA column to Due soon and Breached on time, with no change in the sheet', () => {
    // Dana was assigned at 09:00 with 60 business minutes: due soon from 09:48, due at 10:00.
    s.to(at('09:51'));
    expect(byName(s.result(), 'Dana')['SLA']).toBe('Due soon');
    s.to(at('10:06'));
    expect(byName(s.result(), 'Dana')['SLA']).toBe('Breached');
  });

  it('finds a cell an integration rewrote in place (no trigger) at the hourly reconcile', () => {
    // Eli's Status set to Contacted by an API write: no edit trigger fires.
    spreadsheetState(s.run.rt).userEdit('integration@acme.test', 'Leads', `${letter('Status')}3`, [['Contacted']]);
    // The reconcile comes an hour after the last whole read (here the 10:03 sweep's), at the first
    // sweep past it: within an hour and one sweep interval of the rewrite.
    s.to(at('11:11'));
    expect(byName(s.result(), 'Eli')['First Contact']).not.toBe('');
    const full = sweepsBetween(s, at('10:06'), at('11:11')).filter((r) => (r.calls['Sheet.getDataRange'] ?? 0) > 0);
    expect(full.length).toBeGreaterThanOrEqual(1);
    expect(full.length).toBeLessThanOrEqual(3);
  });
});

it('a run that stopped half-way leaves no mark: the sweeps after it read the tab again', () => {
  const s = new Steps(CONFIG, at('08:55')).to(at('09:00'), paste(at('09:00'), 2, [completeLead('Dana')]));
  s.to(at('09:11'));
  // Ana marks Dana contacted; the edit run stops at its first write (a service error).
  s.run.rt.injectFault({ method: 'Range.setValues', error: 'service', times: 1 });
  s.to(at('09:12'), { at: at('09:12'), type: 'edit', user: ANA, sheet: 'Leads', range: `${letter('Status')}2`, values: [['Contacted']] });
  expect(byName(s.result(), 'Dana')['First Contact']).toBe('');
  // Long before the hourly reconcile, a sweep (after its backoff) reads the tab and finishes the work.
  s.to(at('09:31'));
  expect(sweepsBetween(s, at('09:12'), at('09:31')).some((r) => (r.calls['Range.getValues'] ?? 0) > 0)).toBe(true);
  expect(byName(s.result(), 'Dana')['First Contact']).not.toBe('');
});

it.each(['Assigned At', 'SLA Due'])('with the %s column deleted, the SLA still turns Due soon and Breached on time (no sweep skips the tab)', (header) => {
  const s = new Steps(CONFIG, at('08:55')).to(at('09:00'), paste(at('09:00'), 2, [completeLead('Dana')]));
  s.to(at('09:10'));
  const column = spreadsheetState(s.run.rt).values('Leads')[0].indexOf(header) + 1;
  s.to(at('09:10'), { at: at('09:10'), type: 'deleteColumns', user: OWNER, sheet: 'Leads', column, count: 1 });
  // Dana was assigned at 09:00 with 60 business minutes: due soon from 09:48, due at 10:00.
  s.to(at('09:51'));
  expect(byName(s.result(), 'Dana')['SLA']).toBe('Due soon');
  s.to(at('10:06'));
  expect(byName(s.result(), 'Dana')['SLA']).toBe('Breached');
  expect(s.sent.filter((m) => m.to === ANA && m.body.includes('Dana'))).not.toHaveLength(0);
});

describe('a paste of new leads', () => {
  function pasted(second: boolean): { s: Steps; after: ExecutionRecord[] } {
    const s = new Steps(CONFIG, at('08:55')).to(at('09:00'), paste(at('09:00'), 2, [completeLead('Dana'), completeLead('Eli')]));
    s.to(at('09:20'));
    s.to(at('09:21'), paste(at('09:21'), 4, [completeLead('Gus'), completeLead('Hal')]));
    // A second paste 10 seconds later: its edit run may not mail (one mail turn a minute).
    if (second) s.to(at('09:21', '10'), paste(at('09:21', '10'), 6, [completeLead('Ida')]));
    s.to(at('09:40'));
    return { s, after: sweepsBetween(s, at('09:21'), at('09:40')) };
  }

  it('is handed over by its edit run, which sends the notices: the sweeps after it skip the tab', () => {
    const { s, after } = pasted(false);
    expect(byName(s.result(), 'Gus')['Status']).toBe('Assigned');
    // Ana heard of the first two leads at 09:00 and of Gus and Hal from the paste's own run.
    expect(s.sent.map((m) => [m.subject, m.to])).toEqual([
      ['Baton: 2 leads need you', ANA],
      ['Baton: 2 leads need you', ANA],
    ]);
    expect(s.sent[1].at).toBeGreaterThanOrEqual(Date.parse(at('09:21')));
    expect(s.sent[1].at).toBeLessThan(Date.parse(at('09:22')));
    expect(after.length).toBeGreaterThanOrEqual(3);
    expect(after.filter((r) => (r.calls['Sheet.getDataRange'] ?? 0) > 0)).toEqual([]);
  });

  it('whose notices wait for the mail turn: the next sweep reads the tab and sends them', () => {
    const { s, after } = pasted(true);
    expect(byName(s.result(), 'Ida')['Status']).toBe('Assigned');
    expect((after[0].calls['Sheet.getDataRange'] ?? 0) > 0).toBe(true);
    expect(after[0].calls['MailApp.sendEmail']).toBeGreaterThan(0);
    expect(s.sent.map((m) => m.subject)).toContain('Baton: New lead for you: Ida');
    expect(s.sent.find((m) => m.subject.endsWith('Ida'))!.at).toBeGreaterThanOrEqual(after[0].at);
    expect(after.slice(1).filter((r) => (r.calls['Sheet.getDataRange'] ?? 0) > 0)).toEqual([]);
  });
});
