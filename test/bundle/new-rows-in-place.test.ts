/**
 * Rows added below the tab, planned alone (issue 16; src/core/new-rows-in-place.ts,
 * src/gas/new-rows-in-place.ts): when a sweep's only news is rows an integration appended, it reads
 * and plans those rows, with the mark's last row, instead of the whole tab.
 * - Its cost follows the rows added: no whole-tab read, the same calls and cells at any size.
 * - It decides what the full run decides: the same appends run this way and with the mark taken
 *   away before each sweep (the full way) leave the same sheet, log, Baton State and mail, with
 *   capacity counted from the mark (an owner at capacity gets none).
 * - A new row with the mailbox or phone of a lead Baton knows (live, closed) takes the full path.
 * - Rows moved (a sort, an insert, a deletion) at any call of the run leave every value on its own lead.
 */
import type { ExecutionRecord } from '../../emulator/runtime';
import { propertiesState } from '../../emulator/services/properties';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_HEADERS } from '../../src/core/headers';
import { ANA, at, completeLead, edit, leadRows, logRows, paste, wholeRow, type Row } from '../support/leads';
import { BEN, pairTeam } from '../support/pair-team';
import { Steps } from '../support/steps';
import { outcome, readTheTab, sweepTo } from '../support/ways';

const H = [...LEAD_HEADERS];
// 62 minutes: the new leads' instants fall between sweeps (each way starts its clock a few calls apart).
// Ana is at capacity once the first leads are hers: the new ones must go to Ben.
const CONFIG = pairTeam(62, {
  team: [
    { email: ANA, name: 'Ana', capacity: 3 },
    { email: BEN, name: 'Ben', capacity: 1000 },
  ],
  alerts: { ownerBreachEmails: true, failureEmails: true, dueSoonEmails: true },
});

/** `n` leads handed over by 09:10, and the sweeps after, which leave the mark. */
function settled(n: number): Steps {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, Array.from({ length: n }, (_, i) => completeLead(`Lead ${String(i + 1).padStart(3, '0')}`, { Email: `lead${i + 1}@example.com` }))));
  s.to(at('09:11'));
  return s;
}

/** An integration appending `leads` below the tab (no trigger fires). */
const append = (time: string, leads: Record<string, unknown>[]) => ({ at: time, type: 'append', via: 'api', sheet: 'Leads', rows: leads.map((l) => wholeRow(l as never)) });

/** The kinds of rows an integration sends: complete, incomplete, a pair of the same person, one without consent, an empty row. */
const ARRIVALS = [
  completeLead('Nia', { Email: 'nia@example.com' }),
  completeLead('Oto', { Email: 'oto@example.com', Interest: '' }),
  completeLead('Pia', { Email: 'pia@example.com' }),
  completeLead('Pia again', { Email: 'pia@example.com' }),
  {},
  completeLead('Quin', { Email: 'quin@example.com', Consent: 'No' }),
];

/**
 * The outcome with what only chance and the clock make differ between the two ways put aside: new
 * leads' random Lead IDs (named by their order in the tab instead) and the seconds of the instant a
 * sweep ran (each way makes its own number of calls before it, and the emulator's clock counts them).
 */
function comparable(s: Steps): unknown {
  const r = s.result();
  const names = new Map(leadRows(r).map((row, i) => [String(row['Lead ID']), `lead#${i + 1}`]));
  const text = JSON.stringify(outcome(r))
    .replace(/L-[2-9A-HJ-NP-Z]{6}/g, (id) => names.get(id) ?? id)
    .replace(/(\d{4}-\d\d-\d\dT\d\d:\d\d):\d\d\.\d{3}Z/g, '$1')
    .replace(/\b1\d{12}\b/g, (ms) => String(Math.floor(Number(ms) / 60_000)));
  const parsed = JSON.parse(text) as { state: string[][] };
  parsed.state.sort((a, b) => a[0].localeCompare(b[0]));
  return parsed;
}

