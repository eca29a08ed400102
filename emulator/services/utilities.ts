/**
 * Utilities (reference: developers.google.com/apps-script/reference/utilities/utilities) and the
 * small helpers the other service modules of this folder share (enums, signature errors, user).
 *
 * formatDate follows java.text.SimpleDateFormat (which Apps Script uses) for the letters
 * G y Y M L d D E u a H k K h m s S z Z X and quoted literals. Time zones are IANA ids (checked
 * case-sensitively, as Java does) or Java custom ids `GMT`, `UTC`, `GMT+h`, `GMT+hh:mm`, `GMT+hhmm`.
 * Java silently formats an unknown zone id as GMT (java.util.TimeZone.getTimeZone: "the GMT zone if
 * the given ID cannot be understood"), and so does the emulator by default
 * (RuntimeOptions.unknownTimeZone 'gmt'); 'throw' fails with `Invalid time zone: X` instead.
 * `z` uses the zone names of Intl (en-US), which may differ from Java's for zones outside the US.
 */
import { createHash } from 'node:crypto';
import { ERRORS, Runtime, isDate } from '../runtime';
import { ZonedParts, isValidTimeZone as isIntlTimeZone, resolvedTimeZone, tzOffsetMs, zonedParts } from '../time-zones';

// ---------------------------------------------------------------- helpers shared by the services

/** An Apps Script enum value: `name()`, `toString()`, `ordinal()`; compared by identity. */
export class GasEnumValue {
  constructor(
    private readonly n: string,
    private readonly o: number,
  ) {}
  name(): string {
    return this.n;
  }
  toString(): string {
    return this.n;
  }
  ordinal(): number {
    return this.o;
  }
  toJSON(): string {
    return this.n;
  }
}

export function gasEnum(names: string[]): Record<string, GasEnumValue> {
  const out: Record<string, GasEnumValue> = {};
  names.forEach((n, i) => (out[n] = new GasEnumValue(n, i)));
  return Object.freeze(out);
}

/** Type name of a null, undefined, string, number, boolean or Date as signature errors print it; else undefined. */
export function gasScalarTypeName(v: unknown): string | undefined {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (isDate(v)) return 'Date';
  return undefined;
}

/** Type name of a script value as Apps Script prints it in signature errors. */
export function gasTypeName(v: unknown): string {
  const scalar = gasScalarTypeName(v);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(v)) return v.length ? gasTypeName(v[0]) + '[]' : 'Object[]';
  if (v instanceof GasEnumValue) return 'Enum';
  if (typeof v === 'function') return 'Function';
  if (typeof v === 'object') return (v as object).constructor?.name && (v as object).constructor.name !== 'Object' ? (v as object).constructor.name : 'Object';
  return typeof v;
}

/** `The parameters (String,number) don't match the method signature for Ui.alert.` */
export function paramsError(rt: Runtime, args: unknown[], method: string, firstType?: string): Error {
  const types = args.map(gasTypeName);
  if (firstType && types.length) types[0] = firstType;
  return rt.error(`The parameters (${types.join(',')}) don't match the method signature for ${method}.`);
}

/** The person at the keyboard (or the trigger owner) of the running execution. */
export function userOf(rt: Runtime): string {
  const spec = rt.execution().spec;
  return spec.actor || spec.activeUser || spec.effectiveUser;
}

// ---------------------------------------------------------------- state

export class UtilitiesState {
  /** What formatDate does with an unknown time zone id: format as GMT (Java; default: RuntimeOptions.unknownTimeZone) or throw. */
  unknownZone: 'throw' | 'gmt';
  constructor(unknownZone: 'throw' | 'gmt' = 'gmt') {
    this.unknownZone = unknownZone;
  }
  /** Total ms slept, for tests. */
  sleptMs = 0;
}

export function utilitiesState(rt: Runtime): UtilitiesState {
  return rt.slot('utilities', () => new UtilitiesState(rt.options.unknownTimeZone));
}

