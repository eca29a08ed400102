/**
 * TextFinder, strict as Google where the reference is explicit: Spreadsheet / Sheet / Range
 * `createTextFinder(findText)` give a finder over every sheet (tab order), one sheet, or one range;
 * `matchCase`, `matchEntireCell`, `useRegularExpression`, `ignoreDiacritics`, `matchFormulaText`
 * and `startFrom` configure it; `findAll`, `findNext`, `findPrevious`, `replaceAllWith` and
 * `replaceWith` search. Reference: developers.google.com/apps-script/reference/spreadsheet/
 * text-finder, /sheet#createTextFinder(String), /range#createTextFinder(String),
 * /spreadsheet#createTextFinder(String).
 *
 * Semantics (reference): case-insensitive and partial by default; a cell matches on the text it
 * shows (its display value: numbers, dates and booleans as formatted); with matchFormulaText(true)
 * a cell holding a formula matches on its formula text instead. Empty cells never match.
 *
 * Counting: createTextFinder (on its class) and each findAll / findNext / findPrevious /
 * replaceAllWith / replaceWith is one counted call (`TextFinder.findAll` ...), which applies the
 * execution's buffered writes first (Ctx.call). The builders, startFrom and getCurrentMatch are
 * free (CONVENTIONS.md rule 1: no round trip). **The search runs on Google's side: the script is
 * not charged for the cells it scans** (no `chargeCells`; docs/PLATFORM-FACTS.md row 14); only
 * the single-cell Ranges it returns exist for the script, and reading them is charged as usual.
 *
 * Emulator choices where the reference is silent (texts in one place, `FINDER_TEXTS`):
 * - A missing or non-string findText fails with the signature text; an empty one throws
 *   `Invalid argument: findText` (chosen text; Google's is not documented).
 * - Regular expressions: Google Sheets uses RE2. The pattern is run as a JavaScript RegExp after
 *   checking it: what RE2 lacks (lookahead, lookbehind, backreferences, `\Z`, unknown escapes)
 *   throws; RE2 features JavaScript reads differently and the emulator does not translate
 *   (`\p{..}`, `\C`, POSIX classes `[[:alpha:]]`, flag groups other than a leading `(?i)`) throw
 *   "not supported by the emulator". `\A`, `\z`, `\Q..\E`, `\x{..}`, `\a` and `(?P<name>` are
 *   translated. Stricter than unsure: a script must not rely on a pattern only JavaScript takes.
 * - findNext from a fresh finder gives the first match, then each following one, then null (no
 *   wrapping); findPrevious from a fresh finder gives null. startFrom(range) makes findNext start
 *   after the range's last cell and findPrevious before its first; it must be on a searched sheet.
 * - findAll does not move the current match. Matches are recomputed at each call (the data may
 *   have changed in between).
 * - replaceAllWith / replaceWith return the number of occurrences replaced and write the new text
 *   as typed (it is parsed again: "123" stays a number); cells holding a formula are replaced only
 *   with matchFormulaText(true) (their computed value cannot be rewritten; the Sheets API's
 *   FindReplaceRequest skips formula cells unless includeFormulas). With a regular expression the
 *   replacement may use `$1`. Protected cells refuse the whole replacement. With
 *   ignoreDiacritics(true) replacing is not supported by the emulator.
 */
import type { Ctx, Range } from './api';
import { TEXTS, type SheetModel } from './model';
import type { Rect } from './values';
import { paramsError } from '../services/utilities';

export const FINDER_TEXTS = {
  /** Chosen text: the reference does not say what an empty findText does. */
  emptyFindText: 'Invalid argument: findText',
  /** RE2 (Google Sheets' regular expressions) has no such construct: Google cannot compile the pattern. */
  notRe2: (pattern: string, what: string) => `Invalid regular expression "${pattern}": ${what} is not supported (Google Sheets uses RE2 regular expressions).`,
  invalidRegex: (pattern: string, why: string) => `Invalid regular expression "${pattern}": ${why}.`,
  /** Valid RE2 the emulator does not translate to JavaScript. */
  emulatorRegex: (pattern: string, what: string) => `The emulator does not support ${what} in a TextFinder regular expression ("${pattern}").`,
  replaceDiacritics: 'TextFinder.replaceAllWith and replaceWith with ignoreDiacritics(true) are not supported by the emulator.',
  startFromElsewhere: 'The start range of a TextFinder must be on a sheet it searches.',
};

/** Where a search looks: whole sheets (tab order) or one range. */
export interface FinderRegion {
  sheet: SheetModel;
  rect: Rect;
}