function twins(leads: number, arrivals: Record<string, unknown>[], time = at('09:22')): { fast: Steps; full: Steps; fastRuns: ExecutionRecord[]; fullRuns: ExecutionRecord[] } {
  const fast = settled(leads);
  const full = settled(leads);
  for (const s of [fast, full]) {
    sweepTo(s, at('09:20'), s === full);
    s.to(time, append(time, arrivals));
  }
  const fastRuns = sweepTo(fast, at('09:31'), false);
  const fullRuns = sweepTo(full, at('09:31'), true);
  return { fast, full, fastRuns, fullRuns };
}

describe('rows an integration appends', () => {
  it('are planned alone, with no whole-tab read, and decide what the full run decides', () => {
    const { fast, full, fastRuns } = twins(6, ARRIVALS);
    expect(fastRuns.map((r) => r.error).filter(Boolean)).toEqual([]);
    const wrote = fastRuns.filter((r) => r.cellsWritten > 0);
    expect(wrote).toHaveLength(1);
    expect(readTheTab(wrote[0])).toBe(false);
    expect(wrote[0].calls['TextFinder.findNext']).toBe(1);
    const rows = leadRows(fast.result());
    const by = (name: string) => rows.find((r) => r['Name'] === name) as Row;
    expect(by('Nia')['Status']).toBe('Assigned');
    // Ana holds three open leads (her capacity): every new one is Ben's.
    expect(rows.filter((r) => r['Owner'] === ANA)).toHaveLength(3);
    expect(by('Nia')['Owner']).toBe(BEN);
    expect(by('Oto')['Status']).toBe('Needs info');
    expect(by('Pia again')['Status']).toBe('Duplicate');
    expect(by('Quin')['Status']).toBe('Ineligible');
    expect(comparable(fast)).toEqual(comparable(full));
    // An hour later, their SLA instants come and go the same both ways.
    sweepTo(fast, at('10:40'), false);
    sweepTo(full, at('10:40'), true);
    expect(comparable(fast)).toEqual(comparable(full));
  });

  it('by a form are planned alone by the form-submit run, and decide what the full run decides', () => {
    const fast = settled(6);
    const full = settled(6);
    const runs = [fast, full].map((s) => {
      sweepTo(s, at('09:20'), s === full);
      if (s === full) propertiesState(s.run.rt).document.delete('baton.sweepMark');
      const from = s.run.rt.records.length;
      s.to(at('09:22'), { ...append(at('09:22'), [completeLead('Nia', { Email: 'nia@example.com' })]), via: 'form' });
      return s.run.rt.records.slice(from).find((r) => r.function === 'batonOnFormSubmit')!;
    });
    expect(runs.map((r) => r.error)).toEqual([null, null]);
    expect(runs.map(readTheTab)).toEqual([false, true]);
    expect(leadRows(fast.result()).find((r) => r['Name'] === 'Nia')!['Status']).toBe('Assigned');
    expect(comparable(fast)).toEqual(comparable(full));
    sweepTo(fast, at('10:40'), false);
    sweepTo(full, at('10:40'), true);
    expect(comparable(fast)).toEqual(comparable(full));
  });

  it('cost the same at 12 leads and at 400, and fewer calls than the full run', () => {
    const total = (r: ExecutionRecord) => Object.values(r.calls).reduce((a, b) => a + b, 0);
    const wrote = (runs: ExecutionRecord[]) => runs.find((r) => r.cellsWritten > 0)!;
    const [small, large] = [12, 400].map((n) => twins(n, ARRIVALS.slice(0, 3)));
    const runs = [wrote(small.fastRuns), wrote(large.fastRuns)];
    expect(runs.map(readTheTab)).toEqual([false, false]);
    expect(total(runs[1])).toBe(total(runs[0]));
    expect(runs[1].cellsRead).toBe(runs[0].cellsRead);
    // The full run reads the whole tab, twice: 400 leads' cells, where this reads the new rows'.
    expect(wrote(large.fullRuns).cellsRead).toBeGreaterThan(400 * H.length);
    expect(runs[1].cellsRead).toBeLessThan(20 * H.length);
    expect(total(runs[0])).toBeLessThan(total(wrote(small.fullRuns)));
  });

  it.each([
    ['a live lead\'s mailbox', completeLead('Again', { Email: 'lead2@example.com' })],
    ['a live lead\'s mailbox, in capitals', completeLead('Again', { Email: 'LEAD3@EXAMPLE.COM' })],
  ])('with %s take the full path, and decide the same', (_, arrival) => {
    const { fast, full, fastRuns } = twins(6, [completeLead('Nia', { Email: 'nia@example.com' }), arrival]);
    const wrote = fastRuns.filter((r) => r.cellsWritten > 0);
    expect(wrote.length).toBeGreaterThan(0);
    expect(readTheTab(wrote[0])).toBe(true);
    expect(leadRows(fast.result()).find((r) => r['Name'] === 'Again')!['Status']).toBe('Duplicate');
    expect(comparable(fast)).toEqual(comparable(full));
  });

  it('of a contact whose lead was Won takes the full path: a returning contact, routed to its former owner', () => {
    const fast = settled(6);
    const full = settled(6);
    for (const s of [fast, full]) {
      sweepTo(s, at('09:15'), s === full);
      const row = leadRows(s.result()).findIndex((r) => r['Name'] === 'Lead 002') + 2;
      const owner = String(leadRows(s.result())[row - 2]['Owner']);
      s.to(at('09:16'), edit(at('09:16'), 'Status', row, 'Won', owner));
      sweepTo(s, at('09:20'), s === full);
      s.to(at('09:22'), append(at('09:22'), [completeLead('Back', { Email: 'lead2@example.com' })]));
    }
    const runs = sweepTo(fast, at('09:31'), false);
    sweepTo(full, at('09:31'), true);
    expect(readTheTab(runs.find((r) => r.cellsWritten > 0)!)).toBe(true);
    expect(String(leadRows(fast.result()).find((r) => r['Name'] === 'Back')!['Problems'])).toMatch(/Returning contact/);
    expect(comparable(fast)).toEqual(comparable(full));
  });
});

