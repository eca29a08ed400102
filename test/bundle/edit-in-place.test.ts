/**
 * The edit run on one lead (issue 16; src/core/edit-in-place.ts, src/gas/edit-in-place.ts): an
 * edit that can change nothing but its own row is read, planned and written on that row alone.
 * - Its cost does not grow with the tab: the same calls and cells at 12 leads and at 600.
 * - It decides what the full run decides: each edit below, run once on this path and once with the
 *   quiet-sweep mark taken away (which sends it the full way), leaves the same sheet, log, state and
 *   mail, then and after an hour of sweeps.
 * - Edits that can reach other leads (identity, contacts, owner, a closing status, a lead another
 *   decision links) take the full path.
 * - Rows or columns moved at any call of the run under the lock never leave a value on the wrong lead.
 */
import type { ExecutionRecord } from '../../emulator/runtime';
import type { ScenarioResult } from '../../emulator/scenario';
import { propertiesState } from '../../emulator/services/properties';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_HEADERS } from '../../src/core/headers';
import { ANA, at, completeLead, leadRows, logRows, paste, type Row } from '../support/leads';
import { OWNER } from '../support/scenario';
import { BEN, pairTeam } from '../support/pair-team';
import { Steps } from '../support/steps';
import { outcome as sameOutcome } from '../support/ways';

const H = [...LEAD_HEADERS];
const MARK = 'baton.sweepMark';

// No SLA turns during the tests' hours: what changes is what the edits change. Maria is on the team too.
const CONFIG = pairTeam(2400, { team: [...(pairTeam(0).team as object[]), { email: OWNER, name: 'Maria', capacity: 1000 }] });

const names = (n: number) => Array.from({ length: n }, (_, i) => `Lead ${String(i + 1).padStart(3, '0')}`);

/** `n` leads pasted at 09:00 and handed over by 09:11, with the mark of a full run that owes nothing. */
function settled(n: number): Steps {
  const s = new Steps(CONFIG, at('08:55'));
  spreadsheetState(s.run.rt).userEdit(OWNER, 'Leads', `${String.fromCharCode(65 + H.length)}1`, [['Notes']]);
  s.to(at('09:00'), paste(at('09:00'), 2, names(n).map((name, i) => completeLead(name, { Email: `lead${i}@example.com` }))));
  s.to(at('09:11'));
  return s;
}

function values(s: Steps): unknown[][] {
  return spreadsheetState(s.run.rt).values('Leads');
}
function rowOf(s: Steps, name: string): number {
  const v = values(s);
  return v.findIndex((r) => r[v[0].indexOf('Name')] === name) + 1;
}
function cell(s: Steps, name: string, header: string): unknown {
  const v = values(s);
  return v[rowOf(s, name) - 1][v[0].indexOf(header)];
}
function letterOf(s: Steps, header: string): string {
  return String.fromCharCode(65 + values(s)[0].indexOf(header));
}

/** Runs whose edits go the full way: the mark is taken away before each. */
const fullWay = new WeakSet<Steps>();

/** `user` types `value` into the lead's cell under `header`; the installable edit run's record. */
function type(s: Steps, user: string, name: string, header: string, value: string | number): ExecutionRecord {
  if (fullWay.has(s)) propertiesState(s.run.rt).document.delete(MARK);
  const from = s.run.rt.records.length;
  s.run.apply({ at: new Date(s.run.rt.now()).toISOString(), type: 'edit', user, sheet: 'Leads', range: `${letterOf(s, header)}${rowOf(s, name)}`, values: [[value]] } as never);
  const run = s.run.rt.records.slice(from).find((r) => r.function === 'batonOnEdit');
  if (!run) throw new Error('no installable edit run');
  return run;
}

/** Whether an edit run read the whole Leads tab (the full path) rather than its row. */
const readTheTab = (r: ExecutionRecord, s: Steps) => r.cellsRead >= values(s).length * values(s)[0].length;

function ownerOf(s: Steps, name: string): string {
  return String(cell(s, name, 'Owner'));
}

