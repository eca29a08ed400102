/**
 * An edit run that stops at any service call is finished by the next run, and the edit is judged
 * once (docs/ARCHITECTURE.md, "The write protocol"). Zed, an editor who neither owns the lead nor
 * manages, types another owner into Ann's lead; the ownership guard puts the owner back and logs
 * it with Zed's name (docs/ROUTING.md). A service error is injected at each call of that edit run
 * in turn. Whatever the call, Ann ends with her owner, and Zed's change is reverted exactly once:
 * a run that finishes a stopped one records what that run decided from its read, so the next
 * never mistakes Zed's edit, which that read had, for one written over unseen and judges it again.
 */
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_HEADERS } from '../../src/core/headers';
import { ANA, at, completeLead, leadRows, logRows, paste } from '../support/leads';
import { BEN, pairTeam } from '../support/pair-team';
import { Steps } from '../support/steps';

const ZED = 'zed@acme.test';
const H = [...LEAD_HEADERS];
const CONFIG = pairTeam(2400);

/** Ann and Cal handed over by 09:11; Zed types Ann's other candidate owner at 09:15, the k-th call of its edit run failing. */
function zedTypes(k: number): { s: Steps; owner: string; calls: number } {
  const s = new Steps(CONFIG, at('08:55'));
  spreadsheetState(s.run.rt).editors.push(ZED);
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann'), completeLead('Cal')]));
  s.to(at('09:11'));
  const values = spreadsheetState(s.run.rt).values('Leads');
  const owner = String(values[1][H.indexOf('Owner')]);
  let calls = 0;
  s.run.rt.onCall(({ execution, index }) => {
    if (execution.spec.functionName !== 'batonOnEdit') return;
    calls = Math.max(calls, index);
    if (index === k) s.run.rt.injectFault({ method: '*', error: 'service' });
  });
  const column = String.fromCharCode(65 + H.indexOf('Owner'));
  s.to(at('09:15'), { at: at('09:15'), type: 'edit', user: ZED, sheet: 'Leads', range: `${column}2`, values: [[owner === ANA ? BEN : ANA]] });
  s.to(at('10:30'));
  return { s, owner, calls };
}

const baseline = zedTypes(0);
const POSITIONS = Array.from({ length: baseline.calls }, (_, i) => i + 1);

function expectJudgedOnce(s: Steps, owner: string): void {
  const r = s.result();
  const ann = leadRows(r).find((l) => l['Name'] === 'Ann')!;
  expect(ann['Owner']).toBe(owner);
  const byZed = logRows(r).filter((e) => e['Lead ID'] === ann['Lead ID'] && e['Actor'] === ZED);
  expect(byZed.map((e) => [e['Event'], e['From'], e['To']])).toEqual([['reverted', owner === ANA ? BEN : ANA, owner]]);
}

describe('an edit run stopped at any call: the edit is judged once', () => {
  it('(no fault) the guard puts the owner back and logs it with Zed’s name, in a run of many calls', () => {
    expect(baseline.calls).toBeGreaterThan(20);
    expectJudgedOnce(baseline.s, baseline.owner);
  });
  it.each(POSITIONS)('a service error at call %i: Ann keeps her owner, Zed’s change reverted once', (k) => {
    const { s, owner } = zedTypes(k);
    expectJudgedOnce(s, owner);
  });
});
