/**
 * Cell values as Google Sheets holds them: typing rules ("as if typed by a user"), dates as
 * wall-clock times in the spreadsheet's time zone, number formats for display values, A1 notation.
 * Source: PLATFORM.md, Spreadsheet service semantics.
 */

/** A date cell: the wall-clock time (ms, read with UTC getters) in the spreadsheet's time zone. */
export class WallDate {
  constructor(readonly wall: number) {}
}

export type Scalar = string | number | boolean | WallDate;

/** What a typed string becomes: a value, a formula, or nothing (an empty cell), plus an implied number format. */
export interface Typed {
  v?: Scalar;
  f?: string;
  nf?: string;
}

export const MAX_CELL_CHARS = 50_000;

/** Wall-clock ms for a calendar date and time (fields as typed). */
function wallOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return t;
}

/** Sheets' epoch for time-only values: 1899-12-30. */
export const SHEETS_EPOCH_WALL = Date.UTC(1899, 11, 30);

// ---------------------------------------------------------------- typing

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function year2(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

function hour12(h: number, ampm: string | undefined): number | null {
  if (!ampm) return h;
  if (h < 1 || h > 12) return null;
  const pm = ampm.toLowerCase() === 'pm';
  return (h % 12) + (pm ? 12 : 0);
}

/**
 * Locales that read `1/2/2026` month first (January 2). Every other locale reads a slashed date
 * day first (1 February), as Sheets does for a spreadsheet's locale (File › Settings › Locale;
 * Sheets help "Change a spreadsheet's locale, time zone, calculation & language": "the locale
 * affects formatting details such as functions, dates, and currency").
 */
const MONTH_FIRST_LOCALES = new Set(['en_US', 'en', 'es_US', 'en_PH', 'fil_PH', 'en_CA']);

/** Whether a locale reads `a/b/yyyy` as month/day (en_US) rather than day/month (en_GB, de_DE ...). */
export function monthFirst(locale: string): boolean {
  return MONTH_FIRST_LOCALES.has(locale);
}

/** Parses a date or time as Sheets recognises it in `locale` (default en_US); null when it is not one. */
export function parseDateText(s: string, currentYear: number, locale = 'en_US'): { wall: number; nf: string } | null {
  const mf = monthFirst(locale);
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const w = wallOf(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
    if (w !== null) return { wall: w, nf: m[4] ? 'yyyy-mm-dd H:mm:ss' : 'yyyy-mm-dd' };
  }
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i.exec(s);
  if (m && (mf ? !s.includes('.') : true)) {
    const h = m[4] ? hour12(+m[4], m[7]) : 0;
    const [mo, d] = mf ? [+m[1], +m[2]] : [+m[2], +m[1]];
    if (h !== null) {
      const w = wallOf(year2(m[3]), mo, d, h, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
      const day = mf ? 'M/d/yyyy' : 'd/M/yyyy';
      if (w !== null) return { wall: w, nf: m[4] ? day + ' H:mm:ss' : day };
    }
  }
  m = /^(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) {
    const [mo, d] = mf ? [+m[1], +m[2]] : [+m[2], +m[1]];
    const w = wallOf(currentYear, mo, d);
    if (w !== null) return { wall: w, nf: mf ? 'M/d/yyyy' : 'd/M/yyyy' };
  }
  m = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(s);
  if (m && MONTHS.includes(m[1].toLowerCase())) {
    const w = wallOf(+m[3], MONTHS.indexOf(m[1].toLowerCase()) + 1, +m[2]);
    if (w !== null) return { wall: w, nf: 'mmmm d, yyyy' };
  }
  m = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})$/i.exec(s);
  if (m && MONTHS.includes(m[2].toLowerCase())) {
    const w = wallOf(+m[3], MONTHS.indexOf(m[2].toLowerCase()) + 1, +m[1]);
    if (w !== null) return { wall: w, nf: 'd mmmm yyyy' };
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?$/i.exec(s);
  if (m) {
    const h = hour12(+m[1], m[4]);
    if (h !== null && h < 24 && +m[2] < 60 && (!m[3] || +m[3] < 60)) {
      return {
        wall: SHEETS_EPOCH_WALL + ((h * 60 + +m[2]) * 60 + (m[3] ? +m[3] : 0)) * 1000,
        nf: m[4] ? 'h:mm am/pm' : 'H:mm:ss',
      };
    }
  }
  return null;
}

/** Parses a number as Sheets (en_US) recognises it: `42`, `-3.5`, `1,000`, `$1,200`, `50%`, `+15550100`. */
export function parseNumberText(s: string): { n: number; nf?: string } | null {
  const m = /^([+-])?(\$)?([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(\.\d*)?(?:[eE]([+-]?\d+))?(%)?$/.exec(s);
  if (!m) return null;
  const [, sign1, dollar, sign2, int, frac, exp, pct] = m;
  if (!int && (!frac || frac === '.')) return null;
  if (sign1 && sign2) return null;
  if (dollar && pct) return null;
  let n = Number((int ?? '0').replace(/,/g, '') + (frac && frac !== '.' ? frac : '') + (exp ? 'e' + exp : ''));
  if (!Number.isFinite(n)) return null;
  if (sign1 === '-' || sign2 === '-') n = -n;
  const decimals = frac && frac.length > 1 ? frac.length - 1 : 0;
  if (pct) return { n: n / 100, nf: decimals ? '0.' + '0'.repeat(decimals) + '%' : '0%' };
  if (dollar) return { n, nf: '$#,##0.00' };
  if (int && int.includes(',')) return { n, nf: decimals ? '#,##0.' + '0'.repeat(decimals) : '#,##0' };
  if (exp) return { n, nf: '0.00E+00' };
  return { n };
}

/** How typing is read beyond the cell's own format: the spreadsheet's locale and the "+" rule. */
export interface TypingRules {
  /** Spreadsheet locale (e.g. 'en_US', 'en_GB'): decides day/month order of typed dates. */
  locale?: string;
  /**
   * A string starting with "+" that is not a number is entered as a formula (`=` + the text), as
   * Sheets does for input typed by a person or written with USER_ENTERED semantics:
   * `+1 212 555 0101` reads back `#ERROR!` (formula parse error). Default true.
   */
  plusStartsFormula?: boolean;
}

/**
 * A string as if a person typed it into a cell (PLATFORM.md: setValues/appendRow parse strings
 * this way). `plainText` is a cell formatted as plain text ('@'): everything stays text.
 */
export function parseTyped(s: string, currentYear: number, plainText = false, rules: TypingRules = {}): Typed {
  if (s === '') return {};
  if (plainText) return { v: s };
  if (s.startsWith("'")) {
    const rest = s.slice(1);
    return rest === '' ? {} : { v: rest };
  }
  if (s.startsWith('=') && s.length > 1) return { f: s };
  const t = s.trim();
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === 'true' };
  const num = parseNumberText(t);
  if (num) return num.nf ? { v: num.n, nf: num.nf } : { v: num.n };
  // "+15550100" is a number (above); any other "+..." is a formula, like "=+...".
  if (rules.plusStartsFormula !== false && s.startsWith('+') && s.length > 1) return { f: '=' + s };
  const d = parseDateText(t, currentYear, rules.locale);
  if (d) return { v: new WallDate(d.wall), nf: d.nf };
  return { v: s };
}

// ---------------------------------------------------------------- display

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function isDatePattern(nf: string): boolean {
  const bare = nf.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  if (/[0#?]/.test(bare) || bare === 'General' || bare === '@') return false;
  return /[ymdhs]/i.test(bare);
}

/** Formats a wall-clock time with a Sheets date/time pattern (yyyy, mm, m, d, H, h, ss, am/pm, mmm, dddd ...). */
export function formatDatePattern(wall: number, nf: string): string {
  const d = new Date(wall);
  const tokens = nf.match(/yyyy|yy|mmmm|mmm|mm|m|MMMM|MMM|MM|M|dddd|ddd|dd|d|DD|D|HH|H|hh|h|ss|s|am\/pm|AM\/PM|a\/p|"[^"]*"|\\.|./g) ?? [];
  const hasAmPm = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  const kinds = tokens.map((t) => t.toLowerCase());
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const k = kinds[i];
    const prevTimeish = kinds.slice(0, i).reverse().find((x) => /^(y+|m+|d+|h+|s+)$/.test(x));
    const nextTimeish = kinds.slice(i + 1).find((x) => /^(y+|m+|d+|h+|s+)$/.test(x));
    const minutes = (k === 'm' || k === 'mm') && tok === tok.toLowerCase() && ((prevTimeish && prevTimeish[0] === 'h') || (nextTimeish && nextTimeish[0] === 's'));
    const hour = d.getUTCHours();
    switch (true) {
      case k === 'yyyy':
        out += pad(d.getUTCFullYear(), 4);
        break;
      case k === 'yy':
        out += pad(d.getUTCFullYear() % 100);
        break;
      case k === 'mmmm':
        out += MONTH_NAMES[d.getUTCMonth()];
        break;
      case k === 'mmm':
        out += MONTH_NAMES[d.getUTCMonth()].slice(0, 3);
        break;
      case k === 'mm':
        out += minutes ? pad(d.getUTCMinutes()) : pad(d.getUTCMonth() + 1);
        break;
      case k === 'm':
        out += minutes ? String(d.getUTCMinutes()) : String(d.getUTCMonth() + 1);
        break;
      case k === 'dddd':
        out += DAY_NAMES[d.getUTCDay()];
        break;
      case k === 'ddd':
        out += DAY_NAMES[d.getUTCDay()].slice(0, 3);
        break;
      case k === 'dd':
        out += pad(d.getUTCDate());
        break;
      case k === 'd':
        out += String(d.getUTCDate());
        break;
      case k === 'hh':
        out += pad(hasAmPm ? hour % 12 || 12 : hour);
        break;
      case k === 'h':
        out += String(hasAmPm ? hour % 12 || 12 : hour);
        break;
      case k === 'ss':
        out += pad(d.getUTCSeconds());
        break;
      case k === 's':
        out += String(d.getUTCSeconds());
        break;
      case k === 'am/pm':
        out += hour < 12 ? (tok === 'AM/PM' ? 'AM' : 'am') : tok === 'AM/PM' ? 'PM' : 'pm';
        break;
      case k === 'a/p':
        out += hour < 12 ? 'a' : 'p';
        break;
      case tok.startsWith('"'):
        out += tok.slice(1, -1);
        break;
      case tok.startsWith('\\'):
        out += tok.slice(1);
        break;
      default:
        out += tok;
    }
  }
  return out;
}

/** Sheets' automatic display of a number ("General"). */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const s = String(Number(n.toPrecision(10)));
  return s.replace(/e\+?/, 'E+').replace('E+-', 'E-');
}

function formatNumberPattern(n: number, nf: string): string {
  const section = nf.split(';')[0];
  const pct = section.includes('%');
  const v = pct ? n * 100 : n;
  const core = /[#0][#0,]*(\.[0#]*)?/.exec(section);
  if (!core) return formatGeneral(n);
  const decimals = core[1] ? core[1].length - 1 : 0;
  const grouping = core[0].includes(',');
  let body = Math.abs(v).toFixed(decimals);
  if (grouping) {
    const [i, f] = body.split('.');
    body = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f !== undefined ? '.' + f : '');
  }
  const prefix = section.slice(0, core.index).replace(/"/g, '');
  const suffix = section.slice(core.index + core[0].length).replace(/"/g, '');
  return (v < 0 && Number(body.replace(/,/g, '')) !== 0 ? '-' : '') + prefix + body + suffix;
}

/** The display string of a value under a number format (getDisplayValues). */
export function formatDisplay(v: Scalar | undefined, nf: string | undefined, tzWallOfNumber?: (n: number) => number): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof WallDate) {
    const pattern = nf && isDatePattern(nf) ? nf : 'M/d/yyyy H:mm:ss';
    return formatDatePattern(v.wall, pattern);
  }
  if (!nf || nf === 'General' || nf === '0.###############' || nf === '@') return formatGeneral(v);
  if (isDatePattern(nf)) {
    const wall = tzWallOfNumber ? tzWallOfNumber(v) : SHEETS_EPOCH_WALL + v * 86_400_000;
    return formatDatePattern(wall, nf);
  }
  if (/E\+/.test(nf)) {
    const dec = (/\.(0+)/.exec(nf)?.[1].length ?? 2);
    return v.toExponential(dec).replace('e+', 'E+').replace(/e-(\d)$/, 'E-0$1').replace(/E\+(\d)$/, 'E+0$1');
  }
  return formatNumberPattern(v, nf);
}

/** Java's Double.toString, which setNotes uses for numbers (issuetracker 429373214: 25 → "25.0"). */
export function javaDoubleString(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  const a = Math.abs(n);
  if (a === 0 || (a >= 1e-3 && a < 1e7)) {
    const s = String(n);
    return s.includes('.') ? s : s + '.0';
  }
  const [mant, exp] = n.toExponential().split('e');
  return (mant.includes('.') ? mant : mant + '.0') + 'E' + exp.replace('+', '');
}

// ---------------------------------------------------------------- A1

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Cell(row: number, col: number): string {
  return columnLetters(col) + row;
}

export interface Rect {
  r: number;
  c: number;
  nr: number;
  nc: number;
}

/** An A1 reference without a sheet; open ends (A:A, 2:2, A1:T) resolved against the sheet size. */
export function parseA1(ref: string, maxRows: number, maxCols: number): Rect | null {
  const clean = ref.replace(/\$/g, '').trim().toUpperCase();
  const parts = clean.split(':');
  if (parts.length > 2) return null;
  const ends = parts.map((p) => /^([A-Z]{0,3})(\d*)$/.exec(p));
  if (ends.some((e) => !e || (!e[1] && !e[2]))) return null;
  const [a, b] = [ends[0]!, (ends[1] ?? ends[0])!];
  const ca = a[1] ? columnNumber(a[1]) : null;
  const ra = a[2] ? Number(a[2]) : null;
  const cb = b[1] ? columnNumber(b[1]) : null;
  const rb = b[2] ? Number(b[2]) : null;
  if (parts.length === 1 && (ca === null || ra === null)) return null;
  const c1 = ca ?? 1;
  const c2 = cb ?? maxCols;
  const r1 = ra ?? 1;
  const r2 = rb ?? (ra !== null && cb !== null && rb === null ? maxRows : rb ?? maxRows);
  if (ra === null && rb !== null) return null;
  if (ca === null && cb !== null) return null;
  const rr = [Math.min(r1, r2), Math.max(r1, r2)];
  const cc = [Math.min(c1, c2), Math.max(c1, c2)];
  if (rr[0] < 1 || cc[0] < 1) return null;
  return { r: rr[0], c: cc[0], nr: rr[1] - rr[0] + 1, nc: cc[1] - cc[0] + 1 };
}

/** Splits `'My Sheet'!A1:B2` into sheet name and reference. */
export function splitSheetRef(a1: string): { sheet: string | null; ref: string } {
  const i = a1.lastIndexOf('!');
  if (i < 0) return { sheet: null, ref: a1 };
  let name = a1.slice(0, i);
  if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheet: name, ref: a1.slice(i + 1) };
}

/** Rewrites relative references in a formula as copy-paste does (row/column offsets; `$` anchors stay). */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const pieces = formula.split(/("(?:[^"]|"")*")/);
  return pieces
    .map((piece, i) => {
      if (i % 2 === 1) return piece;
      return piece.replace(/(^|[^A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (_all, pre, dc$, col, dr$, row) => {
        const c = dc$ ? columnNumber(col) : columnNumber(col) + dc;
        const r = dr$ ? Number(row) : Number(row) + dr;
        if (c < 1 || r < 1) return pre + '#REF!';
        return pre + dc$ + columnLetters(c) + dr$ + r;
      });
    })
    .join('');
}
