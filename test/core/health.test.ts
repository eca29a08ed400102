import { assessHealth, formatWhen, healthAlertKey, staleEpisode, toastText, triggerTrouble, type HealthInput } from '../../src/core/health';
import { HANDLERS, type ExistingTrigger } from '../../src/core/trigger-plan';
import { intlTimePort } from '../support/intl-time-port';

const MIN = 60_000;
// 2026-03-02 09:05 in New York (UTC-5).
const BEAT = Date.UTC(2026, 2, 2, 14, 5);
const INSTALLED = BEAT - 10 * MIN;
const port = intlTimePort('America/New_York');
const maria = { owner: 'maria@acme.test', installedAt: INSTALLED, everyMinutes: 5 };
const VALID = { problems: [], sweepMinutes: 5 };

function input(overrides: Partial<HealthInput> = {}): HealthInput {
  return { ownership: maria, lastBeat: BEAT, now: BEAT + 3 * MIN, deployment: 'bound', config: VALID, port, ...overrides };
}

const ALL_MINE: ExistingTrigger[] = [
  { uid: '1', handler: HANDLERS.sweep, kind: 'clock' },
  { uid: '2', handler: HANDLERS.edit, kind: 'edit' },
  { uid: '3', handler: HANDLERS.formSubmit, kind: 'formSubmit' },
];

describe('assessHealth', () => {
  it('is healthy with a recent heartbeat, recorded triggers and a valid config', () => {
    expect(assessHealth(input())).toEqual({ ok: true, problems: [], staleSince: null, episode: null });
  });

  it('stays healthy up to twice the interval plus grace, and is stale one moment later', () => {
    expect(assessHealth(input({ now: BEAT + 20 * MIN })).ok).toBe(true);
    const stale = assessHealth(input({ now: BEAT + 20 * MIN + 1 }));
    expect(stale.ok).toBe(false);
    expect(stale.staleSince).toBe(BEAT);
    expect(stale.episode).toBe(BEAT);
  });

  it('says in plain words since when the sweep has not run, under whom, and what to choose', () => {
    const r = assessHealth(input({ now: BEAT + 40 * MIN }));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain(
      "Baton's sweep has not run since 09:05 (it runs every 5 minutes under maria@acme.test). Choose Extensions › Baton › Repair triggers.",
    );
  });

  it('names the date when the last sweep was on an earlier day', () => {
    const r = assessHealth(input({ now: BEAT + 24 * 60 * MIN }));
    expect(r.problems[0]).toContain('has not run since 2026-03-02 09:05');
  });

  it('counts from the install when no sweep has ever run', () => {
    expect(assessHealth(input({ lastBeat: null, now: INSTALLED + 20 * MIN })).ok).toBe(true);
    const r = assessHealth(input({ lastBeat: null, now: INSTALLED + 40 * MIN }));
    expect(r.problems[0]).toContain('has not run since its triggers were installed at 08:55');
    expect(r.staleSince).toBe(INSTALLED);
  });

  it('gives an hourly add-on sweep its own window', () => {
    const hourly = { ...maria, everyMinutes: 60 };
    expect(assessHealth(input({ ownership: hourly, deployment: 'addon', now: BEAT + 130 * MIN })).ok).toBe(true);
    const r = assessHealth(input({ ownership: hourly, deployment: 'addon', now: BEAT + 131 * MIN }));
    expect(r.problems[0]).toContain('it runs every hour under maria@acme.test');
  });

  it('does not count a sweep as missing before one is due after a repair, and starts a new episode if it still fails', () => {
    const repairedAt = BEAT + 40 * MIN;
    expect(assessHealth(input({ now: repairedAt + 5 * MIN, repairedAt })).ok).toBe(true);
    const r = assessHealth(input({ now: repairedAt + 21 * MIN, repairedAt }));
    expect(r.staleSince).toBe(BEAT);
    expect(r.episode).toBe(repairedAt);
  });

  it('reports triggers that were never installed', () => {
    const r = assessHealth(input({ ownership: null, lastBeat: null }));
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringContaining("Baton's triggers are not installed")]);
    expect(r.problems[0]).toContain('choose Extensions › Baton › Set up Baton');
  });

  it('reports a spreadsheet where Baton was never set up', () => {
    const r = assessHealth(input({ ownership: null, lastBeat: null, config: null }));
    expect(r.problems).toEqual([expect.stringContaining('Baton is not set up in this spreadsheet yet')]);
  });

  it('lists every problem of a config that no longer validates', () => {
    const r = assessHealth(input({ config: { problems: ['sweepMinutes must be 1, 5, 10, 15 or 30.', 'team: must be a list.'], sweepMinutes: null } }));
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toContain("Baton's configuration is not valid");
    expect(r.problems.slice(1)).toEqual(['Configuration: sweepMinutes must be 1, 5, 10, 15 or 30.', 'Configuration: team: must be a list.']);
  });

  it('reports a sweep interval that differs from the configuration until triggers are repaired', () => {
    const r = assessHealth(input({ config: { problems: [], sweepMinutes: 15 } }));
    expect(r.problems).toEqual([expect.stringContaining('Baton sweeps every 5 minutes, but the configuration asks for every 15 minutes')]);
    // An add-on always sweeps hourly, whatever the config asks.
    expect(assessHealth(input({ ownership: { ...maria, everyMinutes: 60 }, deployment: 'addon' })).ok).toBe(true);
    // Unknown deployment: not compared.
    expect(assessHealth(input({ deployment: null, config: { problems: [], sweepMinutes: 15 } })).ok).toBe(true);
  });

  it("checks the owner's own triggers when they are known", () => {
    expect(assessHealth(input({ mine: { email: 'maria@acme.test', triggers: ALL_MINE } })).ok).toBe(true);
    const missing = assessHealth(input({ mine: { email: 'maria@acme.test', triggers: ALL_MINE.slice(1) } }));
    expect(missing.problems).toEqual([expect.stringContaining('the sweep trigger (batonSweep) is missing')]);
    const doubled = assessHealth(input({ mine: { email: 'Maria@acme.test', triggers: [...ALL_MINE, { uid: '4', handler: HANDLERS.edit, kind: 'edit' }] } }));
    expect(doubled.problems).toEqual([expect.stringContaining('there are 2 on-edit triggers (batonOnEdit) where one is wanted')]);
  });

  it("does not hold someone else's missing triggers against them", () => {
    expect(assessHealth(input({ mine: { email: 'ana@acme.test', triggers: [] } })).ok).toBe(true);
  });
});