describe('rows people add below the tab', () => {
  /** The edit's own run in each way: its edit made at `time` (with the mark taken away first for the full way), then the sweeps to 09:31. */
  function editTwins(leads: number, event: (s: Steps) => unknown, time = at('09:22')) {
    const fast = settled(leads);
    const full = settled(leads);
    const runs = [fast, full].map((s) => {
      sweepTo(s, at('09:20'), s === full);
      if (s === full) propertiesState(s.run.rt).document.delete('baton.sweepMark');
      const from = s.run.rt.records.length;
      s.to(time, event(s));
      return s.run.rt.records.slice(from).filter((r) => r.function === 'batonOnEdit');
    });
    const sweeps = [sweepTo(fast, at('09:31'), false), sweepTo(full, at('09:31'), true)];
    return { fast, full, fastRun: runs[0][runs[0].length - 1], fullRun: runs[1][runs[1].length - 1], sweeps };
  }
  const below = (s: Steps) => leadRows(s.result()).length + 2;

  it('pasted: the paste’s own run plans them alone, names the paster, and decides what the full run decides', () => {
    const { fast, full, fastRun, fullRun, sweeps } = editTwins(6, (s) => paste(at('09:22'), below(s), ARRIVALS.filter((l) => Object.keys(l).length)));
    expect([fastRun.error, fullRun.error]).toEqual([null, null]);
    expect([readTheTab(fastRun), readTheTab(fullRun)]).toEqual([false, true]);
    expect(fastRun.calls['TextFinder.findNext']).toBe(1);
    const rows = leadRows(fast.result());
    const by = (name: string) => rows.find((r) => r['Name'] === name) as Row;
    expect([by('Nia')['Status'], by('Nia')['Owner']]).toEqual(['Assigned', BEN]);
    expect(by('Pia again')['Status']).toBe('Duplicate');
    const created = logRows(fast.result()).filter((e) => e['Event'] === 'created' && e['Lead ID'] === by('Nia')['Lead ID']);
    expect(created.map((e) => e['Actor'])).toEqual([ANA]);
    expect(comparable(fast)).toEqual(comparable(full));
    // The paste's journal entry is settled by its run: the sweeps after it skip the tab.
    expect(sweeps[0].filter((r) => r.cellsRead > 0 && readTheTab(r))).toEqual([]);
    sweepTo(fast, at('10:40'), false);
    sweepTo(full, at('10:40'), true);
    expect(comparable(fast)).toEqual(comparable(full));
  });

  it('typed: the first cell of a new row is planned alone, and the lead ends as the full run leaves it', () => {
    const cells: [Parameters<typeof edit>[1], string][] = [['Name', 'Ria'], ['Email', 'ria@example.com'], ['Interest', 'Solar'], ['Source', 'Web'], ['Location', 'North'], ['Consent', 'Yes']];
    const { fast, full, fastRun, fullRun } = editTwins(6, (s) => edit(at('09:22'), cells[0][0], below(s), cells[0][1]));
    expect([readTheTab(fastRun), readTheTab(fullRun)]).toEqual([false, true]);
    const ria = () => leadRows(fast.result()).find((r) => r['Name'] === 'Ria') as Row;
    expect(ria()['Status']).toBe('Needs info');
    expect(logRows(fast.result()).filter((e) => e['Lead ID'] === ria()['Lead ID'] && e['Event'] === 'created').map((e) => e['Actor'])).toEqual([ANA]);
    for (const [i, [header, value]] of cells.slice(1).entries()) {
      const time = at(`09:3${i + 2}`);
      for (const s of [fast, full]) {
        const row = leadRows(s.result()).findIndex((r) => r['Name'] === 'Ria') + 2;
        s.to(time, edit(time, header, row, value));
      }
    }
    expect([ria()['Status'], ria()['Owner']]).toEqual(['Assigned', BEN]);
    expect(comparable(fast)).toEqual(comparable(full));
  });

  it('with a Status typed take the full path; below an empty row, they end as the full run leaves them', () => {
    const typed = editTwins(6, (s) => ({ ...paste(at('09:22'), below(s), [completeLead('Sol', { Email: 'sol@example.com' })]), range: `A${below(s)}:N${below(s)}`, values: [[...wholeRow(completeLead('Sol', { Email: 'sol@example.com' })).slice(0, 13), 'New']] }));
    expect(readTheTab(typed.fastRun)).toBe(true);
    expect(comparable(typed.fast)).toEqual(comparable(typed.full));
    const gap = editTwins(6, (s) => paste(at('09:22'), below(s) + 1, [completeLead('Tam', { Email: 'tam@example.com' })]));
    expect(leadRows(gap.fast.result()).find((r) => r['Name'] === 'Tam')!['Status']).toBe('Assigned');
    expect(comparable(gap.fast)).toEqual(comparable(gap.full));
  });

  it('pasted: the paste’s run costs the same at 12 leads and at 400', () => {
    const total = (r: ExecutionRecord) => Object.values(r.calls).reduce((a, b) => a + b, 0);
    const [small, large] = [12, 400].map((n) => editTwins(n, (s) => paste(at('09:22'), below(s), ARRIVALS.slice(0, 3))));
    expect([readTheTab(small.fastRun), readTheTab(large.fastRun)]).toEqual([false, false]);
    expect(total(large.fastRun)).toBe(total(small.fastRun));
    expect(large.fastRun.cellsRead).toBe(small.fastRun.cellsRead);
    expect(large.fullRun.cellsRead).toBeGreaterThan(400 * H.length);
  });
});

