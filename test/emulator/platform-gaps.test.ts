/**
 * Conformance tests for the gaps issue 17 closed: each behaviour where the emulator was kinder than
 * Google, with its source (docs/PLATFORM-FACTS.md lists them all), and every switch both ways.
 */
import { containsDate, toWire } from '../../emulator/host';
import { ERRORS, Runtime, SCOPES } from '../../emulator/runtime';
import { TEXTS } from '../../emulator/spreadsheet';
import { createUi } from '../../emulator/services/ui';
import { createUtilities } from '../../emulator/services/utilities';
import { HtmlOutput } from '../../emulator/services/html';
import { type Any, OWNER, setup, spec, T0 } from '../support/spreadsheet-runtime';

describe('"+" typed or written as user input (issue 17 item 1; OWOX/owox-data-marts#1535, nithinmurali/pygsheets#373: a leading "+" starts a formula, #ERROR! Formula parse error)', () => {
  it('setValue("+1 212 555 0101") into an unformatted cell reads back #ERROR!, the formula is "=+1 212 555 0101"', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S');
    const got = run(() => {
      const r = app.getActive().getSheetByName('S').getRange('A1');
      r.setValue('+1 212 555 0101');
      return [r.getValue(), r.getFormula(), r.getDisplayValue()];
    });
    expect(got).toEqual(['#ERROR!', '=+1 212 555 0101', '#ERROR!']);
  });

  it('setValues, appendRow, a person typing and an API append all parse it the same way; "+15550100" is a number', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['h', 'h', 'h']]);
    run(() => {
      const sheet = app.getActive().getSheetByName('S');
      sheet.getRange(2, 1, 1, 3).setValues([['+1 212 555 0101', '+15550100', '+1-212-555-0101']]);
      sheet.appendRow(['+44 20 7946 0958']);
    });
    doc.userEdit(OWNER, 'S', 'B3', [['+1 (212) 555-0101']]);
    doc.apiAppend('S', [['+33 1 23 45 67 89']]);
    // "+1-212-555-0101" is valid arithmetic: 1 - 212 - 555 - 101.
    expect(doc.values('S').slice(1)).toEqual([
      ['#ERROR!', 15550100, -867],
      ['#ERROR!', '#ERROR!', ''],
      ['#ERROR!', '', ''],
    ]);
  });

  it('switch plusStartsFormula: false keeps such text as typed (the earlier model)', () => {
    const { doc, app, run } = setup({ plusStartsFormula: false });
    doc.addSheet('S');
    const v = run(() => app.getActive().getSheetByName('S').getRange('A1:B1').setValues([['+1 212 555 0101', '+15550100']]).getValues());
    expect(v).toEqual([['+1 212 555 0101', 15550100]]);
  });

  it('an apostrophe still forces text, and a function the emulator does not evaluate stays #N/A, not #ERROR!', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S');
    const v = run(() => app.getActive().getSheetByName('S').getRange('A1:B1').setValues([["'+1 212 555 0101", '=SUM(C1:C2)']]).getValues());
    expect(v).toEqual([['+1 212 555 0101', '#N/A']]);
  });
});

describe('plain-text number format "@" (issue 17 item 2; reference Range.setNumberFormat, Range.getNumberFormat)', () => {
  it('a plain-text cell keeps "+1 212 555 0101", "+15550100", "00501" and "3/4" as text, and reports "@"', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S');
    const got = run(() => {
      const r = app.getActive().getSheetByName('S').getRange('A1:D1');
      r.setNumberFormat('@');
      r.setValues([['+1 212 555 0101', '+15550100', '00501', '3/4']]);
      return { values: r.getValues(), format: r.getNumberFormat(), formats: r.getNumberFormats() };
    });
    expect(got.values).toEqual([['+1 212 555 0101', '+15550100', '00501', '3/4']]);
    expect(got.format).toBe('@');
    expect(got.formats).toEqual([['@', '@', '@', '@']]);
  });

  it('setNumberFormats sets per cell; a person typing into a plain-text cell keeps the text; other cells still parse', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S');
    run(() => app.getActive().getSheetByName('S').getRange('A1:B1').setNumberFormats([['@', '0.00']]));
    doc.userEdit(OWNER, 'S', 'A1:B1', [['+1 212 555 0101', '+1 212 555 0101']]);
    expect(doc.values('S')).toEqual([['+1 212 555 0101', '#ERROR!']]);
  });

  it('an unformatted cell reports the automatic format "0.###############"', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S');
    expect(run(() => app.getActive().getSheetByName('S').getRange('A1').getNumberFormat())).toBe('0.###############');
  });
});

