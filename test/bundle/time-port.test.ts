/**
 * The Apps Script TimePort (src/gas/time-port.ts) run against the emulator's Utilities.formatDate,
 * checked against Node's Intl over a year of instants in zones with whole-hour, half-hour-offset
 * and half-hour DST changes, and held to a small number of formatDate calls.
 */
import { ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createUtilities } from '../../emulator/services/utilities';
import { TimePort, Wall, WallInput } from '../../src/core/time-port';
import type * as TimePortModule from '../../src/gas/time-port';
import { intlTimePort } from '../support/intl-time-port';

/**
 * The port as a new execution makes it: Apps Script gives every execution a fresh global scope, and
 * the module keeps one port per zone (and the days it learned) for the execution it runs in.
 */
function timePort(zone: string): TimePort {
  let mod: typeof TimePortModule | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<typeof TimePortModule>('../../src/gas/time-port');
  });
  return mod!.timePort(zone);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);

const SPEC: ExecutionSpec = { functionName: 'batonSweep', trigger: 'installable', event: 'clock', authMode: 'FULL', activeUser: 'own@x.test', effectiveUser: 'own@x.test' };

/** Runs `body` in one emulated execution with the emulator's Utilities as the global the port calls. */
function withUtilities<T>(rt: Runtime, body: () => T): { result: T; formatDateCalls: number } {
  const g = globalThis as { Utilities?: unknown };
  const had = 'Utilities' in g;
  const saved = g.Utilities;
  try {
    const record = rt.run(SPEC, () => {
      g.Utilities = createUtilities(rt);
      return body();
    });
    if (record.error !== null) throw new Error(record.error);
    return { result: record.result as T, formatDateCalls: record.calls['Utilities.formatDate'] ?? 0 };
  } finally {
    if (had) g.Utilities = saved;
    else delete g.Utilities;
  }
}

const wallMs = (w: WallInput) => Date.UTC(w.year, w.month - 1, w.day, w.hour ?? 0, w.minute ?? 0, w.second ?? 0);

/** Local dates whose offset changes, by zone (2026). */
const ZONES: Record<string, string[]> = {
  'America/New_York': ['2026-03-08', '2026-11-01'],
  'Europe/Berlin': ['2026-03-29', '2026-10-25'],
  'America/St_Johns': ['2026-03-08', '2026-11-01'], // -03:30 / -02:30, switching at 02:00 local
  'Australia/Lord_Howe': ['2026-04-05', '2026-10-04'], // a half-hour DST shift
  UTC: [],
};

