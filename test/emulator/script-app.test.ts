import { ERRORS, type ExecutionSpec, Runtime, type RuntimeOptions } from '../../emulator/runtime';
import { TRIGGER_ERRORS, createScriptApp, scriptAppEnums, triggerState } from '../../emulator/services/script-app';
import { zonedParts } from '../../emulator/services/triggers-schedule';

// Monday 2 March 2026, 14:00 UTC = 09:00 in New York (EST, before the 8 March DST switch).
const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;
const SS = 'sheet-1';

const editor = (user = 'a@x.test'): ExecutionSpec => ({
  functionName: 'setup',
  trigger: 'editor',
  authMode: 'FULL',
  activeUser: user,
  effectiveUser: user,
});

function setup(options: Partial<RuntimeOptions> = {}) {
  const rt = new Runtime(T0, options);
  const ScriptApp = createScriptApp(rt);
  const state = triggerState(rt);
  state.options.currentDocumentId = SS;
  /** Runs `body` as one execution and returns its result, rethrowing its error. */
  const run = <T>(body: () => T, spec: ExecutionSpec = editor()): T => {
    const rec = rt.run(spec, body);
    if (rec.error !== null) throw new Error(rec.error);
    return rec.result as T;
  };
  const fails = (body: () => unknown, spec: ExecutionSpec = editor()): string | null => rt.run(spec, body).error;
  return { rt, ScriptApp, state, run, fails };
}

const fakeSpreadsheet = (id: string) => ({ getId: () => id });