/** Where a script's Range points (api.ts passes it, as for charts); null for anything else. */
export type LocateRange = (range: unknown) => { sheet: SheetModel; rect: Rect } | null;
export type MakeCell = (sheet: SheetModel, r: number, c: number) => Range;

interface Pos {
  sheet: SheetModel;
  r: number;
  c: number;
}

/** The whole grid of a sheet (empty cells never match, so this is its used cells). */
export function wholeSheet(sheet: SheetModel): FinderRegion {
  return { sheet, rect: { r: 1, c: 1, nr: sheet.maxRows, nc: sheet.maxCols } };
}

/** Checks findText for the three createTextFinder methods (inside their counted call). */
export function checkFindText(ctx: Ctx, findText: unknown, method: string): string {
  if (typeof findText !== 'string') throw signature(ctx, findText, method);
  if (findText === '') throw ctx.err(FINDER_TEXTS.emptyFindText);
  return findText;
}

/** Apps Script's text for a missing (undefined) or mistyped argument of a one-argument method. */
function signature(ctx: Ctx, v: unknown, method: string): Error {
  return paramsError(ctx.rt, v === undefined ? [] : [v], method);
}

const stripMarks = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '');
const escapeLiteral = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * An RE2 pattern as a JavaScript RegExp source (no `u` flag: JavaScript's Annex B syntax takes
 * RE2's escaped punctuation such as `\@`). Throws for what RE2 lacks and for what is not translated.
 */
export function re2ToJs(pattern: string, err: (m: string) => Error): { source: string; ignoreCase: boolean } {
  const notRe2 = (what: string) => err(FINDER_TEXTS.notRe2(pattern, what));
  const unsupported = (what: string) => err(FINDER_TEXTS.emulatorRegex(pattern, what));
  let out = '';
  let ignoreCase = false;
  let i = 0;
  let inClass = false;
  if (pattern.startsWith('(?i)')) {
    ignoreCase = true;
    i = 4;
  }
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) throw err(FINDER_TEXTS.invalidRegex(pattern, 'trailing backslash'));
      if (n === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        out += inClass ? lit.replace(/[\]\\^-]/g, '\\$&') : escapeLiteral(lit);
        i = end < 0 ? pattern.length : end + 2;
        continue;
      }
      if (/[1-9]/.test(n) && !inClass) throw notRe2('a backreference (\\' + n + ')');
      if (n === 'x' && pattern[i + 2] === '{') {
        const close = pattern.indexOf('}', i + 3);
        const hex = close < 0 ? '' : pattern.slice(i + 3, close);
        if (!/^[0-9a-fA-F]{1,6}$/.test(hex)) throw err(FINDER_TEXTS.invalidRegex(pattern, 'bad \\x{...} escape'));
        const code = parseInt(hex, 16);
        if (code > 0xffff) throw unsupported('a \\x{...} escape above U+FFFF');
        out += '\\u' + code.toString(16).padStart(4, '0');
        i = close + 1;
        continue;
      }
      if (!inClass && (n === 'A' || n === 'z')) {
        out += n === 'A' ? '^' : '$';
        i += 2;
        continue;
      }
      if (n === 'a') {
        out += '\\x07';
        i += 2;
        continue;
      }
      if (n === 'p' || n === 'P') throw unsupported('Unicode classes (\\p, \\P)');
      if (n === 'C') throw unsupported('\\C');
      if (/[0-9A-Za-z]/.test(n) && !'dDwWsSbBfnrtvx0'.includes(n)) {
        if (n === 'k') throw notRe2('a backreference (\\k)');
        throw notRe2('the escape \\' + n);
      }
      out += ch + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === '[' && pattern[i + 1] === ':') throw unsupported('POSIX classes ([[:alpha:]])');
      if (ch === ']') inClass = false;
      out += ch;
      i += 1;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      i += 1;
      if (pattern[i] === '^') {
        out += '^';
        i += 1;
      }
      // RE2 reads a `]` right after `[` or `[^` as a literal; JavaScript reads `[]` as an empty class.
      if (pattern[i] === ']') {
        out += '\\]';
        i += 1;
      }
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!')) throw notRe2('lookahead ((?=, (?!)');
      if (rest.startsWith('<=') || rest.startsWith('<!')) throw notRe2('lookbehind ((?<=, (?<!)');
      if (rest.startsWith('P=') || rest.startsWith('P>')) throw notRe2('a named backreference ((?P=)');
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith(':') || rest.startsWith('<')) {
        out += '(?';
        i += 2;
        continue;
      }
      throw unsupported('flag groups other than a leading (?i)');
    }
    out += ch;
    i += 1;
  }
  if (inClass) throw err(FINDER_TEXTS.invalidRegex(pattern, 'missing ]'));
  return { source: out, ignoreCase };
}