describe('cost', () => {
  it('is the same at 12 leads and at 600: a few rows read, no whole tab', () => {
    const measured = [12, 600].map((n) => {
      const s = settled(n);
      expect(propertiesState(s.run.rt).document.get(MARK)).toBeTruthy();
      const r = type(s, ownerOf(s, 'Lead 007'), 'Lead 007', 'Status', 'Contacted');
      expect(r.error).toBeNull();
      expect(cell(s, 'Lead 007', 'First Contact')).not.toBe('');
      expect(cell(s, 'Lead 007', 'SLA')).toBe('Met');
      return r;
    });
    expect(measured[1].calls).toEqual(measured[0].calls);
    expect(measured[1].cellsRead).toBe(measured[0].cellsRead);
    expect(measured[1].cellsWritten).toBe(measured[0].cellsWritten);
    // The header and the row, twice each (read, then checked after the writes), and the lead's State row.
    expect(measured[1].cellsRead).toBeLessThan(200);
  });
});

/** Both ways of running one edit: this path, and the full path (the mark taken away first). */
function twins(edit: (s: Steps) => ExecutionRecord): { fast: Steps; full: Steps; fastRun: ExecutionRecord; fullRun: ExecutionRecord } {
  const fast = settled(12);
  const full = settled(12);
  fast.to(at('09:20'));
  full.to(at('09:20'));
  fullWay.add(full);
  return { fast, full, fastRun: edit(fast), fullRun: edit(full) };
}

/** What a run leaves that people and the next runs see: the Leads tab, the log, Baton's record of each lead, the mail. */
/** The two ways' outcome (test/support/ways.ts), with the editor's toasts and the tab's formulas. */
function outcome(r: ScenarioResult): unknown {
  // When each toast showed depends on how long the runs took (the emulator's clock moves with each call).
  const toasts = r.toasts.map(({ at: _, ...toast }) => toast);
  return { ...(sameOutcome(r) as object), toasts, formulas: r.formulas['Leads'] ?? {} };
}

describe('decides what the full run decides', () => {
  const cases: [string, (s: Steps) => ExecutionRecord][] = [
    ['the owner marks the lead Contacted', (s) => type(s, ownerOf(s, 'Lead 003'), 'Lead 003', 'Status', 'Contacted')],
    ['the owner sets a Contacted lead back to Assigned', (s) => (type(s, ownerOf(s, 'Lead 003'), 'Lead 003', 'Status', 'Contacted'), type(s, ownerOf(s, 'Lead 003'), 'Lead 003', 'Status', 'Assigned'))],
    ['someone else marks it Contacted', (s) => type(s, ownerOf(s, 'Lead 004') === ANA ? BEN : ANA, 'Lead 004', 'Status', 'Contacted')],
    ['a manager marks it Contacted', (s) => type(s, OWNER, 'Lead 005', 'Status', 'Contacted')],
    ['the owner types an Interest the config does not know', (s) => type(s, ownerOf(s, 'Lead 006'), 'Lead 006', 'Interest', 'Wind')],
    ['the owner clears Source (a mandatory field)', (s) => type(s, ownerOf(s, 'Lead 006'), 'Lead 006', 'Source', '')],
    ['the owner types a note', (s) => type(s, ownerOf(s, 'Lead 007'), 'Lead 007', 'Notes', '=HYPERLINK("x") called, no answer')],
    ['the owner changes the Name', (s) => type(s, ownerOf(s, 'Lead 008'), 'Lead 008', 'Name', 'Lead 008 Jr')],
    ['someone types the SLA column', (s) => type(s, ANA, 'Lead 009', 'SLA', 'Met')],
    ['someone types Problems', (s) => type(s, BEN, 'Lead 010', 'Problems', 'none')],
    ['someone clears Assigned At', (s) => type(s, BEN, 'Lead 010', 'Assigned At', '')],
  ];
  it.each(cases)('%s: the same sheet, log, state, mail and toasts, then and an hour later', (_, edit) => {
    const { fast, full, fastRun, fullRun } = twins(edit);
    expect(fastRun.error).toBeNull();
    expect(readTheTab(fastRun, fast)).toBe(false);
    expect(readTheTab(fullRun, full)).toBe(true);
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
    fast.to(at('10:30'));
    full.to(at('10:30'));
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
  });
});