describe.each(Object.entries(ZONES))('timePort(%s) on the emulated Utilities.formatDate', (zone, switchDates) => {
  /** Wall-clock reading of `ms` in `zone` by Node's Intl: the reference. */
  const intl = intlTimePort(zone);
  const reference = (ms: number): Wall => intl.wall(ms);

  /** Every hour of 2026, plus every 5 minutes of the days around each switch. */
  const instants: number[] = [];
  for (let t = YEAR_START; t < YEAR_END; t += HOUR) instants.push(t);
  for (const date of switchDates) {
    const midnight = Date.parse(date + 'T00:00:00Z');
    for (let t = midnight - DAY; t < midnight + 2 * DAY; t += 5 * MINUTE) if (t % HOUR !== 0) instants.push(t + 17_000);
  }

  /** Every 5 minutes of local wall time on the switch dates, existing or not (gaps and overlaps). */
  const switchWalls: WallInput[] = [];
  for (const date of switchDates) {
    const [year, month, day] = date.split('-').map(Number);
    for (let m = 0; m < 24 * 60; m += 5) switchWalls.push({ year, month, day, hour: Math.floor(m / 60), minute: m % 60 });
  }

  let result: { walls: Wall[]; roundTrips: number[]; switchInstants: number[] };
  let formatDateCalls: number;
  beforeAll(() => {
    const rt = new Runtime(Date.UTC(2026, 0, 1, 12));
    ({ result, formatDateCalls } = withUtilities(rt, () => {
      const port: TimePort = timePort(zone);
      return {
        walls: instants.map((t) => port.wall(t)),
        roundTrips: instants.map((t) => port.instant(port.wall(t))),
        switchInstants: switchWalls.map((w) => port.instant(w)),
      };
    }));
  });

  it('reads the same wall-clock time as Intl at every instant', () => {
    const wrong = instants.filter((t, i) => JSON.stringify(result.walls[i]) !== JSON.stringify(reference(t)));
    expect(wrong.map((t) => new Date(t).toISOString())).toEqual([]);
  });

  it('maps each wall time back to its instant, or to the earlier one when the time occurs twice', () => {
    const wrong: string[] = [];
    instants.forEach((t, i) => {
      const w = wallMs(reference(t));
      // The earliest instant showing the same reading: at most an hour earlier in the zones here.
      const earliest = [t - HOUR, t - 30 * MINUTE, t].find((c) => wallMs(reference(c)) === w);
      if (result.roundTrips[i] !== earliest) wrong.push(`${new Date(t).toISOString()} → ${new Date(result.roundTrips[i]).toISOString()}`);
    });
    expect(wrong).toEqual([]);
  });

  it('maps a wall time on a switch date to the first instant showing it or a later time (a skipped time: the jump)', () => {
    const wrong: string[] = [];
    switchWalls.forEach((w, i) => {
      const r = result.switchInstants[i];
      // r is the first instant whose wall time has reached w: reached at r, not yet a second before.
      if (!(wallMs(reference(r)) >= wallMs(w) && wallMs(reference(r - 1000)) < wallMs(w))) wrong.push(`${JSON.stringify(w)} → ${new Date(r).toISOString()}`);
    });
    expect(wrong).toEqual([]);
  });

  it('calls formatDate about once per UTC day, plus a bisection per switch', () => {
    // The start of each of the 365 days of 2026 and of two days either side (instant() looks a day
    // beyond the wall time), and 17 probes to find each switch to the second, instead of one call
    // for each of the 30,000-odd conversions asked for.
    expect(formatDateCalls).toBeLessThanOrEqual(365 + 4 + switchDates.length * 17);
  });
});

describe('timePort(America/New_York) on the switch days', () => {
  const rt = new Runtime(Date.UTC(2026, 0, 1, 12));

  it('resolves a skipped time to the jump and a repeated time to its first occurrence', () => {
    const { result } = withUtilities(rt, () => {
      const port = timePort('America/New_York');
      return [
        port.instant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }),
        port.instant({ year: 2026, month: 3, day: 8, hour: 3 }),
        port.instant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }),
        port.instant({ year: 2026, month: 11, day: 1, hour: 2 }),
        port.instant({ year: 2026, month: 3, day: 9, hour: 9 }),
      ];
    });
    expect(result.map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT
      '2026-03-08T07:00:00.000Z',
      '2026-11-01T05:30:00.000Z', // 01:30 EDT, not 01:30 EST
      '2026-11-01T07:00:00.000Z',
      '2026-03-09T13:00:00.000Z', // Monday 09:00 EDT
    ]);
  });

  it('reads Sunday 2026-03-08 01:59:59 EST and 03:00:00 EDT a second apart', () => {
    const { result, formatDateCalls } = withUtilities(rt, () => {
      const port = timePort('America/New_York');
      return [port.wall(Date.UTC(2026, 2, 8, 6, 59, 59)), port.wall(Date.UTC(2026, 2, 8, 7))];
    });
    expect(result.map((w) => `${w.date} ${w.hour}:${w.minute}:${w.second} ${w.weekday}`)).toEqual(['2026-03-08 1:59:59 7', '2026-03-08 3:0:0 7']);
    expect(formatDateCalls).toBeLessThanOrEqual(2 + 17);
  });

  it('leaves no Utilities global behind', () => {
    expect('Utilities' in globalThis).toBe(false);
  });
});
