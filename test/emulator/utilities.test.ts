import { ERRORS, ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createUtilities, utilitiesState } from '../../emulator/services/utilities';
import { createConsole, createLogger, loggerState } from '../../emulator/services/logger';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0); // Monday
const spec: ExecutionSpec = { functionName: 'f', trigger: 'installable', event: 'clock', authMode: 'FULL', activeUser: 'own@x.test', effectiveUser: 'own@x.test' };

function fmt(rt: Runtime, ms: number, zone: string, pattern: string) {
  return rt.run(spec, () => createUtilities(rt).formatDate(new Date(ms), zone, pattern));
}

describe('Utilities.formatDate', () => {
  it.each([
    ["yyyy-MM-dd'T'HH:mm:ssXXX", 'America/New_York', '2026-03-02T09:00:00-05:00'],
    ['EEE, d MMM yyyy HH:mm:ss Z', 'America/New_York', 'Mon, 2 Mar 2026 09:00:00 -0500'],
    ['EEEE d MMMM yy, hh:mm a z', 'America/New_York', 'Monday 2 March 26, 09:00 AM EST'],
    ['u H h SSS', 'America/New_York', '1 9 9 000'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'UTC', '2026-03-02T14:00:00.000Z'],
    ['HH:mm Z X XX XXX', 'Asia/Kolkata', '19:30 +0530 +05 +0530 +05:30'],
    ['HH:mm XXX', 'GMT+1', '15:00 +01:00'],
    ["h 'o''clock' ''", 'Europe/London', "2 o'clock '"],
    ['D', 'UTC', '61'],
  ])('formats %s in %s like java.text.SimpleDateFormat (reference utilities/utilities: formatDate)', (pattern, zone, want) => {
    const rt = new Runtime(T0);
    expect(fmt(rt, T0, zone, pattern).result).toBe(want);
  });

  it('follows daylight saving time of the zone (reference utilities/utilities: formatDate)', () => {
    const rt = new Runtime(T0);
    expect(fmt(rt, Date.UTC(2026, 6, 1, 12), 'America/New_York', 'HH:mm XXX z').result).toBe('08:00 -04:00 EDT');
  });

  it('an unknown zone formats as GMT, as Java does (java.util.TimeZone.getTimeZone; issue 17), switchable to throw', () => {
    const rt = new Runtime(T0);
    expect(fmt(rt, T0, 'Mars/Olympus', 'HH:mm').result).toBe('14:00');
    expect(fmt(rt, T0, 'america/new_york', 'HH:mm').result).toBe('14:00');
    const strict = new Runtime(T0, { unknownTimeZone: 'throw' });
    expect(fmt(strict, T0, 'Mars/Olympus', 'HH:mm').error).toBe('Invalid time zone: Mars/Olympus');
    expect(fmt(strict, T0, 'america/new_york', 'HH:mm').error).toBe('Invalid time zone: america/new_york');
    utilitiesState(strict).unknownZone = 'gmt';
    expect(fmt(strict, T0, 'Mars/Olympus', 'HH:mm').result).toBe('14:00');
  });

  it('an unknown pattern letter throws (java.text.SimpleDateFormat: Illegal pattern character)', () => {
    const rt = new Runtime(T0);
    expect(fmt(rt, T0, 'UTC', 'yyyy-qq').error).toBe("Illegal pattern character 'q'");
  });

  it('rejects a non-Date (reference utilities/utilities: formatDate(date, timeZone, format))', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => createUtilities(rt).formatDate('2026-03-02' as unknown as Date, 'UTC', 'yyyy'));
    expect(rec.error).toBe("The parameters (String,String,String) don't match the method signature for Utilities.formatDate.");
  });
});

describe('Utilities', () => {
  it('getUuid gives RFC 4122 v4 ids, deterministic per seed (reference utilities/utilities: getUuid)', () => {
    const a = new Runtime(T0, { seed: 7 });
    const b = new Runtime(T0, { seed: 7 });
    const ua = a.run(spec, () => [createUtilities(a).getUuid(), createUtilities(a).getUuid()]).result as string[];
    const ub = b.run(spec, () => [createUtilities(b).getUuid(), createUtilities(b).getUuid()]).result as string[];
    expect(ua).toEqual(ub);
    expect(ua[0]).not.toBe(ua[1]);
    for (const u of ua) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sleep advances the emulated clock, at most 300,000 ms per call (reference utilities/utilities: sleep)', () => {
    const rt = new Runtime(T0, { advanceClockPerCall: false });
    rt.run(spec, () => createUtilities(rt).sleep(1000));
    expect(rt.now()).toBe(T0 + 1000);
    expect(rt.run(spec, () => createUtilities(rt).sleep(300_001)).error).toMatch(/^Argument too large: milliseconds/);
  });

  it('sleeping past the time limit ends the execution (PLATFORM.md, Quotas: one execution 6 min)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => {
      for (let i = 0; i < 3; i++) createUtilities(rt).sleep(150_000);
    });
    expect(rec.error).toBe(ERRORS.timeLimit);
  });

  it('formatString is sprintf-like (reference utilities/utilities: formatString)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => createUtilities(rt).formatString('%s has %d rows (%.1f%%) %05d|%-3s|', 'A', 3, 12.345, 42, 'x'));
    expect(rec.result).toBe('A has 3 rows (12.3%) 00042|x  |');
  });

  it('computeDigest returns signed bytes; base64Encode/Decode (reference utilities/utilities: computeDigest, base64Encode)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => {
      const u = createUtilities(rt);
      const d = u.computeDigest(u.DigestAlgorithm.MD5, 'abc');
      return [d.length, d[0], u.base64Encode('hi'), [...u.base64Decode('aGk=')]];
    });
    expect(rec.result).toEqual([16, -112, 'aGk=', [104, 105]]);
  });
});

describe('Logger and console', () => {
  it('store lines instead of printing; Logger.log formats %s (reference base/logger: log(format, values))', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => {
      const logger = createLogger(rt);
      logger.log('swept %s rows', 12);
      logger.log({ a: 1 });
      createConsole(rt).warn('careful', 3);
      return logger.getLog();
    });
    expect(rec.result).toBe('swept 12 rows\n{"a":1}\n');
    expect(loggerState(rt).texts()).toEqual(['swept 12 rows', '{"a":1}', 'careful 3']);
    expect(loggerState(rt).lines[2]).toMatchObject({ source: 'console', level: 'warn', execution: rec.id });
    expect(rec.calls).toEqual({ 'Logger.log': 2, 'Logger.getLog': 1 });
  });
});
