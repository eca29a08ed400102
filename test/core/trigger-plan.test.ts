import { HANDLERS, nearestAllowed, planTriggers, wantedTriggers, type ExistingTrigger } from '../../src/core/trigger-plan';

const t = (uid: string, handler: string, kind: ExistingTrigger['kind']): ExistingTrigger => ({ uid, handler, kind });

describe('wantedTriggers', () => {
  it('sweeps every 5 minutes in a bound script by default and hourly in an add-on', () => {
    expect(wantedTriggers('bound', 5).find((w) => w.kind === 'clock')?.everyMinutes).toBe(5);
    expect(wantedTriggers('addon', 5).find((w) => w.kind === 'clock')?.everyMinutes).toBe(60);
  });

  it('rounds an interval up to one ClockTriggerBuilder.everyMinutes accepts', () => {
    expect([1, 2, 5, 7, 12, 20, 30, 45].map(nearestAllowed)).toEqual([1, 5, 5, 10, 15, 30, 30, 30]);
  });

  it('asks for one trigger per event type, as the add-on rules allow', () => {
    const kinds = wantedTriggers('addon', 5).map((w) => w.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});

describe('planTriggers', () => {
  const wanted = wantedTriggers('bound', 5);

  it('creates all three on a first install', () => {
    const plan = planTriggers(wanted, [], null);
    expect(plan.create.map((w) => w.handler)).toEqual([HANDLERS.sweep, HANDLERS.edit, HANDLERS.formSubmit]);
    expect(plan.remove).toEqual([]);
  });

  it('changes nothing when everything is in place (setup run twice)', () => {
    const existing = [t('1', HANDLERS.sweep, 'clock'), t('2', HANDLERS.edit, 'edit'), t('3', HANDLERS.formSubmit, 'formSubmit')];
    expect(planTriggers(wanted, existing, 5)).toEqual({ create: [], remove: [], keep: ['1', '2', '3'] });
  });

  it('removes duplicates and triggers of other handlers are left alone', () => {
    const existing = [
      t('1', HANDLERS.sweep, 'clock'),
      t('2', HANDLERS.sweep, 'clock'),
      t('3', HANDLERS.edit, 'edit'),
      t('4', HANDLERS.formSubmit, 'formSubmit'),
      t('5', 'someoneElsesJob', 'clock'),
    ];
    const plan = planTriggers(wanted, existing, 5);
    expect(plan.create).toEqual([]);
    expect(plan.remove).toEqual(['2']);
  });

  it('replaces the sweep when the interval changed', () => {
    const existing = [t('1', HANDLERS.sweep, 'clock'), t('2', HANDLERS.edit, 'edit'), t('3', HANDLERS.formSubmit, 'formSubmit')];
    const plan = planTriggers(wantedTriggers('bound', 15), existing, 5);
    expect(plan.remove).toEqual(['1']);
    expect(plan.create).toEqual([{ handler: HANDLERS.sweep, kind: 'clock', everyMinutes: 15 }]);
  });

  it('removes a Baton handler attached to the wrong event type', () => {
    const plan = planTriggers(wanted, [t('9', HANDLERS.edit, 'clock')], null);
    expect(plan.remove).toContain('9');
  });
});
