import * as vm from 'vm';
import { Runtime, SCOPES } from '../../emulator/runtime';
import { TEXTS } from '../../emulator/spreadsheet';
import { uiState } from '../../emulator/services/ui';
import { type Any, OWNER, setup as setupSheet, spec } from '../support/spreadsheet-runtime';

const ana = 'ana@acme.test';
const setup = (opts: ConstructorParameters<typeof Runtime>[1] = {}) => setupSheet(opts, [ana]);

describe('typing rules (PLATFORM.md, Spreadsheet service semantics: setValues parses strings as typed)', () => {
  it('setValues parses "=..." as a formula, "\'" forces text, numbers, percent, currency, booleans', () => {
    const { doc, app, run } = setup();
    doc.addSheet('Leads');
    run(() =>
      app
        .getActiveSpreadsheet()
        .getSheetByName('Leads')
        .getRange(1, 1, 1, 9)
        .setValues([['=IMPORTXML("http://x","//a")', "'=1+2", '42', '1,000', '$1,200', '50%', 'true', 'FALSE', "'007"]]),
    );
    expect(doc.snapshot().formulas.Leads).toEqual({ A1: '=IMPORTXML("http://x","//a")' });
    expect(doc.values('Leads')[0]).toEqual(['#N/A', '=1+2', 42, 1000, 1200, 0.5, true, false, '007']);
  });

  it('trivial formulas are evaluated, others read as #N/A (emulator choice, index.ts)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [[5]]);
    const v = run(() => {
      const r = app.getActive().getSheetByName('S').getRange('B1:E1');
      r.setValues([['=1+2*3', '="a""b"', '=A1+1', '=SUM(A1:A2)']]);
      return r.getValues();
    });
    expect(v).toEqual([[7, 'a"b', 6, '#N/A']]);
  });

  it('appendRow parses like typing and a phone "+15550100" becomes a number (PLATFORM.md)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['h']]);
    run(() => app.getActive().getSheetByName('S').appendRow(['=2+2', '+15550100', 'x']));
    expect(doc.values('S')[1]).toEqual([4, 15550100, 'x']);
    expect(doc.snapshot().formulas.S).toEqual({ A2: '=2+2' });
  });

  it('a cell holds at most 50,000 characters (PLATFORM.md, Quotas: spreadsheet)', () => {
    const { doc, app, run, errorOf } = setup();
    doc.addSheet('S');
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange('A1').setValue('x'.repeat(50_001)))).toBe(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    run(() => app.getActive().getSheetByName('S').getRange('A1').setValue('x'.repeat(50_000)));
    expect((doc.values('S')[0][0] as string).length).toBe(50_000);
  });

  it('null/undefined become empty; other objects are stored as String(v)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['a', 'b', 'c']]);
    run(() => app.getActive().getSheetByName('S').getRange('A1:C1').setValues([[null, undefined, { toString: () => 'obj' }]]));
    expect(doc.values('S')).toEqual([['', '', 'obj']]);
  });
});

