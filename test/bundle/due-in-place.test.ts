/**
 * A lead's SLA instant on its row (issue 16; src/core/sweep-mark.ts `agenda`, src/gas/edit-in-place.ts):
 * when the sweep's only news is that a few leads' SLA turns Due soon or Breached, it plans those
 * rows alone, with their records from Baton State, instead of reading and planning the whole tab.
 * - Its cost follows the leads that turned, not the tab: no whole-tab read.
 * - It decides what the full run decides: the same day of sweeps run this way and with the mark
 *   taken away before each sweep (the full way) leaves the same sheet, log, state and mail.
 * - An escalation (a reassignment, the managers told) and many leads turning at once take the full path.
 */
import { ANA, at, completeLead, leadRows, logRows, paste } from '../support/leads';
import { pairTeam } from '../support/pair-team';
import { Steps } from '../support/steps';
import { outcome, readTheTab, sweepTo } from '../support/ways';

const config = (escalation: unknown = null) => {
  const base = pairTeam(60);
  return { ...base, sla: { ...(base.sla as object), ...(escalation ? { escalation } : {}) }, alerts: { ownerBreachEmails: true, failureEmails: true, dueSoonEmails: true } };
};

/** `n` leads, one pasted every `gap` minutes from 09:00 (each handed over by its edit run): their SLA instants come one by one. */
function staggered(n: number, gap: number, escalation: unknown = null): Steps {
  const s = new Steps(config(escalation), at('08:55'));
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.parse(at('09:00')) + i * gap * 60_000).toISOString();
    s.to(t, paste(t, 2 + i, [completeLead(`Lead ${String(i + 1).padStart(3, '0')}`, { Email: `lead${i}@example.com` })]));
  }
  return s;
}

describe('SLA instants on their rows', () => {
  it('a sweep whose news is one lead turning Due soon or Breached reads that row, not the tab, and decides what the full run decides', () => {
    const fast = staggered(12, 4);
    const full = staggered(12, 4);
    // From 09:45 the leads turn Due soon (48 business minutes) and Breached (60), one every 4 minutes.
    const fastRuns = sweepTo(fast, at('10:45'), false);
    const fullRuns = sweepTo(full, at('10:45'), true);
    expect(fastRuns.map((r) => r.error).filter(Boolean)).toEqual([]);
    expect(fullRuns.every(readTheTab)).toBe(true);
    // Every sweep that wrote did so on rows alone, but the hourly reconcile: the last full run was
    // the first paste's at 09:00 (the later pastes' runs planned their rows alone), so the first
    // sweep from 10:00 reads the tab.
    const wrote = fastRuns.filter((r) => r.cellsWritten > 0);
    expect(wrote.length).toBeGreaterThan(5);
    const whole = wrote.filter(readTheTab);
    expect(whole.length).toBeLessThanOrEqual(1);
    for (const r of whole) expect(r.at).toBeGreaterThanOrEqual(Date.parse(at('10:00')));
    const sla = leadRows(fast.result()).map((l) => l.SLA);
    expect(sla.filter((x) => x === 'Breached').length).toBeGreaterThan(3);
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
    expect(fast.result().emails.some((m) => m.subject.includes('Response time breached'))).toBe(true);
    // And an hour later, by which the rest have turned too.
    sweepTo(fast, at('11:50'), false);
    sweepTo(full, at('11:50'), true);
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
  });

  it('a sort after the mark moves the agenda\'s leads: their sweep finds another lead on the row and goes the full way', () => {
    const fast = staggered(8, 4);
    const full = staggered(8, 4);
    for (const s of [fast, full]) {
      sweepTo(s, at('09:40'), s === full);
      s.run.apply({ at: at('09:41'), type: 'sort', user: ANA, sheet: 'Leads', column: 'Name', ascending: false });
    }
    const runs = sweepTo(fast, at('10:30'), false);
    sweepTo(full, at('10:30'), true);
    expect(runs.map((r) => r.error).filter(Boolean)).toEqual([]);
    // The first sweep past an instant after the sort reads the tab; later ones, with a fresh agenda, rows.
    expect(runs.some(readTheTab)).toBe(true);
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
    expect(leadRows(fast.result()).map((l) => l.Name)).toEqual(leadRows(full.result()).map((l) => l.Name));
  });

  it('an escalation takes the full path, and so do many leads turning at once', () => {
    const fast = staggered(6, 4, { afterMinutes: 10, action: 'notify_manager' });
    const full = staggered(6, 4, { afterMinutes: 10, action: 'notify_manager' });
    sweepTo(fast, at('11:00'), false);
    sweepTo(full, at('11:00'), true);
    expect(outcome(fast.result())).toEqual(outcome(full.result()));
    expect(logRows(fast.result()).some((e) => e.Event === 'escalated')).toBe(true);

    const crowd = new Steps(config(), at('08:55'));
    crowd.to(at('09:00'), paste(at('09:00'), 2, Array.from({ length: 8 }, (_, i) => completeLead(`Same ${i}`, { Email: `same${i}@example.com` }))));
    const runs = sweepTo(crowd, at('10:05'), false);
    // All eight turn Breached at 10:00: one full run reads the tab.
    const breach = runs.filter((r) => r.cellsWritten > 0 && r.at >= Date.parse(at('10:00')));
    expect(breach.length).toBe(1);
    expect(readTheTab(breach[0])).toBe(true);
    expect(leadRows(crowd.result()).map((l) => l.SLA)).toEqual(Array(8).fill('Breached'));
  });
});
