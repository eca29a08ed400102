/**
 * The document model behind the emulated SpreadsheetApp: sheets of cells, protections, data
 * validation, conditional format rules, developer metadata; plus what a PERSON or an
 * INTEGRATION does to the document (not service calls, never counted). Sources: PLATFORM.md,
 * "Spreadsheet service semantics" and "Triggers"; the Apps Script reference (Sheet, Range,
 * Protection, DeveloperMetadata).
 */
import type { Runtime } from '../runtime';
import { instantToWall, wallToInstant } from '../time-zones';
import {
  MAX_CELL_CHARS,
  Rect,
  Scalar,
  Typed,
  WallDate,
  a1Cell,
  columnLetters,
  formatDisplay,
  parseA1,
  parseTyped,
  shiftFormula,
  splitSheetRef,
} from './values';

export const MAX_DOC_CELLS = 10_000_000;

/**
 * Inserts `k` new items before index `at`, in place. Not `splice(at, 0, ...items)`: spreading
 * tens of thousands of arguments into a call overflows the stack (issue 16: a 20,000-row insert did).
 */
export function insertBlanks<T>(list: T[], at: number, k: number, make: () => T): void {
  if (k <= 0) return;
  const oldLength = list.length;
  if (at >= oldLength) {
    for (let i = 0; i < k; i++) list.push(make());
    return;
  }
  list.length = oldLength + k;
  for (let i = oldLength - 1; i >= at; i--) list[i + k] = list[i];
  for (let i = at; i < at + k; i++) list[i] = make();
}
export const MAX_COLUMNS = 18_278;