describe('edits that can reach other leads take the full path', () => {
  const cases: [string, (s: Steps) => ExecutionRecord][] = [
    ['an e-mail address', (s) => type(s, ownerOf(s, 'Lead 003'), 'Lead 003', 'Email', 'lead4@example.com')],
    ['a phone', (s) => type(s, ownerOf(s, 'Lead 003'), 'Lead 003', 'Phone', '212 555 0101')],
    ['an owner', (s) => type(s, OWNER, 'Lead 003', 'Owner', BEN)],
    ['a closing status', (s) => type(s, ownerOf(s, 'Lead 003'), 'Lead 003', 'Status', 'Won')],
    ['a status Baton does not know', (s) => type(s, ownerOf(s, 'Lead 003'), 'Lead 003', 'Status', 'Calling')],
    ['the Lead ID', (s) => type(s, ANA, 'Lead 003', 'Lead ID', '')],
    ['Created', (s) => type(s, ANA, 'Lead 003', 'Created', '2026-03-01')],
  ];
  it.each(cases)('%s', (_, edit) => {
    const { fast, full, fastRun } = twins(edit);
    expect(fastRun.error).toBeNull();
    expect(readTheTab(fastRun, fast)).toBe(true);
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
  });

  it('a lead that is not worked yet (a Duplicate), and a second edit while the first waits', () => {
    const s = settled(12);
    s.to(at('09:20'), paste(at('09:20'), 14, [completeLead('Again', { Email: 'lead2@example.com' })]));
    s.to(at('09:25'));
    expect(cell(s, 'Again', 'Status')).toBe('Duplicate');
    expect(readTheTab(type(s, OWNER, 'Again', 'Interest', 'Battery'), s)).toBe(true);
    // An edit whose journal entry is left for another run: the next edit of another lead goes the full way.
    propertiesState(s.run.rt).document.set('baton.edit.1.x', JSON.stringify({ sheet: 'Leads', user: BEN, at: s.run.rt.now(), bulk: false, rows: [{ id: String(cell(s, 'Lead 002', 'Lead ID')), print: '', cells: [['Status', 'Contacted']] }] }));
    s.to(at('09:26'));
    expect(readTheTab(type(s, ownerOf(s, 'Lead 009'), 'Lead 009', 'Status', 'Contacted'), s)).toBe(true);
  });

  it('leaves rows an integration appended meanwhile to the next sweep, which hands them over', () => {
    const s = settled(12);
    s.to(at('09:20'), { at: at('09:20'), type: 'append', via: 'api', sheet: 'Leads', rows: [H.map((h) => completeLead('Late', { Email: 'late@example.com' })[h as keyof ReturnType<typeof completeLead>] ?? '')] });
    expect(readTheTab(type(s, ownerOf(s, 'Lead 003'), 'Lead 003', 'Status', 'Contacted'), s)).toBe(false);
    s.to(at('09:26'));
    expect(cell(s, 'Late', 'Status')).toBe('Assigned');
  });
});

describe('a lead being typed in (New, Needs info)', () => {
  /** 12 leads and Hal, pasted at 09:20 without an Interest (Needs info); both ways from there. */
  function held(extra: Record<string, string> = {}): { fast: Steps; full: Steps } {
    const [fast, full] = [settled(12), settled(12)].map((s) => {
      s.to(at('09:20'), paste(at('09:20'), 14, [completeLead('Hal', { Email: 'hal@example.com', Interest: '', ...extra })]));
      s.to(at('09:25'));
      expect(cell(s, 'Hal', 'Status')).toBe('Needs info');
      return s;
    });
    fullWay.add(full);
    return { fast, full };
  }
  const same = (fast: Steps, full: Steps) => {
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
    fast.to(at('10:40'));
    full.to(at('10:40'));
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
  };

  it('its missing Interest typed: promoted, routed (the others’ open leads counted from the mark) and its owner told, on its row alone', () => {
    const { fast, full } = held();
    const [fastRun, fullRun] = [fast, full].map((s) => type(s, ANA, 'Hal', 'Interest', 'Solar'));
    expect([readTheTab(fastRun, fast), readTheTab(fullRun, full)]).toEqual([false, true]);
    expect(fastRun.calls['TextFinder.findAll']).toBe(1);
    expect(cell(fast, 'Hal', 'Status')).toBe('Assigned');
    const log = logRows(fast.result()).filter((e) => e['Lead ID'] === cell(fast, 'Hal', 'Lead ID'));
    expect(log.map((e) => e['Event'])).toEqual(['created', 'validated', 'promoted', 'assigned']);
    same(fast, full);
  });

  it('an e-mail typed that no lead Baton knows has: checked on its row, then completed there', () => {
    const { fast, full } = held();
    // Each edit at the same minute both ways (a run's length moves the emulator's clock).
    const runs = [fast, full].map((s) => [type(s, ANA, 'Hal', 'Email', 'hal.new@example.com'), (s.to(at('09:27')), type(s, ANA, 'Hal', 'Interest', 'Battery'))]);
    expect(runs[0].map((r) => readTheTab(r, fast))).toEqual([false, false]);
    expect(cell(fast, 'Hal', 'Status')).toBe('Assigned');
    same(fast, full);
  });

  it.each([
    ['a live lead’s e-mail (a duplicate)', (s: Steps) => type(s, ANA, 'Hal', 'Email', 'lead2@example.com')],
    ['a live lead’s e-mail, in capitals', (s: Steps) => type(s, ANA, 'Hal', 'Email', 'LEAD3@EXAMPLE.COM')],
    ['an owner', (s: Steps) => type(s, OWNER, 'Hal', 'Owner', BEN)],
    ['a status', (s: Steps) => type(s, OWNER, 'Hal', 'Status', 'Ready')],
  ])('%s typed: the full way, deciding the same', (_, edit) => {
    const { fast, full } = held();
    const [fastRun] = [fast, full].map(edit);
    expect(readTheTab(fastRun, fast)).toBe(true);
    same(fast, full);
  });

  it('its row planned alone costs the same at 12 leads and at 600', () => {
    const measured = [12, 600].map((n) => {
      const s = settled(n);
      s.to(at('09:20'), paste(at('09:20'), n + 2, [completeLead('Hal', { Email: 'hal@example.com', Interest: '' })]));
      s.to(at('09:25'));
      return type(s, ANA, 'Hal', 'Interest', 'Solar');
    });
    expect(measured[1].calls).toEqual(measured[0].calls);
    expect(measured[1].cellsRead).toBe(measured[0].cellsRead);
    expect(measured[1].cellsRead).toBeLessThan(200);
  });
});

