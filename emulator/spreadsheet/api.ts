/**
 * The classes a script sees: Spreadsheet, Sheet, Range, Protection, DataValidation(Builder),
 * ConditionalFormatRule(Builder), DeveloperMetadata(Finder). Every method goes through
 * `rt.call('Class.method', ...)` (CONVENTIONS.md). Reference: developers.google.com/apps-script/
 * reference/spreadsheet/*; PLATFORM.md, Spreadsheet service semantics.
 */
import { Execution, Runtime, SCOPES, errorMessage, isDate } from '../runtime';
import { uiState } from '../services/ui';
import { gasEnum, GasEnumValue, paramsError } from '../services/utilities';
import { isValidTimeZone } from '../time-zones';
import {
  ConditionSpec,
  ConditionalFormatSpec,
  MetadataLocation,
  MetadataSpec,
  ProtectionSpec,
  SheetModel,
  SpreadsheetDoc,
  TEXTS,
  ValidationSpec,
  rectA1,
} from './model';
import { MAX_CELL_CHARS, Rect, Typed, columnLetters, javaDoubleString, parseA1, splitSheetRef } from './values';
import { EmbeddedChart, EmbeddedChartBuilder, sheetChartOps, type Locate } from './charts';
import { TextFinder, checkFindText, rangeRegion, wholeSheet } from './text-finder';

/** Where a script's Range points, for the chart code; null for anything else. */
const locateRange: Locate = (r) => (r instanceof Range ? r.location() : null);

/**
 * A TextFinder over `scope` (text-finder.ts). createTextFinder is a counted call on its class;
 * the search itself runs on Google's side and charges no cells (docs/PLATFORM-FACTS.md row 14).
 */
function textFinder(ctx: Ctx, findText: unknown, method: string, scope: () => { sheet: SheetModel; rect: Rect }[]): TextFinder {
  const text = checkFindText(ctx, findText, 'SpreadsheetApp.' + method);
  return new TextFinder(ctx, text, scope, locateRange, (sheet, r, c) => new Range(ctx, sheet, r, c, 1, 1));
}

export const SHEET_SCOPES = [SCOPES.currentSheet, SCOPES.sheets];

type Enum = Record<string, GasEnumValue>;
export interface SpreadsheetEnums {
  ProtectionType: Enum;
  DataValidationCriteria: Enum;
  DeveloperMetadataVisibility: Enum;
  DeveloperMetadataLocationType: Enum;
  BooleanCriteria: Enum;
  Dimension: Enum;
  SpreadsheetTheme?: Enum;
}

export function spreadsheetEnums(rt: Runtime): SpreadsheetEnums {
  return rt.slot('spreadsheet:enums', () => ({
    ProtectionType: gasEnum(['RANGE', 'SHEET']),
    DataValidationCriteria: gasEnum([
      'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN',
      'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
      'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
      'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL',
      'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX',
    ]),
    DeveloperMetadataVisibility: gasEnum(['DOCUMENT', 'PROJECT']),
    DeveloperMetadataLocationType: gasEnum(['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN']),
    BooleanCriteria: gasEnum([
      'CELL_EMPTY', 'CELL_NOT_EMPTY', 'DATE_AFTER', 'DATE_BEFORE', 'DATE_EQUAL_TO', 'DATE_NOT_EQUAL_TO',
      'DATE_AFTER_RELATIVE', 'DATE_BEFORE_RELATIVE', 'DATE_EQUAL_TO_RELATIVE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO',
      'NUMBER_GREATER_THAN', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO',
      'NUMBER_NOT_BETWEEN', 'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO',
      'TEXT_NOT_EQUAL_TO', 'TEXT_STARTS_WITH', 'TEXT_ENDS_WITH', 'CUSTOM_FORMULA',
    ]),
    Dimension: gasEnum(['COLUMNS', 'ROWS']),
  }));
}

/** Name of an enum value or a string the script passed. */
function enumName(v: unknown): string {
  return v && typeof v === 'object' && 'name' in v && typeof (v as GasEnumValue).name === 'function' ? (v as GasEnumValue).name() : String(v);
}

/**
 * Writes that wait in the execution's buffer (RuntimeOptions.bufferWrites): values, formulas,
 * notes and cell formats. Every other counted spreadsheet call (a read, a structural change,
 * SpreadsheetApp.flush) first applies the buffer, so a script always reads its own writes, while
 * people and other executions see them only then (PLATFORM.md: "Writes are buffered and every read
 * flushes pending writes first"; reference: SpreadsheetApp.flush).
 */
export const BUFFERED_WRITES = new Set([
  'Range.setValues', 'Range.setValue', 'Range.setFormula', 'Range.setFormulas', 'Range.clearContent',
  'Range.setNote', 'Range.setNotes', 'Range.setBackground', 'Range.setBackgrounds', 'Range.setFontWeight',
  'Range.setFontWeights', 'Range.setFontColor', 'Range.setNumberFormat', 'Range.setNumberFormats', 'Sheet.appendRow',
]);

/**
 * Range calls that move cells, charged per cell beside the per-call cost (RuntimeOptions.cellCostMs;
 * docs/PLATFORM-FACTS.md row 12): the range's cells, whatever the script passed.
 */
const CELL_READS = new Set([
  'getValues', 'getValue', 'getDisplayValues', 'getDisplayValue', 'getFormulas', 'getFormula', 'getNotes', 'getNote',
  'getBackgrounds', 'getBackground', 'getFontWeights', 'getNumberFormats', 'getDataValidations',
]);
const CELL_WRITES = new Set([
  'setValues', 'setValue', 'setFormula', 'setFormulas', 'clearContent', 'clear', 'clearFormat', 'clearNote', 'setNote',
  'setNotes', 'setBackground', 'setBackgrounds', 'setFontWeight', 'setFontWeights', 'setFontColor', 'setNumberFormat',
  'setNumberFormats', 'setDataValidation', 'setDataValidations', 'clearDataValidations',
]);

/** Context shared by all objects of one runtime. */
export class Ctx {
  constructor(
    readonly rt: Runtime,
    readonly doc: SpreadsheetDoc,
  ) {
    rt.releaseHandlers.push((e) => {
      try {
        this.flush(e);
      } catch (err) {
        e.error ??= errorMessage(err);
      }
    });
  }
  call<T>(method: string, body: () => T, free = false): T {
    return this.rt.call(
      method,
      () => {
        if (!free && !BUFFERED_WRITES.has(method)) this.flush();
        return body();
      },
      { scopes: SHEET_SCOPES, free },
    );
  }
  /** Applies a buffered write now (buffering off) or at the execution's next read, flush() or end. */
  defer(apply: () => void): void {
    const exec = this.rt.current;
    if (!this.rt.options.bufferWrites || !exec) return apply();
    exec.pendingWrites.push(apply);
  }
  /** Applies an execution's buffered writes, in order. */
  flush(exec: Execution | null = this.rt.current): void {
    if (!exec) return;
    while (exec.pendingWrites.length) exec.pendingWrites.shift()!();
  }
  err(m: string): Error {
    return this.rt.error(m);
  }
  /** Whose rights a script write uses: the effective user (trigger owner) or the person running it. */
  user(): string {
    const s = this.rt.execution().spec;
    return s.effectiveUser || s.actor || s.activeUser || '';
  }
  assertCanEdit(sheet: SheetModel, rect: Rect): void {
    if (this.doc.blockingProtection(this.user(), sheet, rect)) throw this.err(TEXTS.protected);
  }
  /** A value for the script: Dates of its realm. */
  out(v: string | number | boolean | Date): unknown {
    return v instanceof Date ? this.rt.date(v.getTime()) : v;
  }
  enums(): SpreadsheetEnums {
    return spreadsheetEnums(this.rt);
  }
  user_(email: string): User {
    return new User(email);
  }
  checkSheet(sheet: SheetModel): void {
    if (!this.doc.sheets.includes(sheet)) throw this.err('The sheet has been deleted.');
  }
}