describe('ScriptApp: creating triggers', () => {
  it('creating a trigger from a simple trigger fails with the permission text (PLATFORM.md, Triggers + HtmlService: creating triggers from a simple onOpen fails)', () => {
    const { ScriptApp, fails, state } = setup();
    const simple: ExecutionSpec = { functionName: 'onOpen', trigger: 'simple', authMode: 'LIMITED', activeUser: '', effectiveUser: '' };
    expect(fails(() => ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create(), simple)).toBe(
      ERRORS.permission('ScriptApp.newTrigger', 'https://www.googleapis.com/auth/script.scriptapp'),
    );
    expect(fails(() => ScriptApp.getProjectTriggers(), simple)).toBe(
      ERRORS.permission('ScriptApp.getProjectTriggers', 'https://www.googleapis.com/auth/script.scriptapp'),
    );
    expect(state.list()).toHaveLength(0);
  });

  it('needs the script.scriptapp scope in the manifest (ScriptApp reference: Authorization)', () => {
    const { ScriptApp, fails } = setup({ oauthScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    expect(fails(() => ScriptApp.newTrigger('sweep'))).toBe(
      ERRORS.permission('ScriptApp.newTrigger', 'https://www.googleapis.com/auth/script.scriptapp'),
    );
  });

  it('counts create() as ClockTriggerBuilder.create / SpreadsheetTriggerBuilder.create; builder methods are free (CONVENTIONS.md rule 1)', () => {
    const { rt, ScriptApp } = setup();
    const rec = rt.run(editor(), () => {
      ScriptApp.newTrigger('sweep').timeBased().everyMinutes(5).create();
      ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SS).onEdit().create();
      ScriptApp.getProjectTriggers();
    });
    expect(rec.error).toBeNull();
    expect(rec.calls).toEqual({ 'ClockTriggerBuilder.create': 1, 'SpreadsheetTriggerBuilder.create': 1, 'ScriptApp.getProjectTriggers': 1 });
  });

  it('a creation fault surfaces as the server error (PLATFORM.md, Triggers: derekantrican/GAS-ICS-Sync#77)', () => {
    const { rt, ScriptApp, fails, state } = setup();
    rt.injectFault({ method: 'ClockTriggerBuilder.create', error: 'service' });
    expect(fails(() => ScriptApp.newTrigger('sweep').timeBased().everyMinutes(5).create())).toBe(ERRORS.service);
    expect(state.list()).toHaveLength(0);
  });

  it('everyMinutes accepts only 1, 5, 10, 15 and 30 (PLATFORM.md, Triggers; ClockTriggerBuilder reference; error text seen live)', () => {
    const { ScriptApp, run, fails } = setup();
    for (const n of [1, 5, 10, 15, 30]) {
      run(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(n));
    }
    for (const n of [0, 2, 20, 60, 7.5]) {
      expect(fails(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(n))).toBe(TRIGGER_ERRORS.everyMinutes);
    }
    expect(TRIGGER_ERRORS.everyMinutes).toBe('The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.');
  });

  it('everyHours accepts 1, 2, 4, 6, 8, 12 only (ClockTriggerBuilder reference; stricter where unsure)', () => {
    const { ScriptApp, fails } = setup();
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().everyHours(3))).toBe(TRIGGER_ERRORS.everyHours);
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().everyHours(12))).toBeNull();
  });

  it('atHour needs a daily or weekly frequency; nearMinute not with everyMinutes; no schedule fails (ClockTriggerBuilder reference: atHour)', () => {
    const { ScriptApp, fails } = setup();
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().atHour(9).create())).toBe(TRIGGER_ERRORS.atHour);
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().everyHours(1).atHour(9).create())).toBe(TRIGGER_ERRORS.atHour);
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(5).nearMinute(3).create())).toBe(TRIGGER_ERRORS.nearMinute);
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().create())).toBe(TRIGGER_ERRORS.noSchedule);
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(5).everyHours(1))).toBe(TRIGGER_ERRORS.scheduleSet);
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().atHour(24))).toBe('Invalid argument: hour');
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().atHour(9).everyDays(1).create())).toBeNull();
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(9).create())).toBeNull();
  });

  it('onWeekDay takes a ScriptApp.WeekDay value, not a string (ClockTriggerBuilder reference: onWeekDay)', () => {
    const { ScriptApp, fails } = setup();
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().onWeekDay('MONDAY'))).toBe(
      "The parameters (String) don't match the method signature for ClockTriggerBuilder.onWeekDay.",
    );
  });

  it('inTimezone rejects an invalid zone; the default is the script time zone (PLATFORM.md, Triggers: inTimezone)', () => {
    const { ScriptApp, fails, state, run } = setup({ scriptTimeZone: 'Europe/Berlin' });
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().inTimezone('Mars/Olympus'))).toBe('Invalid argument: timezone');
    run(() => ScriptApp.newTrigger('f').timeBased().everyDays(1).atHour(6).create());
    run(() => ScriptApp.newTrigger('g').timeBased().everyDays(1).atHour(6).inTimezone('Asia/Tokyo').create());
    expect(state.list().map((t) => t.schedule!.timezone)).toEqual(['Europe/Berlin', 'Asia/Tokyo']);
  });

  it('a Trigger reports handler, event type, source and source id as ScriptApp enums (Trigger reference)', () => {
    const { ScriptApp, run } = setup();
    const out = run(() => {
      const clock = ScriptApp.newTrigger('sweep').timeBased().everyMinutes(10).create();
      const edit = ScriptApp.newTrigger('handleEdit').forSpreadsheet(fakeSpreadsheet(SS)).onEdit().create();
      return {
        clock: [clock.getHandlerFunction(), clock.getEventType() === ScriptApp.EventType.CLOCK, clock.getTriggerSource() === ScriptApp.TriggerSource.CLOCK, clock.getTriggerSourceId()],
        edit: [edit.getHandlerFunction(), String(edit.getEventType()), String(edit.getTriggerSource()), edit.getTriggerSourceId()],
        ids: clock.getUniqueId() !== edit.getUniqueId() && typeof clock.getUniqueId() === 'string',
      };
    });
    expect(out.clock).toEqual(['sweep', true, true, null]);
    expect(out.edit).toEqual(['handleEdit', 'ON_EDIT', 'SPREADSHEETS', SS]);
    expect(out.ids).toBe(true);
  });
});