/** `move` slipped in just before the k-th service call of the next installable edit run. */
function moveAt(s: Steps, k: number, move: (s: Steps) => void): { stop: () => void; fired: boolean } {
  const moved = { stop: () => undefined as void, fired: false };
  moved.stop = s.run.rt.onCall(({ execution, index }) => {
    if (execution.spec.functionName === 'batonOnEdit' && index === k && !moved.fired) {
      moved.fired = true;
      move(s);
    }
  });
  return moved;
}

describe('rows or columns moved at any call of the run', () => {
  const LEADS = 6;
  const moves: [string, (s: Steps) => void][] = [
    ['a sort', (s) => s.run.apply({ at: new Date(s.run.rt.now()).toISOString(), type: 'sort', user: ANA, sheet: 'Leads', column: 'Name', ascending: false } as never)],
    ['a row inserted above', (s) => s.run.apply({ at: new Date(s.run.rt.now()).toISOString(), type: 'insertRows', user: ANA, sheet: 'Leads', row: 2 } as never)],
    ['a column inserted', (s) => s.run.apply({ at: new Date(s.run.rt.now()).toISOString(), type: 'insertColumns', user: ANA, sheet: 'Leads', column: 2 } as never)],
    ['the row deleted', (s) => s.run.apply({ at: new Date(s.run.rt.now()).toISOString(), type: 'deleteRows', user: ANA, sheet: 'Leads', row: rowOf(s, 'Lead 005') } as never)],
    [
      'a sort, then a row inserted',
      (s) => {
        s.run.apply({ at: new Date(s.run.rt.now()).toISOString(), type: 'sort', user: ANA, sheet: 'Leads', column: 'Email', ascending: false } as never);
        s.run.apply({ at: new Date(s.run.rt.now()).toISOString(), type: 'insertRows', user: ANA, sheet: 'Leads', row: 4 } as never);
      },
    ],
  ];

  /**
   * Who types on Lead 005: its owner (First Contact and SLA written: every move), or another member
   * (Status put back, next to a column of people's data: the moves that shift it).
   */
  const editors: [string, (owner: string) => string, Record<string, unknown>, typeof moves][] = [
    ['its owner marks it Contacted', (owner) => owner, { Status: 'Contacted', SLA: 'Met' }, moves],
    ['another member marks it Contacted', (owner) => (owner === ANA ? BEN : ANA), { Status: 'Assigned', SLA: 'On track', 'First Contact': '' }, moves.filter(([m]) => m === 'a sort' || m === 'a column inserted')],
  ];

  /**
   * The calls of the edit run under the lock, when nothing interferes: from the first read its
   * writes are planned from to its last call (before the lock, a move is an edit like any other).
   */
  function lockedCalls(editor: (owner: string) => string): number[] {
    const s = settled(LEADS);
    s.to(at('09:20'));
    const methods: string[] = [];
    const stop = s.run.rt.onCall(({ execution, method }) => {
      if (execution.spec.functionName === 'batonOnEdit') methods.push(method);
    });
    const r = type(s, editor(ownerOf(s, 'Lead 005')), 'Lead 005', 'Status', 'Contacted');
    stop();
    expect(readTheTab(r, s)).toBe(false);
    const locked = methods.indexOf('Lock.tryLock') + 2;
    return Array.from({ length: methods.length - locked + 1 }, (_, i) => locked + i);
  }

  describe.each(editors)('%s', (_, editor, expected, its) => {
    const positions = lockedCalls(editor);
    it.each(its)('%s: every value on its own lead', (what, move) => {
      for (const k of positions) {
        const s = settled(LEADS);
        s.to(at('09:20'));
        const before = new Map(leadRows(s.result()).map((r) => [r['Name'], r]));
        const moved = moveAt(s, k, move);
        type(s, editor(ownerOf(s, 'Lead 005')), 'Lead 005', 'Status', 'Contacted');
        moved.stop();
        s.to(at('10:40'));
        const after = leadRows(s.result());
        const context = `${what} at call ${k}`;
        for (const row of after) {
          const was = before.get(row['Name']) as Row | undefined;
          if (!was) continue;
          // Every column of every lead as it was (the inserted column aside), but what the edit changes.
          const changed = row['Name'] === 'Lead 005' ? expected : {};
          const want = Object.fromEntries(Object.keys(was).map((h) => [h, h in changed ? changed[h] : was[h]]));
          const got = Object.fromEntries(Object.keys(was).map((h) => [h, row[h]]));
          if (row['Name'] === 'Lead 005' && !('First Contact' in changed)) {
            expect([context, got['First Contact']]).not.toEqual([context, '']);
            got['First Contact'] = want['First Contact'];
          }
          expect([context, got]).toEqual([context, want]);
        }
        const deleted = what === 'the row deleted' && moved.fired;
        expect([context, after.length]).toEqual([context, deleted ? LEADS - 1 : LEADS]);
      }
    });
  });

  describe('a lead being typed in, completed and routed on its row', () => {
    /** Hal pasted below the leads at 09:20 without an Interest: in Needs info by 09:25. */
    function halWaits(): Steps {
      const s = settled(LEADS);
      s.to(at('09:20'), paste(at('09:20'), LEADS + 2, [completeLead('Hal', { Email: 'hal@example.com', Interest: '' })]));
      s.to(at('09:25'));
      return s;
    }
    const positions = (() => {
      const s = halWaits();
      const methods: string[] = [];
      const stop = s.run.rt.onCall(({ execution, method }) => {
        if (execution.spec.functionName === 'batonOnEdit') methods.push(method);
      });
      expect(readTheTab(type(s, ANA, 'Hal', 'Interest', 'Solar'), s)).toBe(false);
      stop();
      const locked = methods.indexOf('Lock.tryLock') + 2;
      return Array.from({ length: methods.length - locked + 1 }, (_, i) => locked + i);
    })();
    it.each(moves.filter(([m]) => m !== 'the row deleted'))('%s: every value on its own lead, and Hal assigned once', (what, move) => {
      for (const k of positions) {
        const s = halWaits();
        const before = new Map(leadRows(s.result()).map((r) => [r['Name'], r]));
        const moved = moveAt(s, k, move);
        type(s, ANA, 'Hal', 'Interest', 'Solar');
        moved.stop();
        s.to(at('10:40'));
        const context = `${what} at call ${k}`;
        const after = leadRows(s.result());
        for (const row of after.filter((r) => r['Name'] !== 'Hal')) {
          const was = before.get(row['Name']) as Row;
          expect([context, Object.fromEntries(Object.keys(was).map((h) => [h, row[h]]))]).toEqual([context, was]);
        }
        const hal = after.find((r) => r['Name'] === 'Hal') as Row;
        expect([context, hal['Status'], hal['Interest'], hal['Lead ID']]).toEqual([context, 'Assigned', 'Solar', (before.get('Hal') as Row)['Lead ID']]);
        const assigned = logRows(s.result()).filter((e) => e['Event'] === 'assigned' && e['Lead ID'] === hal['Lead ID']);
        expect([context, assigned.map((e) => e['To'])]).toEqual([context, [hal['Owner']]]);
        expect([context, after.length]).toEqual([context, LEADS + 1]);
      }
    });
  });
});