describe('rows moved at any call of the run', () => {
  const LEADS = 6;
  const now = (s: Steps) => new Date(s.run.rt.now()).toISOString();
  const moves: [string, (s: Steps) => void][] = [
    ['a sort', (s) => s.run.apply({ at: now(s), type: 'sort', user: ANA, sheet: 'Leads', column: 'Name', ascending: false } as never)],
    ['a sort by e-mail', (s) => s.run.apply({ at: now(s), type: 'sort', user: ANA, sheet: 'Leads', column: 'Email', ascending: true } as never)],
    ['a row inserted above', (s) => s.run.apply({ at: now(s), type: 'insertRows', user: ANA, sheet: 'Leads', row: 3 } as never)],
    ['a lead\'s row deleted', (s) => s.run.apply({ at: now(s), type: 'deleteRows', user: ANA, sheet: 'Leads', row: 4 } as never)],
  ];

  /** The sweep's calls under the lock when nothing interferes: the positions a move is slipped in at. */
  function lockedCalls(): number[] {
    const s = settled(LEADS);
    sweepTo(s, at('09:20'), false);
    s.to(at('09:22'), append(at('09:22'), ARRIVALS.slice(0, 4)));
    const methods: string[] = [];
    const stop = s.run.rt.onCall(({ execution, method }) => {
      if (execution.spec.functionName === 'batonSweep') methods.push(method);
    });
    const runs = sweepTo(s, at('09:26'), false);
    stop();
    expect(runs.filter((r) => r.cellsWritten > 0).map(readTheTab)).toEqual([false]);
    const locked = methods.indexOf('Lock.tryLock') + 2;
    return Array.from({ length: methods.length - locked + 1 }, (_, i) => locked + i);
  }

  const positions = lockedCalls();
  it.each(moves)('%s: every value on its own lead, and every new row handed over once', (what, move) => {
    for (const k of positions) {
      const s = settled(LEADS);
      sweepTo(s, at('09:20'), false);
      const before = new Map(leadRows(s.result()).map((r) => [r['Name'], r]));
      s.to(at('09:22'), append(at('09:22'), ARRIVALS.slice(0, 4)));
      let fired = false;
      const stop = s.run.rt.onCall(({ execution, index }) => {
        if (execution.spec.functionName === 'batonSweep' && index === k && !fired) {
          fired = true;
          move(s);
        }
      });
      sweepTo(s, at('09:26'), false);
      stop();
      sweepTo(s, at('10:05'), false);
      const context = `${what} at call ${k}`;
      const after = leadRows(s.result());
      for (const row of after) {
        const was = before.get(row['Name']) as Row | undefined;
        if (!was) continue;
        // The leads handed over before: every column as it was, but the SLA their clock moves on.
        const keep = Object.keys(was).filter((h) => h !== 'SLA');
        expect([context, Object.fromEntries(keep.map((h) => [h, row[h]]))]).toEqual([context, Object.fromEntries(keep.map((h) => [h, was[h]]))]);
      }
      // Each new lead once, with an ID of its own, in the state the plan gives it.
      const fresh = after.filter((r) => !before.has(r['Name']));
      expect([context, fresh.map((r) => r['Name']).sort()]).toEqual([context, ['Nia', 'Oto', 'Pia', 'Pia again']]);
      const ids = after.map((r) => r['Lead ID']);
      expect([context, new Set(ids).size]).toEqual([context, ids.length]);
      expect([context, fresh.map((r) => r['Status']).sort()]).toEqual([context, ['Assigned', 'Assigned', 'Duplicate', 'Needs info']]);
      const state = spreadsheetState(s.run.rt).values('Baton State').slice(1).filter((r) => r[0] !== '');
      expect([context, state.length]).toEqual([context, after.length]);
    }
  });
});