describe('ScriptApp: ownership and limits', () => {
  it('installable triggers belong to their creator; other accounts cannot see or delete them (PLATFORM.md, Triggers: run as the account that created them)', () => {
    const { ScriptApp, run, fails, state } = setup();
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyMinutes(5).create(), editor('a@x.test'));
    expect(state.list()[0].owner).toBe('a@x.test');
    expect(run(() => ScriptApp.getProjectTriggers().length, editor('b@x.test'))).toBe(0);
    expect(run(() => ScriptApp.getProjectTriggers().length, editor('a@x.test'))).toBe(1);
    // b cannot delete a's trigger even holding its object (here: one leaked from a's execution)
    const leaked = run(() => ScriptApp.getProjectTriggers()[0], editor('a@x.test'));
    expect(fails(() => ScriptApp.deleteTrigger(leaked), editor('b@x.test'))).toBe(TRIGGER_ERRORS.notFound);
    expect(state.list()).toHaveLength(1);
  });

  it('deleteTrigger removes your own trigger; deleting it again fails (ScriptApp reference: deleteTrigger; repeat deletion *unverified*, switch)', () => {
    const { ScriptApp, run, fails, state } = setup();
    const deleteTwice = () => {
      const [t] = ScriptApp.getProjectTriggers();
      ScriptApp.deleteTrigger(t);
      ScriptApp.deleteTrigger(t);
    };
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyMinutes(5).create());
    expect(fails(deleteTwice)).toBe(TRIGGER_ERRORS.notFound);
    expect(state.list()).toHaveLength(0);
    state.options.deleteMissingThrows = false;
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyMinutes(5).create());
    expect(fails(deleteTwice)).toBeNull();
    expect(fails(() => ScriptApp.deleteTrigger('123' as never))).toBe(
      "The parameters (String) don't match the method signature for ScriptApp.deleteTrigger.",
    );
  });

  it('20 triggers per user per script, then the platform text; another user still has room (PLATFORM.md, Triggers)', () => {
    const { ScriptApp, run, fails } = setup();
    run(() => {
      for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    });
    expect(fails(() => ScriptApp.newTrigger('one-more').timeBased().everyHours(1).create())).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().everyHours(1).create(), editor('b@x.test'))).toBeNull();
  });

  it('getUserTriggers(spreadsheet) lists the current user\'s triggers for that document (ScriptApp reference: getUserTriggers)', () => {
    const { ScriptApp, run } = setup();
    run(() => {
      ScriptApp.newTrigger('a').forSpreadsheet(SS).onEdit().create();
      ScriptApp.newTrigger('b').forSpreadsheet('other-sheet').onOpen().create();
      ScriptApp.newTrigger('c').timeBased().everyHours(1).create();
    });
    run(() => ScriptApp.newTrigger('d').forSpreadsheet(SS).onFormSubmit().create(), editor('b@x.test'));
    expect(run(() => ScriptApp.getUserTriggers(fakeSpreadsheet(SS) as never).map((t) => t.getHandlerFunction()))).toEqual(['a']);
  });

  it('removeAllFor drops a user\'s triggers when they uninstall or lose access (PLATFORM.md, Triggers: add-on triggers stop when uninstalled)', () => {
    const { ScriptApp, run, state } = setup();
    run(() => ScriptApp.newTrigger('a').timeBased().everyHours(1).create(), editor('a@x.test'));
    run(() => ScriptApp.newTrigger('b').timeBased().everyHours(1).create(), editor('b@x.test'));
    expect(state.removeAllFor('a@x.test')).toBe(1);
    expect(state.list().map((t) => t.owner)).toEqual(['b@x.test']);
  });
});

