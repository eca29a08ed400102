import {
  addBusinessMinutes,
  BusinessCalendar,
  businessMinutesBetween,
  dueSoonAt,
  isOpen,
  nextOpening,
} from '../../src/core/business-clock';
import type { TimePort } from '../../src/core/time-port';
import { intlTimePort } from '../support/intl-time-port';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NY = intlTimePort('America/New_York');
const BERLIN = intlTimePort('Europe/Berlin');
const PORTS: Record<string, TimePort> = { 'America/New_York': NY, 'Europe/Berlin': BERLIN };

const NINE_TO_FIVE = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const weekdays = (holidays: string[] = []): BusinessCalendar => ({ businessHours: NINE_TO_FIVE, holidays });
const everyDay = (start: string, end: string): BusinessCalendar => ({ businessHours: { days: [1, 2, 3, 4, 5, 6, 7], start, end }, holidays: [] });
const ALWAYS: BusinessCalendar = { businessHours: null, holidays: ['2026-12-25'] };

/** A fixed instant written with its local offset, so a DST change shows in the text. */
const at = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};
const utc = (ms: number) => new Date(ms).toISOString();

describe('addBusinessMinutes', () => {
  it.each([
    ['Friday 16:50 + 15 min continues on Monday', 'America/New_York', weekdays(), '2026-01-16T16:50:00-05:00', 15, '2026-01-19T09:05:00-05:00'],
    ['a lead at 03:00 starts its clock at the 09:00 opening', 'America/New_York', weekdays(), '2026-01-20T03:00:00-05:00', 15, '2026-01-20T09:15:00-05:00'],
    ['a lead on Saturday starts on Monday', 'America/New_York', weekdays(), '2026-01-17T11:00:00-05:00', 60, '2026-01-19T10:00:00-05:00'],
    ['a lead after closing starts the next morning', 'America/New_York', weekdays(), '2026-01-20T17:00:00-05:00', 30, '2026-01-21T09:30:00-05:00'],
    ['a target longer than a business day rolls over (Tue 10:00 + 600 min)', 'America/New_York', weekdays(), '2026-01-20T10:00:00-05:00', 600, '2026-01-21T12:00:00-05:00'],
    ['a due time on the closing time stays that day', 'America/New_York', weekdays(), '2026-01-20T09:00:00-05:00', 480, '2026-01-20T17:00:00-05:00'],
    ['a week-long target skips the weekend', 'America/New_York', weekdays(), '2026-01-20T09:00:00-05:00', 5 * 480, '2026-01-26T17:00:00-05:00'],
    ['holidays on Friday and Monday are skipped', 'America/New_York', weekdays(['2026-12-25', '2026-12-28']), '2026-12-24T16:50:00-05:00', 15, '2026-12-29T09:05:00-05:00'],
    ['New York spring switch over the weekend (EST → EDT)', 'America/New_York', weekdays(), '2026-03-06T16:30:00-05:00', 60, '2026-03-09T09:30:00-04:00'],
    ['New York autumn switch over the weekend (EDT → EST)', 'America/New_York', weekdays(), '2026-10-30T16:30:00-04:00', 60, '2026-11-02T09:30:00-05:00'],
    ['Berlin spring switch over the weekend (CET → CEST)', 'Europe/Berlin', weekdays(), '2026-03-27T16:30:00+01:00', 60, '2026-03-30T09:30:00+02:00'],
    ['Berlin autumn switch over the weekend (CEST → CET)', 'Europe/Berlin', weekdays(), '2026-10-23T16:30:00+02:00', 60, '2026-10-26T09:30:00+01:00'],
    ['a business Sunday on the New York spring switch opens at 09:00 local', 'America/New_York', everyDay('09:00', '17:00'), '2026-03-07T16:00:00-05:00', 120, '2026-03-08T10:00:00-04:00'],
    ['a business Sunday on the Berlin autumn switch opens at 09:00 local', 'Europe/Berlin', everyDay('09:00', '17:00'), '2026-10-24T16:00:00+02:00', 120, '2026-10-25T10:00:00+01:00'],
    ['hours that span the New York spring gap are five hours long that day', 'America/New_York', everyDay('00:00', '06:00'), '2026-03-08T00:00:00-05:00', 300, '2026-03-08T06:00:00-04:00'],
    ['hours that span the New York autumn overlap are seven hours long that day', 'America/New_York', everyDay('00:00', '06:00'), '2026-11-01T00:00:00-04:00', 420, '2026-11-01T06:00:00-05:00'],
    ['24/7 is plain minutes, across the New York spring switch', 'America/New_York', ALWAYS, '2026-03-08T01:30:00-05:00', 60, '2026-03-08T03:30:00-04:00'],
    ['24/7 ignores holidays', 'America/New_York', ALWAYS, '2026-12-24T23:00:00-05:00', 120, '2026-12-25T01:00:00-05:00'],
  ])('%s', (_name, zone, calendar, start, minutes, due) => {
    expect(utc(addBusinessMinutes(at(start), minutes, calendar, PORTS[zone]))).toBe(utc(at(due)));
  });

  it('puts the right UTC instant on a Monday after the spring switch (one hour less elapsed)', () => {
    const start = at('2026-03-06T21:30:00Z'); // Friday 16:30 EST
    const due = addBusinessMinutes(start, 60, weekdays(), NY);
    expect(utc(due)).toBe('2026-03-09T13:30:00.000Z'); // Monday 09:30 EDT, not 14:30Z
    expect((due - start) / HOUR).toBe(64);
    const berlin = addBusinessMinutes(at('2026-10-23T14:30:00Z'), 60, weekdays(), BERLIN); // Friday 16:30 CEST
    expect(utc(berlin)).toBe('2026-10-26T08:30:00.000Z'); // Monday 09:30 CET, not 07:30Z
  });

  it('refuses a negative target and a calendar that is never open', () => {
    expect(() => addBusinessMinutes(at('2026-01-20T10:00:00-05:00'), -1, weekdays(), NY)).toThrow(RangeError);
    const never: BusinessCalendar = { businessHours: { days: [], start: '09:00', end: '17:00' }, holidays: [] };
    expect(() => addBusinessMinutes(at('2026-01-20T10:00:00-05:00'), 15, never, NY)).toThrow(/no business hours/);
  });

  it('asks the port twice per calendar day spanned, not per minute (the longest target the config allows)', () => {
    const port = intlTimePort('America/New_York');
    const due = addBusinessMinutes(at('2026-01-20T10:00:00-05:00'), 60 * 24 * 60, weekdays(), port);
    const calendarDays = Math.ceil((due - at('2026-01-20T00:00:00-05:00')) / DAY);
    expect(calendarDays).toBeGreaterThan(240); // 180 business days of 8 hours
    expect(port.calls.instant).toBeLessThanOrEqual(2 * calendarDays);
    expect(port.calls.wall).toBe(1);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['over a weekend (Fri 16:00 → Mon 10:00)', 'America/New_York', weekdays(), '2026-01-16T16:00:00-05:00', '2026-01-19T10:00:00-05:00', 120],
    ['over the New York spring weekend', 'America/New_York', weekdays(), '2026-03-06T16:00:00-05:00', '2026-03-09T10:00:00-04:00', 120],
    ['over the Berlin autumn weekend', 'Europe/Berlin', weekdays(), '2026-10-23T16:00:00+02:00', '2026-10-26T10:00:00+01:00', 120],
    ['within one business day', 'America/New_York', weekdays(), '2026-01-20T09:10:00-05:00', '2026-01-20T09:25:30-05:00', 15.5],
    ['entirely out of hours', 'America/New_York', weekdays(), '2026-01-20T18:00:00-05:00', '2026-01-21T08:59:00-05:00', 0],
    ['skipping a holiday Monday', 'America/New_York', weekdays(['2026-12-28']), '2026-12-25T16:00:00-05:00', '2026-12-29T10:00:00-05:00', 120],
    ['a whole business day on the New York spring switch (00:00–06:00 local)', 'America/New_York', everyDay('00:00', '06:00'), '2026-03-07T12:00:00-05:00', '2026-03-08T12:00:00-04:00', 300],
    ['a whole business day on the New York autumn switch (00:00–06:00 local)', 'America/New_York', everyDay('00:00', '06:00'), '2026-10-31T12:00:00-04:00', '2026-11-01T12:00:00-05:00', 420],
    ['24/7 across the spring switch: elapsed time', 'America/New_York', ALWAYS, '2026-03-07T12:00:00-05:00', '2026-03-08T12:00:00-04:00', 23 * 60],
  ])('%s', (_name, zone, calendar, a, b, minutes) => {
    expect(businessMinutesBetween(at(a), at(b), calendar, PORTS[zone])).toBe(minutes);
  });

  it('counts backwards as negative', () => {
    expect(businessMinutesBetween(at('2026-01-19T10:00:00-05:00'), at('2026-01-16T16:00:00-05:00'), weekdays(), NY)).toBe(-120);
  });

  it('undoes addBusinessMinutes from any start, across both switches of both zones', () => {
    const failures: string[] = [];
    const calendars = [weekdays(['2026-03-30', '2026-11-02']), everyDay('00:30', '05:00'), everyDay('08:00', '18:30'), ALWAYS];
    for (const [zone, port] of Object.entries(PORTS)) {
      for (const calendar of calendars) {
        for (let start = at('2026-02-25T00:00:00Z'); start < at('2026-04-10T00:00:00Z'); start += 19 * HOUR + 7 * MINUTE) {
          for (const minutes of [1, 60, 480, 2400]) {
            for (const s of [start, start + 227 * DAY]) {
              const due = addBusinessMinutes(s, minutes, calendar, port);
              const back = businessMinutesBetween(s, due, calendar, port);
              if (back !== minutes || due < s) failures.push(`${zone} ${JSON.stringify(calendar.businessHours)} ${utc(s)} + ${minutes} → ${utc(due)} (${back})`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('nextOpening and isOpen', () => {
  it.each([
    ['during hours: the instant itself', weekdays(), '2026-01-20T11:00:00-05:00', '2026-01-20T11:00:00-05:00', true],
    ['at the opening: the instant itself', weekdays(), '2026-01-20T09:00:00-05:00', '2026-01-20T09:00:00-05:00', true],
    ['at the closing: the next morning', weekdays(), '2026-01-20T17:00:00-05:00', '2026-01-21T09:00:00-05:00', false],
    ['early morning: the same morning', weekdays(), '2026-01-20T03:00:00-05:00', '2026-01-20T09:00:00-05:00', false],
    ['Saturday before the spring switch: Monday 09:00 EDT', weekdays(), '2026-03-07T12:00:00-05:00', '2026-03-09T09:00:00-04:00', false],
    ['an opening inside the spring gap (02:30): the jump, 03:00 EDT', everyDay('02:30', '05:00'), '2026-03-07T23:00:00-05:00', '2026-03-08T03:00:00-04:00', false],
    ['an opening inside the autumn overlap (01:30): the earlier one, in EDT', everyDay('01:30', '05:00'), '2026-10-31T23:00:00-04:00', '2026-11-01T01:30:00-04:00', false],
    ['24/7: always open', ALWAYS, '2026-12-25T03:00:00-05:00', '2026-12-25T03:00:00-05:00', true],
  ])('%s', (_name, calendar, ms, opening, open) => {
    expect(utc(nextOpening(at(ms), calendar, NY))).toBe(utc(at(opening)));
    expect(isOpen(at(ms), calendar, NY)).toBe(open);
  });
});

describe('dueSoonAt', () => {
  it.each([
    ['80% of 60 minutes within a day', weekdays(), '2026-01-20T09:00:00-05:00', 60, '2026-01-20T09:48:00-05:00'],
    ['80% of 15 minutes over a weekend', weekdays(), '2026-01-16T16:50:00-05:00', 15, '2026-01-19T09:02:00-05:00'],
    ['80% of 15 minutes for a lead assigned at night', weekdays(), '2026-01-20T03:00:00-05:00', 15, '2026-01-20T09:12:00-05:00'],
    ['80% of 600 minutes over two days', weekdays(), '2026-01-20T10:00:00-05:00', 600, '2026-01-21T10:00:00-05:00'],
    ['80% of 600 minutes over the Berlin spring weekend', weekdays(), '2026-03-27T10:00:00+01:00', 600, '2026-03-30T10:00:00+02:00'],
    ['80% of 100 minutes, 24/7', ALWAYS, '2026-03-08T01:00:00-05:00', 100, '2026-03-08T03:20:00-04:00'],
  ])('%s', (name, calendar, start, minutes, soon) => {
    const port = name.includes('Berlin') ? BERLIN : NY;
    const due = addBusinessMinutes(at(start), minutes, calendar, port);
    expect(utc(dueSoonAt(at(start), due, 80, calendar, port))).toBe(utc(at(soon)));
  });

  it('is the due time itself at 100% and for a due time not after the start', () => {
    const start = at('2026-01-16T16:50:00-05:00');
    const due = addBusinessMinutes(start, 15, weekdays(), NY);
    expect(dueSoonAt(start, due, 100, weekdays(), NY)).toBe(due);
    expect(dueSoonAt(due, start, 80, weekdays(), NY)).toBe(start);
    expect(() => dueSoonAt(start, due, 120, weekdays(), NY)).toThrow(RangeError);
  });
});