describe('write buffering (issue 17 item 7; PLATFORM.md: writes are buffered, every read flushes; reference SpreadsheetApp.flush)', () => {
  it('a write is not in the document until the script reads, flushes or ends; the script always reads its own writes', () => {
    const { doc, app, rt } = setup();
    doc.addSheet('S', [['old']]);
    const seen: unknown[] = [];
    rt.run(spec(), () => {
      const r = app.getActive().getSheetByName('S').getRange('A1');
      r.setValue('new');
      seen.push(doc.values('S')[0][0]); // what a person sees now
      seen.push(r.getValue()); // the script's read flushes first
      seen.push(doc.values('S')[0][0]);
      r.setValue('newer');
      seen.push(doc.values('S')[0][0]);
      app.flush();
      seen.push(doc.values('S')[0][0]);
      r.setValue('last');
    });
    expect(seen).toEqual(['old', 'new', 'new', 'new', 'newer']);
    expect(doc.values('S')[0][0]).toBe('last'); // the end of the execution flushes
  });

  it('releasing a lock does not flush: another execution taking the lock still reads the old value', async () => {
    const { doc, app, rt } = setup();
    const { createLockService } = await import('../../emulator/services/lock');
    const locks = createLockService(rt) as Any;
    doc.addSheet('S', [[1]]);
    let otherRead: unknown = null;
    rt.run(spec(), () => {
      const lock = locks.getScriptLock();
      lock.waitLock(1000);
      app.getActive().getSheetByName('S').getRange('A1').setValue(2);
      lock.releaseLock();
      rt.run(spec({ activeUser: 'ana@acme.test', effectiveUser: 'ana@acme.test' }), () => {
        const l2 = locks.getScriptLock();
        l2.waitLock(1000);
        otherRead = app.getActive().getSheetByName('S').getRange('A1').getValue();
        l2.releaseLock();
      });
    });
    expect(otherRead).toBe(1);
    expect(doc.values('S')[0][0]).toBe(2);
  });

  it('appendRow lands on the last row when the buffer is applied (it is not atomic: PLATFORM.md)', () => {
    const { doc, app, rt } = setup();
    doc.addSheet('S', [['h']]);
    rt.run(spec(), () => {
      app.getActive().getSheetByName('S').appendRow(['script']);
      doc.apiAppend('S', [['integration']]);
    });
    expect(doc.values('S')).toEqual([['h'], ['integration'], ['script']]);
  });

  it('errors are raised when the script writes, not later: shape and protection', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('S');
    expect(errorOf(() => app.getActive().getSheetByName('S').getRange('A1:B1').setValues([[1]]))).toBe(TEXTS.colsMismatch(1, 2));
  });

  it('switch bufferWrites: false writes at once (the earlier model)', () => {
    const { doc, app, rt } = setup({ bufferWrites: false });
    doc.addSheet('S', [['old']]);
    let seen: unknown = null;
    rt.run(spec(), () => {
      app.getActive().getSheetByName('S').getRange('A1').setValue('new');
      seen = doc.values('S')[0][0];
    });
    expect(seen).toBe('new');
  });
});

describe('a Date in a google.script.run result (issue 17 item 8; PLATFORM.md HtmlService, *unverified*: a switch)', () => {
  const result = { ok: true, rows: [{ at: new Date(T0), n: 1 }] };
  it('nulls the whole result by default', () => {
    expect(containsDate(result)).toBe(true);
    expect(toWire(result, 'result')).toBeNull();
    expect(toWire({ ok: true, rows: [{ n: 1 }] }, 'result')).toEqual({ ok: true, rows: [{ n: 1 }] });
  });
  it("runResultWithDate: 'field' nulls only the Date", () => {
    expect(toWire(result, 'result', 'value', 'field')).toEqual({ ok: true, rows: [{ at: null, n: 1 }] });
  });
  it('a Date argument still fails (PLATFORM.md)', () => {
    expect(() => toWire({ at: new Date(T0) }, 'argument')).toThrow('Failed due to illegal value in property: at');
  });
});

