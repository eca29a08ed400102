/**
 * SpreadsheetApp, strict as Google. The document model is `spreadsheetState(rt)`; the script
 * gets `createSpreadsheetApp(rt)`. Sources: PLATFORM.md ("Spreadsheet service semantics",
 * "Triggers", "Quotas and limits"); developers.google.com/apps-script/reference/spreadsheet/*.
 *
 * Choices where the platform is silent or unverified (documented here and in the tests):
 * - Formulas: only trivial ones are evaluated (`=1+2`, `="text"`, `=TRUE`, `=A1`, `=A1+1`,
 *   `=A1&"x"`, same sheet); any function call, range or other-sheet reference reads as `#N/A`.
 *   References in formulas are not rewritten when rows move (copy-paste does shift them).
 * - Row developer metadata is dropped by a sort unless `rt.options.metadataSurvivesSort`
 *   (PLATFORM.md marks survival *unverified*; the default is the stricter "dropped").
 * - Writes (values, formulas, notes, cell formats, appendRow) wait in the execution's buffer
 *   until its next spreadsheet read or structural call, `SpreadsheetApp.flush()`, or its end;
 *   releasing a lock does not flush (`rt.options.bufferWrites`, default on; api.ts BUFFERED_WRITES).
 * - A string starting with "+" that is not a number is typed as a formula (`#ERROR!` for a
 *   phone like `+1 212 555 0101`) unless `rt.options.plusStartsFormula` is off.
 * - A fresh protection (Range.protect/Sheet.protect) mirrors the spreadsheet's editors until its
 *   editor list is changed (reference: Range.protect). The owner can always edit; warning-only
 *   protection stops neither scripts nor people.
 */
import { Runtime, SCOPES } from '../runtime';
import {
  ConditionalFormatRuleBuilder,
  Ctx,
  DataValidationBuilder,
  Range,
  SHEET_SCOPES,
  Spreadsheet,
  makeRange,
  spreadsheetEnums,
} from './api';
import { SpreadsheetDoc } from './model';
import { assertUiContext, createUi } from '../services/ui';

export { SpreadsheetDoc, UserActionError, TEXTS } from './model';
export type { EditResult, CellInfo, ValidationSpec, ProtectionSpec, ConditionalFormatSpec, MetadataSpec, Toast } from './model';
export { Range, Sheet, Spreadsheet, Protection, DataValidation, ConditionalFormatRule, DeveloperMetadata } from './api';
export { TextFinder, FINDER_TEXTS } from './text-finder';

/** The document model with the person/integration API (see model.ts), plus the script's objects. */
export class SpreadsheetState extends SpreadsheetDoc {
  /** The Spreadsheet object a script would get (e.g. an event's `e.source`); not a service call. */
  spreadsheetObject(): Spreadsheet {
    this.ensureSheet();
    return new Spreadsheet(ctxOf(this.rt));
  }
}

export function spreadsheetState(rt: Runtime): SpreadsheetState {
  return rt.slot('spreadsheet', () => {
    const doc = new SpreadsheetState(rt);
    doc.rangeMaker = (sheet, r, c, nr, nc) => new Range(ctxOf(rt), sheet, r, c, nr, nc);
    return doc;
  });
}

function ctxOf(rt: Runtime): Ctx {
  return rt.slot('spreadsheet:ctx', () => new Ctx(rt, spreadsheetState(rt)));
}

/** The global `SpreadsheetApp`. */
export function createSpreadsheetApp(rt: Runtime): Record<string, unknown> {
  const ctx = ctxOf(rt);
  const doc = ctx.doc;
  const call = <T>(m: string, body: () => T, free = false) => rt.call('SpreadsheetApp.' + m, body, { scopes: SHEET_SCOPES, free });
  const active = (m: string) =>
    call(m, () => {
      if (!doc.bound) return null;
      doc.ensureSheet();
      return new Spreadsheet(ctx);
    });
  const enums = spreadsheetEnums(rt);
  return {
    getActiveSpreadsheet: () => active('getActiveSpreadsheet'),
    getActive: () => active('getActive'),
    getActiveSheet: () => call('getActiveSheet', () => new Spreadsheet(ctx).getActiveSheet()),
    getActiveRange: () => call('getActiveRange', () => makeRange(ctx, doc.activeSheet(), 1, 1, 1, 1)),
    getUi: () =>
      rt.call(
        'SpreadsheetApp.getUi',
        () => {
          assertUiContext(rt);
          return createUi(rt);
        },
        { auth: 'NONE', free: true },
      ),
    flush: () => call('flush', () => ctx.flush()),
    newDataValidation: () => call('newDataValidation', () => new DataValidationBuilder(ctx), true),
    newConditionalFormatRule: () => call('newConditionalFormatRule', () => new ConditionalFormatRuleBuilder(ctx), true),
    openById: (id: string) =>
      rt.call(
        'SpreadsheetApp.openById',
        () => {
          if (String(id) !== doc.spreadsheetId) throw rt.error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
          return new Spreadsheet(ctx);
        },
        { scopes: [SCOPES.sheets] },
      ),
    openByUrl: (url: string) =>
      rt.call(
        'SpreadsheetApp.openByUrl',
        () => {
          if (!String(url).includes(doc.spreadsheetId)) throw rt.error('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
          return new Spreadsheet(ctx);
        },
        { scopes: [SCOPES.sheets] },
      ),
    ...enums,
  };
}
