/**
 * How a cell looks once the sheet's conditional format rules are applied, as Sheets draws it:
 * the cell's own background and font, overridden by the first rule (in the sheet's rule order)
 * whose ranges hold the cell and whose condition the cell meets. Rules further down the list never
 * add to it (Sheets has no "stop if true": the top matching rule wins). The playground draws the
 * sheet from this, so a page never re-implements the rules.
 *
 * Conditions are evaluated on the cell's value (numbers as numbers) and on its displayed text.
 * Emulator choices where the platform is silent (tested in test/emulator/conditional-format-eval):
 * - Text comparisons (`TEXT_EQUAL_TO`, `TEXT_CONTAINS`, ...) ignore case, as the Sheets menu's
 *   "Text is exactly" and "Text contains" do.
 * - `CUSTOM_FORMULA` and any condition the emulator does not model never match: the cell keeps its
 *   own format (they are listed in `UNMODELED_CONDITIONS` so a caller can tell).
 * - Gradient (color scale) rules have no `condition` here and never match.
 */
import type { ConditionSpec, ConditionalFormatSpec, SheetModel, SpreadsheetDoc } from './model';
import type { Scalar } from './values';

/** What one cell looks like: colours as `#rrggbb`, `fontColor` null for the default (black). */
export interface EffectiveFormat {
  background: string;
  fontColor: string | null;
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  /** The index (in the sheet's rule order) of the conditional format rule that applied, or null. */
  rule: number | null;
}

/** Conditions the evaluator cannot decide (they never match): formulas need a formula engine. */
export const UNMODELED_CONDITIONS = ['CUSTOM_FORMULA'];

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Whether a cell with `value` (as computed) and `text` (as displayed) meets `condition`. */
export function conditionHolds(condition: ConditionSpec | null, value: Scalar | undefined, text: string): boolean {
  if (!condition) return false;
  const arg = (i: number) => condition.values[i];
  const argText = (i: number) => lower(String(arg(i) ?? ''));
  const t = lower(text);
  const empty = value === undefined || value === '';
  // Dates and text never meet a number condition here (Sheets compares dates by their serial number: not modeled).
  const num = typeof value === 'number' ? value : null;
  const n = (i: number) => Number(arg(i));
  switch (condition.type) {
    case 'CELL_EMPTY':
      return empty;
    case 'CELL_NOT_EMPTY':
      return !empty;
    case 'TEXT_EQUAL_TO':
      return t === argText(0);
    case 'TEXT_NOT_EQUAL_TO':
      return t !== argText(0);
    case 'TEXT_CONTAINS':
      return t.includes(argText(0));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !t.includes(argText(0));
    case 'TEXT_STARTS_WITH':
      return t.startsWith(argText(0));
    case 'TEXT_ENDS_WITH':
      return t.endsWith(argText(0));
    case 'NUMBER_GREATER_THAN':
      return num !== null && num > n(0);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num !== null && num >= n(0);
    case 'NUMBER_LESS_THAN':
      return num !== null && num < n(0);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num !== null && num <= n(0);
    case 'NUMBER_EQUAL_TO':
      return num !== null && num === n(0);
    case 'NUMBER_NOT_EQUAL_TO':
      return num !== null && num !== n(0);
    case 'NUMBER_BETWEEN':
      return num !== null && num >= Math.min(n(0), n(1)) && num <= Math.max(n(0), n(1));
    case 'NUMBER_NOT_BETWEEN':
      return num !== null && (num < Math.min(n(0), n(1)) || num > Math.max(n(0), n(1)));
    default:
      return false;
  }
}

function inRule(rule: ConditionalFormatSpec, sheet: SheetModel, r: number, c: number): boolean {
  return rule.ranges.some((x) => x.sheetId === sheet.id && r >= x.rect.r && r < x.rect.r + x.rect.nr && c >= x.rect.c && c < x.rect.c + x.rect.nc);
}

/** How the cell at row `r`, column `c` (1-based) of `sheet` looks. */
export function effectiveFormatAt(doc: SpreadsheetDoc, sheet: SheetModel, r: number, c: number): EffectiveFormat {
  const cell = sheet.cell(r, c);
  const style = cell?.fmt ?? {};
  const out: EffectiveFormat = {
    background: cell?.bg ?? '#ffffff',
    fontColor: cell?.fc ?? null,
    bold: cell?.fw === 'bold',
    italic: style.fontStyle === 'italic',
    strikethrough: false,
    underline: false,
    rule: null,
  };
  const rules = sheet.conditionalFormats;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!inRule(rule, sheet, r, c)) continue;
    if (!conditionHolds(rule.condition, doc.computed(sheet, r, c), doc.displayAt(sheet, r, c))) continue;
    const f = rule.format;
    if (f.background) out.background = f.background;
    if (f.fontColor) out.fontColor = f.fontColor;
    if (typeof f.bold === 'boolean') out.bold = f.bold;
    if (typeof f.italic === 'boolean') out.italic = f.italic;
    if (typeof f.strikethrough === 'boolean') out.strikethrough = f.strikethrough;
    if (typeof f.underline === 'boolean') out.underline = f.underline;
    out.rule = i;
    break;
  }
  return out;
}

/**
 * The effective format of every cell of a tab's data range (rows 1..lastRow, columns
 * 1..lastColumn, the same rectangle `displayValues` gives), row by row.
 */
export function effectiveFormats(doc: SpreadsheetDoc, sheetName: string): EffectiveFormat[][] {
  const sheet = doc.requireSheet(sheetName);
  const rows = sheet.lastRow();
  const cols = sheet.lastColumn();
  const out: EffectiveFormat[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row: EffectiveFormat[] = [];
    for (let c = 1; c <= cols; c++) row.push(effectiveFormatAt(doc, sheet, r, c));
    out.push(row);
  }
  return out;
}