describe('lenient methods made strict (issue 17 item 9)', () => {
  it('setFrozenRows: a negative or fractional count, all rows, or a string fail (reference Sheet.setFrozenRows)', () => {
    const { doc, app, errorOf, run } = setup();
    doc.addSheet('S');
    const sheet = () => app.getActive().getSheetByName('S');
    expect(errorOf(() => sheet().setFrozenRows(-1))).toBe('Invalid argument: rows');
    expect(errorOf(() => sheet().setFrozenRows(1.5))).toBe('Invalid argument: rows');
    expect(errorOf(() => sheet().setFrozenRows(1000))).toBe(TEXTS.freezeAllRows);
    expect(errorOf(() => sheet().setFrozenRows('1'))).toBe("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.setFrozenRows.");
    expect(errorOf(() => sheet().setFrozenColumns(26))).toBe(TEXTS.freezeAllColumns);
    expect(run(() => (sheet().setFrozenRows(2), sheet().getFrozenRows()))).toBe(2);
  });

  it('hideSheet on the last visible tab fails; with another visible tab it hides (reference Sheet.hideSheet, isSheetHidden)', () => {
    const { doc, app, errorOf, run } = setup();
    doc.addSheet('A');
    doc.addSheet('B');
    expect(run(() => (app.getActive().getSheetByName('A').hideSheet(), app.getActive().getSheetByName('A').isSheetHidden()))).toBe(true);
    expect(errorOf(() => app.getActive().getSheetByName('B').hideSheet())).toBe(TEXTS.hideAllSheets);
    run(() => app.getActive().getSheetByName('A').showSheet());
    expect(errorOf(() => app.getActive().getSheetByName('B').hideSheet())).toBeNull();
  });

  it('requireValueInList takes at most 500 items (Sheets data validation limit)', () => {
    const { app, errorOf } = setup();
    const items = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(errorOf(() => app.newDataValidation().requireValueInList(items(500)).build())).toBeNull();
    expect(errorOf(() => app.newDataValidation().requireValueInList(items(501)).build())).toBe(TEXTS.listTooLong);
  });

  it('setters check their argument types (reference Range.setNumberFormat, setBackground, setFontWeight)', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('S');
    const r = () => app.getActive().getSheetByName('S').getRange('A1');
    expect(errorOf(() => r().setNumberFormat(0))).toBe("The parameters (number) don't match the method signature for SpreadsheetApp.Range.setNumberFormat.");
    expect(errorOf(() => r().setBackground(255))).toBe("The parameters (number) don't match the method signature for SpreadsheetApp.Range.setBackground.");
    expect(errorOf(() => r().setFontWeight('heavy'))).toBe('Invalid argument: fontWeight');
    expect(errorOf(() => r().setBackground(null).setFontWeight(null).setNumberFormat('@'))).toBeNull();
  });

  it('showSidebar from a simple trigger fails with the permission text (guides/triggers, Restrictions)', () => {
    const { rt } = setup();
    const html = () => new HtmlOutput(rt, '<p>x</p>');
    const simple = rt.run(spec({ trigger: 'simple', authMode: 'LIMITED', activeUser: '', effectiveUser: '', actor: OWNER, event: 'open' }), () => createUi(rt).showSidebar(html()));
    expect(simple.error).toBe(ERRORS.permission('Ui.showSidebar', SCOPES.containerUi));
    const menu = rt.run(spec({ trigger: 'menu' }), () => createUi(rt).showSidebar(html()));
    expect(menu.error).toBeNull();
  });
});

describe('locale (issue 17 item 10; Sheets: the spreadsheet locale decides how typed dates are read)', () => {
  it('"3/4/2026" is March 4 in en_US and 3 April in en_GB and de_DE; ISO dates read the same everywhere', () => {
    const read = (locale: string) => {
      const { doc, app, run } = setup();
      doc.locale = locale;
      doc.addSheet('S');
      return run(() =>
        app
          .getActive()
          .getSheetByName('S')
          .getRange('A1:C1')
          .setValues([['3/4/2026', '2026-03-04', '4.3.2026']])
          .getValues()[0]
          .map((d: unknown) => (d instanceof Object && 'toISOString' in (d as object) ? (d as Date).toISOString().slice(0, 10) : d)),
      );
    };
    expect(read('en_US')).toEqual(['2026-03-04', '2026-03-04', '4.3.2026']);
    expect(read('en_GB')).toEqual(['2026-04-03', '2026-03-04', '2026-03-04']);
    expect(read('de_DE')).toEqual(['2026-04-03', '2026-03-04', '2026-03-04']);
  });
});

describe('unknown time zones (issue 17 item 11; java.util.TimeZone.getTimeZone: unknown IDs are GMT)', () => {
  it('Utilities.formatDate formats an unknown zone as GMT by default and throws with unknownTimeZone: throw', () => {
    const at = Date.UTC(2026, 0, 15, 12);
    const lenient = new Runtime(T0);
    const u = createUtilities(lenient) as Any;
    expect(lenient.run(spec(), () => u.formatDate(lenient.date(at), 'America/Nowhere', 'HH:mm')).result).toBe('12:00');
    expect(lenient.run(spec(), () => u.formatDate(lenient.date(at), 'America/New_York', 'HH:mm')).result).toBe('07:00');
    const strict = new Runtime(T0, { unknownTimeZone: 'throw' });
    const us = createUtilities(strict) as Any;
    expect(strict.run(spec(), () => us.formatDate(strict.date(at), 'America/Nowhere', 'HH:mm')).error).toBe('Invalid time zone: America/Nowhere');
  });
});