/** The options a finder holds (builders change them; searches read them). */
interface Options {
  matchCase: boolean;
  entireCell: boolean;
  regex: boolean;
  ignoreDiacritics: boolean;
  formulaText: boolean;
}

export class TextFinder {
  private readonly o: Options = { matchCase: false, entireCell: false, regex: false, ignoreDiacritics: false, formulaText: false };
  /** The last match findNext / findPrevious returned (getCurrentMatch). */
  private current: Pos | null = null;
  /** startFrom(range): findNext starts after `after`, findPrevious before `before`. */
  private start: { after: Pos; before: Pos } | null = null;
  constructor(
    private readonly ctx: Ctx,
    private readonly findText: string,
    /** The regions searched, in order, worked out at each search (sheets may have changed). */
    private readonly scope: () => FinderRegion[],
    private readonly locate: LocateRange,
    private readonly makeCell: MakeCell,
  ) {}

  // ---- builders (free: no round trip)
  private flag(method: keyof typeof BUILDERS, v: unknown): TextFinder {
    return this.ctx.call('TextFinder.' + method, () => {
      if (typeof v !== 'boolean') throw signature(this.ctx, v, 'SpreadsheetApp.TextFinder.' + method);
      this.o[BUILDERS[method]] = v;
      return this;
    }, true);
  }
  matchCase(matchCase: boolean): TextFinder {
    return this.flag('matchCase', matchCase);
  }
  matchEntireCell(matchEntireCell: boolean): TextFinder {
    return this.flag('matchEntireCell', matchEntireCell);
  }
  useRegularExpression(useRegEx: boolean): TextFinder {
    return this.flag('useRegularExpression', useRegEx);
  }
  ignoreDiacritics(ignoreDiacritics: boolean): TextFinder {
    return this.flag('ignoreDiacritics', ignoreDiacritics);
  }
  matchFormulaText(matchFormulaText: boolean): TextFinder {
    return this.flag('matchFormulaText', matchFormulaText);
  }
  startFrom(startRange: Range): TextFinder {
    return this.ctx.call('TextFinder.startFrom', () => {
      const where = this.locate(startRange);
      if (!where) throw signature(this.ctx, startRange, 'SpreadsheetApp.TextFinder.startFrom');
      if (!this.scope().some((g) => g.sheet === where.sheet)) throw this.ctx.err(FINDER_TEXTS.startFromElsewhere);
      const { sheet, rect } = where;
      this.start = { after: { sheet, r: rect.r + rect.nr - 1, c: rect.c + rect.nc - 1 }, before: { sheet, r: rect.r, c: rect.c } };
      this.current = null;
      return this;
    }, true);
  }
  getCurrentMatch(): Range | null {
    return this.ctx.call('TextFinder.getCurrentMatch', () => (this.current ? this.makeCell(this.current.sheet, this.current.r, this.current.c) : null), true);
  }

  // ---- searches (counted; the buffer is applied first by Ctx.call; no cells charged)
  findAll(): Range[] {
    return this.ctx.call('TextFinder.findAll', () => this.ctx.rt.list(this.matches().map((m) => this.makeCell(m.sheet, m.r, m.c))));
  }
  findNext(): Range | null {
    return this.ctx.call('TextFinder.findNext', () => this.step(1));
  }
  findPrevious(): Range | null {
    return this.ctx.call('TextFinder.findPrevious', () => this.step(-1));
  }
  replaceAllWith(replaceText: string): number {
    return this.ctx.call('TextFinder.replaceAllWith', () => this.replace(this.matches(), replaceText, 'replaceAllWith'));
  }
  replaceWith(replaceText: string): number {
    return this.ctx.call('TextFinder.replaceWith', () => {
      const cur = this.current;
      const still = cur ? this.matches().filter((m) => m.sheet === cur.sheet && m.r === cur.r && m.c === cur.c) : [];
      return this.replace(still, replaceText, 'replaceWith');
    });
  }

  private step(dir: 1 | -1): Range | null {
    const all = this.matches();
    const order = this.sheetOrder();
    const anchor = this.current ?? (this.start ? (dir === 1 ? this.start.after : this.start.before) : null);
    let found: Pos | undefined;
    if (dir === 1) found = anchor ? all.find((m) => compare(order, m, anchor) > 0) : all[0];
    else if (anchor) found = [...all].reverse().find((m) => compare(order, m, anchor) < 0);
    if (!found) return null;
    this.current = found;
    return this.makeCell(found.sheet, found.r, found.c);
  }

  private sheetOrder(): Map<SheetModel, number> {
    return new Map(this.ctx.doc.sheets.map((s, i) => [s, i]));
  }

