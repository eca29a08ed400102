/**
 * The emulator's conditional-format evaluation (emulator/spreadsheet/conditional-format-eval.ts):
 * which colours a cell shows once the sheet's rules are applied, as Sheets draws it.
 */
import { ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createSpreadsheetApp, spreadsheetState } from '../../emulator/spreadsheet';
import { conditionHolds, effectiveFormatAt, effectiveFormats } from '../../emulator/spreadsheet/conditional-format-eval';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const OWNER = 'maria@acme.test';
const spec: ExecutionSpec = { functionName: 'f', trigger: 'installable', authMode: 'FULL', activeUser: OWNER, effectiveUser: OWNER };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function sheetWithRules(values: (string | number)[][], rules: (app: Any, sheet: Any) => unknown[]) {
  const rt = new Runtime(T0, {});
  const doc = spreadsheetState(rt);
  doc.owner = OWNER;
  doc.timeZone = 'America/New_York';
  doc.addSheet('S', values);
  const app = createSpreadsheetApp(rt) as Any;
  const rec = rt.run(spec, () => {
    const s = app.getActive().getSheetByName('S');
    s.setConditionalFormatRules(rules(app, s));
  });
  if (rec.error) throw new Error(rec.error);
  return { doc, sheet: doc.requireSheet('S') };
}

describe('effective formats from conditional format rules', () => {
  it('colours a cell whose text meets a rule, and leaves the others as they are', () => {
    const { doc } = sheetWithRules([['SLA'], ['Breached'], ['On track'], ['Met']], (app, s) => [
      app.newConditionalFormatRule().whenTextEqualTo('Breached').setBackground('#E06666').setFontColor('#ffffff').setRanges([s.getRange('A2:A10')]).build(),
    ]);
    const grid = effectiveFormats(doc, 'S');
    expect(grid.map((row) => row[0].background)).toEqual(['#ffffff', '#e06666', '#ffffff', '#ffffff']);
    expect(grid[1][0]).toMatchObject({ fontColor: '#ffffff', rule: 0 });
    expect(grid[2][0]).toMatchObject({ fontColor: null, rule: null });
  });

  it('applies only the first matching rule, in the sheet\'s rule order', () => {
    const { doc, sheet } = sheetWithRules([['x'], ['Breached']], (app, s) => [
      app.newConditionalFormatRule().whenCellNotEmpty().setBackground('#f4cccc').setRanges([s.getRange('A2:A5')]).build(),
      app.newConditionalFormatRule().whenTextEqualTo('Breached').setBackground('#e06666').setBold(true).setRanges([s.getRange('A2:A5')]).build(),
    ]);
    expect(effectiveFormatAt(doc, sheet, 2, 1)).toMatchObject({ background: '#f4cccc', bold: false, rule: 0 });
  });

  it('ignores a rule whose ranges do not hold the cell (the header row stays plain)', () => {
    const { doc, sheet } = sheetWithRules([['Breached'], ['Breached']], (app, s) => [
      app.newConditionalFormatRule().whenTextEqualTo('Breached').setBackground('#e06666').setRanges([s.getRange('A2:A5')]).build(),
    ]);
    expect(effectiveFormatAt(doc, sheet, 1, 1).background).toBe('#ffffff');
    expect(effectiveFormatAt(doc, sheet, 2, 1).background).toBe('#e06666');
  });

  it.each([
    ['TEXT_EQUAL_TO', ['breached'], 'Breached', 'Breached', true],
    ['TEXT_EQUAL_TO', ['Breached'], 'Not breached', 'Not breached', false],
    ['TEXT_CONTAINS', ['due'], 'Due soon', 'Due soon', true],
    ['TEXT_DOES_NOT_CONTAIN', ['due'], 'Met', 'Met', true],
    ['TEXT_STARTS_WITH', ['dup'], 'Duplicate', 'Duplicate', true],
    ['TEXT_ENDS_WITH', ['info'], 'Needs info', 'Needs info', true],
    ['CELL_EMPTY', [], '', '', true],
    ['CELL_NOT_EMPTY', [], '', '', false],
    ['CELL_NOT_EMPTY', [], 'x', 'x', true],
    ['NUMBER_GREATER_THAN', [1000], 1200, '1200', true],
    ['NUMBER_GREATER_THAN', [1000], '1200', '1200', false],
    ['NUMBER_BETWEEN', [10, 1], 5, '5', true],
    ['NUMBER_NOT_BETWEEN', [1, 10], 5, '5', false],
    ['CUSTOM_FORMULA', ['=TRUE'], 'x', 'x', false],
  ])('%s %j on %j: %s', (type, values, value, text, holds) => {
    expect(conditionHolds({ type, values }, value, text)).toBe(holds);
  });
});