describe('dates (PLATFORM.md: spreadsheet time zone differs from script time zone)', () => {
  it('a typed date is midnight in the SPREADSHEET time zone, not the script one', () => {
    const { doc, app, run } = setup({ scriptTimeZone: 'Europe/Berlin' });
    doc.timeZone = 'America/Los_Angeles';
    doc.addSheet('S');
    const d = run(() => {
      const r = app.getActive().getSheetByName('S').getRange('A1:C1');
      r.setValues([['2026-03-02', '3/2/2026 9:00:00', '2026-03-02 14:30']]);
      return r.getValues()[0];
    }) as Date[];
    expect(d[0].toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(d[1].toISOString()).toBe('2026-03-02T17:00:00.000Z');
    expect(d[2].toISOString()).toBe('2026-03-02T22:30:00.000Z');
    expect(doc.snapshot().sheets.S[0][0]).toBe('2026-03-02T08:00:00.000Z');
  });

  it('a Date round-trips as the same instant, and displays in the spreadsheet zone', () => {
    const { doc, app, run } = setup({ scriptTimeZone: 'Asia/Tokyo' });
    doc.addSheet('S');
    const instant = Date.UTC(2026, 6, 4, 15, 5, 9);
    const [v, shown] = run(() => {
      const r = app.getActive().getSheetByName('S').getRange('A1');
      r.setValue(new Date(instant));
      return [r.getValue(), r.getDisplayValue()];
    }) as [Date, string];
    expect(v.getTime()).toBe(instant);
    expect(shown).toBe('7/4/2026 11:05:09'); // EDT, UTC-4
  });

  it('changing the spreadsheet time zone keeps the wall time (the instant moves)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['2026-03-02']]);
    doc.timeZone = 'Europe/London';
    const v = run(() => app.getActive().getSheetByName('S').getRange('A1').getValue()) as Date;
    expect(v.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('a time-only value is a date on 1899-12-30 (PLATFORM.md)', () => {
    const { doc } = setup();
    doc.timeZone = 'UTC';
    doc.addSheet('S', [['9:30']]);
    expect((doc.values('S')[0][0] as Date).toISOString()).toBe('1899-12-30T09:30:00.000Z');
  });

  it('getValues returns Dates of the script realm (CONVENTIONS.md 3, Realm)', () => {
    const { rt, doc, app, run } = setup();
    const ctx = vm.createContext({});
    rt.realm = vm.runInContext('({Array, Date, Error, Object})', ctx);
    const CtxDate = rt.realm.Date;
    doc.addSheet('S', [['2026-03-02', 1]]);
    const v = run(() => app.getActive().getSheetByName('S').getRange('A1:B1').getValues()) as Any;
    expect(v[0][0] instanceof CtxDate).toBe(true);
    expect(v[0][0] instanceof Date).toBe(false);
    expect(v instanceof rt.realm.Array).toBe(true);
    const err = rt.run(spec(), () => app.getActive().getSheetByName('S').getRange(0, 1)).error;
    expect(err).toBe(TEXTS.rowTooSmall);
  });
});

describe('ranges and shapes (PLATFORM.md, Spreadsheet service semantics)', () => {
  it('shape mismatch messages are exact', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('S');
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange(1, 1, 1, 4).setValues([[1, 2, 3, 4, 5]]))).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.',
    );
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange(1, 1, 2, 1).setValues([[1]]))).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
  });

  it('a range of zero rows throws (the getLastRow() - 1 === 0 bug); row/column < 1 too small', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('S', [['header']]);
    expect(errorOf(() => {
      const s = app.getActive().getSheetByName('S');
      return s.getRange(2, 1, s.getLastRow() - 1, 1).getValues();
    })).toBe('The number of rows in the range must be at least 1.');
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange(1, 0))).toBe('The starting column of the range is too small.');
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange(0, 1))).toBe('The starting row of the range is too small.');
  });

  it('reading beyond getMaxRows throws; a new sheet is 1000 × 26 (reference: Spreadsheet.insertSheet)', () => {
    const { app, run, errorOf } = setup();
    const size = run(() => {
      const s = app.getActive().insertSheet('New');
      return [s.getMaxRows(), s.getMaxColumns(), s.getLastRow(), s.getLastColumn()];
    });
    expect(size).toEqual([1000, 26, 0, 0]);
    expect(errorOf(() => app.getActive().getSheetByName('New').getRange(1001, 1).getValue())).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(errorOf(() => app.getActive().insertSheet('New'))).toBe('A sheet with the name "New" already exists. Please enter another name.');
  });

  it('a range kept while rows under it were deleted is read as getRange would make it now: refused past the grid (emulator choice, stricter when unsure: the reference does not say)', () => {
    const { doc, app, run, errorOf } = setup();
    doc.addSheet('S', [['h'], ['a'], ['b']]);
    doc.addSheet('T', [['h'], ['a']]);
    expect(errorOf(() => {
      const s = app.getActive().getSheetByName('S');
      s.deleteRows(2, s.getMaxRows() - 2);
      const kept = s.getRange(2, 1);
      s.deleteRow(2);
      return kept.getValues();
    })).toBe('The coordinates of the range are outside the dimensions of the sheet.');
    // Within the grid it reads what the cells hold now.
    expect(run(() => {
      const s = app.getActive().getSheetByName('T');
      const kept = s.getRange(1, 1, 2, 1);
      s.getRange(2, 1).setValue('c');
      return kept.getValues();
    })).toEqual([['h'], ['c']]);
  });

  it('A1 forms: A1:T, A:A, 2:2, Sheet!A1', () => {
    const { doc, app, run } = setup();
    doc.addSheet('My Leads', [['a', 'b'], ['c', 'd']]);
    const out = run(() => {
      const ss = app.getActive();
      const s = ss.getSheetByName('My Leads');
      return [
        s.getRange('A1:T').getNumRows(),
        s.getRange('A1:T').getNumColumns(),
        s.getRange('A:A').getA1Notation(),
        s.getRange('2:2').getA1Notation(),
        s.getRange('2:2').getNumColumns(),
        ss.getRange("'My Leads'!B2").getValue(),
      ];
    });
    expect(out).toEqual([1000, 20, 'A:A', '2:2', 26, 'd']);
  });

  it('getLastRow is the last row with content, with gaps and after deletes', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['h'], [''], ['x'], [], ['y']]);
    expect(run(() => app.getActive().getSheetByName('S').getLastRow())).toBe(5);
    run(() => app.getActive().getSheetByName('S').deleteRow(5));
    expect(run(() => app.getActive().getSheetByName('S').getLastRow())).toBe(3);
    run(() => app.getActive().getSheetByName('S').getRange('A3').clearContent());
    expect(run(() => app.getActive().getSheetByName('S').getLastRow())).toBe(1);
    expect(run(() => app.getActive().getSheetByName('S').getMaxRows())).toBe(999);
  });

  it('snapshot trims to getLastRow × getLastColumn and lists formulas by A1', () => {
    const { doc } = setup();
    doc.addSheet('S', [['a', '', ''], ['', '=1+1', '']]);
    expect(doc.snapshot()).toEqual({ sheets: { S: [['a', ''], ['', 2]] }, formulas: { S: { B2: '=1+1' } } });
  });
});

