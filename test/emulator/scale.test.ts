/**
 * The emulator at the sizes issue 16 asks Baton to handle: 100,000-row tabs and 50,000-row
 * inserts without a stack overflow, and cells read and written charged beside the calls
 * (docs/PLATFORM-FACTS.md, row 12).
 */
import { containsDate } from '../../emulator/host';
import { insertBlanks } from '../../emulator/spreadsheet/model';
import { setup } from '../support/spreadsheet-runtime';
import type { Any } from '../support/spreadsheet-runtime';

describe('100,000-row tabs (issue 16)', () => {
  it('inserts 60,000 rows into a 100,000-row tab, keeping every row in order', () => {
    const { doc, app, run } = setup();
    doc.addSheet('Big', Array.from({ length: 100_000 }, (_, i) => [i, `row ${i}`]));
    const values = run(() => {
      const s = app.getActive().getSheetByName('Big') as Any;
      s.insertRowsAfter(50_000, 60_000);
      s.insertRowsBefore(1, 60_000);
      return s.getRange(60_001, 1, 1, 2).getValues().concat(s.getRange(220_000, 1, 1, 2).getValues());
    });
    expect(values).toEqual([
      [0, 'row 0'],
      [99_999, 'row 99999'],
    ]);
    expect(doc.values('Big').length).toBe(220_000);
  });

  it('inserts 50,000 columns of blanks into rows without spreading them into a call', () => {
    const list: (number | undefined)[] = [1, 2, 3];
    insertBlanks(list, 1, 50_000, () => undefined);
    expect(list.length).toBe(50_003);
    expect([list[0], list[1], list[50_000], list[50_001], list[50_002]]).toEqual([1, undefined, undefined, 2, 3]);
    insertBlanks(list, 60_000, 2, () => 9);
    expect(list.slice(-2)).toEqual([9, 9]);
  });

  it('finds a Date in a 200,000-item result without overflowing the stack', () => {
    const rows: unknown[] = Array.from({ length: 200_000 }, (_, i) => [i, 'x']);
    expect(containsDate(rows)).toBe(false);
    rows.push([new Date(0)]);
    expect(containsDate(rows)).toBe(true);
  });
});

describe('cells read and written are charged beside the calls (RuntimeOptions.cellCostMs)', () => {
  it('counts every cell of a range read or written and adds its cost to the modeled time', () => {
    const { rt, doc, app } = setup({ cellCostMs: { read: 0.01, write: 0.1 } });
    doc.addSheet('S', Array.from({ length: 1_000 }, () => Array.from({ length: 10 }, () => 'x')));
    const rec = rt.run({ functionName: 'f', trigger: 'installable', authMode: 'FULL', activeUser: 'maria@acme.test', effectiveUser: 'maria@acme.test' }, () => {
      const s = app.getActive().getSheetByName('S') as Any;
      s.getDataRange().getValues(); // 10,000 cells
      s.getRange(1, 1, 100, 10).setValues(Array.from({ length: 100 }, () => Array.from({ length: 10 }, () => 'y'))); // 1,000
      s.appendRow(['a', 'b']); // 2
    });
    expect(rec.error).toBeNull();
    expect(rec.cellsRead).toBe(10_000);
    expect(rec.cellsWritten).toBe(1_002);
    const calls = Object.entries(rec.calls).reduce((ms, [m, n]) => ms + n * (rt.options.callCostMs[m.split('.')[0]] ?? rt.options.callCostMs.default), 0);
    expect(rec.ms).toBe(Math.round(calls + 10_000 * 0.01 + 1_002 * 0.1));
  });

  it('a read of many cells can take a run past its time limit', () => {
    const { rt, doc, app } = setup({ cellCostMs: { read: 1, write: 1 } });
    doc.addSheet('S', Array.from({ length: 400 }, () => Array.from({ length: 1_000 }, () => 1)));
    const rec = rt.run({ functionName: 'f', trigger: 'installable', authMode: 'FULL', activeUser: 'maria@acme.test', effectiveUser: 'maria@acme.test' }, () =>
      (app.getActive().getSheetByName('S') as Any).getDataRange().getValues(),
    );
    expect(rec.error).toBe('Exceeded maximum execution time');
  });
});
