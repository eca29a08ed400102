import {
  instantToWall,
  isValidTimeZone,
  resolvedTimeZone,
  tzOffsetMs,
  wallClock,
  wallToInstant,
  zonedParts,
  zonedToUtc,
} from '../../emulator/time-zones';

const HOUR = 3_600_000;
const MIN = 60_000;

const NY = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';

describe('time zones: validity', () => {
  it('knows IANA names in any case and aliases, as Intl does (IANA tz database; ECMA-402 time zone names)', () => {
    expect(isValidTimeZone(NY)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Calcutta')).toBe(true);
    expect(isValidTimeZone('america/new_york')).toBe(true);
    expect(resolvedTimeZone('america/new_york')).toBe(NY);
  });

  it('rejects an unknown zone, Java custom ids, the empty string and non-strings (ECMA-402: invalid timeZone is a RangeError)', () => {
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('GMT+1')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
    expect(isValidTimeZone(5)).toBe(false);
    expect(() => zonedParts(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});

/** One DST year of a zone, with the wall-clock times around each switch and where the emulator puts those in the gap and the overlap. */
interface DstCase {
  zone: string;
  source: string;
  /** Standard and summer offsets (hours). */
  std: number;
  dst: number;
  /** [year, month, day]: spring and autumn switch dates (local). */
  spring: [number, number, number];
  autumn: [number, number, number];
  /** Last standard second before spring forward (UTC) and the hour the wall clock jumps from / to. */
  springLast: number;
  jump: [number, number];
  /** Local hour that happens twice in autumn, and its first (summer) instant (UTC). */
  repeated: number;
  repeatedFirst: number;
  /** Emulator rule (time-zones.ts wallToInstant): the instant of hour:30 in the gap and in the overlap. */
  gapAt: number;
  overlapAt: number;
}

const DST: DstCase[] = [
  // 02:30 in the gap → 01:30 EST (an hour earlier); 01:30 in the overlap → its first (EDT) instant
  { zone: 'America/New_York', source: 'IANA tz database, US rules: EST -5 / EDT -4', std: -5, dst: -4,
    spring: [2024, 3, 10], autumn: [2024, 11, 3], springLast: Date.UTC(2024, 2, 10, 6, 59, 59), jump: [1, 3],
    repeated: 1, repeatedFirst: Date.UTC(2024, 10, 3, 5, 30), gapAt: Date.UTC(2024, 2, 10, 6, 30), overlapAt: Date.UTC(2024, 10, 3, 5, 30) },
  // 02:30 in the gap → 03:30 CEST (an hour later); 02:30 in the overlap → its second (CET) instant
  { zone: 'Europe/Berlin', source: 'IANA tz database, EU rules: CET +1 / CEST +2', std: 1, dst: 2,
    spring: [2024, 3, 31], autumn: [2024, 10, 27], springLast: Date.UTC(2024, 2, 31, 0, 59, 59), jump: [1, 3],
    repeated: 2, repeatedFirst: Date.UTC(2024, 9, 27, 0, 30), gapAt: Date.UTC(2024, 2, 31, 1, 30), overlapAt: Date.UTC(2024, 9, 27, 1, 30) },
];

describe.each(DST)('time zones: $zone DST', (c) => {
  const [sy, sm, sd] = c.spring;
  const [ay, am, ad] = c.autumn;

  it(`spring forward: the wall clock jumps an hour (${c.source})`, () => {
    expect(zonedParts(c.springLast, c.zone)).toEqual({ year: sy, month: sm, day: sd, hour: c.jump[0], minute: 59, second: 59, weekday: 7 });
    expect(tzOffsetMs(c.springLast, c.zone)).toBe(c.std * HOUR);
    expect(zonedParts(c.springLast + 1000, c.zone)).toEqual({ year: sy, month: sm, day: sd, hour: c.jump[1], minute: 0, second: 0, weekday: 7 });
    expect(tzOffsetMs(c.springLast + 1000, c.zone)).toBe(c.dst * HOUR);
  });

  it(`fall back: one hour happens twice, first in summer time then in standard time (${c.source})`, () => {
    expect(zonedParts(c.repeatedFirst, c.zone)).toMatchObject({ day: ad, hour: c.repeated, minute: 30 });
    expect(tzOffsetMs(c.repeatedFirst, c.zone)).toBe(c.dst * HOUR);
    expect(zonedParts(c.repeatedFirst + HOUR, c.zone)).toMatchObject({ day: ad, hour: c.repeated, minute: 30 });
    expect(tzOffsetMs(c.repeatedFirst + HOUR, c.zone)).toBe(c.std * HOUR);
  });

  it(`wall-clock times on either side of both switches map to their instants (${c.source})`, () => {
    const utc = (y: number, mo: number, d: number, h: number, off: number) => Date.UTC(y, mo - 1, d, h, 30) - off * HOUR;
    expect(zonedToUtc(sy, sm, sd, c.jump[0], 30, 0, c.zone)).toBe(utc(sy, sm, sd, c.jump[0], c.std));
    expect(zonedToUtc(sy, sm, sd, c.jump[1], 30, 0, c.zone)).toBe(utc(sy, sm, sd, c.jump[1], c.dst));
    expect(zonedToUtc(ay, am, ad, c.repeated - 1, 30, 0, c.zone)).toBe(utc(ay, am, ad, c.repeated - 1, c.dst));
    expect(zonedToUtc(ay, am, ad, c.repeated + 1, 30, 0, c.zone)).toBe(utc(ay, am, ad, c.repeated + 1, c.std));
  });

  it('a time in the spring gap and an ambiguous autumn time resolve as the two-step offset guess lands (emulator rule: time-zones.ts wallToInstant)', () => {
    expect(zonedToUtc(sy, sm, sd, 2, 30, 0, c.zone)).toBe(c.gapAt);
    expect(zonedToUtc(ay, am, ad, c.repeated, 30, 0, c.zone)).toBe(c.overlapAt);
    expect(wallToInstant(wallClock(sy, sm, sd, 2, 30), c.zone)).toBe(c.gapAt);
  });
});

describe('time zones: offsets that are not whole hours', () => {
  it('Asia/Kolkata is UTC+05:30 all year, crossing midnight on the half hour (IANA tz database)', () => {
    const t = Date.UTC(2024, 5, 1, 18, 45, 10, 500);
    expect(tzOffsetMs(t, KOLKATA)).toBe(5 * HOUR + 30 * MIN);
    expect(tzOffsetMs(Date.UTC(2024, 0, 15), KOLKATA)).toBe(5 * HOUR + 30 * MIN);
    expect(zonedParts(t, KOLKATA)).toEqual({ year: 2024, month: 6, day: 2, hour: 0, minute: 15, second: 10, weekday: 7 });
    expect(instantToWall(t, KOLKATA)).toBe(Date.UTC(2024, 5, 2, 0, 15, 10, 500));
    expect(zonedToUtc(2024, 6, 1, 0, 0, 0, KOLKATA)).toBe(Date.UTC(2024, 4, 31, 18, 30));
  });

  it('local mean time before 1900 keeps its seconds, so wall times round-trip (IANA tz database: New York LMT -4:56:02)', () => {
    const t = Date.UTC(1850, 0, 1);
    expect(tzOffsetMs(t, NY)).toBe(-(4 * HOUR + 56 * MIN + 2000));
    expect(wallToInstant(instantToWall(t, NY), NY)).toBe(t);
  });
});

describe('time zones: wall-clock fields', () => {
  it('fields may overflow and years 0–99 are literal years (emulator rule: time-zones.ts wallClock)', () => {
    expect(wallClock(2024, 1, 32, 0, 0, 90_000)).toBe(Date.UTC(2024, 1, 2, 1, 0, 0));
    expect(new Date(wallClock(50, 1, 1)).getUTCFullYear()).toBe(50);
    expect(zonedParts(Date.UTC(-100, 0, 1), 'UTC').year).toBe(-100);
  });
});