describe('notes (PLATFORM.md: issuetracker 429373214)', () => {
  it('setNote(25) reads back "25", setNotes([[25]]) reads back "25.0"', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S');
    const out = run(() => {
      const s = app.getActive().getSheetByName('S');
      s.getRange('A1').setNote(25);
      s.getRange('B1').setNotes([[25]]);
      return s.getRange('A1:B1').getNotes();
    });
    expect(out).toEqual([['25', '25.0']]);
  });
});

describe('protection (PLATFORM.md: protected ranges)', () => {
  it('a script run by a user who may not edit is blocked; the owner is not', () => {
    const { doc, app, run, errorOf } = setup();
    doc.addSheet('S', [['h']]);
    run(() => {
      const p = app.getActive().getSheetByName('S').getRange('A1:A10').protect().setDescription('system');
      p.removeEditors(p.getEditors());
    });
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange('A2').setValue('x'), { effectiveUser: ana, activeUser: ana })).toBe(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    expect(doc.values('S')).toEqual([['h']]);
    run(() => app.getActive().getSheetByName('S').getRange('A2').setValue('x'));
    expect(doc.values('S')).toEqual([['h'], ['x']]);
    expect(doc.protectionList('S')[0]).toMatchObject({ a1: 'A1:A10', description: 'system', editors: [OWNER] });
  });

  it('warning-only protection stops neither scripts nor people', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['h']]);
    run(() => {
      const p = app.getActive().getSheetByName('S').getRange('A:A').protect().setWarningOnly(true);
      p.removeEditors(p.getEditors());
    });
    run(() => app.getActive().getSheetByName('S').getRange('A2').setValue('x'), { effectiveUser: ana, activeUser: ana });
    doc.userEdit(ana, 'S', 'A3', [['y']]);
    expect(doc.values('S')).toEqual([['h'], ['x'], ['y']]);
  });

  it('a person cannot edit a protected range unless an editor of it', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['h']]);
    run(() => {
      const p = app.getActive().getSheetByName('S').getRange('B1:B5').protect();
      p.removeEditors(p.getEditors());
    });
    expect(() => doc.userEdit(ana, 'S', 'B2', [['x']])).toThrow(TEXTS.protected);
    expect(doc.userEdit(OWNER, 'S', 'B2', [['x']]).row).toBe(2);
  });

  it('protected ranges shift with inserted and deleted rows', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S');
    run(() => app.getActive().getSheetByName('S').getRange('A5:B6').protect());
    doc.userInsertRows(ana, 'S', 2, 3);
    expect(doc.protectionList('S')[0].a1).toBe('A8:B9');
    doc.userDeleteRows(OWNER, 'S', 1, 1);
    expect(doc.protectionList('S')[0].a1).toBe('A7:B8');
  });
});