export class User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUserLoginId(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

function emailOf(u: unknown): string {
  if (u && typeof u === 'object' && 'getEmail' in u && typeof (u as User).getEmail === 'function') return (u as User).getEmail();
  return String(u);
}

// ==================================================================== Spreadsheet

export class Spreadsheet {
  constructor(private readonly ctx: Ctx) {}
  private get doc(): SpreadsheetDoc {
    return this.ctx.doc;
  }
  private c<T>(m: string, body: () => T, free = false): T {
    return this.ctx.call('Spreadsheet.' + m, body, free);
  }
  private sheetObj(s: SheetModel): Sheet {
    return new Sheet(this.ctx, s);
  }
  getId(): string {
    return this.c('getId', () => this.doc.spreadsheetId);
  }
  getName(): string {
    return this.c('getName', () => this.doc.name);
  }
  rename(name: string): void {
    this.c('rename', () => void (this.doc.name = String(name)));
  }
  getUrl(): string {
    return this.c('getUrl', () => `https://docs.google.com/spreadsheets/d/${this.doc.spreadsheetId}/edit`);
  }
  getSheetByName(name: string): Sheet | null {
    return this.c('getSheetByName', () => {
      const s = this.doc.sheetByName(String(name));
      return s ? this.sheetObj(s) : null;
    });
  }
  getSheetById(id: number): Sheet | null {
    return this.c('getSheetById', () => {
      const s = this.doc.sheetById(Number(id));
      return s ? this.sheetObj(s) : null;
    });
  }
  getSheets(): Sheet[] {
    return this.c('getSheets', () => this.ctx.rt.list(this.doc.sheets.map((s) => this.sheetObj(s))));
  }
  getNumSheets(): number {
    return this.c('getNumSheets', () => this.doc.sheets.length);
  }
  insertSheet(a?: unknown, b?: unknown): Sheet {
    return this.c('insertSheet', () => {
      const name = typeof a === 'string' ? a : `Sheet${this.doc.sheets.length + 1}`;
      const index = typeof a === 'number' ? a : typeof b === 'number' ? b : undefined;
      if (this.doc.sheetByName(name)) throw this.ctx.err(TEXTS.duplicateSheet(name));
      this.doc.checkGrowth(1000 * 26, (m) => this.ctx.err(m));
      const s = this.doc.createSheet(name, index);
      this.doc.activeSheetId = s.id;
      return this.sheetObj(s);
    });
  }
  deleteSheet(sheet: Sheet): void {
    this.c('deleteSheet', () => {
      const s = sheet.model();
      if (this.doc.sheets.length <= 1) throw this.ctx.err("You can't remove all the sheets in a document.");
      this.doc.removeSheet(s);
    });
  }
  getActiveSheet(): Sheet {
    return this.c('getActiveSheet', () => this.sheetObj(this.doc.activeSheet()));
  }
  setActiveSheet(sheet: Sheet): Sheet {
    return this.c('setActiveSheet', () => {
      this.doc.activeSheetId = sheet.model().id;
      return sheet;
    });
  }
  getSpreadsheetTimeZone(): string {
    return this.c('getSpreadsheetTimeZone', () => this.doc.timeZone);
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.c('setSpreadsheetTimeZone', () => {
      if (!isValidTimeZone(String(tz))) throw this.ctx.err(`Invalid argument: timeZone`);
      this.doc.timeZone = String(tz);
    });
  }
  getSpreadsheetLocale(): string {
    return this.c('getSpreadsheetLocale', () => this.doc.locale);
  }
  toast(msg: unknown, title?: unknown, timeoutSeconds?: unknown): void {
    this.c('toast', () => {
      const rec = {
        at: this.ctx.rt.now(),
        user: this.ctx.user(),
        message: String(msg),
        title: title === undefined || title === null ? '' : String(title),
        timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : 5,
      };
      this.doc.toasts.push(rec);
      pushUiToast(this.ctx.rt, rec);
    });
  }
  getRange(a1: string): Range {
    return this.c('getRange', () => rangeFromA1(this.ctx, String(a1), this.doc.activeSheet()));
  }
  getRangeByName(): Range | null {
    return this.c('getRangeByName', () => null);
  }
  getDataRange(): Range {
    return this.getActiveSheet().getDataRange();
  }
  getOwner(): User | null {
    return this.c('getOwner', () => (this.doc.owner ? this.ctx.user_(this.doc.owner) : null));
  }
  getEditors(): User[] {
    return this.c('getEditors', () => this.ctx.rt.list(uniq([this.doc.owner, ...this.doc.editors]).filter(Boolean).map((e) => this.ctx.user_(e))));
  }
  getFormUrl(): string | null {
    return this.c('getFormUrl', () => this.doc.formUrl);
  }
  getProtections(type: unknown): Protection[] {
    return this.c('getProtections', () => {
      const t = enumName(type);
      return this.ctx.rt.list(this.doc.protections.filter((p) => p.type === t).map((p) => new Protection(this.ctx, p)));
    });
  }
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): Spreadsheet {
    return this.c('addDeveloperMetadata', () => {
      addMetadata(this.ctx, key, a, b, { type: 'SPREADSHEET' });
      return this;
    });
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this.c('getDeveloperMetadata', () =>
      this.ctx.rt.list(this.doc.metadata.filter((m) => m.location.type === 'SPREADSHEET').map((m) => new DeveloperMetadata(this.ctx, m))),
    );
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return this.c('createDeveloperMetadataFinder', () => new DeveloperMetadataFinder(this.ctx, () => true), true);
  }
  /** Searches every sheet, in tab order (reference: Spreadsheet.createTextFinder; text-finder.ts). */
  createTextFinder(findText: string): TextFinder {
    return this.c('createTextFinder', () => textFinder(this.ctx, findText, 'Spreadsheet.createTextFinder', () => this.doc.sheets.map(wholeSheet)));
  }
  getSheetId(): never {
    throw this.ctx.err('TypeError: getSheetId is not a function');
  }
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Records a toast in the Ui service's state too (services/ui.ts), where tests of the Ui look. */
function pushUiToast(rt: Runtime, rec: { at: number; user: string; message: string; title: string; timeoutSeconds: number }): void {
  uiState(rt).toasts.push({ ...rec });
}

/** `Sheet1!A1:B2`, `'My sheet'!A:A`, or `A1` on the default sheet. */
export function rangeFromA1(ctx: Ctx, a1: string, fallback: SheetModel): Range {
  const { sheet: name, ref } = splitSheetRef(a1);
  const sheet = name === null ? fallback : ctx.doc.sheetByName(name);
  if (!sheet) throw ctx.err('Range not found');
  const rect = parseA1(ref, sheet.maxRows, sheet.maxCols);
  if (!rect) throw ctx.err('Range not found');
  if (rect.r + rect.nr - 1 > sheet.maxRows || rect.c + rect.nc - 1 > sheet.maxCols) throw ctx.err(TEXTS.outside);
  return new Range(ctx, sheet, rect.r, rect.c, rect.nr, rect.nc);
}

// ==================================================================== Sheet

export class Sheet {
  constructor(
    private readonly ctx: Ctx,
    private readonly s: SheetModel,
  ) {}
  /** The model behind this sheet (emulator use). */
  model(): SheetModel {
    return this.s;
  }
  private get doc(): SpreadsheetDoc {
    return this.ctx.doc;
  }
  private c<T>(m: string, body: () => T, free = false): T {
    return this.ctx.call('Sheet.' + m, () => {
      this.ctx.checkSheet(this.s);
      return body();
    }, free);
  }
  getName(): string {
    return this.c('getName', () => this.s.name, true);
  }
  getSheetId(): number {
    return this.c('getSheetId', () => this.s.id, true);
  }
  getIndex(): number {
    return this.c('getIndex', () => this.doc.sheets.indexOf(this.s) + 1, true);
  }
  getParent(): Spreadsheet {
    return this.c('getParent', () => new Spreadsheet(this.ctx), true);
  }
  setName(name: string): Sheet {
    return this.c('setName', () => {
      const n = String(name);
      const other = this.doc.sheetByName(n);
      if (other && other !== this.s) throw this.ctx.err(TEXTS.duplicateSheet(n));
      this.s.name = n;
      return this;
    });
  }
  activate(): Sheet {
    return this.c('activate', () => {
      this.doc.activeSheetId = this.s.id;
      return this;
    }, true);
  }
  getRange(a: unknown, col?: unknown, numRows?: unknown, numCols?: unknown): Range {
    return this.c('getRange', () => {
      if (typeof a === 'string' && col === undefined) return rangeFromA1(this.ctx, a, this.s);
      const r = Number(a);
      const c = Number(col);
      const nr = numRows === undefined ? 1 : Number(numRows);
      const nc = numCols === undefined ? 1 : Number(numCols);
      if (typeof a !== 'number' || typeof col !== 'number' || !Number.isFinite(r + c + nr + nc)) {
        const types = [a, col, numRows, numCols].filter((x) => x !== undefined).map((x) => (typeof x === 'number' ? 'number' : typeof x === 'string' ? 'String' : String(x)));
        throw this.ctx.err(`The parameters (${types.join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`);
      }
      return makeRange(this.ctx, this.s, Math.floor(r), Math.floor(c), Math.floor(nr), Math.floor(nc));
    });
  }
  getDataRange(): Range {
    return this.c('getDataRange', () => new Range(this.ctx, this.s, 1, 1, Math.max(1, this.s.lastRow()), Math.max(1, this.s.lastColumn())));
  }
  getLastRow(): number {
    return this.c('getLastRow', () => this.s.lastRow());
  }
  getLastColumn(): number {
    return this.c('getLastColumn', () => this.s.lastColumn());
  }
  getMaxRows(): number {
    return this.c('getMaxRows', () => this.s.maxRows);
  }
  getMaxColumns(): number {
    return this.c('getMaxColumns', () => this.s.maxCols);
  }
  appendRow(values: unknown[]): Sheet {
    return this.c('appendRow', () => {
      if (!Array.isArray(values)) throw this.ctx.err(`The parameters (${typeof values}) don't match the method signature for SpreadsheetApp.Sheet.appendRow.`);
      const width = Math.max(values.length, 1);
      this.ctx.rt.chargeCells('write', values.length);
      const typed = values.map((v) => this.doc.typed(v, false, (m) => this.ctx.err(m)));
      const grow = (row: number) => {
        const addRows = Math.max(0, row - this.s.maxRows);
        const addCols = Math.max(0, width - this.s.maxCols);
        this.doc.checkGrowth(addRows * this.s.maxCols + addCols * (this.s.maxRows + addRows), (m) => this.ctx.err(m));
        return [addRows, addCols];
      };
      this.ctx.assertCanEdit(this.s, { r: this.s.lastRow() + 1, c: 1, nr: 1, nc: width });
      grow(this.s.lastRow() + 1);
      // The row is the last row when the buffer is applied (appendRow is not atomic: PLATFORM.md).
      this.ctx.defer(() => {
        if (!this.doc.sheets.includes(this.s)) return;
        const row = this.s.lastRow() + 1;
        const [addRows, addCols] = grow(row);
        this.s.maxRows += addRows;
        this.s.maxCols += addCols;
        typed.forEach((t, j) => this.doc.store(this.s, row, j + 1, t));
      });
      return this;
    });
  }
  private rows(kind: 'before' | 'after', at: unknown, howMany: unknown, method: string): Sheet {
    return this.c(method, () => {
      const pos = Number(at);
      const k = howMany === undefined ? 1 : Number(howMany);
      if (!(pos >= 1) || pos > this.s.maxRows) throw this.ctx.err(TEXTS.outside);
      if (!(k >= 1)) throw this.ctx.err('The number of rows to insert must be at least 1.');
      this.doc.checkGrowth(k * this.s.maxCols, (m) => this.ctx.err(m));
      this.doc.insertRows(this.s, kind === 'before' ? pos : pos + 1, k);
      return this;
    });
  }
  insertRowBefore(before: number): Sheet {
    return this.rows('before', before, 1, 'insertRowBefore');
  }
  insertRowAfter(after: number): Sheet {
    return this.rows('after', after, 1, 'insertRowAfter');
  }
  insertRowsBefore(before: number, howMany: number): Sheet {
    return this.rows('before', before, howMany, 'insertRowsBefore');
  }
  insertRowsAfter(after: number, howMany: number): Sheet {
    return this.rows('after', after, howMany, 'insertRowsAfter');
  }
  insertRows(rowIndex: number, numRows?: number): void {
    this.rows('before', rowIndex, numRows ?? 1, 'insertRows');
  }
  deleteRow(row: number): Sheet {
    return this.deleteRowsImpl('deleteRow', row, 1);
  }
  deleteRows(row: number, howMany: number): void {
    this.deleteRowsImpl('deleteRows', row, howMany);
  }
  private deleteRowsImpl(method: string, row: unknown, howMany: unknown): Sheet {
    return this.c(method, () => {
      const r = Number(row);
      const k = Number(howMany);
      if (!(r >= 1)) throw this.ctx.err(TEXTS.rowTooSmall);
      if (!(k >= 1)) throw this.ctx.err(TEXTS.rowsAtLeastOne);
      if (r + k - 1 > this.s.maxRows) throw this.ctx.err(TEXTS.outside);
      if (k >= this.s.maxRows - this.s.frozenRows && r > this.s.frozenRows) throw this.ctx.err(TEXTS.deleteAllRows);
      this.ctx.assertCanEdit(this.s, { r, c: 1, nr: k, nc: this.s.maxCols });
      this.doc.deleteRows(this.s, r, k);
      return this;
    });
  }
  insertColumnsAfter(after: number, howMany: number): Sheet {
    return this.cols('insertColumnsAfter', Number(after) + 1, howMany);
  }
  insertColumnsBefore(before: number, howMany: number): Sheet {
    return this.cols('insertColumnsBefore', Number(before), howMany);
  }
  insertColumnAfter(after: number): Sheet {
    return this.cols('insertColumnAfter', Number(after) + 1, 1);
  }
  insertColumnBefore(before: number): Sheet {
    return this.cols('insertColumnBefore', Number(before), 1);
  }
  private cols(method: string, at: number, howMany: unknown): Sheet {
    return this.c(method, () => {
      const k = Number(howMany);
      if (!(at >= 1) || at > this.s.maxCols + 1) throw this.ctx.err(TEXTS.outside);
      if (!(k >= 1)) throw this.ctx.err(TEXTS.colsAtLeastOne);
      if (this.s.maxCols + k > 18_278) throw this.ctx.err(TEXTS.tooManyCells);
      this.doc.checkGrowth(k * this.s.maxRows, (m) => this.ctx.err(m));
      this.doc.insertColumns(this.s, at, k);
      return this;
    });
  }
  deleteColumn(col: number): Sheet {
    return this.deleteColumns(col, 1);
  }
  deleteColumns(col: number, howMany: number): Sheet {
    return this.c('deleteColumns', () => {
      const c = Number(col);
      const k = Number(howMany);
      if (!(c >= 1)) throw this.ctx.err(TEXTS.colTooSmall);
      if (c + k - 1 > this.s.maxCols) throw this.ctx.err(TEXTS.outside);
      this.ctx.assertCanEdit(this.s, { r: 1, c, nr: this.s.maxRows, nc: k });
      this.doc.deleteColumns(this.s, c, k);
      return this;
    });
  }
  /** A whole number of rows, fewer than the sheet has (reference: Sheet.setFrozenRows; texts in model.ts TEXTS). */
  setFrozenRows(n: number): void {
    this.c('setFrozenRows', () => {
      if (typeof n !== 'number') throw paramsError(this.ctx.rt, [n], 'SpreadsheetApp.Sheet.setFrozenRows');
      if (!Number.isInteger(n) || n < 0) throw this.ctx.err('Invalid argument: rows');
      if (n >= this.s.maxRows) throw this.ctx.err(TEXTS.freezeAllRows);
      this.s.frozenRows = n;
    });
  }
  getFrozenRows(): number {
    return this.c('getFrozenRows', () => this.s.frozenRows);
  }
  setFrozenColumns(n: number): void {
    this.c('setFrozenColumns', () => {
      if (typeof n !== 'number') throw paramsError(this.ctx.rt, [n], 'SpreadsheetApp.Sheet.setFrozenColumns');
      if (!Number.isInteger(n) || n < 0) throw this.ctx.err('Invalid argument: columns');
      if (n >= this.s.maxCols) throw this.ctx.err(TEXTS.freezeAllColumns);
      this.s.frozenColumns = n;
    });
  }
  getFrozenColumns(): number {
    return this.c('getFrozenColumns', () => this.s.frozenColumns);
  }
  /** Sorts all rows below the frozen rows by one column (reference: Sheet.sort). */
  sort(columnPosition: number, ascending = true): Sheet {
    return this.c('sort', () => {
      const col = Number(columnPosition);
      if (!(col >= 1) || col > this.s.maxCols) throw this.ctx.err(TEXTS.outside);
      const from = this.s.frozenRows + 1;
      const to = this.s.lastRow();
      if (to >= from) {
        this.ctx.assertCanEdit(this.s, { r: from, c: 1, nr: to - from + 1, nc: this.s.maxCols });
        this.doc.sortRows(this.s, from, to, [{ column: col, ascending: ascending !== false }]);
      }
      return this;
    });
  }
  getProtections(type: unknown): Protection[] {
    return this.c('getProtections', () => {
      const t = enumName(type);
      return this.ctx.rt.list(this.doc.protections.filter((p) => p.sheetId === this.s.id && p.type === t).map((p) => new Protection(this.ctx, p)));
    });
  }
  protect(): Protection {
    return this.c('protect', () => {
      const existing = this.doc.protections.find((p) => p.sheetId === this.s.id && p.type === 'SHEET');
      return new Protection(this.ctx, existing ?? this.doc.addProtection(this.s, null));
    });
  }
  getConditionalFormatRules(): ConditionalFormatRule[] {
    return this.c('getConditionalFormatRules', () =>
      this.ctx.rt.list(this.s.conditionalFormats.map((r) => new ConditionalFormatRule(this.ctx, cloneRule(r)))),
    );
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.c('setConditionalFormatRules', () => {
      if (!Array.isArray(rules)) throw this.ctx.err("The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.");
      this.s.conditionalFormats = rules.map((r) => {
        const spec = cloneRule(r.spec());
        spec.id = this.doc.newRuleId();
        return spec;
      });
    });
  }
  clearConditionalFormatRules(): void {
    this.c('clearConditionalFormatRules', () => void (this.s.conditionalFormats = []));
  }
  setColumnWidth(col: number, width: number): Sheet {
    return this.c('setColumnWidth', () => {
      this.s.columnWidths.set(Number(col), Number(width));
      return this;
    });
  }
  setColumnWidths(start: number, num: number, width: number): Sheet {
    return this.c('setColumnWidths', () => {
      for (let i = 0; i < num; i++) this.s.columnWidths.set(Number(start) + i, Number(width));
      return this;
    });
  }
  getColumnWidth(col: number): number {
    return this.c('getColumnWidth', () => this.s.columnWidths.get(Number(col)) ?? 100);
  }
  autoResizeColumns(start: number, num: number): Sheet {
    return this.c('autoResizeColumns', () => {
      void start;
      void num;
      return this;
    });
  }
  autoResizeColumn(col: number): Sheet {
    return this.c('autoResizeColumn', () => {
      void col;
      return this;
    });
  }
  hideColumns(col: number, num = 1): void {
    this.c('hideColumns', () => {
      for (let i = 0; i < num; i++) this.s.hiddenColumns.add(Number(col) + i);
    });
  }
  showColumns(col: number, num = 1): void {
    this.c('showColumns', () => {
      for (let i = 0; i < num; i++) this.s.hiddenColumns.delete(Number(col) + i);
    });
  }
  isColumnHiddenByUser(col: number): boolean {
    return this.c('isColumnHiddenByUser', () => this.s.hiddenColumns.has(Number(col)));
  }
  /** Hiding the last visible tab fails (a document always shows one). */
  hideSheet(): Sheet {
    return this.c('hideSheet', () => {
      if (!this.s.hidden && this.doc.sheets.filter((x) => !x.hidden).length <= 1) throw this.ctx.err(TEXTS.hideAllSheets);
      this.s.hidden = true;
      return this;
    });
  }
  showSheet(): Sheet {
    return this.c('showSheet', () => {
      this.s.hidden = false;
      return this;
    });
  }
  isSheetHidden(): boolean {
    return this.c('isSheetHidden', () => this.s.hidden);
  }
  setTabColor(color: string | null): Sheet {
    return this.c('setTabColor', () => {
      this.s.tabColor = color;
      return this;
    });
  }
  clear(): Sheet {
    return this.c('clear', () => {
      this.ctx.assertCanEdit(this.s, { r: 1, c: 1, nr: this.s.maxRows, nc: this.s.maxCols });
      for (const row of this.s.rows) {
        if (!row) continue;
        row.forEach((cell) => {
          if (!cell) return;
          const dv = cell.dv;
          const note = cell.note;
          for (const k of Object.keys(cell)) delete (cell as Record<string, unknown>)[k];
          if (dv) cell.dv = dv;
          if (note) cell.note = note;
        });
      }
      return this;
    });
  }
  clearContents(): Sheet {
    return this.c('clearContents', () => {
      this.ctx.assertCanEdit(this.s, { r: 1, c: 1, nr: this.s.maxRows, nc: this.s.maxCols });
      for (const row of this.s.rows) row?.forEach((cell) => cell && ((cell.v = undefined), (cell.f = undefined)));
      return this;
    });
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this.c('getDeveloperMetadata', () =>
      this.ctx.rt.list(
        this.doc.metadata.filter((m) => m.location.type === 'SHEET' && m.location.sheetId === this.s.id).map((m) => new DeveloperMetadata(this.ctx, m)),
      ),
    );
  }
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): Sheet {
    return this.c('addDeveloperMetadata', () => {
      addMetadata(this.ctx, key, a, b, { type: 'SHEET', sheetId: this.s.id });
      return this;
    });
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return this.c(
      'createDeveloperMetadataFinder',
      () => new DeveloperMetadataFinder(this.ctx, (m) => 'sheetId' in m.location && m.location.sheetId === this.s.id),
      true,
    );
  }
  /** Searches this sheet's cells (reference: Sheet.createTextFinder; text-finder.ts). */
  createTextFinder(findText: string): TextFinder {
    return this.c('createTextFinder', () =>
      textFinder(this.ctx, findText, 'Sheet.createTextFinder', () => {
        this.ctx.checkSheet(this.s);
        return [wholeSheet(this.s)];
      }),
    );
  }
  getActiveCell(): Range {
    return this.c('getActiveCell', () => new Range(this.ctx, this.s, 1, 1, 1, 1));
  }
  // ---- embedded charts (charts.ts)
  newChart(): EmbeddedChartBuilder {
    return this.c('newChart', () => new EmbeddedChartBuilder(this.ctx, locateRange), true);
  }
  insertChart(chart: EmbeddedChart): void {
    this.c('insertChart', () => sheetChartOps.insert(this.ctx, this.s, chart));
  }
  getCharts(): EmbeddedChart[] {
    return this.c('getCharts', () => sheetChartOps.list(this.ctx, locateRange, this.s));
  }
  updateChart(chart: EmbeddedChart): void {
    this.c('updateChart', () => sheetChartOps.update(this.ctx, this.s, chart));
  }
  removeChart(chart: EmbeddedChart): void {
    this.c('removeChart', () => sheetChartOps.remove(this.ctx, this.s, chart));
  }
}