/** Utilities.sleep's maximum (reference: Utilities.sleep, "max 300000"). */
export const MAX_SLEEP_MS = 300_000;

// ---------------------------------------------------------------- time zones and formatDate

/** Wall-clock fields formatDate reads, plus the ms and the zone's offset (whole minutes, as Java). */
interface Fields extends ZonedParts {
  ms: number;
  offsetMin: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A Java custom zone id: GMT, UTC, GMT+h, GMT+hh, GMT+hh:mm, GMT+hhmm → offset minutes. */
function customOffset(zone: string): number | null {
  if (zone === 'GMT' || zone === 'UTC') return 0;
  const m = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const h = Number(m[2]);
  const min = m[3] ? Number(m[3]) : 0;
  if (h > 23 || min > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

/** Whether `zone` is a zone id Java would know (IANA, case-sensitive, or a custom GMT id). */
export function isValidTimeZone(zone: string): boolean {
  if (customOffset(zone) !== null) return true;
  if (!isIntlTimeZone(zone)) return false;
  // Intl accepts any case; Java does not. Aliases resolve to other names and are fine.
  const resolved = resolvedTimeZone(zone);
  return !(resolved !== zone && resolved.toLowerCase() === zone.toLowerCase());
}

export function zoneFields(ms: number, zone: string): Fields {
  const fixed = customOffset(zone);
  if (fixed !== null) {
    const d = new Date(ms + fixed * 60_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
      weekday: ((d.getUTCDay() + 6) % 7) + 1,
      offsetMin: fixed,
    };
  }
  return { ...zonedParts(ms, zone), ms: ((ms % 1000) + 1000) % 1000, offsetMin: Math.round(tzOffsetMs(ms, zone) / 60_000) };
}

function zoneName(ms: number, zone: string, long: boolean, offsetMin: number): string {
  if (customOffset(zone) !== null) {
    if (zone === 'UTC') return long ? 'Coordinated Universal Time' : 'UTC';
    if (offsetMin === 0) return long ? 'Greenwich Mean Time' : 'GMT';
    return 'GMT' + offsetText(offsetMin, true, true);
  }
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: long ? 'long' : 'short' }).formatToParts(new Date(ms));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offsetText(offsetMin: number, colon: boolean, withMinutes = true): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  if (!withMinutes) return sign + hh;
  return sign + hh + (colon ? ':' : '') + mm;
}

function dayOfYear(f: Fields): number {
  return Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
}

/** Formats like java.text.SimpleDateFormat with the given zone; throws on a bad pattern letter. */
export function formatJavaDate(ms: number, zone: string, pattern: string): string {
  const f = zoneFields(ms, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let lit = '';
      for (;;) {
        if (j >= pattern.length) throw new Error('Unterminated quote');
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            lit += "'";
            j += 2;
            continue;
          }
          break;
        }
        lit += pattern[j++];
      }
      out += lit;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'G':
        out += f.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y': {
        const y = f.year > 0 ? f.year : 1 - f.year;
        out += n === 2 ? pad(y % 100, 2) : pad(y, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[f.month - 1] : n === 3 ? MONTHS[f.month - 1].slice(0, 3) : pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'D':
        out += pad(dayOfYear(f), n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[f.weekday - 1] : DAYS[f.weekday - 1].slice(0, 3);
        break;
      case 'u':
        out += pad(f.weekday, n);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'K':
        out += pad(f.hour % 12, n);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += pad(f.ms, n);
        break;
      case 'z':
        out += zoneName(ms, zone, n >= 4, f.offsetMin);
        break;
      case 'Z':
        out += offsetText(f.offsetMin, false);
        break;
      case 'X':
        if (n > 3) throw new Error('invalid ISO 8601 format: length=' + n);
        out += f.offsetMin === 0 ? 'Z' : n === 1 ? offsetText(f.offsetMin, false, false) : offsetText(f.offsetMin, n === 3);
        break;
      default:
        throw new Error(`Illegal pattern character '${c}'`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- formatString

/** A subset of Java's String.format: %s %d %i %f %.Nf %e %x %o %c %b %% with flags and width. */
export function formatString(template: string, args: unknown[]): string {
  let k = 0;
  return template.replace(/%([-+ 0#,]*)(\d+)?(?:\.(\d+))?([sdifeExXocbB%])/g, (whole, flags: string, width: string, prec: string, conv: string) => {
    if (conv === '%') return '%';
    if (k >= args.length) throw new Error(`Format specifier '${whole}' has no matching argument`);
    const v = args[k++];
    let s: string;
    switch (conv) {
      case 's':
        s = String(v);
        if (prec) s = s.slice(0, Number(prec));
        break;
      case 'd':
      case 'i':
        s = String(Math.trunc(Number(v)));
        if (flags.includes(',')) s = Number(s).toLocaleString('en-US');
        break;
      case 'f':
        s = Number(v).toFixed(prec ? Number(prec) : 6);
        break;
      case 'e':
      case 'E':
        s = Number(v).toExponential(prec ? Number(prec) : 6);
        if (conv === 'E') s = s.toUpperCase();
        break;
      case 'x':
      case 'X':
        s = Math.trunc(Number(v)).toString(16);
        if (conv === 'X') s = s.toUpperCase();
        break;
      case 'o':
        s = Math.trunc(Number(v)).toString(8);
        break;
      case 'c':
        s = typeof v === 'number' ? String.fromCharCode(v) : String(v).charAt(0);
        break;
      default:
        s = String(Boolean(v));
        if (conv === 'B') s = s.toUpperCase();
    }
    if ('dieEf'.includes(conv) && flags.includes('+') && Number(v) >= 0) s = '+' + s;
    const w = width ? Number(width) : 0;
    if (s.length < w) {
      if (flags.includes('-')) s = s + ' '.repeat(w - s.length);
      else if (flags.includes('0') && 'dieEfxXo'.includes(conv)) {
        const neg = s.startsWith('-') || s.startsWith('+');
        s = neg ? s[0] + '0'.repeat(w - s.length) + s.slice(1) : '0'.repeat(w - s.length) + s;
      } else s = ' '.repeat(w - s.length) + s;
    }
    return s;
  });
}

// ---------------------------------------------------------------- the service

const DIGESTS: Record<string, string | null> = { MD2: null, MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

function enums(rt: Runtime) {
  return rt.slot('utilities:enums', () => ({
    DigestAlgorithm: gasEnum(Object.keys(DIGESTS)),
    Charset: gasEnum(['US_ASCII', 'UTF_8']),
    MacAlgorithm: gasEnum(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512']),
  }));
}

export class Utilities {
  readonly DigestAlgorithm: Record<string, GasEnumValue>;
  readonly Charset: Record<string, GasEnumValue>;
  readonly MacAlgorithm: Record<string, GasEnumValue>;

  constructor(private readonly rt: Runtime) {
    const e = enums(rt);
    this.DigestAlgorithm = e.DigestAlgorithm;
    this.Charset = e.Charset;
    this.MacAlgorithm = e.MacAlgorithm;
  }

  private call<T>(method: string, body: () => T): T {
    return this.rt.call('Utilities.' + method, body, { auth: 'NONE' });
  }

  formatDate(...args: unknown[]): string {
    const [date, timeZone, format] = args;
    return this.call('formatDate', () => {
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string' || args.length !== 3)
        throw paramsError(this.rt, args, 'Utilities.formatDate');
      const ms = date.getTime();
      if (Number.isNaN(ms)) throw this.rt.error('Invalid argument: date');
      let zone = timeZone;
      if (!isValidTimeZone(zone)) {
        if (utilitiesState(this.rt).unknownZone === 'throw') throw this.rt.error(`Invalid time zone: ${timeZone}`);
        zone = 'GMT';
      }
      try {
        return formatJavaDate(ms, zone, format);
      } catch (e) {
        throw this.rt.error((e as Error).message);
      }
    });
  }

  formatString(template: unknown, ...args: unknown[]): string {
    return this.call('formatString', () => {
      if (typeof template !== 'string') throw paramsError(this.rt, [template, ...args], 'Utilities.formatString');
      try {
        return formatString(template, args);
      } catch (e) {
        throw this.rt.error((e as Error).message);
      }
    });
  }

  /** RFC 4122 version 4, drawn from the runtime's seeded generator (deterministic per seed). */
  getUuid(): string {
    return this.call('getUuid', () => {
      const b: number[] = [];
      for (let i = 0; i < 16; i++) b.push(Math.floor(this.rt.random() * 256));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    });
  }

  /** Advances the emulated clock; the execution's time limit applies to the time slept. */
  sleep(milliseconds: unknown): void {
    this.call('sleep', () => {
      if (typeof milliseconds !== 'number' || Number.isNaN(milliseconds)) throw paramsError(this.rt, [milliseconds], 'Utilities.sleep');
      if (milliseconds > MAX_SLEEP_MS) throw this.rt.error(`Argument too large: milliseconds (max ${MAX_SLEEP_MS})`);
      const ms = Math.max(0, Math.trunc(milliseconds));
      const exec = this.rt.execution();
      this.rt.clock.advance(ms);
      exec.modeledMs += ms;
      utilitiesState(this.rt).sleptMs += ms;
      if (this.rt.now() - exec.startedAt > exec.limitMs) throw this.rt.error(ERRORS.timeLimit);
    });
  }

  computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
    return this.call('computeDigest', () => {
      const name = enumName(this.DigestAlgorithm, algorithm);
      if (!name) throw paramsError(this.rt, [algorithm, value], 'Utilities.computeDigest');
      const algo = DIGESTS[name];
      if (!algo) throw this.rt.error(`emulator: DigestAlgorithm.${name} is not emulated`);
      const data = this.bytesOf(value, charset, 'Utilities.computeDigest');
      return this.rt.list([...createHash(algo).update(data).digest()].map(signed));
    });
  }

  base64Encode(data: unknown, charset?: unknown): string {
    return this.call('base64Encode', () => this.bytesOf(data, charset, 'Utilities.base64Encode').toString('base64'));
  }

  base64EncodeWebSafe(data: unknown, charset?: unknown): string {
    return this.call('base64EncodeWebSafe', () =>
      this.bytesOf(data, charset, 'Utilities.base64EncodeWebSafe').toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
    );
  }

  base64Decode(encoded: unknown): number[] {
    return this.call('base64Decode', () => {
      if (typeof encoded !== 'string') throw paramsError(this.rt, [encoded], 'Utilities.base64Decode');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded.replace(/\s/g, '')) || encoded.replace(/\s/g, '').length % 4 === 1)
        throw this.rt.error('Could not decode string.');
      return this.rt.list([...Buffer.from(encoded, 'base64')].map(signed));
    });
  }

  private bytesOf(value: unknown, charset: unknown, method: string): Buffer {
    if (typeof value === 'string') {
      const cs = charset === undefined ? 'UTF_8' : enumName(this.Charset, charset);
      if (!cs) throw paramsError(this.rt, [value, charset], method);
      return Buffer.from(value, cs === 'US_ASCII' ? 'latin1' : 'utf8');
    }
    if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value.map((b) => b & 0xff));
    throw paramsError(this.rt, [value], method);
  }
}

function signed(b: number): number {
  return b > 127 ? b - 256 : b;
}

function enumName(e: Record<string, GasEnumValue>, v: unknown): string | undefined {
  return Object.keys(e).find((k) => e[k] === v);
}

export function createUtilities(rt: Runtime): Utilities {
  return new Utilities(rt);
}