describe('ScriptApp: editor add-on rules', () => {
  it('getInstallationSource tells an add-on from a bound script (PLATFORM.md, Triggers; InstallationSource reference)', () => {
    const bound = setup();
    expect(bound.run(() => bound.ScriptApp.getInstallationSource() === bound.ScriptApp.InstallationSource.NONE)).toBe(true);
    const addon = setup({ deployment: 'addon' });
    expect(addon.run(() => String(addon.ScriptApp.getInstallationSource()))).toBe('WEB_STORE_ADD_ON');
  });

  it('one trigger of each event type per user per document (PLATFORM.md, Triggers: ljay79/jira-tools#53)', () => {
    const { ScriptApp, run, fails } = setup({ deployment: 'addon' });
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create());
    expect(fails(() => ScriptApp.newTrigger('sweep2').timeBased().everyHours(2).create())).toBe(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    run(() => ScriptApp.newTrigger('edit').forSpreadsheet(SS).onEdit().create());
    expect(fails(() => ScriptApp.newTrigger('edit2').forSpreadsheet(SS).onEdit().create())).toBe(TRIGGER_ERRORS.addonTooMany);
    run(() => ScriptApp.newTrigger('form').forSpreadsheet(SS).onFormSubmit().create());
    // another user of the same document has their own allowance
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create(), editor('b@x.test'));
  });

  it('the limit is per document: the same user may have a clock trigger in another document (editor-triggers page)', () => {
    const { ScriptApp, run, state } = setup({ deployment: 'addon' });
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create());
    state.options.currentDocumentId = () => 'sheet-2'; // the host may pass a resolver
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create());
    expect(state.list().map((t) => t.documentId)).toEqual([SS, 'sheet-2']);
  });

  it('a time-driven trigger at most once per hour: everyMinutes fails at create() (PLATFORM.md, Triggers: editor add-on rules)', () => {
    const { ScriptApp, fails, state } = setup({ deployment: 'addon' });
    expect(
      fails(() => {
        const b = ScriptApp.newTrigger('sweep').timeBased().everyMinutes(30); // the builder accepts it
        b.create();
      }),
    ).toBe(TRIGGER_ERRORS.addonSubHourly);
    expect(state.list()).toHaveLength(0);
  });

  it('triggers only for the current file (PLATFORM.md, Triggers: editor add-on rules)', () => {
    const { ScriptApp, fails, run } = setup({ deployment: 'addon' });
    expect(fails(() => ScriptApp.newTrigger('edit').forSpreadsheet('someone-elses-sheet').onEdit().create())).toBe(TRIGGER_ERRORS.addonOtherFile);
    // a bound script may
    const bound = setup();
    bound.run(() => bound.ScriptApp.newTrigger('edit').forSpreadsheet('someone-elses-sheet').onEdit().create());
    run(() => ScriptApp.newTrigger('edit').forSpreadsheet(SS).onEdit().create());
  });
});

describe('ScriptApp: triggers created inside a trigger (*unverified*, switch)', () => {
  const installable: ExecutionSpec = { functionName: 'sweep', trigger: 'installable', authMode: 'FULL', activeUser: '', effectiveUser: 'a@x.test' };

  it('are created but disabled by default: they never fire (PLATFORM.md, Triggers: issuetracker 150756612)', () => {
    const { ScriptApp, run, state } = setup();
    run(() => ScriptApp.newTrigger('later').timeBased().after(60_000).create(), installable);
    run(() => ScriptApp.newTrigger('edit').forSpreadsheet(SS).onEdit().create(), installable);
    expect(state.list().map((t) => t.disabled)).toEqual([true, true]);
    expect(run(() => ScriptApp.getProjectTriggers().length)).toBe(2); // still listed
    expect(state.nextDueClock(T0 + 365 * 24 * HOUR)).toBeNull();
    expect(state.installableFor('ON_EDIT')).toEqual([]);
  });

  it('fire normally with the switch off', () => {
    const { ScriptApp, run, state } = setup();
    state.options.creationInsideTriggerDisabled = false;
    run(() => ScriptApp.newTrigger('later').timeBased().after(60_000).create(), installable);
    expect(state.nextDueClock(T0 + HOUR)?.trigger.handler).toBe('later');
  });
});