describe('developer metadata (PLATFORM.md; reference: Range.addDeveloperMetadata)', () => {
  it('only whole rows or columns take metadata', () => {
    const { doc, app, run, errorOf } = setup();
    doc.addSheet('S');
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange('A3').addDeveloperMetadata('lead', 'L-1'))).toBe(
      'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
    );
    run(() => {
      const s = app.getActive().getSheetByName('S');
      s.getRange('3:3').addDeveloperMetadata('lead', 'L-1');
      s.getRange('A:A').addDeveloperMetadata('col', 'id');
      app.getActive().addDeveloperMetadata('doc', 'v1');
    });
    expect(doc.developerMetadata().map((m) => m.location.type)).toEqual(['ROW', 'COLUMN', 'SPREADSHEET']);
  });

  it('row metadata follows inserted rows and dies with deleted rows', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['h'], ['a'], ['b']]);
    run(() => {
      const s = app.getActive().getSheetByName('S');
      s.getRange('2:2').addDeveloperMetadata('lead', 'A');
      s.getRange('3:3').addDeveloperMetadata('lead', 'B');
      s.insertRowsBefore(2, 2);
    });
    const rowOf = (v: string) => run(() => {
      const found = app.getActive().createDeveloperMetadataFinder().withKey('lead').withValue(v).find();
      return found.length ? found[0].getLocation().getRow().getRow() : null;
    });
    expect([rowOf('A'), rowOf('B')]).toEqual([4, 5]);
    doc.userDeleteRows(ana, 'S', 4, 1);
    expect([rowOf('A'), rowOf('B')]).toEqual([null, 4]);
  });

  it('a copy-paste does not copy metadata; a sort drops it by default, keeps it with metadataSurvivesSort', () => {
    for (const survives of [false, true]) {
      const { doc, app, run } = setup({ metadataSurvivesSort: survives });
      doc.addSheet('S', [['Name'], ['b'], ['a']]);
      run(() => app.getActive().getSheetByName('S').getRange('2:2').addDeveloperMetadata('lead', 'B'));
      doc.userCopy(ana, 'S', 'A2', 'A5');
      expect(doc.developerMetadata().length).toBe(1);
      doc.userSort(ana, 'S', 'Name', true);
      expect(doc.values('S').map((r) => r[0])).toEqual(['Name', 'a', 'b', 'b']); // blanks sort last
      const meta = doc.developerMetadata();
      if (survives) expect(meta.map((m) => m.location)).toEqual([{ type: 'ROW', sheetId: 0, start: 3, count: 1 }]);
      else expect(meta).toEqual([]);
    }
  });
});

describe('rows move with their contents (reference: Sheet.sort, insertRowsBefore, deleteRows)', () => {
  it('sort moves values, notes, backgrounds and validation with the rows; header stays', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['Name', 'Status'], ['cy', 'New'], ['ana', 'Ready'], ['ben', 'New']]);
    run(() => {
      const s = app.getActive().getSheetByName('S');
      s.setFrozenRows(1);
      s.getRange('A2').setNote('cy note').setBackground('#ff0000');
      s.getRange('B3').setDataValidation(app.newDataValidation().requireValueInList(['New', 'Ready']).build());
      s.sort(1, true);
    });
    expect(doc.values('S')).toEqual([['Name', 'Status'], ['ana', 'Ready'], ['ben', 'New'], ['cy', 'New']]);
    expect(doc.cell('S', 'A4')).toMatchObject({ note: 'cy note', background: '#ff0000' });
    expect(doc.cell('S', 'B2').validation).toMatchObject({ criteria: 'VALUE_IN_LIST' });
  });

  it('userInsertRows inserts BEFORE the row; conditional format ranges shift', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['h'], ['a']]);
    run(() => {
      const s = app.getActive().getSheetByName('S');
      const rule = app.newConditionalFormatRule().whenTextEqualTo('Breached').setBackground('#f4cccc').setRanges([s.getRange('A2:A10')]).build();
      s.setConditionalFormatRules([rule]);
    });
    doc.userInsertRows(ana, 'S', 2, 1);
    expect(doc.values('S')).toEqual([['h'], [''], ['a']]);
    expect(doc.conditionalFormatRules('S')[0]).toMatchObject({ a1: ['A3:A11'], condition: { type: 'TEXT_EQUAL_TO', values: ['Breached'] }, format: { background: '#f4cccc' } });
    const types = run(() => {
      const r = app.getActive().getSheetByName('S').getConditionalFormatRules()[0];
      return [String(r.getBooleanCondition().getCriteriaType()), r.getBooleanCondition().getBackground(), r.getRanges()[0].getA1Notation()];
    });
    expect(types).toEqual(['TEXT_EQUAL_TO', '#f4cccc', 'A3:A11']);
  });
});