// ==================================================================== Range

/** Items a list-of-items validation may hold (Sheets' data validation: 500). */
export const MAX_LIST_ITEMS = 500;


function makeRange(ctx: Ctx, sheet: SheetModel, r: number, c: number, nr: number, nc: number): Range {
  if (r < 1) throw ctx.err(TEXTS.rowTooSmall);
  if (c < 1) throw ctx.err(TEXTS.colTooSmall);
  if (nr < 1) throw ctx.err(TEXTS.rowsAtLeastOne);
  if (nc < 1) throw ctx.err(TEXTS.colsAtLeastOne);
  if (r + nr - 1 > sheet.maxRows || c + nc - 1 > sheet.maxCols) throw ctx.err(TEXTS.outside);
  return new Range(ctx, sheet, r, c, nr, nc);
}
export { makeRange };

export class Range {
  constructor(
    private readonly ctx: Ctx,
    private readonly s: SheetModel,
    private readonly r: number,
    private readonly col: number,
    private readonly nr: number,
    private readonly nc: number,
  ) {}
  private get doc(): SpreadsheetDoc {
    return this.ctx.doc;
  }
  private get rect(): Rect {
    return { r: this.r, c: this.col, nr: this.nr, nc: this.nc };
  }
  /** The sheet and cells this range covers (emulator use: charts). */
  location(): { sheet: SheetModel; rect: Rect } {
    return { sheet: this.s, rect: this.rect };
  }
  private c<T>(m: string, body: () => T, free = false): T {
    return this.ctx.call('Range.' + m, () => {
      this.ctx.checkSheet(this.s);
      // A range kept while rows or columns were deleted under it: what Google does is not
      // documented, so the emulator refuses it as getRange would now (stricter when unsure).
      if (this.r + this.nr - 1 > this.s.maxRows || this.col + this.nc - 1 > this.s.maxCols) throw this.ctx.err(TEXTS.outside);
      if (!free && (CELL_READS.has(m) || CELL_WRITES.has(m))) this.ctx.rt.chargeCells(CELL_READS.has(m) ? 'read' : 'write', this.nr * this.nc);
      return body();
    }, free);
  }
  private grid<T>(f: (r: number, c: number) => T): T[][] {
    const rows: T[][] = [];
    for (let i = 0; i < this.nr; i++) {
      const row: T[] = [];
      for (let j = 0; j < this.nc; j++) row.push(f(this.r + i, this.col + j));
      rows.push(row);
    }
    return this.ctx.rt.grid(rows);
  }
  /** Writes are checked against protections for the effective user; Sheets validation does not apply to scripts. */
  private write(m: string, body: () => void): Range {
    return this.c(m, () => {
      this.ctx.assertCanEdit(this.s, this.rect);
      if (BUFFERED_WRITES.has('Range.' + m)) this.later(body);
      else body();
      return this;
    });
  }
  /**
   * Setters take the documented type: a number where a string is due fails with Apps Script's
   * signature text (reference: Range.setNumberFormat(numberFormat: String), setBackground(color:
   * String, null resets), setFontWeight('bold' | 'normal' | null)).
   */
  private needString(method: string, v: unknown, nullable: boolean): void {
    if (typeof v === 'string' || (nullable && v === null)) return;
    throw paramsError(this.ctx.rt, [v], 'SpreadsheetApp.Range.' + method);
  }
  /** A buffered write to this range's cells (skipped if the sheet is gone when it is applied). */
  private later(apply: () => void): void {
    this.ctx.defer(() => {
      if (this.doc.sheets.includes(this.s)) apply();
    });
  }
  /** The one error typing a value can raise, raised when the script writes (not when the buffer is applied). */
  private checkLength(v: unknown): void {
    if ((typeof v === 'string' || (v !== null && typeof v === 'object' && !isDate(v))) && String(v).length > MAX_CELL_CHARS) throw this.ctx.err(TEXTS.tooLong);
  }
  /** Checks the shape of a 2-D argument with Google's texts. */
  private shape(data: unknown, method: string): unknown[][] {
    if (!Array.isArray(data) || (data.length > 0 && !data.every((row) => Array.isArray(row))))
      throw this.ctx.err(`The parameters (${Array.isArray(data) ? 'number[]' : typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
    if (data.length !== this.nr) throw this.ctx.err(TEXTS.rowsMismatch(data.length, this.nr));
    for (const row of data as unknown[][]) if (row.length !== this.nc) throw this.ctx.err(TEXTS.colsMismatch(row.length, this.nc));
    return data as unknown[][];
  }
  private each(f: (r: number, c: number) => void): void {
    for (let i = 0; i < this.nr; i++) for (let j = 0; j < this.nc; j++) f(this.r + i, this.col + j);
  }
  private storeTyped(r: number, c: number, v: unknown): void {
    const cell = this.s.cell(r, c);
    this.doc.store(this.s, r, c, this.doc.typed(v, cell?.nf === '@', (m) => this.ctx.err(m)));
  }
  private typedGrid(values: unknown[][]): Typed[][] {
    return values.map((row, i) => row.map((v, j) => this.doc.typed(v, this.s.cell(this.r + i, this.col + j)?.nf === '@', (m) => this.ctx.err(m))));
  }

  // ---- free getters (no round trip)
  getRow(): number {
    return this.c('getRow', () => this.r, true);
  }
  getRowIndex(): number {
    return this.c('getRowIndex', () => this.r, true);
  }
  getColumn(): number {
    return this.c('getColumn', () => this.col, true);
  }
  getColumnIndex(): number {
    return this.c('getColumnIndex', () => this.col, true);
  }
  getNumRows(): number {
    return this.c('getNumRows', () => this.nr, true);
  }
  getNumColumns(): number {
    return this.c('getNumColumns', () => this.nc, true);
  }
  getLastRow(): number {
    return this.c('getLastRow', () => this.r + this.nr - 1, true);
  }
  getLastColumn(): number {
    return this.c('getLastColumn', () => this.col + this.nc - 1, true);
  }
  getA1Notation(): string {
    return this.c('getA1Notation', () => a1Of(this.s, this.rect), true);
  }
  getSheet(): Sheet {
    return this.c('getSheet', () => new Sheet(this.ctx, this.s), true);
  }
  getGridId(): number {
    return this.c('getGridId', () => this.s.id, true);
  }
  /** Undocumented event-range fields (PLATFORM.md, Triggers): rowStart, rowEnd, columnStart, columnEnd. */
  get rowStart(): number {
    return this.r;
  }
  get rowEnd(): number {
    return this.r + this.nr - 1;
  }
  get columnStart(): number {
    return this.col;
  }
  get columnEnd(): number {
    return this.col + this.nc - 1;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return this.c(
      'offset',
      () => makeRange(this.ctx, this.s, this.r + Number(rowOffset), this.col + Number(columnOffset), numRows ?? this.nr, numColumns ?? this.nc),
      true,
    );
  }
  activate(): Range {
    return this.c('activate', () => this, true);
  }

  // ---- values
  getValues(): unknown[][] {
    return this.c('getValues', () => this.grid((r, c) => this.ctx.out(this.doc.valueAt(this.s, r, c))));
  }
  getValue(): unknown {
    return this.c('getValue', () => this.ctx.out(this.doc.valueAt(this.s, this.r, this.col)));
  }
  getDisplayValues(): string[][] {
    return this.c('getDisplayValues', () => this.grid((r, c) => this.doc.displayAt(this.s, r, c)));
  }
  getDisplayValue(): string {
    return this.c('getDisplayValue', () => this.doc.displayAt(this.s, this.r, this.col));
  }
  setValues(values: unknown[][]): Range {
    return this.c('setValues', () => {
      const data = this.shape(values, 'setValues');
      for (const row of data) for (const v of row) this.checkLength(v);
      this.ctx.assertCanEdit(this.s, this.rect);
      const copy = data.map((row) => [...row]);
      // Typed when applied: a plain-text format written just before (also buffered) applies.
      this.later(() => this.typedGrid(copy).forEach((row, i) => row.forEach((t, j) => this.doc.store(this.s, this.r + i, this.col + j, t))));
      return this;
    });
  }
  setValue(value: unknown): Range {
    return this.c('setValue', () => {
      this.checkLength(value);
      this.ctx.assertCanEdit(this.s, this.rect);
      this.later(() => this.each((r, c) => this.storeTyped(r, c, value)));
      return this;
    });
  }
  isBlank(): boolean {
    return this.c('isBlank', () => {
      let blank = true;
      this.each((r, c) => {
        if (this.s.hasContent(this.s.cell(r, c))) blank = false;
      });
      return blank;
    });
  }
  getFormulas(): string[][] {
    return this.c('getFormulas', () => this.grid((r, c) => this.s.cell(r, c)?.f ?? ''));
  }
  getFormula(): string {
    return this.c('getFormula', () => this.s.cell(this.r, this.col)?.f ?? '');
  }
  setFormula(formula: string): Range {
    this.c('setFormula', () => this.checkLength(formula === null || formula === undefined ? '' : String(formula)), true);
    return this.write('setFormula', () => this.each((r, c) => this.storeFormula(r, c, formula)));
  }
  setFormulas(formulas: string[][]): Range {
    return this.c('setFormulas', () => {
      const data = this.shape(formulas, 'setFormulas').map((row) => [...row]);
      for (const row of data) for (const f of row) this.checkLength(f === null || f === undefined ? '' : String(f));
      this.ctx.assertCanEdit(this.s, this.rect);
      this.later(() => data.forEach((row, i) => row.forEach((f, j) => this.storeFormula(this.r + i, this.col + j, f))));
      return this;
    });
  }
  private storeFormula(r: number, c: number, f: unknown): void {
    const s = f === null || f === undefined ? '' : String(f);
    if (s.length > 50_000) throw this.ctx.err(TEXTS.tooLong);
    if (s === '') this.doc.store(this.s, r, c, {});
    else if (s.startsWith('=')) this.doc.store(this.s, r, c, { f: s });
    else this.storeTyped(r, c, s);
  }
  clearContent(): Range {
    return this.write('clearContent', () => this.each((r, c) => this.doc.store(this.s, r, c, {})));
  }
  clearFormat(): Range {
    return this.write('clearFormat', () =>
      this.each((r, c) => {
        const cell = this.s.cell(r, c);
        if (!cell) return;
        cell.bg = cell.nf = cell.fw = cell.fc = undefined;
        cell.fmt = undefined;
        this.s.tidy(r, c);
      }),
    );
  }
  clearNote(): Range {
    return this.write('clearNote', () => this.each((r, c) => this.setCellProp(r, c, 'note', undefined)));
  }
  /** clear(): contents and formats (and, with options, notes and validations; reference: Range.clear). */
  clear(options?: Record<string, unknown>): Range {
    return this.write('clear', () =>
      this.each((r, c) => {
        const cell = this.s.cell(r, c);
        if (!cell) return;
        const o = options ?? {};
        const any = Object.keys(o).length > 0;
        if (!any || o.contentsOnly) {
          cell.v = undefined;
          cell.f = undefined;
        }
        if (!any || o.formatOnly) {
          cell.bg = cell.nf = cell.fw = cell.fc = undefined;
          cell.fmt = undefined;
        }
        if (o.commentsOnly) cell.note = undefined;
        if (o.validationsOnly) cell.dv = undefined;
        this.s.tidy(r, c);
      }),
    );
  }
  private setCellProp<K extends 'note' | 'bg' | 'nf' | 'fw' | 'fc'>(r: number, c: number, k: K, v: string | undefined): void {
    if (v === undefined) {
      const cell = this.s.cell(r, c);
      if (cell) {
        cell[k] = undefined;
        this.s.tidy(r, c);
      }
      return;
    }
    this.s.ensure(r, c)[k] = v;
  }

  // ---- notes (setNote(25) → "25", setNotes([[25]]) → "25.0": issuetracker 429373214)
  getNotes(): string[][] {
    return this.c('getNotes', () => this.grid((r, c) => this.s.cell(r, c)?.note ?? ''));
  }
  getNote(): string {
    return this.c('getNote', () => this.s.cell(this.r, this.col)?.note ?? '');
  }
  setNote(note: unknown): Range {
    const text = note === null || note === undefined ? '' : String(note);
    return this.write('setNote', () => this.each((r, c) => this.setCellProp(r, c, 'note', text || undefined)));
  }
  setNotes(notes: unknown[][]): Range {
    return this.c('setNotes', () => {
      const data = this.shape(notes, 'setNotes');
      this.ctx.assertCanEdit(this.s, this.rect);
      const texts = data.map((row) => row.map((n) => (n === null || n === undefined ? '' : typeof n === 'number' ? javaDoubleString(n) : String(n))));
      this.later(() => texts.forEach((row, i) => row.forEach((text, j) => this.setCellProp(this.r + i, this.col + j, 'note', text || undefined))));
      return this;
    });
  }

  // ---- formats
  getBackgrounds(): string[][] {
    return this.c('getBackgrounds', () => this.grid((r, c) => this.s.cell(r, c)?.bg ?? '#ffffff'));
  }
  getBackground(): string {
    return this.c('getBackground', () => this.s.cell(this.r, this.col)?.bg ?? '#ffffff');
  }
  setBackground(color: string | null): Range {
    this.needString('setBackground', color, true);
    return this.write('setBackground', () => this.each((r, c) => this.setCellProp(r, c, 'bg', color ? normColor(color) : undefined)));
  }
  setBackgrounds(colors: (string | null)[][]): Range {
    return this.gridProp('setBackgrounds', colors, 'bg', (x) => (x ? normColor(String(x)) : undefined));
  }
  setFontWeight(w: string | null): Range {
    this.needString('setFontWeight', w, true);
    if (w !== null && w !== 'bold' && w !== 'normal') throw this.ctx.err('Invalid argument: fontWeight');
    return this.write('setFontWeight', () => this.each((r, c) => this.setCellProp(r, c, 'fw', w && w !== 'normal' ? w : undefined)));
  }
  setFontWeights(ws: (string | null)[][]): Range {
    return this.gridProp('setFontWeights', ws, 'fw', (x) => (x && x !== 'normal' ? String(x) : undefined));
  }
  getFontWeight(): string {
    return this.c('getFontWeight', () => this.s.cell(this.r, this.col)?.fw ?? 'normal');
  }
  getFontWeights(): string[][] {
    return this.c('getFontWeights', () => this.grid((r, c) => this.s.cell(r, c)?.fw ?? 'normal'));
  }
  setFontColor(color: string | null): Range {
    this.needString('setFontColor', color, true);
    return this.write('setFontColor', () => this.each((r, c) => this.setCellProp(r, c, 'fc', color ? normColor(color) : undefined)));
  }
  getFontColor(): string {
    return this.c('getFontColor', () => this.s.cell(this.r, this.col)?.fc ?? '#000000');
  }
  setNumberFormat(nf: string): Range {
    this.needString('setNumberFormat', nf, false);
    return this.write('setNumberFormat', () => this.each((r, c) => this.setCellProp(r, c, 'nf', String(nf))));
  }
  setNumberFormats(nfs: string[][]): Range {
    return this.gridProp('setNumberFormats', nfs, 'nf', (x) => (x === null || x === undefined ? undefined : String(x)));
  }
  getNumberFormat(): string {
    return this.c('getNumberFormat', () => this.s.cell(this.r, this.col)?.nf ?? '0.###############');
  }
  getNumberFormats(): string[][] {
    return this.c('getNumberFormats', () => this.grid((r, c) => this.s.cell(r, c)?.nf ?? '0.###############'));
  }
  private gridProp(method: string, data: unknown[][], k: 'bg' | 'fw' | 'nf', conv: (x: unknown) => string | undefined): Range {
    return this.c(method, () => {
      const d = this.shape(data, method).map((row) => row.map(conv));
      this.ctx.assertCanEdit(this.s, this.rect);
      this.later(() => d.forEach((row, i) => row.forEach((x, j) => this.setCellProp(this.r + i, this.col + j, k, x))));
      return this;
    });
  }
  private fmt(method: string, key: string, value: unknown): Range {
    return this.write(method, () =>
      this.each((r, c) => {
        const cell = this.s.ensure(r, c);
        cell.fmt = { ...(cell.fmt ?? {}), [key]: value };
      }),
    );
  }
  setFontStyle(v: string): Range {
    return this.fmt('setFontStyle', 'fontStyle', v);
  }
  setFontSize(v: number): Range {
    return this.fmt('setFontSize', 'fontSize', v);
  }
  setFontFamily(v: string): Range {
    return this.fmt('setFontFamily', 'fontFamily', v);
  }
  setFontLine(v: string): Range {
    return this.fmt('setFontLine', 'fontLine', v);
  }
  setHorizontalAlignment(v: string): Range {
    return this.fmt('setHorizontalAlignment', 'horizontalAlignment', v);
  }
  setVerticalAlignment(v: string): Range {
    return this.fmt('setVerticalAlignment', 'verticalAlignment', v);
  }
  setWrap(v: boolean): Range {
    return this.fmt('setWrap', 'wrap', v);
  }
  setBorder(...args: unknown[]): Range {
    return this.fmt('setBorder', 'border', args.slice(0, 6));
  }

  // ---- data validation (stored per cell; scripts' writes are not checked against it)
  setDataValidation(rule: DataValidation | null): Range {
    return this.write('setDataValidation', () => this.each((r, c) => this.setDv(r, c, rule ? rule.spec() : undefined)));
  }
  setDataValidations(rules: (DataValidation | null)[][]): Range {
    return this.c('setDataValidations', () => {
      const d = this.shape(rules, 'setDataValidations') as (DataValidation | null)[][];
      this.ctx.assertCanEdit(this.s, this.rect);
      d.forEach((row, i) => row.forEach((rule, j) => this.setDv(this.r + i, this.col + j, rule ? rule.spec() : undefined)));
      return this;
    });
  }
  private setDv(r: number, c: number, spec: ValidationSpec | undefined): void {
    if (spec) this.s.ensure(r, c).dv = { ...spec, values: [...spec.values] };
    else {
      const cell = this.s.cell(r, c);
      if (cell) {
        cell.dv = undefined;
        this.s.tidy(r, c);
      }
    }
  }
  clearDataValidations(): Range {
    return this.write('clearDataValidations', () => this.each((r, c) => this.setDv(r, c, undefined)));
  }
  getDataValidation(): DataValidation | null {
    return this.c('getDataValidation', () => {
      const dv = this.s.cell(this.r, this.col)?.dv;
      return dv ? new DataValidation(this.ctx, dv) : null;
    });
  }
  getDataValidations(): (DataValidation | null)[][] {
    return this.c('getDataValidations', () =>
      this.grid((r, c) => {
        const dv = this.s.cell(r, c)?.dv;
        return dv ? new DataValidation(this.ctx, dv) : null;
      }),
    );
  }

  // ---- protection
  protect(): Protection {
    return this.c('protect', () => new Protection(this.ctx, this.doc.addProtection(this.s, { ...this.rect })));
  }

  // ---- sort, copy
  sort(spec: unknown): Range {
    return this.write('sort', () => {
      const list = Array.isArray(spec) ? spec : [spec];
      const keys = list.map((k) =>
        typeof k === 'number' ? { column: k, ascending: true } : { column: Number((k as { column: unknown }).column), ascending: (k as { ascending?: unknown }).ascending !== false },
      );
      for (const k of keys) if (k.column < this.col || k.column >= this.col + this.nc) throw this.ctx.err(`Column specified must be within the range: ${a1Of(this.s, this.rect)}`);
      const whole = this.col === 1 && this.nc === this.s.maxCols;
      this.doc.sortRows(this.s, this.r, this.r + this.nr - 1, keys, this.col, whole ? undefined : this.nc);
    });
  }
  copyTo(destination: Range, a?: unknown, b?: unknown): void {
    this.c('copyTo', () => {
      const dst = destination.parts();
      let mode: 'all' | 'values' | 'format' = 'all';
      const opts = (a && typeof a === 'object' && !('name' in a) ? a : b) as Record<string, unknown> | undefined;
      if (opts?.contentsOnly) mode = 'values';
      if (opts?.formatOnly) mode = 'format';
      if (a && typeof a === 'object' && 'name' in a) {
        const n = enumName(a);
        if (n === 'PASTE_VALUES') mode = 'values';
        if (n === 'PASTE_FORMAT') mode = 'format';
      }
      const to = dst.nr === 1 && dst.nc === 1 ? { r: dst.r, c: dst.c, nr: this.nr, nc: this.nc } : { r: dst.r, c: dst.c, nr: dst.nr, nc: dst.nc };
      if (to.r + to.nr - 1 > dst.sheet.maxRows || to.c + to.nc - 1 > dst.sheet.maxCols) throw this.ctx.err(TEXTS.outside);
      this.ctx.assertCanEdit(dst.sheet, to);
      this.doc.copyCells(this.s, this.rect, dst.sheet, to, mode);
    });
  }
  /** Emulator use: the coordinates of this range. */
  parts(): { sheet: SheetModel; r: number; c: number; nr: number; nc: number } {
    return { sheet: this.s, r: this.r, c: this.col, nr: this.nr, nc: this.nc };
  }

  // ---- developer metadata (only on whole rows or columns)
  private metadataLocation(): MetadataLocation | null {
    const wholeRows = this.col === 1 && this.nc === this.s.maxCols;
    const wholeCols = this.r === 1 && this.nr === this.s.maxRows;
    if (wholeRows && !wholeCols) return { type: 'ROW', sheetId: this.s.id, start: this.r, count: this.nr };
    if (wholeCols && !wholeRows) return { type: 'COLUMN', sheetId: this.s.id, start: this.col, count: this.nc };
    return null;
  }
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): Range {
    return this.c('addDeveloperMetadata', () => {
      const loc = this.metadataLocation();
      if (!loc) throw this.ctx.err(TEXTS.metadataRange);
      addMetadata(this.ctx, key, a, b, loc);
      return this;
    });
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this.c('getDeveloperMetadata', () => {
      const loc = this.metadataLocation();
      const same = (m: MetadataSpec) =>
        !!loc && m.location.type === loc.type && 'start' in m.location && 'start' in loc && m.location.sheetId === loc.sheetId && m.location.start === loc.start && m.location.count === loc.count;
      return this.ctx.rt.list(this.doc.metadata.filter(same).map((m) => new DeveloperMetadata(this.ctx, m)));
    });
  }
  /** Metadata is in a range's scope only when wholly contained in it (reference: Range.createDeveloperMetadataFinder). */
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return this.c(
      'createDeveloperMetadataFinder',
      () =>
        new DeveloperMetadataFinder(this.ctx, (m, intersect) => {
          const rect = metadataRect(m, this.s);
          if (!rect) return false;
          const me = this.rect;
          if (intersect) return me.r < rect.r + rect.nr && rect.r < me.r + me.nr && me.c < rect.c + rect.nc && rect.c < me.c + me.nc;
          return rect.r >= me.r && rect.c >= me.c && rect.r + rect.nr <= me.r + me.nr && rect.c + rect.nc <= me.c + me.nc;
        }),
      true,
    );
  }
  /** Searches this range's cells (reference: Range.createTextFinder; text-finder.ts). Not a cell read: no cells charged. */
  createTextFinder(findText: string): TextFinder {
    return this.c('createTextFinder', () => textFinder(this.ctx, findText, 'Range.createTextFinder', () => rangeRegion(this.ctx, this.s, this.rect)));
  }
}

function a1Of(sheet: SheetModel, rect: Rect): string {
  const wholeCols = rect.r === 1 && rect.nr === sheet.maxRows;
  const wholeRows = rect.c === 1 && rect.nc === sheet.maxCols;
  if (wholeCols && !wholeRows) return columnLetters(rect.c) + ':' + columnLetters(rect.c + rect.nc - 1);
  if (wholeRows && !wholeCols) return rect.r + ':' + (rect.r + rect.nr - 1);
  return rectA1(rect);
}

function normColor(c: string): string {
  const named: Record<string, string> = { white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', yellow: '#ffff00' };
  const s = c.trim().toLowerCase();
  if (named[s]) return named[s];
  const m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`;
  return s;
}

function metadataRect(m: MetadataSpec, sheet: SheetModel): Rect | null {
  const l = m.location;
  if (!('sheetId' in l) || l.sheetId !== sheet.id) return null;
  if (l.type === 'ROW') return { r: l.start, c: 1, nr: l.count, nc: sheet.maxCols };
  if (l.type === 'COLUMN') return { r: 1, c: l.start, nr: sheet.maxRows, nc: l.count };
  return null;
}

/** addDeveloperMetadata(key), (key, value), (key, visibility), (key, value, visibility). */
function addMetadata(ctx: Ctx, key: unknown, a: unknown, b: unknown, location: MetadataLocation): void {
  if (typeof key !== 'string' || key === '') throw ctx.err('Invalid argument: key');
  let value: string | null = null;
  let visibility: 'DOCUMENT' | 'PROJECT' = 'DOCUMENT';
  for (const x of [a, b]) {
    if (x === undefined || x === null) continue;
    if (typeof x === 'object') visibility = enumName(x) === 'PROJECT' ? 'PROJECT' : 'DOCUMENT';
    else value = String(x);
  }
  ctx.doc.addMetadata(key, value, visibility, location);
}

// ==================================================================== Protection

export class Protection {
  constructor(
    private readonly ctx: Ctx,
    private readonly p: ProtectionSpec,
  ) {}
  private c<T>(m: string, body: () => T, free = false): T {
    return this.ctx.call('Protection.' + m, () => {
      if (!this.ctx.doc.protections.includes(this.p)) throw this.ctx.err('The protected range or sheet has been removed.');
      return body();
    }, free);
  }
  /** Changing a protection needs rights on it (owner or one of its editors). */
  private mutate(m: string, body: () => void): Protection {
    return this.c(m, () => {
      const u = this.ctx.user();
      if (!this.ctx.doc.canEditProtection({ ...this.p, warningOnly: false }, u)) throw this.ctx.err(TEXTS.protected);
      body();
      return this;
    });
  }
  private currentEditors(): string[] {
    const d = this.ctx.doc;
    return uniq([d.owner, ...(this.p.editors ?? d.editors)]).filter(Boolean);
  }
  getProtectionType(): GasEnumValue {
    return this.c('getProtectionType', () => this.ctx.enums().ProtectionType[this.p.type], true);
  }
  getDescription(): string {
    return this.c('getDescription', () => this.p.description);
  }
  setDescription(d: string): Protection {
    return this.mutate('setDescription', () => void (this.p.description = String(d)));
  }
  isWarningOnly(): boolean {
    return this.c('isWarningOnly', () => this.p.warningOnly);
  }
  setWarningOnly(w: boolean): Protection {
    return this.mutate('setWarningOnly', () => void (this.p.warningOnly = !!w));
  }
  getEditors(): User[] {
    return this.c('getEditors', () => this.ctx.rt.list(this.currentEditors().map((e) => this.ctx.user_(e))));
  }
  addEditor(u: unknown): Protection {
    return this.addEditors([u]);
  }
  addEditors(us: unknown[]): Protection {
    return this.mutate('addEditors', () => {
      this.p.editors = uniq([...this.currentEditors(), ...us.map(emailOf)]);
    });
  }
  removeEditor(u: unknown): Protection {
    return this.removeEditors([u]);
  }
  /** The spreadsheet owner always stays an editor. */
  removeEditors(us: unknown[]): Protection {
    return this.mutate('removeEditors', () => {
      const gone = new Set(Array.from(us as ArrayLike<unknown>, emailOf));
      this.p.editors = this.currentEditors().filter((e) => e === this.ctx.doc.owner || !gone.has(e));
    });
  }
  canEdit(): boolean {
    return this.c('canEdit', () => this.ctx.doc.canEditProtection({ ...this.p, warningOnly: false }, this.ctx.user()));
  }
  canDomainEdit(): boolean {
    return this.c('canDomainEdit', () => this.p.domainEdit);
  }
  setDomainEdit(v: boolean): Protection {
    return this.mutate('setDomainEdit', () => void (this.p.domainEdit = !!v));
  }
  getRange(): Range {
    return this.c('getRange', () => {
      const s = this.ctx.doc.sheetById(this.p.sheetId)!;
      return new Range(this.ctx, s, this.p.rect.r, this.p.rect.c, this.p.rect.nr, this.p.rect.nc);
    });
  }
  getRangeName(): string | null {
    return this.c('getRangeName', () => this.p.rangeName);
  }
  setUnprotectedRanges(ranges: Range[]): Protection {
    return this.mutate('setUnprotectedRanges', () => {
      this.p.unprotected = Array.from(ranges).map((r) => {
        const x = r.parts();
        return { sheetId: x.sheet.id, rect: { r: x.r, c: x.c, nr: x.nr, nc: x.nc } };
      });
    });
  }
  getUnprotectedRanges(): Range[] {
    return this.c('getUnprotectedRanges', () =>
      this.ctx.rt.list(this.p.unprotected.map((u) => new Range(this.ctx, this.ctx.doc.sheetById(u.sheetId)!, u.rect.r, u.rect.c, u.rect.nr, u.rect.nc))),
    );
  }
  remove(): void {
    this.mutate('remove', () => {
      this.ctx.doc.protections = this.ctx.doc.protections.filter((x) => x !== this.p);
    });
  }
}

// ==================================================================== Data validation

export class DataValidation {
  constructor(
    private readonly ctx: Ctx,
    private readonly v: ValidationSpec,
  ) {}
  spec(): ValidationSpec {
    return { ...this.v, values: [...this.v.values] };
  }
  getCriteriaType(): GasEnumValue {
    return this.ctx.call('DataValidation.getCriteriaType', () => this.ctx.enums().DataValidationCriteria[this.v.criteria], true);
  }
  getCriteriaValues(): unknown[] {
    return this.ctx.call(
      'DataValidation.getCriteriaValues',
      () =>
        this.ctx.rt.list(
          this.v.values.map((x) => {
            if (Array.isArray(x)) return this.ctx.rt.list(x);
            if (x && typeof x === 'object' && 'sheetId' in x) {
              const ref = x as { sheetId: number; rect: Rect };
              return new Range(this.ctx, this.ctx.doc.sheetById(ref.sheetId)!, ref.rect.r, ref.rect.c, ref.rect.nr, ref.rect.nc);
            }
            return x;
          }),
        ),
      true,
    );
  }
  getAllowInvalid(): boolean {
    return this.ctx.call('DataValidation.getAllowInvalid', () => this.v.allowInvalid, true);
  }
  getHelpText(): string | null {
    return this.ctx.call('DataValidation.getHelpText', () => this.v.helpText, true);
  }
  copy(): DataValidationBuilder {
    return this.ctx.call('DataValidation.copy', () => new DataValidationBuilder(this.ctx, this.spec()), true);
  }
}

export class DataValidationBuilder {
  private v: ValidationSpec;
  constructor(
    private readonly ctx: Ctx,
    init?: ValidationSpec,
  ) {
    this.v = init ?? { criteria: '', values: [], allowInvalid: true, helpText: null };
  }
  private b(m: string, body: () => void): DataValidationBuilder {
    return this.ctx.call('DataValidationBuilder.' + m, () => {
      body();
      return this;
    }, true);
  }
  private crit(m: string, criteria: string, values: unknown[]): DataValidationBuilder {
    return this.b(m, () => {
      this.v.criteria = criteria;
      this.v.values = values;
    });
  }
  requireValueInList(values: unknown[], showDropdown = true): DataValidationBuilder {
    if (!Array.isArray(values)) throw this.ctx.err("The parameters don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.");
    if (values.length > MAX_LIST_ITEMS) throw this.ctx.err(TEXTS.listTooLong);
    return this.crit('requireValueInList', 'VALUE_IN_LIST', [Array.from(values, String), showDropdown !== false]);
  }
  requireValueInRange(range: Range, showDropdown = true): DataValidationBuilder {
    const p = range.parts();
    return this.crit('requireValueInRange', 'VALUE_IN_RANGE', [{ sheetId: p.sheet.id, rect: { r: p.r, c: p.c, nr: p.nr, nc: p.nc } }, showDropdown !== false]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): DataValidationBuilder {
    return this.crit('requireCheckbox', 'CHECKBOX', [checked, unchecked].filter((x) => x !== undefined));
  }
  requireNumberBetween(a: number, b: number): DataValidationBuilder {
    return this.crit('requireNumberBetween', 'NUMBER_BETWEEN', [a, b]);
  }
  requireNumberGreaterThan(a: number): DataValidationBuilder {
    return this.crit('requireNumberGreaterThan', 'NUMBER_GREATER_THAN', [a]);
  }
  requireNumberGreaterThanOrEqualTo(a: number): DataValidationBuilder {
    return this.crit('requireNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [a]);
  }
  requireTextIsEmail(): DataValidationBuilder {
    return this.crit('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }
  requireDate(): DataValidationBuilder {
    return this.crit('requireDate', 'DATE_IS_VALID_DATE', []);
  }
  requireFormulaSatisfied(f: string): DataValidationBuilder {
    return this.crit('requireFormulaSatisfied', 'CUSTOM_FORMULA', [f]);
  }
  setAllowInvalid(v: boolean): DataValidationBuilder {
    return this.b('setAllowInvalid', () => void (this.v.allowInvalid = !!v));
  }
  setHelpText(t: string): DataValidationBuilder {
    return this.b('setHelpText', () => void (this.v.helpText = String(t)));
  }
  build(): DataValidation {
    return this.ctx.call('DataValidationBuilder.build', () => {
      if (!this.v.criteria) throw this.ctx.err('You must specify a criteria before building a data validation rule.');
      return new DataValidation(this.ctx, { ...this.v, values: [...this.v.values] });
    }, true);
  }
}

// ==================================================================== Conditional formatting

function cloneRule(r: ConditionalFormatSpec): ConditionalFormatSpec {
  return {
    id: r.id,
    ranges: r.ranges.map((x) => ({ sheetId: x.sheetId, rect: { ...x.rect } })),
    condition: r.condition ? { type: r.condition.type, values: [...r.condition.values] } : null,
    format: { ...r.format },
  };
}

export class BooleanCondition {
  constructor(
    private readonly ctx: Ctx,
    private readonly cond: ConditionSpec,
    private readonly format: ConditionalFormatSpec['format'],
  ) {}
  private g<T>(m: string, body: () => T): T {
    return this.ctx.call('BooleanCondition.' + m, body, true);
  }
  getCriteriaType(): GasEnumValue {
    return this.g('getCriteriaType', () => this.ctx.enums().BooleanCriteria[this.cond.type]);
  }
  getCriteriaValues(): unknown[] {
    return this.g('getCriteriaValues', () => this.ctx.rt.list(this.cond.values));
  }
  getBackground(): string | null {
    return this.g('getBackground', () => this.format.background ?? null);
  }
  getFontColor(): string | null {
    return this.g('getFontColor', () => this.format.fontColor ?? null);
  }
  getBold(): boolean | null {
    return this.g('getBold', () => this.format.bold ?? null);
  }
}

export class ConditionalFormatRule {
  constructor(
    private readonly ctx: Ctx,
    private readonly r: ConditionalFormatSpec,
  ) {}
  spec(): ConditionalFormatSpec {
    return this.r;
  }
  getRanges(): Range[] {
    return this.ctx.call(
      'ConditionalFormatRule.getRanges',
      () => this.ctx.rt.list(this.r.ranges.flatMap((x) => {
        const s = this.ctx.doc.sheetById(x.sheetId);
        return s ? [new Range(this.ctx, s, x.rect.r, x.rect.c, x.rect.nr, x.rect.nc)] : [];
      })),
      true,
    );
  }
  getBooleanCondition(): BooleanCondition | null {
    return this.ctx.call('ConditionalFormatRule.getBooleanCondition', () => (this.r.condition ? new BooleanCondition(this.ctx, this.r.condition, this.r.format) : null), true);
  }
  getGradientCondition(): null {
    return this.ctx.call('ConditionalFormatRule.getGradientCondition', () => null, true);
  }
  copy(): ConditionalFormatRuleBuilder {
    return this.ctx.call('ConditionalFormatRule.copy', () => new ConditionalFormatRuleBuilder(this.ctx, cloneRule(this.r)), true);
  }
}

export class ConditionalFormatRuleBuilder {
  private r: ConditionalFormatSpec;
  constructor(
    private readonly ctx: Ctx,
    init?: ConditionalFormatSpec,
  ) {
    this.r = init ?? { id: 0, ranges: [], condition: null, format: {} };
  }
  private b(m: string, body: () => void): ConditionalFormatRuleBuilder {
    return this.ctx.call('ConditionalFormatRuleBuilder.' + m, () => {
      body();
      return this;
    }, true);
  }
  private when(m: string, type: string, values: unknown[]): ConditionalFormatRuleBuilder {
    return this.b(m, () => void (this.r.condition = { type, values }));
  }
  whenTextEqualTo(t: string): ConditionalFormatRuleBuilder {
    return this.when('whenTextEqualTo', 'TEXT_EQUAL_TO', [String(t)]);
  }
  whenTextContains(t: string): ConditionalFormatRuleBuilder {
    return this.when('whenTextContains', 'TEXT_CONTAINS', [String(t)]);
  }
  whenTextDoesNotContain(t: string): ConditionalFormatRuleBuilder {
    return this.when('whenTextDoesNotContain', 'TEXT_DOES_NOT_CONTAIN', [String(t)]);
  }
  whenTextStartsWith(t: string): ConditionalFormatRuleBuilder {
    return this.when('whenTextStartsWith', 'TEXT_STARTS_WITH', [String(t)]);
  }
  whenTextEndsWith(t: string): ConditionalFormatRuleBuilder {
    return this.when('whenTextEndsWith', 'TEXT_ENDS_WITH', [String(t)]);
  }
  whenFormulaSatisfied(f: string): ConditionalFormatRuleBuilder {
    return this.when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [String(f)]);
  }
  whenCellEmpty(): ConditionalFormatRuleBuilder {
    return this.when('whenCellEmpty', 'CELL_EMPTY', []);
  }
  whenCellNotEmpty(): ConditionalFormatRuleBuilder {
    return this.when('whenCellNotEmpty', 'CELL_NOT_EMPTY', []);
  }
  whenNumberGreaterThan(n: number): ConditionalFormatRuleBuilder {
    return this.when('whenNumberGreaterThan', 'NUMBER_GREATER_THAN', [n]);
  }
  whenNumberLessThan(n: number): ConditionalFormatRuleBuilder {
    return this.when('whenNumberLessThan', 'NUMBER_LESS_THAN', [n]);
  }
  setBackground(c: string | null): ConditionalFormatRuleBuilder {
    return this.b('setBackground', () => void (this.r.format.background = c ? normColor(c) : null));
  }
  setFontColor(c: string | null): ConditionalFormatRuleBuilder {
    return this.b('setFontColor', () => void (this.r.format.fontColor = c ? normColor(c) : null));
  }
  setBold(v: boolean | null): ConditionalFormatRuleBuilder {
    return this.b('setBold', () => void (this.r.format.bold = v));
  }
  setItalic(v: boolean | null): ConditionalFormatRuleBuilder {
    return this.b('setItalic', () => void (this.r.format.italic = v));
  }
  setStrikethrough(v: boolean | null): ConditionalFormatRuleBuilder {
    return this.b('setStrikethrough', () => void (this.r.format.strikethrough = v));
  }
  setUnderline(v: boolean | null): ConditionalFormatRuleBuilder {
    return this.b('setUnderline', () => void (this.r.format.underline = v));
  }
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder {
    return this.b('setRanges', () => {
      this.r.ranges = Array.from(ranges).map((x) => {
        const p = x.parts();
        return { sheetId: p.sheet.id, rect: { r: p.r, c: p.c, nr: p.nr, nc: p.nc } };
      });
    });
  }
  getRanges(): Range[] {
    return new ConditionalFormatRule(this.ctx, this.r).getRanges();
  }
  getBooleanCondition(): BooleanCondition | null {
    return new ConditionalFormatRule(this.ctx, this.r).getBooleanCondition();
  }
  build(): ConditionalFormatRule {
    return this.ctx.call('ConditionalFormatRuleBuilder.build', () => {
      if (this.r.ranges.length === 0) throw this.ctx.err('Conditional format rule must have at least one range.');
      if (!this.r.condition) throw this.ctx.err('Conditional format rule must have a condition.');
      return new ConditionalFormatRule(this.ctx, cloneRule(this.r));
    }, true);
  }
}

// ==================================================================== Developer metadata

export class DeveloperMetadataLocation {
  constructor(
    private readonly ctx: Ctx,
    private readonly m: MetadataSpec,
  ) {}
  private g<T>(name: string, body: () => T): T {
    return this.ctx.call('DeveloperMetadataLocation.' + name, body, true);
  }
  getLocationType(): GasEnumValue {
    return this.g('getLocationType', () => this.ctx.enums().DeveloperMetadataLocationType[this.m.location.type]);
  }
  getSheet(): Sheet | null {
    return this.g('getSheet', () => {
      const l = this.m.location;
      const s = 'sheetId' in l ? this.ctx.doc.sheetById(l.sheetId) : undefined;
      return l.type === 'SHEET' && s ? new Sheet(this.ctx, s) : null;
    });
  }
  getSpreadsheet(): Spreadsheet | null {
    return this.g('getSpreadsheet', () => (this.m.location.type === 'SPREADSHEET' ? new Spreadsheet(this.ctx) : null));
  }
  getRow(): Range | null {
    return this.g('getRow', () => {
      const l = this.m.location;
      const s = l.type === 'ROW' ? this.ctx.doc.sheetById(l.sheetId) : undefined;
      return l.type === 'ROW' && s ? new Range(this.ctx, s, l.start, 1, l.count, s.maxCols) : null;
    });
  }
  getColumn(): Range | null {
    return this.g('getColumn', () => {
      const l = this.m.location;
      const s = l.type === 'COLUMN' ? this.ctx.doc.sheetById(l.sheetId) : undefined;
      return l.type === 'COLUMN' && s ? new Range(this.ctx, s, 1, l.start, s.maxRows, l.count) : null;
    });
  }
}

export class DeveloperMetadata {
  constructor(
    private readonly ctx: Ctx,
    private readonly m: MetadataSpec,
  ) {}
  private c<T>(name: string, body: () => T, free = false): T {
    return this.ctx.call('DeveloperMetadata.' + name, () => {
      if (!this.ctx.doc.metadata.includes(this.m)) throw this.ctx.err('The developer metadata has been removed.');
      return body();
    }, free);
  }
  getId(): number {
    return this.c('getId', () => this.m.id, true);
  }
  getKey(): string {
    return this.c('getKey', () => this.m.key, true);
  }
  getValue(): string | null {
    return this.c('getValue', () => this.m.value, true);
  }
  getVisibility(): GasEnumValue {
    return this.c('getVisibility', () => this.ctx.enums().DeveloperMetadataVisibility[this.m.visibility], true);
  }
  getLocation(): DeveloperMetadataLocation {
    return this.c('getLocation', () => new DeveloperMetadataLocation(this.ctx, this.m), true);
  }
  setKey(k: string): DeveloperMetadata {
    return this.c('setKey', () => {
      this.m.key = String(k);
      return this;
    });
  }
  setValue(v: string): DeveloperMetadata {
    return this.c('setValue', () => {
      this.m.value = v === null || v === undefined ? null : String(v);
      return this;
    });
  }
  setVisibility(v: unknown): DeveloperMetadata {
    return this.c('setVisibility', () => {
      this.m.visibility = enumName(v) === 'PROJECT' ? 'PROJECT' : 'DOCUMENT';
      return this;
    });
  }
  remove(): void {
    this.c('remove', () => {
      this.ctx.doc.metadata = this.ctx.doc.metadata.filter((x) => x !== this.m);
    });
  }
}

export class DeveloperMetadataFinder {
  private filters: ((m: MetadataSpec) => boolean)[] = [];
  private intersect = false;
  constructor(
    private readonly ctx: Ctx,
    private readonly scope: (m: MetadataSpec, intersect: boolean) => boolean,
  ) {}
  private b(name: string, f: (m: MetadataSpec) => boolean): DeveloperMetadataFinder {
    return this.ctx.call('DeveloperMetadataFinder.' + name, () => {
      this.filters.push(f);
      return this;
    }, true);
  }
  withKey(k: string): DeveloperMetadataFinder {
    return this.b('withKey', (m) => m.key === k);
  }
  withValue(v: string): DeveloperMetadataFinder {
    return this.b('withValue', (m) => m.value === v);
  }
  withId(id: number): DeveloperMetadataFinder {
    return this.b('withId', (m) => m.id === id);
  }
  withLocationType(t: unknown): DeveloperMetadataFinder {
    const n = enumName(t);
    return this.b('withLocationType', (m) => m.location.type === n);
  }
  withVisibility(v: unknown): DeveloperMetadataFinder {
    const n = enumName(v);
    return this.b('withVisibility', (m) => m.visibility === n);
  }
  onIntersectingLocations(): DeveloperMetadataFinder {
    return this.ctx.call('DeveloperMetadataFinder.onIntersectingLocations', () => {
      this.intersect = true;
      return this;
    }, true);
  }
  find(): DeveloperMetadata[] {
    return this.ctx.call('DeveloperMetadataFinder.find', () =>
      this.ctx.rt.list(
        this.ctx.doc.metadata.filter((m) => this.scope(m, this.intersect) && this.filters.every((f) => f(m))).map((m) => new DeveloperMetadata(this.ctx, m)),
      ),
    );
  }
}