describe('ScriptApp: clock schedules (PLATFORM.md, Triggers: fire times are jittered, deterministic)', () => {
  it('everyMinutes(n): first fire within n minutes of creation, then every n minutes', () => {
    const { ScriptApp, run, state } = setup();
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyMinutes(10).create());
    const first = state.nextDueClock(T0 + 10 * MIN)!;
    expect(first.at).toBeGreaterThanOrEqual(T0);
    expect(first.at).toBeLessThan(T0 + 10 * MIN);
    state.markFired(first.trigger.uid, first.at);
    expect(state.nextDueClock(first.at + 10 * MIN - 1)).toBeNull();
    expect(state.nextDueClock(first.at + 10 * MIN)!.at).toBe(first.at + 10 * MIN);
  });

  it('the jitter repeats for the same seed and differs for another seed', () => {
    const firstFire = (seed: number) => {
      const { ScriptApp, run, state } = setup({ seed });
      run(() => ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create());
      return state.list()[0].nextFireAt;
    };
    expect(firstFire(7)).toBe(firstFire(7));
    expect(new Set([1, 2, 3, 4, 5].map(firstFire)).size).toBeGreaterThan(1);
  });

  it('atHour(9) daily fires once in 9–10 local time and keeps that slot, across a DST change (guides/triggers/installable: time-driven triggers)', () => {
    const { ScriptApp, run, state } = setup({ scriptTimeZone: 'America/New_York' });
    run(() => ScriptApp.newTrigger('daily').timeBased().atHour(9).everyDays(1).create());
    const fires: number[] = [];
    const until = T0 + 10 * 24 * HOUR;
    for (let due = state.nextDueClock(until); due; due = state.nextDueClock(until)) {
      fires.push(due.at);
      state.markFired(due.trigger.uid, due.at);
    }
    expect(fires.length).toBeGreaterThanOrEqual(9);
    const local = fires.map((ms) => zonedParts(ms, 'America/New_York'));
    for (const p of local) expect(p.hour).toBe(9);
    expect(new Set(local.map((p) => `${p.minute}:${p.second}`)).size).toBe(1); // same slot every day
    // 8 March 2026 is the DST switch: the UTC gap between the fires around it is 23 h
    const gaps = fires.slice(1).map((f, i) => f - fires[i]);
    expect(gaps).toContain(23 * HOUR);
  });

  it('nearMinute(m) fires within ±15 min of minute m (ClockTriggerBuilder reference: nearMinute)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { ScriptApp, run, state } = setup({ seed, scriptTimeZone: 'UTC' });
      run(() => ScriptApp.newTrigger('d').timeBased().everyDays(1).atHour(12).nearMinute(30).create());
      const at = state.list()[0].nextFireAt!;
      const p = zonedParts(at, 'UTC');
      const minuteOfDay = p.hour * 60 + p.minute;
      expect(Math.abs(minuteOfDay - (12 * 60 + 30))).toBeLessThanOrEqual(15);
    }
  });

  it('onWeekDay fires on that weekday only (ClockTriggerBuilder reference: onWeekDay)', () => {
    const { ScriptApp, run, state } = setup({ scriptTimeZone: 'UTC' });
    run(() => ScriptApp.newTrigger('w').timeBased().onWeekDay(ScriptApp.WeekDay.FRIDAY).atHour(8).create());
    const t = state.list()[0];
    const first = t.nextFireAt!;
    expect(new Date(first).getUTCDay()).toBe(5);
    state.markFired(t.uid, first);
    expect(t.nextFireAt! - first).toBe(7 * 24 * HOUR);
  });

  it('after(ms) is one-shot: not before the delay; after firing it stays listed but never fires again (*unverified*, switch)', () => {
    const { ScriptApp, run, state } = setup();
    run(() => ScriptApp.newTrigger('once').timeBased().after(10 * MIN).create());
    expect(state.nextDueClock(T0 + 10 * MIN - 1)).toBeNull();
    const due = state.nextDueClock(T0 + 20 * MIN)!;
    expect(due.at).toBeGreaterThanOrEqual(T0 + 10 * MIN);
    state.markFired(due.trigger.uid, due.at);
    expect(state.nextDueClock(T0 + 1000 * HOUR)).toBeNull();
    expect(run(() => ScriptApp.getProjectTriggers().length)).toBe(1);

    const other = setup();
    other.state.options.oneShotKeptAfterFiring = false;
    other.run(() => other.ScriptApp.newTrigger('once').timeBased().at(new Date(T0 + HOUR)).create());
    const d2 = other.state.nextDueClock(T0 + 2 * HOUR)!;
    other.state.markFired(d2.trigger.uid, d2.at);
    expect(other.state.list()).toHaveLength(0);
  });

  it('at(date) requires a Date (ClockTriggerBuilder reference: at)', () => {
    const { ScriptApp, fails } = setup();
    expect(fails(() => ScriptApp.newTrigger('f').timeBased().at('tomorrow' as never))).toBe(
      "The parameters (String) don't match the method signature for ClockTriggerBuilder.at.",
    );
  });

  it('atDate fires near midnight (±15 min) of that date in the trigger zone (ClockTriggerBuilder reference: atDate)', () => {
    const { ScriptApp, run, state } = setup({ scriptTimeZone: 'Europe/Berlin' });
    run(() => ScriptApp.newTrigger('f').timeBased().atDate(2026, 3, 10).create());
    const at = state.list()[0].nextFireAt!;
    const midnight = Date.UTC(2026, 2, 9, 23, 0, 0); // 00:00 CET
    expect(Math.abs(at - midnight)).toBeLessThanOrEqual(15 * MIN);
  });
});