describe('helpers', () => {
  it('triggerTrouble finds missing, duplicated and wrong-kind Baton triggers', () => {
    expect(triggerTrouble(ALL_MINE)).toEqual([]);
    expect(triggerTrouble([...ALL_MINE, { uid: '9', handler: HANDLERS.sweep, kind: 'edit' }])).toEqual([
      '1 Baton trigger(s) of the wrong kind are left over',
    ]);
    expect(triggerTrouble([])).toHaveLength(3);
  });

  it('staleEpisode needs no time zone and is null while fresh', () => {
    expect(staleEpisode(maria, BEAT, null, BEAT + 10 * MIN)).toBeNull();
    expect(staleEpisode(maria, BEAT, null, BEAT + 30 * MIN)).toEqual({ since: BEAT, episode: BEAT });
  });

  it('formatWhen shows the time alone on the same day', () => {
    expect(formatWhen(BEAT, BEAT + MIN, port)).toBe('09:05');
  });

  it('toastText keeps a toast short', () => {
    const long = { ok: false, problems: Array.from({ length: 20 }, (_, i) => `Problem number ${i} is quite a long sentence.`), staleSince: null, episode: null };
    const text = toastText(long);
    expect(text.length).toBeLessThanOrEqual(400);
    expect(text).toMatch(/^Problem number 0 .* \(and \d+ more\)$/);
    expect(toastText({ ...long, problems: ['x'.repeat(1000)] }).length).toBeLessThanOrEqual(400);
    expect(toastText({ ...long, problems: ['One.', 'Two.'] })).toBe('One. Two.');
  });

  it('keys health alerts by episode and manager', () => {
    expect(healthAlertKey(BEAT, 'maria@acme.test')).toBe(`health|${BEAT}|maria@acme.test`);
  });
});
