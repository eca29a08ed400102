/**
 * A run that stops on a platform error (RECOVERY.md): the failure queue names the kind, the log
 * says it once, nothing is lost, and the next run that succeeds resolves the row.
 */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { lockState } from '../../emulator/services/lock';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_HEADERS } from '../../src/core/headers';
import { completeLead, leadRows, logRows, wholeRow } from '../support/leads';
import { builtProject, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const CONFIG = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
const ms = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00-05:00`);

function started(): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: CONFIG, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
  run.install();
  run.fireClockUntil(ms('08:59'));
  run.rt.clock.set(ms('09:00'));
  run.apply({ at: '2026-03-02T09:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo'))] } as never);
  return run;
}

const failureRows = (r: ScenarioResult) =>
  r.sheets['Baton Failures'].slice(1).filter((f) => f[1] === 'run').map((f) => ({ kind: f[2], message: String(f[3]), state: f[7] }));

describe.each([
  ['service error', { method: 'Range.setValues', error: 'service' }],
  ['quota', { method: 'Range.getValues', error: 'quota' }],
  ['permission', { method: 'Range.setValues', error: 'permission' }],
  ['timeout', { method: 'Range.setValues', error: 'timeout' }],
])('a sweep that stops on a %s', (kind, fault) => {
  const run = started();
  run.rt.injectFault({ ...fault, times: 1 });
  run.fireClockUntil(ms('09:04'));
  const during = run.result();
  run.fireClockUntil(ms('09:30'));
  const after = run.result();

  it('opens one failure row of that kind and logs it once, without an execution error', () => {
    expect(during.executions.filter((e) => e.error !== null)).toEqual([]);
    expect(failureRows(during)).toEqual([expect.objectContaining({ kind, state: 'open' })]);
    expect(logRows(during).filter((l) => l['Event'] === 'failed' && String(l['Reason']).includes('The sweep'))).toHaveLength(1);
  });

  it('tells the managers once, in their next digest', () => {
    const told = after.emails.filter((m) => m.to === 'maria@acme.test' && m.body.includes('A handoff failed') && m.body.includes('The sweep'));
    expect(told).toHaveLength(1);
  });

  it('is resolved by the next run, which finishes the work', () => {
    expect(failureRows(after)).toEqual([expect.objectContaining({ kind, state: 'resolved' })]);
    expect(leadRows(after).map((l) => l['Status'])).toEqual(['Assigned', 'Assigned']);
    expect(logRows(after).filter((l) => l['Event'] === 'assigned')).toHaveLength(2);
  });
});

describe('a sweep that cannot get the lock', () => {
  const run = started();
  lockState(run.rt).hold('script');
  run.fireClockUntil(ms('09:04'));
  const during = run.result();
  lockState(run.rt).release('script');
  run.fireClockUntil(ms('09:30'));
  const after = run.result();

  it('opens a lock timeout row while it lasts, then the next sweep resolves it and does the work', () => {
    expect(failureRows(during)).toEqual([expect.objectContaining({ kind: 'lock timeout', state: 'open' })]);
    expect(leadRows(during).every((l) => l['Lead ID'] === '')).toBe(true);
    expect(failureRows(after)).toEqual([expect.objectContaining({ kind: 'lock timeout', state: 'resolved' })]);
    expect(leadRows(after).map((l) => l['Status'])).toEqual(['Assigned', 'Assigned']);
  });
});

describe('sweeps that keep stopping', () => {
  // Every run fails from 09:00 to about 10:00 (a long outage of a service the handoff needs), then works again.
  const run = started();
  run.rt.injectFault({ method: 'Utilities.getUuid', error: 'service', times: 1000 });
  run.fireClockUntil(ms('10:00'));
  run.rt.clearFaults();
  const during = run.result();
  run.fireClockUntil(ms('12:00'));
  const after = run.result();
  const sweeps = (r: ScenarioResult) => r.executions.filter((e) => e.function === 'batonSweep' && Date.parse(e.at) >= ms('09:00'));
  const tried = (r: ScenarioResult) => sweeps(r).filter((e) => (e.calls['Utilities.getUuid'] ?? 0) > 0);

  it('back off: the interval, doubling, at most an hour, with Attempts and Next Retry kept on the row', () => {
    // Sweeps fire every 5 minutes, but only some try: 5, 10, 20, 40 minutes apart.
    expect(sweeps(during).length).toBeGreaterThanOrEqual(11);
    const starts = tried(during).map((e) => Math.round((Date.parse(e.at) - Date.parse(tried(during)[0].at)) / 60_000));
    expect(starts).toEqual([0, 5, 15, 35]);
    const row = during.sheets['Baton Failures'].slice(1).find((f) => f[1] === 'run')!;
    expect(row[5]).toBe(4);
    // Next Retry: 40 minutes after the fourth attempt, give or take the minute it allows for the clock.
    expect(Date.parse(String(row[6])) - Date.parse(tried(during)[3].at)).toBeGreaterThanOrEqual(39 * 60_000);
  });

  it('once the outage is over, the next due sweep does the work and sweeps run every time again', () => {
    expect(failureRows(after)).toEqual([expect.objectContaining({ kind: 'service error', state: 'resolved' })]);
    expect(leadRows(after).map((l) => l['Status'])).toEqual(['Assigned', 'Assigned']);
    // No sweep waits any more: each plans the sheet, or plans the rows of leads whose SLA instant
    // came (it reads rows and writes), or finds nothing changed before taking the lock (a quiet
    // sweep, issue 16); one waiting out a backoff takes the lock and reads and plans nothing.
    const late = sweeps(after).filter((e) => Date.parse(e.at) >= ms('11:00'));
    expect(late.length).toBeGreaterThanOrEqual(11);
    const planned = (e: (typeof late)[number]) => (e.calls['Utilities.getUuid'] ?? 0) > 0 || ((e.calls['Range.getValues'] ?? 0) > 0 && (e.calls['Range.setValues'] ?? 0) > 0);
    expect(late.every((e) => planned(e) || (e.calls['Lock.tryLock'] ?? 0) === 0)).toBe(true);
  });
});

describe('a run that stopped, then a column moved before the next one', () => {
  it('is finished with each write in its column found again by header text', () => {
    const run = started();
    // The sweep records its intent, writes the first column block, then stops.
    run.rt.injectFault({ method: 'Range.setValues', error: 'service', after: 2, times: 1 });
    run.fireClockUntil(ms('09:04'));
    // Someone inserts a column at A: every Baton column moves one to the right.
    const doc = spreadsheetState(run.rt);
    doc.insertColumns(doc.sheetByName('Leads')!, 1, 1);
    run.fireClockUntil(ms('09:30'));
    const r = run.result();
    const [header, ...rows] = r.sheets['Leads'];
    expect(header[0]).toBe('');
    expect(header[1]).toBe('Lead ID');
    const status = header.indexOf('Status');
    const owner = header.indexOf('Owner');
    const data = rows.filter((x) => x.some((v) => v !== ''));
    expect(data.map((x) => [x[status], x[owner] !== ''])).toEqual([
      ['Assigned', true],
      ['Assigned', true],
    ]);
    // Nothing landed in the inserted column or in a person's column.
    expect(data.every((x) => x[0] === '')).toBe(true);
    const col = (h: string) => header.indexOf(h);
    expect(data.map((x) => [x[col('Name')], x[col('Customer Type')], x[col('Deal Size')], x[col('Campaign')]])).toEqual([
      ['Ann', 'Home', 5000, 'Spring'],
      ['Bo', 'Home', 5000, 'Spring'],
    ]);
    expect(data.every((x) => /^L-/.test(String(x[col('Lead ID')])))).toBe(true);
    // The stopped run's work was finished, not redone: each lead was assigned (and logged) once.
    const assigned = logRows(r).filter((l) => l['Event'] === 'assigned');
    expect(assigned.map((l) => l['Lead ID']).sort()).toEqual(data.map((x) => x[col('Lead ID')]).sort());
    expect(r.executions.filter((e) => e.error !== null)).toEqual([]);
  });
});

describe('a very slow spreadsheet (each call takes seconds)', () => {
  it('stops runs before the 6-minute limit and finishes the work over the next runs', () => {
    const run = started();
    // 6 s a call: a full run would pass the 6-minute limit.
    run.rt.options.callCostMs.default = 6000;
    run.fireClockUntil(ms('10:30'));
    const r = run.result();
    const sweeps = r.executions.filter((e) => e.function === 'batonSweep' && Date.parse(e.at) >= ms('09:00'));
    expect(sweeps.some((e) => e.ms > 4 * 60_000)).toBe(true);
    expect(sweeps.map((e) => e.ms).filter((m) => m >= 6 * 60_000)).toEqual([]);
    expect(r.executions.filter((e) => e.error !== null)).toEqual([]);
    expect(leadRows(r).map((l) => l['Status'])).toEqual(['Assigned', 'Assigned']);
    expect(logRows(r).filter((l) => l['Event'] === 'assigned')).toHaveLength(2);
    expect(r.sheets['Baton Failures'].slice(1).filter((f) => f[7] === 'open')).toEqual([]);
  });
});
