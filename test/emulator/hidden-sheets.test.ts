/** Sheet.hideSheet / showSheet / isSheetHidden in the emulator: the document model records it, so the playground can hide tabs as Sheets does. */
import { ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createSpreadsheetApp, spreadsheetState } from '../../emulator/spreadsheet';

const OWNER = 'maria@acme.test';
const spec: ExecutionSpec = { functionName: 'f', trigger: 'installable', authMode: 'FULL', activeUser: OWNER, effectiveUser: OWNER };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

it('hides a sheet from people and shows it again; scripts still read it', () => {
  const rt = new Runtime(Date.UTC(2026, 2, 2, 14), {});
  const doc = spreadsheetState(rt);
  doc.owner = OWNER;
  doc.addSheet('Leads', [['Name']]);
  doc.addSheet('State', [['x']]);
  const app = createSpreadsheetApp(rt) as Any;
  const run = <T>(body: () => T): T => {
    const rec = rt.run(spec, body);
    if (rec.error) throw new Error(rec.error);
    return rec.result as T;
  };
  expect(run(() => app.getActive().getSheetByName('State').isSheetHidden())).toBe(false);
  run(() => app.getActive().getSheetByName('State').hideSheet());
  expect(doc.requireSheet('State').hidden).toBe(true);
  expect(doc.requireSheet('Leads').hidden).toBe(false);
  expect(run(() => [app.getActive().getSheetByName('State').isSheetHidden(), app.getActive().getSheetByName('State').getRange('A1').getValue()])).toEqual([true, 'x']);
  run(() => app.getActive().getSheetByName('State').showSheet());
  expect(doc.requireSheet('State').hidden).toBe(false);
});