describe('people and integrations (SPEC.md, Scenario runner; PLATFORM.md Triggers: edit event)', () => {
  it('userEdit returns value/oldValue for a single cell only, oldValue absent when empty', () => {
    const { doc } = setup();
    doc.addSheet('S', [['h', 'old']]);
    expect(doc.userEdit(ana, 'S', 'A2', [['x']])).toEqual({ sheetName: 'S', row: 2, column: 1, numRows: 1, numColumns: 1, value: 'x' });
    expect(doc.userEdit(ana, 'S', 'B1', [['42']])).toEqual({ sheetName: 'S', row: 1, column: 2, numRows: 1, numColumns: 1, value: '42', oldValue: 'old' });
    expect(doc.userEdit(ana, 'S', 'A3', [['a', 'b'], ['c', 'd']])).toEqual({ sheetName: 'S', row: 3, column: 1, numRows: 2, numColumns: 2 });
    expect(doc.values('S')[0][1]).toBe(42);
  });

  it('a person typing an invalid value is rejected; script writes ignore validation', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['Status']]);
    run(() =>
      app.getActive().getSheetByName('S').getRange('A2:A5').setDataValidation(app.newDataValidation().requireValueInList(['New', 'Ready'], true).setAllowInvalid(false).build()),
    );
    expect(() => doc.userEdit(ana, 'S', 'A2', [['Bogus']])).toThrow('violates the data validation rules');
    doc.userEdit(ana, 'S', 'A2', [['Ready']]);
    run(() => app.getActive().getSheetByName('S').getRange('A3').setValue('Bogus'));
    expect(doc.values('S').map((r) => r[0])).toEqual(['Status', 'Ready', 'Bogus']);
    const dv = run(() => {
      const v = app.getActive().getSheetByName('S').getRange('A2').getDataValidation();
      return [String(v.getCriteriaType()), v.getCriteriaValues()[0].slice(), v.getAllowInvalid()];
    });
    expect(dv).toEqual(['VALUE_IN_LIST', ['New', 'Ready'], false]);
  });

  it('apiAppend writes after the last row as USER_ENTERED and grows the sheet', () => {
    const { doc } = setup();
    const sheet = doc.addSheet('S', [['h']]);
    sheet.maxRows = 2;
    expect(doc.apiAppend('S', [['1'], ['=1+1'], ['x']])).toEqual({ sheetName: 'S', row: 2, numRows: 3 });
    expect(doc.values('S')).toEqual([['h'], [1], [2], ['x']]);
    expect(sheet.maxRows).toBe(4);
  });

  it('userCopy copies values and formulas (relative references shift)', () => {
    const { doc } = setup();
    doc.addSheet('S', [['1', '=A1*2']]);
    doc.userCopy(ana, 'S', 'A1:B1', 'A3');
    expect(doc.snapshot().formulas.S).toEqual({ B1: '=A1*2', B3: '=A3*2' });
    expect(doc.values('S')[2]).toEqual([1, 2]);
  });

  it('range() gives the script Range class with the undocumented rowStart/columnEnd fields', () => {
    const { doc, run } = setup();
    doc.addSheet('S', [['a']]);
    const r = doc.range('S', 1, 1, 2, 3) as Any;
    expect([r.rowStart, r.rowEnd, r.columnStart, r.columnEnd]).toEqual([1, 2, 1, 3]);
    expect(run(() => r.getA1Notation())).toBe('A1:C2');
  });
});