describe('time-driven event object (PLATFORM.md, Triggers: time-driven event)', () => {
  it('has authMode FULL, month 1–12, day-of-week 1 = Monday … 7 = Sunday, week-of-year, time zone and triggerUid', () => {
    const { rt, ScriptApp, run, state } = setup({ scriptTimeZone: 'America/New_York' });
    run(() => ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create());
    const t = state.list()[0];
    const sundayNight = Date.UTC(2026, 2, 2, 3, 30, 15); // Sunday 1 March 22:30:15 in New York
    const e = state.timeDrivenEvent(t, sundayNight);
    expect(e).toEqual({
      authMode: scriptAppEnums(rt).AuthMode.FULL,
      year: 2026,
      month: 3,
      'day-of-month': 1,
      'day-of-week': 7,
      'week-of-year': 9,
      hour: 22,
      minute: 30,
      second: 15,
      timezone: 'America/New_York',
      triggerUid: t.uid,
    });
    expect(e.authMode === ScriptApp.AuthMode.FULL).toBe(true);
    // enum objects are not plain objects, so the host's importValue passes them by reference
    expect(Object.getPrototypeOf(Object.getPrototypeOf(e.authMode))).not.toBeNull();
    state.options.timeDrivenEventTimezone = 'UTC';
    expect(state.timeDrivenEvent(t, sundayNight)['day-of-week']).toBe(1);
  });
});

describe('ScriptApp: other methods', () => {
  it('getAuthorizationInfo reports REQUIRED outside FULL and NOT_REQUIRED in it (ScriptApp reference: getAuthorizationInfo)', () => {
    const { ScriptApp, run } = setup();
    const limited: ExecutionSpec = { functionName: 'onOpen', trigger: 'simple', authMode: 'LIMITED', activeUser: '', effectiveUser: '' };
    expect(run(() => String(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()), limited)).toBe('REQUIRED');
    expect(run(() => String(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()))).toBe('NOT_REQUIRED');
  });

  it('forDocument and forForm are not emulated', () => {
    const { ScriptApp, fails } = setup();
    expect(fails(() => ScriptApp.newTrigger('f').forDocument())).toBe('TriggerBuilder.forDocument is not supported in the emulator.');
  });
});
