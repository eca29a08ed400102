/**
 * Applies the Leads formatting the core decides (core/leads-format.ts): plain text on the columns
 * people type phones into, then reads the header row,
 * Baton's protections, the sheet's conditional format rules and row 2's validations, then writes
 * one data validation per dropdown column, the rules in one call (only when Baton's changed), and
 * removes or adds only the protections that differ.
 */
import type { BatonConfig } from '../core/config-schema';
import {
  belowHeader,
  isBatonProtection,
  PLAIN_TEXT_FORMAT,
  planLeadsFormat,
  reconcileProtections,
  reconcileRules,
  staleDropdownColumns,
  type Dropdown,
  type ExistingProtection,
  type ExistingRule,
  type FormatRule,
  type ProtectedColumn,
} from '../core/leads-format';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function formatLeads(ss: Spreadsheet, config: BatonConfig): void {
  const sheet = ss.getSheetByName(config.leadsSheet);
  if (!sheet) return;
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) return;
  // Formats go on rows 2 and below: a sheet needs one to hold them.
  if (sheet.getMaxRows() < 2) sheet.insertRowAfter(1);
  const headerRow = sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0];
  const plan = planLeadsFormat(headerRow, config);

  if (sheet.getFrozenRows() < plan.minFrozenRows) sheet.setFrozenRows(plan.minFrozenRows);
  if (sheet.getFrozenColumns() < plan.minFrozenColumns) sheet.setFrozenColumns(plan.minFrozenColumns);
  // Always written, like the dropdowns: a paste from elsewhere brings its own number format.
  for (const p of plan.plainText) sheet.getRange(p.a1).setNumberFormat(PLAIN_TEXT_FORMAT);
  applyDropdowns(sheet, plan.dropdowns, lastColumn);
  applyProtections(sheet, plan.protections);
  applyRules(sheet, plan.rules);
}

function applyDropdowns(sheet: Sheet, dropdowns: Dropdown[], lastColumn: number): void {
  const row2 = sheet.getRange(2, 1, 1, lastColumn).getDataValidations()[0];
  const helpTexts = row2.map((v) => (v ? v.getHelpText() : null));
  for (const column of staleDropdownColumns(dropdowns, helpTexts)) sheet.getRange(belowHeader(column)).clearDataValidations();
  // Always written, not compared: pasting cells from elsewhere replaces their validation, and
  // setup is how a manager repairs that.
  for (const d of dropdowns) {
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(d.values, true)
      .setAllowInvalid(d.allowInvalid)
      .setHelpText(d.helpText)
      .build();
    sheet.getRange(d.a1).setDataValidation(rule);
  }
}

function applyProtections(sheet: Sheet, wanted: ProtectedColumn[]): void {
  const ours = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .map((protection) => ({ protection, description: protection.getDescription() }))
    .filter((p) => isBatonProtection(p.description));
  const existing: ExistingProtection[] = ours.map(({ protection, description }) => {
    const range = protection.getRange();
    return { description, column: range.getColumn(), numColumns: range.getNumColumns() };
  });
  const changes = reconcileProtections(wanted, existing);
  for (const i of changes.remove) ours[i].protection.remove();
  for (const w of changes.add) sheet.getRange(w.a1).protect().setDescription(w.description).setWarningOnly(w.warningOnly);
}

function applyRules(sheet: Sheet, wanted: FormatRule[]): void {
  const rules = sheet.getConditionalFormatRules();
  const existing: ExistingRule[] = rules.map((rule) => {
    const cond = rule.getBooleanCondition();
    return {
      ranges: rule.getRanges().map((r) => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() })),
      condition: cond ? { type: String(cond.getCriteriaType()), values: cond.getCriteriaValues() } : null,
      background: cond ? cond.getBackground() : null,
      fontColor: cond ? cond.getFontColor() : null,
    };
  });
  const changes = reconcileRules(wanted, existing);
  if (!changes.changed) return;
  const ranges = new Map<string, GoogleAppsScript.Spreadsheet.Range>();
  const rangeOf = (a1: string) => ranges.get(a1) ?? ranges.set(a1, sheet.getRange(a1)).get(a1)!;
  const ours = changes.add.map((w) => {
    let b = SpreadsheetApp.newConditionalFormatRule().setRanges([rangeOf(w.a1)]);
    b = w.when.type === 'TEXT_EQUAL_TO' ? b.whenTextEqualTo(w.when.text) : w.when.type === 'CUSTOM_FORMULA' ? b.whenFormulaSatisfied(w.when.formula) : b.whenCellNotEmpty();
    if (w.background) b = b.setBackground(w.background);
    if (w.fontColor) b = b.setFontColor(w.fontColor);
    return b.build();
  });
  sheet.setConditionalFormatRules([...changes.keep.map((i) => rules[i]), ...ours]);
}