describe('auth and counting (CONVENTIONS.md 1–2; runtime.ts SCOPES)', () => {
  it('counts getValues/setValues and leaves free getters uncounted', () => {
    const { rt, doc, app } = setup();
    doc.addSheet('S', [['a']]);
    const rec = rt.run(spec(), () => {
      const r = app.getActiveSpreadsheet().getSheetByName('S').getRange('A1:A2');
      r.getValues();
      r.setValues([[1], [2]]);
      r.getValues();
      r.getRow();
      r.getNumRows();
      r.getA1Notation();
      app.flush();
    });
    expect(rec.calls).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 1,
      'Range.getValues': 2,
      'Range.setValues': 1,
      'SpreadsheetApp.flush': 1,
    });
  });

  it('nothing works in AuthMode.NONE; openById needs the full spreadsheets scope', () => {
    const { rt, app, errorOf } = setup();
    rt.options.oauthScopes = [SCOPES.currentSheet];
    expect(errorOf(() => app.getActiveSpreadsheet(), { authMode: 'NONE', trigger: 'simple' })).toBe(
      `You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: ${SCOPES.currentSheet}`,
    );
    expect(errorOf(() => app.openById('x'))).toBe(`You do not have permission to call SpreadsheetApp.openById. Required permissions: ${SCOPES.sheets}`);
    expect(errorOf(() => app.getActiveSpreadsheet().getName())).toBeNull();
  });

  it('toast is recorded (also in uiState); enums compare by identity', () => {
    const { rt, doc, app, run } = setup();
    run(() => app.getActive().toast('Done', 'Baton', 3));
    expect(doc.toasts).toMatchObject([{ message: 'Done', title: 'Baton', timeoutSeconds: 3 }]);
    expect(uiState(rt).toasts).toMatchObject([{ message: 'Done', title: 'Baton', user: OWNER }]);
    const same = run(() => {
      const p = app.getActive().getActiveSheet().protect();
      return p.getProtectionType() === app.ProtectionType.SHEET && app.getActive().getProtections(app.ProtectionType.SHEET).length === 1;
    });
    expect(same).toBe(true);
  });
});

describe('display values and number formats (reference: Range.getDisplayValues)', () => {
  it('formats numbers, percents, currency, booleans, dates', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['50%', '$1,200', 'TRUE', '2026-03-02', '0.5', '3/2/2026']]);
    const out = run(() => {
      const s = app.getActive().getSheetByName('S');
      s.getRange('E1').setNumberFormat('0.00');
      return s.getRange('A1:F1').getDisplayValues()[0];
    });
    expect(out).toEqual(['50%', '$1,200.00', 'TRUE', '2026-03-02', '0.50', '3/2/2026']);
  });

  it('a plain-text cell ("@") keeps what is written as text', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S');
    run(() => {
      const r = app.getActive().getSheetByName('S').getRange('A1:B1');
      r.setNumberFormat('@');
      r.setValues([['=1+2', '007']]);
    });
    expect(doc.values('S')).toEqual([['=1+2', '007']]);
  });
});

describe('limits and Ui (PLATFORM.md, Quotas: spreadsheet 10,000,000 cells; HtmlService and the sidebar)', () => {
  it('growing past 10,000,000 cells throws', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('Big').maxRows = 10_000_000 / 26;
    expect(errorOf(() => app.getActive().insertSheet('More'))).toBe(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
  });

  it('a partial row (A3:T3) cannot take developer metadata; getRange(3, 1, 1, maxColumns) can', () => {
    const { doc, app, run, errorOf } = setup();
    doc.addSheet('S');
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange('A3:T3').addDeveloperMetadata('k'))).toBe(TEXTS.metadataRange);
    run(() => {
      const s = app.getActive().getSheetByName('S');
      s.getRange(3, 1, 1, s.getMaxColumns()).addDeveloperMetadata('k', 'v');
    });
    expect(doc.developerMetadata()[0].location).toEqual({ type: 'ROW', sheetId: 0, start: 3, count: 1 });
  });

  it('getUi works in AuthMode.NONE and is not counted', () => {
    const { rt, app } = setup();
    const rec = rt.run(spec({ authMode: 'NONE', trigger: 'simple', event: 'open' }), () => typeof app.getUi().createMenu);
    expect(rec.error).toBeNull();
    expect(rec.result).toBe('function');
    expect(rec.calls).toEqual({});
  });
});