  /** The pattern as a RegExp (global), checked once per search. */
  private regex(): RegExp {
    let source: string;
    let ignoreCase = !this.o.matchCase;
    const text = this.o.ignoreDiacritics ? stripMarks(this.findText) : this.findText;
    if (this.o.regex) {
      const t = re2ToJs(text, (m) => this.ctx.err(m));
      source = t.source;
      ignoreCase ||= t.ignoreCase;
    } else source = escapeLiteral(text);
    if (this.o.entireCell) source = `^(?:${source})$`;
    try {
      return new RegExp(source, 'g' + (ignoreCase ? 'i' : '') + (this.o.regex ? '' : 'u'));
    } catch (e) {
      throw this.ctx.err(FINDER_TEXTS.invalidRegex(this.findText, String((e as Error).message).replace(/^Invalid regular expression: /, '')));
    }
  }

  /** The text a cell is searched in, or null for an empty cell. */
  private textOf(sheet: SheetModel, r: number, c: number): string | null {
    const cell = sheet.cell(r, c);
    if (!sheet.hasContent(cell)) return null;
    const text = this.o.formulaText && cell!.f !== undefined ? cell!.f : this.ctx.doc.displayAt(sheet, r, c);
    return text === '' ? null : text;
  }

  /** Every matching cell, row by row within a sheet, sheets in tab order (Spreadsheet scope). */
  private matches(): Pos[] {
    const re = this.regex();
    const out: Pos[] = [];
    for (const { sheet, rect } of this.scope()) {
      const lastRow = Math.min(rect.r + rect.nr - 1, sheet.rows.length);
      for (let r = rect.r; r <= lastRow; r++) {
        const row = sheet.rows[r - 1];
        if (!row) continue;
        const lastCol = Math.min(rect.c + rect.nc - 1, row.length);
        for (let c = rect.c; c <= lastCol; c++) {
          const text = this.textOf(sheet, r, c);
          if (text === null) continue;
          re.lastIndex = 0;
          if (re.test(this.o.ignoreDiacritics ? stripMarks(text) : text)) out.push({ sheet, r, c });
        }
      }
    }
    return out;
  }

  /** Replaces every occurrence in `cells`; returns how many were replaced. */
  private replace(cells: Pos[], replaceText: unknown, method: string): number {
    if (typeof replaceText !== 'string') throw signature(this.ctx, replaceText, 'SpreadsheetApp.TextFinder.' + method);
    if (this.o.ignoreDiacritics) throw this.ctx.err(FINDER_TEXTS.replaceDiacritics);
    const re = this.regex();
    const changes: { pos: Pos; text: string }[] = [];
    let count = 0;
    for (const pos of cells) {
      const cell = pos.sheet.cell(pos.r, pos.c);
      if (cell?.f !== undefined && !this.o.formulaText) continue;
      const text = this.textOf(pos.sheet, pos.r, pos.c);
      if (text === null) continue;
      const n = text.match(re)?.length ?? 0;
      if (!n) continue;
      count += n;
      // With a regular expression `$1` stands for a group; plain text is put in as it is.
      changes.push({ pos, text: this.o.regex ? text.replace(re, replaceText) : text.replace(re, () => replaceText) });
    }
    for (const { pos } of changes) this.ctx.assertCanEdit(pos.sheet, { r: pos.r, c: pos.c, nr: 1, nc: 1 });
    const typed = changes.map(({ pos, text }) => this.ctx.doc.typed(text, pos.sheet.cell(pos.r, pos.c)?.nf === '@', (m) => this.ctx.err(m)));
    changes.forEach(({ pos }, i) => this.ctx.doc.store(pos.sheet, pos.r, pos.c, typed[i]));
    return count;
  }
}

const BUILDERS = {
  matchCase: 'matchCase',
  matchEntireCell: 'entireCell',
  useRegularExpression: 'regex',
  ignoreDiacritics: 'ignoreDiacritics',
  matchFormulaText: 'formulaText',
} as const satisfies Record<string, keyof Options>;

function compare(order: Map<SheetModel, number>, a: Pos, b: Pos): number {
  return (order.get(a.sheet) ?? -1) - (order.get(b.sheet) ?? -1) || a.r - b.r || a.c - b.c;
}

/** The regions of a range finder: its sheet must still hold the range (as Range calls check). */
export function rangeRegion(ctx: Ctx, sheet: SheetModel, rect: Rect): FinderRegion[] {
  ctx.checkSheet(sheet);
  if (rect.r + rect.nr - 1 > sheet.maxRows || rect.c + rect.nc - 1 > sheet.maxCols) throw ctx.err(TEXTS.outside);
  return [{ sheet, rect }];
}