export const TEXTS = {
  protected:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  rowTooSmall: 'The starting row of the range is too small.',
  colTooSmall: 'The starting column of the range is too small.',
  rowsAtLeastOne: 'The number of rows in the range must be at least 1.',
  colsAtLeastOne: 'The number of columns in the range must be at least 1.',
  outside: 'The coordinates of the range are outside the dimensions of the sheet.',
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  colsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  tooLong: `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
  duplicateSheet: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  metadataRange:
    'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
  tooManyCells: `This action would increase the number of cells in the workbook above the limit of ${MAX_DOC_CELLS} cells.`,
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  /** The editor's text for the same with columns (the Sheets UI; no script method reaches it first). */
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  /** Seen live when the last visible tab is hidden (UI and Sheet.hideSheet). */
  hideAllSheets: "You can't hide all the sheets in a document.",
  /** Seen live when setFrozenRows covers every row of the sheet. */
  freezeAllRows: "You can't freeze all visible rows on the sheet.",
  freezeAllColumns: "You can't freeze all visible columns on the sheet.",
  /** Seen live (a list-of-items validation holds at most 500 items). */
  listTooLong: 'The data validation rule has more items than the limit of 500. Use the "List from a range" criteria instead.',
  validation: (a1: string) => `The data you entered in cell ${a1} violates the data validation rules set on this cell.`,
};

/** Data validation as stored per cell. `criteria` is the DataValidationCriteria name. */
export interface ValidationSpec {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface Cell {
  v?: Scalar;
  f?: string;
  note?: string;
  bg?: string;
  nf?: string;
  fw?: string;
  fc?: string;
  /** Other formatting (font style, alignment, wrap ...), stored for tests, not interpreted. */
  fmt?: Record<string, unknown>;
  dv?: ValidationSpec;
}

export interface ProtectionSpec {
  id: number;
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  /** Protected rect; for a SHEET protection the whole sheet (kept in step with its size). */
  rect: Rect;
  description: string;
  warningOnly: boolean;
  /** null: mirrors the spreadsheet's editors (a fresh protection from a script); else the list. */
  editors: string[] | null;
  domainEdit: boolean;
  unprotected: { sheetId: number; rect: Rect }[];
  rangeName: string | null;
}

export interface ConditionSpec {
  type: string;
  values: unknown[];
}
export interface ConditionalFormatSpec {
  id: number;
  ranges: { sheetId: number; rect: Rect }[];
  condition: ConditionSpec | null;
  format: { background?: string | null; fontColor?: string | null; bold?: boolean | null; italic?: boolean | null; strikethrough?: boolean | null; underline?: boolean | null };
}

export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheetId: number }
  | { type: 'ROW'; sheetId: number; start: number; count: number }
  | { type: 'COLUMN'; sheetId: number; start: number; count: number };

export interface MetadataSpec {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetadataLocation;
}

export class SheetModel {
  rows: (Cell | undefined)[][] = [];
  frozenRows = 0;
  frozenColumns = 0;
  hiddenColumns = new Set<number>();
  /** Sheet.hideSheet(): hidden from people's tab bar (scripts still read and write it); a document always keeps one visible tab. */
  hidden = false;
  hiddenRows = new Set<number>();
  columnWidths = new Map<number, number>();
  conditionalFormats: ConditionalFormatSpec[] = [];
  tabColor: string | null = null;
  constructor(
    public id: number,
    public name: string,
    public maxRows = 1000,
    public maxCols = 26,
  ) {}

  cell(r: number, c: number): Cell | undefined {
    return this.rows[r - 1]?.[c - 1];
  }
  ensure(r: number, c: number): Cell {
    const row = (this.rows[r - 1] ??= []);
    return (row[c - 1] ??= {});
  }
  /** Removes the cell when nothing is left in it. */
  tidy(r: number, c: number): void {
    const row = this.rows[r - 1];
    const cell = row?.[c - 1];
    if (!row || !cell) return;
    if (Object.values(cell).every((x) => x === undefined)) row[c - 1] = undefined;
  }
  hasContent(cell: Cell | undefined): boolean {
    return !!cell && (cell.f !== undefined || (cell.v !== undefined && cell.v !== ''));
  }
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row && row.some((c) => this.hasContent(c))) return r;
    }
    return 0;
  }
  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (this.hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }
}

/** An error of a person's or an integration's action (not a script error): protected cell, validation. */
export class UserActionError extends Error {
  constructor(
    readonly kind: 'protected' | 'validation' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'UserActionError';
  }
}

export interface EditResult {
  sheetName: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** Only for a single-cell edit (PLATFORM.md, Triggers: edit event). */
  value?: unknown;
  /** Only for a single-cell edit, and absent when the cell was empty. */
  oldValue?: unknown;
}

export interface CellInfo {
  value: unknown;
  formula: string;
  note: string;
  background: string;
  numberFormat: string;
  fontWeight: string;
  validation: ValidationSpec | null;
}

export interface Toast {
  at: number;
  message: string;
  title: string;
  timeoutSeconds: number;
}

function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.r < b.r + b.nr && b.r < a.r + a.nr && a.c < b.c + b.nc && b.c < a.c + a.nc;
}
function rectContains(outer: Rect, inner: Rect): boolean {
  return inner.r >= outer.r && inner.c >= outer.c && inner.r + inner.nr <= outer.r + outer.nr && inner.c + inner.nc <= outer.c + outer.nc;
}

/** Shifts a span [start, start+count) for `k` rows inserted before `at`; returns the new span. */
function spanInsert(start: number, count: number, at: number, k: number): [number, number] {
  if (at <= start) return [start + k, count];
  if (at < start + count) return [start, count + k];
  return [start, count];
}
/** Shrinks a span for rows [at, at+k) deleted; count 0 means the span is gone. */
function spanDelete(start: number, count: number, at: number, k: number): [number, number] {
  const end = start + count; // exclusive
  const dEnd = at + k;
  const before = Math.max(0, Math.min(end, at) - start);
  const after = Math.max(0, end - Math.max(start, dEnd));
  const newStart = start < at ? start : Math.max(at, start - k);
  return [before > 0 ? start : newStart, before + after];
}

export type RangeMaker = (sheet: SheetModel, r: number, c: number, nr: number, nc: number) => unknown;

/** The emulated spreadsheet (one bound document). */
export class SpreadsheetDoc {
  spreadsheetId = '1BatonEmuSheet0000000000000000000000000000A';
  name = 'Untitled spreadsheet';
  timeZone: string;
  owner = '';
  editors: string[] = [];
  locale = 'en_US';
  formUrl: string | null = null;
  /** false: getActiveSpreadsheet() returns null (a standalone script). */
  bound = true;
  sheets: SheetModel[] = [];
  protections: ProtectionSpec[] = [];
  metadata: MetadataSpec[] = [];
  toasts: Toast[] = [];
  activeSheetId: number | null = null;
  /** Set by index.ts so `range()` returns the same Range class the script gets. */
  rangeMaker: RangeMaker | null = null;
  private nextSheetId = 0;
  private nextProtectionId = 1;
  private nextMetadataId = 1;
  private nextRuleId = 1;

  constructor(readonly rt: Runtime) {
    this.timeZone = rt.options.scriptTimeZone;
  }

  // ------------------------------------------------------------ sheets

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }
  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }
  requireSheet(name: string): SheetModel {
    const s = this.sheetByName(name);
    if (!s) throw new UserActionError('invalid', `No sheet named "${name}"`);
    return s;
  }
  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
  }
  /** Throws the platform text when growing by `extra` cells would pass 10,000,000. */
  checkGrowth(extra: number, err: (m: string) => Error): void {
    if (this.totalCells() + extra > MAX_DOC_CELLS) throw err(TEXTS.tooManyCells);
  }

  createSheet(name: string, index?: number, rows = 1000, cols = 26): SheetModel {
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + this.nextSheetId * 7_919;
    this.nextSheetId++;
    const sheet = new SheetModel(id, name, rows, cols);
    if (index === undefined || index >= this.sheets.length) this.sheets.push(sheet);
    else this.sheets.splice(Math.max(0, index), 0, sheet);
    if (this.activeSheetId === null) this.activeSheetId = id;
    return sheet;
  }

  removeSheet(sheet: SheetModel): void {
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.protections = this.protections.filter((p) => p.sheetId !== sheet.id);
    this.metadata = this.metadata.filter((m) => !('sheetId' in m.location) || m.location.sheetId !== sheet.id);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets[0]?.id ?? null;
  }

  /** A script-side document always has a sheet: create `Sheet1` when nothing was seeded. */
  ensureSheet(): void {
    if (this.sheets.length === 0) this.createSheet('Sheet1');
  }

  activeSheet(): SheetModel {
    this.ensureSheet();
    return this.sheets.find((s) => s.id === this.activeSheetId) ?? this.sheets[0];
  }

  /**
   * Seeds a sheet (scenario setup): values are parsed as typed. The sheet has at least
   * 1000 rows × 26 columns, like a new Google sheet.
   */
  addSheet(name: string, rows: unknown[][] = []): SheetModel {
    if (this.sheetByName(name)) throw new UserActionError('invalid', TEXTS.duplicateSheet(name));
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const sheet = this.createSheet(name, undefined, Math.max(1000, rows.length), Math.max(26, width));
    rows.forEach((row, i) => row.forEach((v, j) => this.writeTyped(sheet, i + 1, j + 1, v)));
    return sheet;
  }

  // ------------------------------------------------------------ values

  private yearMemo = { at: NaN, tz: '', year: 0 };

  /** The year in the spreadsheet's zone (for dates typed without one); memoized: asked per cell. */
  currentYear(): number {
    const at = this.rt.now();
    const memo = this.yearMemo;
    if (memo.at !== at || memo.tz !== this.timeZone) {
      this.yearMemo = { at, tz: this.timeZone, year: new Date(instantToWall(at, this.timeZone)).getUTCFullYear() };
    }
    return this.yearMemo.year;
  }

  /** Turns a value from a script or a person into what the cell stores. */
  typed(v: unknown, plainText: boolean, err: (m: string) => Error): Typed {
    if (v === null || v === undefined) return {};
    if (typeof v === 'string') {
      if (v.length > MAX_CELL_CHARS) throw err(TEXTS.tooLong);
      return parseTyped(v, this.currentYear(), plainText, { locale: this.locale, plusStartsFormula: this.rt.options.plusStartsFormula });
    }
    if (typeof v === 'number') return Number.isFinite(v) ? { v } : { v: String(v) };
    if (typeof v === 'boolean') return { v };
    if (Object.prototype.toString.call(v) === '[object Date]') {
      const ms = (v as Date).getTime();
      if (Number.isNaN(ms)) return { v: 'Invalid Date' };
      return { v: new WallDate(instantToWall(ms, this.timeZone)) };
    }
    const s = String(v);
    if (s.length > MAX_CELL_CHARS) throw err(TEXTS.tooLong);
    return { v: s };
  }

  /** Stores a value as typed (formula, apostrophe, numbers, booleans, dates). */
  writeTyped(sheet: SheetModel, r: number, c: number, v: unknown, err: (m: string) => Error = (m) => new UserActionError('invalid', m)): void {
    const cell = sheet.cell(r, c);
    const t = this.typed(v, cell?.nf === '@', err);
    this.store(sheet, r, c, t);
  }

  store(sheet: SheetModel, r: number, c: number, t: Typed): void {
    if (t.v === undefined && t.f === undefined) {
      const cell = sheet.cell(r, c);
      if (cell) {
        cell.v = undefined;
        cell.f = undefined;
        sheet.tidy(r, c);
      }
      return;
    }
    const cell = sheet.ensure(r, c);
    cell.v = t.f !== undefined ? undefined : t.v;
    cell.f = t.f;
    if (t.nf && (!cell.nf || cell.nf === 'General')) cell.nf = t.nf;
    else if (t.nf && t.v instanceof WallDate && !/[ymdhs]/i.test(cell.nf ?? '')) cell.nf = t.nf;
  }

  /** The value getValues reports for a cell (formulas evaluated, see `evaluate`). */
  computed(sheet: SheetModel, r: number, c: number, depth = 0): Scalar | undefined {
    const cell = sheet.cell(r, c);
    if (!cell) return undefined;
    if (cell.f !== undefined) return this.evaluate(sheet, cell.f, depth);
    return cell.v;
  }

  /**
   * Formula results: only trivial formulas are evaluated (arithmetic on numbers, `="text"`,
   * `=TRUE`, and references to cells of the same sheet, `=A1`, `=A1+1`); anything else (every
   * function call, ranges, other sheets) evaluates to the string `#N/A`.
   */
  evaluate(sheet: SheetModel, formula: string, depth: number): Scalar {
    if (depth > 20) return '#REF!';
    const src = formula.slice(1);
    let i = 0;
    const NA = { error: '#N/A' };
    type V = Scalar | undefined | { error: string };
    const ws = () => {
      while (src[i] === ' ') i++;
    };
    const isErr = (x: V): x is { error: string } => typeof x === 'object' && x !== null && 'error' in x;
    const num = (x: V): number | { error: string } => {
      if (isErr(x)) return x;
      if (x === undefined || x === '') return 0;
      if (typeof x === 'number') return x;
      if (typeof x === 'boolean') return x ? 1 : 0;
      if (x instanceof WallDate) return (x.wall - Date.UTC(1899, 11, 30)) / 86_400_000;
      const n = Number(x);
      return Number.isFinite(n) && x.trim() !== '' ? n : { error: '#VALUE!' };
    };
    const factor = (): V => {
      ws();
      const ch = src[i];
      if (ch === '(') {
        i++;
        const v = expr();
        ws();
        if (src[i] !== ')') return NA;
        i++;
        return v;
      }
      if (ch === '-' || ch === '+') {
        i++;
        const n = num(factor());
        return isErr(n) ? n : ch === '-' ? -n : n;
      }
      if (ch === '"') {
        let s = '';
        i++;
        while (i < src.length) {
          if (src[i] === '"') {
            if (src[i + 1] === '"') {
              s += '"';
              i += 2;
              continue;
            }
            i++;
            return s;
          }
          s += src[i++];
        }
        return NA;
      }
      let m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        return Number(m[0]);
      }
      m = /^(TRUE|FALSE)(?![A-Za-z0-9_(])/i.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        return m[1].toUpperCase() === 'TRUE';
      }
      m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?![A-Za-z0-9_(:!])/.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        const rect = parseA1(m[1] + m[2], sheet.maxRows, sheet.maxCols);
        if (!rect) return NA;
        const v = this.computed(sheet, rect.r, rect.c, depth + 1);
        return typeof v === 'string' && /^#/.test(v) ? { error: v } : v;
      }
      return NA;
    };
    const term = (): V => {
      let left = factor();
      for (;;) {
        ws();
        const op = src[i];
        if (op !== '*' && op !== '/') return left;
        i++;
        const a = num(left);
        const b = num(factor());
        if (isErr(a)) return a;
        if (isErr(b)) return b;
        if (op === '/' && b === 0) return { error: '#DIV/0!' };
        left = op === '*' ? a * b : a / b;
      }
    };
    const concat = (): V => {
      let left = sum();
      for (;;) {
        ws();
        if (src[i] !== '&') return left;
        i++;
        const right = sum();
        if (isErr(left)) return left;
        if (isErr(right)) return right;
        left = this.displayOf(left) + this.displayOf(right);
      }
    };
    const sum = (): V => {
      let left = term();
      for (;;) {
        ws();
        const op = src[i];
        if (op !== '+' && op !== '-') return left;
        i++;
        const a = num(left);
        const b = num(term());
        if (isErr(a)) return a;
        if (isErr(b)) return b;
        left = op === '+' ? a + b : a - b;
      }
    };
    const expr = concat;
    const out = expr();
    ws();
    // Text left over after a whole expression is a formula parse error (`=+1 212 555 0101`);
    // left over after something the evaluator does not know (a function call) stays #N/A.
    if (i < src.length) return out === NA ? '#N/A' : '#ERROR!';
    if (isErr(out)) return out.error;
    return out === undefined ? 0 : out;
  }

  private displayOf(v: Scalar | undefined): string {
    return formatDisplay(v, undefined);
  }

  /** getValues semantics for one cell, in the emulator's realm (Dates are host Dates). */
  valueAt(sheet: SheetModel, r: number, c: number): string | number | boolean | Date {
    const v = this.computed(sheet, r, c);
    if (v === undefined) return '';
    if (v instanceof WallDate) return new Date(wallToInstant(v.wall, this.timeZone));
    return v;
  }

  displayAt(sheet: SheetModel, r: number, c: number): string {
    const v = this.computed(sheet, r, c);
    return formatDisplay(v, sheet.cell(r, c)?.nf);
  }

  // ------------------------------------------------------------ protection

  canEditProtection(p: ProtectionSpec, user: string): boolean {
    if (p.warningOnly) return true;
    if (user && user === this.owner) return true;
    if (p.editors === null) return !!user && this.editors.includes(user);
    return !!user && p.editors.includes(user);
  }

  /** The first protection that stops `user` from editing `rect`, if any. */
  blockingProtection(user: string, sheet: SheetModel, rect: Rect): ProtectionSpec | undefined {
    for (const p of this.protections) {
      if (p.sheetId !== sheet.id || !rectsIntersect(p.rect, rect)) continue;
      if (this.canEditProtection(p, user)) continue;
      if (p.type === 'SHEET' && p.unprotected.some((u) => u.sheetId === sheet.id && rectContains(u.rect, rect))) continue;
      return p;
    }
    return undefined;
  }

  addProtection(sheet: SheetModel, rect: Rect | null): ProtectionSpec {
    const spec: ProtectionSpec = {
      id: this.nextProtectionId++,
      type: rect ? 'RANGE' : 'SHEET',
      sheetId: sheet.id,
      rect: rect ?? { r: 1, c: 1, nr: sheet.maxRows, nc: sheet.maxCols },
      description: '',
      warningOnly: false,
      editors: null,
      domainEdit: true,
      unprotected: [],
      rangeName: null,
    };
    this.protections.push(spec);
    return spec;
  }

  // ------------------------------------------------------------ metadata

  addMetadata(key: string, value: string | null, visibility: 'DOCUMENT' | 'PROJECT', location: MetadataLocation): MetadataSpec {
    const spec: MetadataSpec = { id: this.nextMetadataId++, key, value, visibility, location };
    this.metadata.push(spec);
    return spec;
  }

  newRuleId(): number {
    return this.nextRuleId++;
  }

  // ------------------------------------------------------------ structure (rows, columns)

  private shiftRects(sheet: SheetModel, f: (r: Rect) => Rect | null): void {
    this.protections = this.protections.filter((p) => {
      if (p.sheetId !== sheet.id) return true;
      const next = f(p.rect);
      if (!next) return false;
      p.rect = next;
      p.unprotected = p.unprotected.flatMap((u) => {
        const n = f(u.rect);
        return n ? [{ ...u, rect: n }] : [];
      });
      return true;
    });
    sheet.conditionalFormats = sheet.conditionalFormats.filter((rule) => {
      rule.ranges = rule.ranges.flatMap((rg) => {
        if (rg.sheetId !== sheet.id) return [rg];
        const n = f(rg.rect);
        return n ? [{ ...rg, rect: n }] : [];
      });
      return rule.ranges.length > 0;
    });
  }

  /** Inserts `k` blank rows before row `at` (1-based); everything below moves down. */
  insertRows(sheet: SheetModel, at: number, k: number): void {
    insertBlanks(sheet.rows, at - 1, k, () => []);
    if (sheet.rows.length > sheet.maxRows + k) sheet.rows.length = sheet.maxRows + k;
    sheet.maxRows += k;
    this.shiftRects(sheet, (rc) => {
      const [r, nr] = spanInsert(rc.r, rc.nr, at, k);
      return { ...rc, r, nr };
    });
    for (const m of this.metadata) {
      if (m.location.type === 'ROW' && m.location.sheetId === sheet.id) {
        const [start, count] = spanInsert(m.location.start, m.location.count, at, k);
        m.location = { ...m.location, start, count };
      } else if (m.location.type === 'COLUMN' && m.location.sheetId === sheet.id) {
        // whole-column metadata keeps covering the whole column
      }
    }
    for (const p of this.protections) if (p.type === 'SHEET' && p.sheetId === sheet.id) p.rect = { r: 1, c: 1, nr: sheet.maxRows, nc: sheet.maxCols };
  }

  /** Deletes rows [at, at+k); row metadata on them dies, protections and rules shrink. */
  deleteRows(sheet: SheetModel, at: number, k: number): void {
    sheet.rows.splice(at - 1, k);
    sheet.maxRows -= k;
    this.shiftRects(sheet, (rc) => {
      const [r, nr] = spanDelete(rc.r, rc.nr, at, k);
      return nr > 0 ? { ...rc, r, nr } : null;
    });
    this.metadata = this.metadata.filter((m) => {
      if (m.location.type !== 'ROW' || m.location.sheetId !== sheet.id) return true;
      const [start, count] = spanDelete(m.location.start, m.location.count, at, k);
      if (count === 0) return false;
      m.location = { ...m.location, start, count };
      return true;
    });
  }

  /** Inserts `k` blank columns before column `at`. */
  insertColumns(sheet: SheetModel, at: number, k: number): void {
    for (const row of sheet.rows) if (row && row.length >= at) insertBlanks(row, at - 1, k, () => undefined);
    sheet.maxCols += k;
    this.shiftRects(sheet, (rc) => {
      const [c, nc] = spanInsert(rc.c, rc.nc, at, k);
      return { ...rc, c, nc };
    });
    for (const m of this.metadata) {
      if (m.location.type === 'COLUMN' && m.location.sheetId === sheet.id) {
        const [start, count] = spanInsert(m.location.start, m.location.count, at, k);
        m.location = { ...m.location, start, count };
      }
    }
  }

  deleteColumns(sheet: SheetModel, at: number, k: number): void {
    for (const row of sheet.rows) if (row) row.splice(at - 1, k);
    sheet.maxCols -= k;
    this.shiftRects(sheet, (rc) => {
      const [c, nc] = spanDelete(rc.c, rc.nc, at, k);
      return nc > 0 ? { ...rc, c, nc } : null;
    });
    this.metadata = this.metadata.filter((m) => {
      if (m.location.type !== 'COLUMN' || m.location.sheetId !== sheet.id) return true;
      const [start, count] = spanDelete(m.location.start, m.location.count, at, k);
      if (count === 0) return false;
      m.location = { ...m.location, start, count };
      return true;
    });
  }

  /** Sheets' sort order: numbers and dates, then text (case-insensitive), then booleans; blanks last either way. */
  compareForSort(a: Scalar | undefined, b: Scalar | undefined, ascending: boolean): number {
    const blank = (x: Scalar | undefined) => x === undefined || x === '';
    if (blank(a) || blank(b)) return blank(a) === blank(b) ? 0 : blank(a) ? 1 : -1;
    const rank = (x: Scalar) => (typeof x === 'number' || x instanceof WallDate ? 0 : typeof x === 'string' ? 1 : 2);
    const key = (x: Scalar) => (x instanceof WallDate ? (x.wall - Date.UTC(1899, 11, 30)) / 86_400_000 : x);
    const ra = rank(a!);
    const rb = rank(b!);
    let d: number;
    if (ra !== rb) d = ra - rb;
    else {
      const ka = key(a!);
      const kb = key(b!);
      if (typeof ka === 'string' && typeof kb === 'string') d = ka.toLowerCase() < kb.toLowerCase() ? -1 : ka.toLowerCase() > kb.toLowerCase() ? 1 : 0;
      else d = ka < kb ? -1 : ka > kb ? 1 : 0;
    }
    return ascending ? d : -d;
  }

  /**
   * Sorts whole rows [from, to] by the given columns (stable). Row metadata in the sorted
   * region is dropped unless rt.options.metadataSurvivesSort (PLATFORM.md: *unverified*;
   * default off), in which case it follows its row.
   */
  sortRows(sheet: SheetModel, from: number, to: number, keys: { column: number; ascending: boolean }[], colFrom = 1, colCount?: number): void {
    if (to < from) return;
    const idx = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const vals = new Map(idx.map((r) => [r, keys.map((k) => this.computed(sheet, r, k.column))]));
    idx.sort((x, y) => {
      for (let i = 0; i < keys.length; i++) {
        const d = this.compareForSort(vals.get(x)![i], vals.get(y)![i], keys[i].ascending);
        if (d) return d;
      }
      return x - y;
    });
    const whole = colCount === undefined;
    const old = idx.map((r) => sheet.rows[r - 1] ?? []);
    idx.forEach((_, i) => {
      const target = from + i;
      if (whole) sheet.rows[target - 1] = old[i];
      else {
        const row = (sheet.rows[target - 1] = [...(sheet.rows[target - 1] ?? [])]);
        for (let c = colFrom; c < colFrom + colCount!; c++) row[c - 1] = old[i][c - 1];
      }
    });
    if (!whole) return;
    const newPos = new Map(idx.map((oldRow, i) => [oldRow, from + i]));
    this.metadata = this.metadata.filter((m) => {
      if (m.location.type !== 'ROW' || m.location.sheetId !== sheet.id) return true;
      const { start, count } = m.location;
      if (start + count - 1 < from || start > to) return true;
      if (!this.rt.options.metadataSurvivesSort || count !== 1) return false;
      m.location = { ...m.location, start: newPos.get(start)! };
      return true;
    });
  }

  // ------------------------------------------------------------ a person / an integration

  private personCheck(user: string, sheet: SheetModel, rect: Rect): void {
    if (this.blockingProtection(user, sheet, rect)) throw new UserActionError('protected', TEXTS.protected);
  }

  private rectOf(sheet: SheetModel, a1: string): Rect {
    const rect = parseA1(splitSheetRef(a1).ref, sheet.maxRows, sheet.maxCols);
    if (!rect) throw new UserActionError('invalid', `Invalid range "${a1}"`);
    return rect;
  }

  /** Whether a person's value passes a cell's validation. */
  passesValidation(dv: ValidationSpec, value: Scalar | undefined, sheet: SheetModel): boolean {
    if (value === undefined || value === '') return true;
    const text = formatDisplay(value, undefined);
    switch (dv.criteria) {
      case 'VALUE_IN_LIST':
        return ((dv.values[0] as unknown[]) ?? []).map(String).includes(text);
      case 'VALUE_IN_RANGE': {
        const ref = dv.values[0] as { sheetId: number; rect: Rect } | undefined;
        const src = ref && this.sheetById(ref.sheetId);
        if (!ref || !src) return false;
        for (let r = ref.rect.r; r < ref.rect.r + ref.rect.nr; r++)
          for (let c = ref.rect.c; c < ref.rect.c + ref.rect.nc; c++) if (this.displayAt(src, r, c) === text && text !== '') return true;
        return false;
      }
      case 'CHECKBOX':
        if (dv.values.length >= 1) return dv.values.slice(0, 2).map(String).includes(text);
        return typeof value === 'boolean';
      case 'NUMBER_BETWEEN': {
        const [lo, hi] = dv.values as number[];
        return typeof value === 'number' && value >= lo && value <= hi;
      }
      case 'NUMBER_GREATER_THAN':
        return typeof value === 'number' && value > (dv.values[0] as number);
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return typeof value === 'number' && value >= (dv.values[0] as number);
      case 'TEXT_IS_VALID_EMAIL':
        return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
      case 'DATE_IS_VALID_DATE':
        return value instanceof WallDate;
      default:
        void sheet;
        return true;
    }
  }

  /**
   * A person types `values` starting at the top-left of `a1` (a multi-cell range must match the
   * shape). Values land as typed; blocked by non-warning-only protections the user may not edit,
   * and by validation with allowInvalid=false. Returns what the edit event needs.
   */
  userEdit(user: string, sheetName: string, a1: string, values: unknown[][]): EditResult {
    const sheet = this.requireSheet(sheetName);
    const at = this.rectOf(sheet, a1);
    const nr = values.length;
    const nc = values.reduce((w, r) => Math.max(w, r.length), 0);
    if (nr === 0 || nc === 0) throw new UserActionError('invalid', 'userEdit: no values');
    if ((at.nr > 1 || at.nc > 1) && (at.nr !== nr || at.nc !== nc))
      throw new UserActionError('invalid', `userEdit: ${a1} is ${at.nr}×${at.nc} but the values are ${nr}×${nc}`);
    const rect = { r: at.r, c: at.c, nr, nc };
    // A person pasting past the last row or column: the Sheets editor adds the rows and columns
    // the paste needs (a script's setValues there throws instead; see Range.setValues).
    if (rect.r + nr - 1 > sheet.maxRows) sheet.maxRows = rect.r + nr - 1;
    if (rect.c + nc - 1 > sheet.maxCols) sheet.maxCols = rect.c + nc - 1;
    this.personCheck(user, sheet, rect);
    const fail = (m: string) => new UserActionError('invalid', m);
    const typed = values.map((row, i) =>
      Array.from({ length: nc }, (_, j) => {
        const cell = sheet.cell(rect.r + i, rect.c + j);
        const v = row[j];
        return this.typed(v === '' ? null : v, cell?.nf === '@', fail);
      }),
    );
    typed.forEach((row, i) =>
      row.forEach((t, j) => {
        const dv = sheet.cell(rect.r + i, rect.c + j)?.dv;
        if (dv && !dv.allowInvalid && t.f === undefined && !this.passesValidation(dv, t.v, sheet))
          throw new UserActionError('validation', TEXTS.validation(a1Cell(rect.r + i, rect.c + j)));
      }),
    );
    const single = nr === 1 && nc === 1;
    const old = single ? this.editEventValue(sheet, rect.r, rect.c) : undefined;
    typed.forEach((row, i) => row.forEach((t, j) => this.store(sheet, rect.r + i, rect.c + j, t)));
    const res: EditResult = { sheetName, row: rect.r, column: rect.c, numRows: nr, numColumns: nc };
    if (single) {
      const now = this.editEventValue(sheet, rect.r, rect.c);
      if (now !== undefined) res.value = now;
      if (old !== undefined) res.oldValue = old;
    }
    return res;
  }

  /**
   * What e.value / e.oldValue carry: the typed text as a string (numbers and dates in their
   * display form, booleans as "TRUE"/"FALSE"); undefined for an empty cell.
   */
  private editEventValue(sheet: SheetModel, r: number, c: number): string | undefined {
    const cell = sheet.cell(r, c);
    if (!sheet.hasContent(cell)) return undefined;
    const v = this.computed(sheet, r, c);
    if (typeof v === 'number') return String(v);
    return this.displayAt(sheet, r, c);
  }

  /** An integration appends rows after the last row (Sheets API values.append, USER_ENTERED). No trigger fires. */
  apiAppend(sheetName: string, rows: unknown[][]): { sheetName: string; row: number; numRows: number } {
    const sheet = this.requireSheet(sheetName);
    const start = sheet.lastRow() + 1;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const needRows = start + rows.length - 1 - sheet.maxRows;
    const needCols = width - sheet.maxCols;
    const fail = (m: string) => new UserActionError('invalid', m);
    this.checkGrowth(Math.max(0, needRows) * sheet.maxCols + Math.max(0, needCols) * (sheet.maxRows + Math.max(0, needRows)), fail);
    if (needCols > 0) sheet.maxCols += needCols;
    if (needRows > 0) sheet.maxRows += needRows;
    rows.forEach((row, i) => row.forEach((v, j) => this.writeTyped(sheet, start + i, j + 1, v, fail)));
    return { sheetName, row: start, numRows: rows.length };
  }

  /** Header text (row 1) or 1-based index → column number. */
  private columnOf(sheet: SheetModel, column: string | number): number {
    if (typeof column === 'number') return column;
    for (let c = 1; c <= sheet.lastColumn(); c++) if (this.displayAt(sheet, 1, c) === column) return c;
    throw new UserActionError('invalid', `No column with header "${column}" in ${sheet.name}`);
  }

  /** A person sorts the sheet by a column (Data › Sort range): rows below the frozen rows, row 1 stays a header. */
  userSort(user: string, sheetName: string, column: string | number, ascending = true): void {
    const sheet = this.requireSheet(sheetName);
    const col = this.columnOf(sheet, column);
    const from = Math.max(sheet.frozenRows, 1) + 1;
    const to = sheet.lastRow();
    if (to < from) return;
    this.personCheck(user, sheet, { r: from, c: 1, nr: to - from + 1, nc: sheet.maxCols });
    this.sortRows(sheet, from, to, [{ column: col, ascending }]);
  }

  userDeleteRows(user: string, sheetName: string, row: number, count = 1): void {
    const sheet = this.requireSheet(sheetName);
    if (row < 1 || count < 1 || row + count - 1 > sheet.maxRows) throw new UserActionError('invalid', TEXTS.outside);
    if (count >= sheet.maxRows - sheet.frozenRows && row > sheet.frozenRows) throw new UserActionError('invalid', TEXTS.deleteAllRows);
    this.personCheck(user, sheet, { r: row, c: 1, nr: count, nc: sheet.maxCols });
    this.deleteRows(sheet, row, count);
  }

  /** Inserts `count` blank rows BEFORE `row`. */
  userInsertRows(user: string, sheetName: string, row: number, count = 1): void {
    const sheet = this.requireSheet(sheetName);
    void user;
    if (row < 1 || row > sheet.maxRows + 1) throw new UserActionError('invalid', TEXTS.outside);
    this.checkGrowth(count * sheet.maxCols, (m) => new UserActionError('invalid', m));
    this.insertRows(sheet, row, count);
  }

  /** Inserts `count` blank columns BEFORE `column` (Insert › Column left). */
  userInsertColumns(user: string, sheetName: string, column: number, count = 1): void {
    const sheet = this.requireSheet(sheetName);
    void user;
    if (column < 1 || column > sheet.maxCols + 1) throw new UserActionError('invalid', TEXTS.outside);
    this.checkGrowth(count * sheet.maxRows, (m) => new UserActionError('invalid', m));
    this.insertColumns(sheet, column, count);
  }

  /** Deletes `count` columns from `column` (protections apply as to any edit of their cells). */
  userDeleteColumns(user: string, sheetName: string, column: number, count = 1): void {
    const sheet = this.requireSheet(sheetName);
    if (column < 1 || count < 1 || column + count - 1 > sheet.maxCols) throw new UserActionError('invalid', TEXTS.outside);
    if (count >= sheet.maxCols - sheet.frozenColumns && column > sheet.frozenColumns) throw new UserActionError('invalid', TEXTS.deleteAllColumns);
    this.personCheck(user, sheet, { r: 1, c: column, nr: sheet.maxRows, nc: count });
    this.deleteColumns(sheet, column, count);
  }

  /**
   * A person copies `fromA1` and pastes at `toA1` (top-left or same-size range): values,
   * formulas (relative references shifted), notes, formats and validation; never developer
   * metadata. Returns the edit-event info of the pasted range.
   */
  userCopy(user: string, sheetName: string, fromA1: string, toA1: string): EditResult {
    const { sheet: fromSheetName, ref: fromRef } = splitSheetRef(fromA1);
    const src = this.requireSheet(fromSheetName ?? sheetName);
    const { sheet: toSheetName, ref: toRef } = splitSheetRef(toA1);
    const dst = this.requireSheet(toSheetName ?? sheetName);
    const from = this.rectOf(src, fromRef);
    const to = this.rectOf(dst, toRef);
    const rect = { r: to.r, c: to.c, nr: from.nr, nc: from.nc };
    if (rect.r + rect.nr - 1 > dst.maxRows || rect.c + rect.nc - 1 > dst.maxCols) throw new UserActionError('invalid', TEXTS.outside);
    this.personCheck(user, dst, rect);
    const single = rect.nr === 1 && rect.nc === 1;
    const old = single ? this.editEventValue(dst, rect.r, rect.c) : undefined;
    this.copyCells(src, from, dst, rect, 'all');
    const res: EditResult = { sheetName: dst.name, row: rect.r, column: rect.c, numRows: rect.nr, numColumns: rect.nc };
    if (single) {
      const now = this.editEventValue(dst, rect.r, rect.c);
      if (now !== undefined) res.value = now;
      if (old !== undefined) res.oldValue = old;
    }
    return res;
  }

  /** Copies cells as copy-paste does; `mode` 'values' pastes computed values only, 'format' formats only. */
  copyCells(src: SheetModel, from: Rect, dst: SheetModel, to: Rect, mode: 'all' | 'values' | 'format'): void {
    const snapshot: (Cell | undefined)[][] = [];
    for (let i = 0; i < from.nr; i++) {
      const row: (Cell | undefined)[] = [];
      for (let j = 0; j < from.nc; j++) {
        const cell = src.cell(from.r + i, from.c + j);
        const copy = cell ? { ...cell, fmt: cell.fmt ? { ...cell.fmt } : undefined } : undefined;
        if (copy && mode === 'values' && cell!.f !== undefined) {
          copy.f = undefined;
          copy.v = this.computed(src, from.r + i, from.c + j);
        }
        row.push(copy);
      }
      snapshot.push(row);
    }
    const dr = to.r - from.r;
    const dc = to.c - from.c;
    for (let i = 0; i < to.nr; i++) {
      for (let j = 0; j < to.nc; j++) {
        const s = snapshot[i % from.nr][j % from.nc];
        const r = to.r + i;
        const c = to.c + j;
        if (mode === 'all') {
          const row = (dst.rows[r - 1] ??= []);
          row[c - 1] = s ? { ...s, f: s.f !== undefined ? shiftFormula(s.f, dr + Math.floor(i / from.nr) * from.nr, dc + Math.floor(j / from.nc) * from.nc) : undefined } : undefined;
        } else if (mode === 'values') {
          this.store(dst, r, c, s ? { v: s.v, f: s.f } : {});
        } else {
          const cell = dst.ensure(r, c);
          cell.bg = s?.bg;
          cell.nf = s?.nf;
          cell.fw = s?.fw;
          cell.fc = s?.fc;
          cell.fmt = s?.fmt ? { ...s.fmt } : undefined;
          dst.tidy(r, c);
        }
      }
    }
  }

  // ------------------------------------------------------------ reading, for runner and tests

  /** getValues semantics for a whole sheet, trimmed to getLastRow × getLastColumn (host realm). */
  values(sheetName: string): (string | number | boolean | Date)[][] {
    const sheet = this.requireSheet(sheetName);
    const lr = sheet.lastRow();
    const lc = sheet.lastColumn();
    const out: (string | number | boolean | Date)[][] = [];
    for (let r = 1; r <= lr; r++) {
      const row: (string | number | boolean | Date)[] = [];
      for (let c = 1; c <= lc; c++) row.push(this.valueAt(sheet, r, c));
      out.push(row);
    }
    return out;
  }

  displayValues(sheetName: string): string[][] {
    const sheet = this.requireSheet(sheetName);
    const out: string[][] = [];
    for (let r = 1; r <= sheet.lastRow(); r++) {
      const row: string[] = [];
      for (let c = 1; c <= sheet.lastColumn(); c++) row.push(this.displayAt(sheet, r, c));
      out.push(row);
    }
    return out;
  }

  /** Every tab's values (Dates as ISO-8601 UTC strings) and formulas (A1 → text). */
  snapshot(): { sheets: Record<string, (string | number | boolean)[][]>; formulas: Record<string, Record<string, string>> } {
    const sheets: Record<string, (string | number | boolean)[][]> = {};
    const formulas: Record<string, Record<string, string>> = {};
    for (const sheet of this.sheets) {
      sheets[sheet.name] = this.values(sheet.name).map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v)));
      const f: Record<string, string> = {};
      sheet.rows.forEach((row, i) =>
        row?.forEach((cell, j) => {
          if (cell?.f !== undefined) f[a1Cell(i + 1, j + 1)] = cell.f;
        }),
      );
      formulas[sheet.name] = f;
    }
    return { sheets, formulas };
  }

  /** Raw data of one cell (value with getValues semantics, host realm). */
  cell(sheetName: string, a1: string): CellInfo {
    const sheet = this.requireSheet(sheetName);
    const rect = this.rectOf(sheet, a1);
    const cell = sheet.cell(rect.r, rect.c);
    return {
      value: this.valueAt(sheet, rect.r, rect.c),
      formula: cell?.f ?? '',
      note: cell?.note ?? '',
      background: cell?.bg ?? '#ffffff',
      numberFormat: cell?.nf ?? 'General',
      fontWeight: cell?.fw ?? 'normal',
      validation: cell?.dv ? { ...cell.dv } : null,
    };
  }

  /** Validations of a sheet by A1 cell. */
  validations(sheetName: string): Record<string, ValidationSpec> {
    const sheet = this.requireSheet(sheetName);
    const out: Record<string, ValidationSpec> = {};
    sheet.rows.forEach((row, i) => row?.forEach((cell, j) => cell?.dv && (out[a1Cell(i + 1, j + 1)] = cell.dv)));
    return out;
  }

  /** Protections, with their range as A1 (whole-column ranges as e.g. `A1:A1000`). */
  protectionList(sheetName?: string): (ProtectionSpec & { sheetName: string; a1: string })[] {
    return this.protections
      .filter((p) => !sheetName || this.sheetById(p.sheetId)?.name === sheetName)
      .map((p) => ({ ...p, sheetName: this.sheetById(p.sheetId)?.name ?? '', a1: rectA1(p.rect) }));
  }

  conditionalFormatRules(sheetName: string): (ConditionalFormatSpec & { a1: string[] })[] {
    return this.requireSheet(sheetName).conditionalFormats.map((r) => ({ ...r, a1: r.ranges.map((x) => rectA1(x.rect)) }));
  }

  frozenRows(sheetName: string): number {
    return this.requireSheet(sheetName).frozenRows;
  }

  developerMetadata(): MetadataSpec[] {
    return this.metadata.map((m) => ({ ...m, location: { ...m.location } }));
  }

  /** The emulated Range object (the class scripts get), e.g. for an edit event's `e.range`. */
  range(sheetName: string, row: number, col: number, numRows = 1, numCols = 1): unknown {
    if (!this.rangeMaker) throw new Error('emulator: spreadsheet range factory not installed');
    return this.rangeMaker(this.requireSheet(sheetName), row, col, numRows, numCols);
  }
}

export function rectA1(rect: Rect): string {
  const a = a1Cell(rect.r, rect.c);
  if (rect.nr === 1 && rect.nc === 1) return a;
  return a + ':' + columnLetters(rect.c + rect.nc - 1) + (rect.r + rect.nr - 1);
}
