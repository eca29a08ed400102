/**
 * TextFinder conformance (emulator/spreadsheet/text-finder.ts). Sources: the Apps Script reference
 * pages "Class TextFinder" and Spreadsheet / Sheet / Range `createTextFinder(findText)`
 * (developers.google.com/apps-script/reference/spreadsheet/text-finder), and
 * docs/PLATFORM-FACTS.md row 14 (searches charge no cells). Emulator choices are named as such.
 */
import { FINDER_TEXTS, TEXTS } from '../../emulator/spreadsheet';
import { type Any, setup as setupSheet, spec } from '../support/spreadsheet-runtime';

const ana = 'ana@acme.test';
const setup = () => setupSheet({}, [ana]);

/** 'Sheet!A1' of each Range a finder returned. */
const where = (ranges: Any[]): string[] => ranges.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`);

describe('matching (reference: Class TextFinder, matchCase / matchEntireCell / useRegularExpression)', () => {
  it('is case-insensitive and partial by default (reference: TextFinder.matchCase, matchEntireCell)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['Ana Lopez', 'ana'], ['BANANA', 'Ben']]);
    const found = run(() => where(app.getActive().getSheetByName('S').createTextFinder('ana').findAll()));
    expect(found).toEqual(['S!A1', 'S!B1', 'S!A2']);
  });

  it('matchCase(true) matches the case exactly (reference: TextFinder.matchCase)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['Ana Lopez', 'ana'], ['BANANA', 'Ben']]);
    const found = run(() => where(app.getActive().getSheetByName('S').createTextFinder('ana').matchCase(true).findAll()));
    expect(found).toEqual(['S!B1']);
  });

  it('matchEntireCell(true) matches the whole content only, still case-insensitive (reference: TextFinder.matchEntireCell)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['Ana Lopez', 'ANA', 'ana '], ['anaconda', 'ana']]);
    const found = run(() => where(app.getActive().getSheetByName('S').createTextFinder('ana').matchEntireCell(true).findAll()));
    expect(found).toEqual(['S!B1', 'S!B2']);
  });

  it('a regular expression with alternation and escaped punctuation finds an e-mail or a phone (reference: TextFinder.useRegularExpression; RE2)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('Leads', [
      ['Email', 'Phone'],
      ['A.B@X.COM', "'+12125550101"],
      ['aXb@x.com', 12125550101],
      ['a.b@x.com.br', "'+1 212 555 0199"],
    ]);
    const found = run(() =>
      where(
        app
          .getActive()
          .getSheetByName('Leads')
          .createTextFinder('a\\.b@x\\.com|\\+12125550101')
          .useRegularExpression(true)
          .findAll(),
      ),
    );
    // "." is escaped (aXb does not match); the number 12125550101 shows no "+"; partial by default.
    expect(found).toEqual(['Leads!A2', 'Leads!B2', 'Leads!A4']);
    const whole = run(() =>
      where(app.getActive().getSheetByName('Leads').createTextFinder('a\\.b@x\\.com|\\+12125550101').useRegularExpression(true).matchEntireCell(true).findAll()),
    );
    expect(whole).toEqual(['Leads!A2', 'Leads!B2']);
  });

  it('without useRegularExpression the text is literal: "a.b" does not match "aXb" (reference: TextFinder.useRegularExpression)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['aXb'], ['a.b'], ['(x)|y']]);
    const found = run(() => {
      const s = app.getActive().getSheetByName('S');
      return [where(s.createTextFinder('a.b').findAll()), where(s.createTextFinder('(x)|y').findAll())];
    });
    expect(found).toEqual([['S!A2'], ['S!A3']]);
  });

  it('ignoreDiacritics(true) matches "jose" to "José" (reference: TextFinder.ignoreDiacritics)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['José'], ['Jose'], ['Joséphine']]);
    const found = run(() => {
      const s = app.getActive().getSheetByName('S');
      return [where(s.createTextFinder('jose').findAll()), where(s.createTextFinder('jose').ignoreDiacritics(true).findAll())];
    });
    expect(found).toEqual([['S!A2'], ['S!A1', 'S!A2', 'S!A3']]);
  });
});

describe('what a cell is searched in (reference: TextFinder.matchFormulaText; Range.getDisplayValues)', () => {
  it('numbers, currency, percents, dates and booleans match as displayed', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['$1,200', '50%', '2026-03-02', 'TRUE', '0.5', 42]]);
    const found = run(() => {
      const s = app.getActive().getSheetByName('S');
      s.getRange('E1').setNumberFormat('0.00');
      const all = (t: string, entire = false) => where(s.createTextFinder(t).matchEntireCell(entire).findAll());
      return {
        currency: all('$1,200.00', true),
        rawNumber: all('1200'),
        percent: all('50%', true),
        date: all('2026-03-02', true),
        bool: all('true', true),
        formatted: all('0.50', true),
        unformatted: all('0.5', true),
        integer: all('42', true),
      };
    });
    expect(found).toEqual({
      currency: ['S!A1'],
      rawNumber: [],
      percent: ['S!B1'],
      date: ['S!C1'],
      bool: ['S!D1'],
      formatted: ['S!E1'],
      unformatted: [],
      integer: ['S!F1'],
    });
  });

  it('a formula cell matches on its value, or on its formula text with matchFormulaText(true)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['=1+2', '3', '=SUM(A1:B1)', "'=1+2"]]);
    const found = run(() => {
      const s = app.getActive().getSheetByName('S');
      return {
        value3: where(s.createTextFinder('3').matchEntireCell(true).findAll()),
        text12: where(s.createTextFinder('1+2').findAll()),
        formula12: where(s.createTextFinder('1+2').matchFormulaText(true).findAll()),
        formulaSum: where(s.createTextFinder('sum(').matchFormulaText(true).findAll()),
        formula3: where(s.createTextFinder('3').matchEntireCell(true).matchFormulaText(true).findAll()),
      };
    });
    // D1 is the text "=1+2" (apostrophe), not a formula: it matches either way.
    expect(found).toEqual({
      value3: ['S!A1', 'S!B1'],
      text12: ['S!D1'],
      formula12: ['S!A1', 'S!D1'],
      formulaSum: ['S!C1'],
      formula3: ['S!B1'],
    });
  });

  it('empty cells never match, even a pattern that matches the empty string (emulator choice, text-finder.ts)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['a', '', '=""'], ['', 'b']]);
    const found = run(() => {
      const s = app.getActive().getSheetByName('S');
      return [where(s.createTextFinder('.*').useRegularExpression(true).findAll()), where(s.createTextFinder('^$').useRegularExpression(true).findAll())];
    });
    expect(found).toEqual([['S!A1', 'S!B2'], []]);
  });
});

describe('scope (reference: Spreadsheet / Sheet / Range createTextFinder)', () => {
  it('a Range searches its cells, a Sheet its sheet, a Spreadsheet every sheet in tab order, row by row', () => {
    const { doc, app, run } = setup();
    doc.addSheet('A', [['x', 'x'], ['x', 'y']]);
    doc.addSheet('B', [['y', 'x']]);
    const found = run(() => {
      const ss = app.getActive();
      ss.insertSheet('First', 0).getRange('C3').setValue('x');
      return {
        range: where(ss.getSheetByName('A').getRange('B1:B2').createTextFinder('x').findAll()),
        sheet: where(ss.getSheetByName('A').createTextFinder('x').findAll()),
        spreadsheet: where(ss.createTextFinder('x').findAll()),
      };
    });
    expect(found).toEqual({
      range: ['A!B1'],
      sheet: ['A!A1', 'A!B1', 'A!A2'],
      spreadsheet: ['First!C3', 'A!A1', 'A!B1', 'A!A2', 'B!B1'],
    });
  });

  it('findAll returns single-cell Ranges of the script realm and [] when nothing matches', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['a', 'b']]);
    const out = run(() => {
      const s = app.getActive().getSheetByName('S');
      const all = s.createTextFinder('a').findAll();
      const none = s.createTextFinder('zzz').findAll();
      return [Array.isArray(all), all.length, all[0].getNumRows(), all[0].getNumColumns(), all[0].getValue(), Array.isArray(none), none.length];
    });
    expect(out).toEqual([true, 1, 1, 1, 'a', true, 0]);
  });

  it('a finder of a deleted sheet throws at its next search (emulator choice, as Range calls do)', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('Keep', [['x']]);
    doc.addSheet('Gone', [['x']]);
    expect(
      errorOf(() => {
        const ss = app.getActive();
        const f = ss.getSheetByName('Gone').createTextFinder('x');
        ss.deleteSheet(ss.getSheetByName('Gone'));
        f.findAll();
      }),
    ).toBe('The sheet has been deleted.');
  });
});

describe('findNext / findPrevious / getCurrentMatch / startFrom (reference: Class TextFinder)', () => {
  it('findNext walks the matches in order and gives null at the end; findPrevious walks back', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['x', 'y', 'x'], ['', 'x']]);
    const out = run(() => {
      const f = app.getActive().getSheetByName('S').createTextFinder('x');
      const a1 = (r: Any) => (r ? r.getA1Notation() : null);
      const seen = [a1(f.getCurrentMatch()), a1(f.findPrevious())];
      for (let i = 0; i < 4; i++) seen.push(a1(f.findNext()));
      seen.push(a1(f.getCurrentMatch()), a1(f.findPrevious()), a1(f.findPrevious()), a1(f.findPrevious()), a1(f.getCurrentMatch()));
      return seen;
    });
    // fresh: no current match, nothing before the start; after the last match: null, current stays.
    expect(out).toEqual([null, null, 'A1', 'C1', 'B2', null, 'B2', 'C1', 'A1', null, 'A1']);
  });

  it('the script loop `while ((c = f.findNext()))` ends (reference: findNext returns null)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['Talk'], ['talk'], ['Walk']]);
    const rows = run(() => {
      const f = app.getActive().getSheetByName('S').createTextFinder('talk');
      const out: number[] = [];
      let c;
      while ((c = f.findNext()) !== null && out.length < 10) out.push(c.getRow());
      return out;
    });
    expect(rows).toEqual([1, 2]);
  });

  it('startFrom(range): findNext starts right after the range, findPrevious before it (reference: TextFinder.startFrom)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['x'], ['x'], ['x'], ['x']]);
    const out = run(() => {
      const s = app.getActive().getSheetByName('S');
      const next = s.createTextFinder('x').startFrom(s.getRange('A2')).findNext().getA1Notation();
      const prev = s.createTextFinder('x').startFrom(s.getRange('A2:A3')).findPrevious().getA1Notation();
      const after = s.createTextFinder('x').startFrom(s.getRange('A2:A3')).findNext().getA1Notation();
      return [next, prev, after];
    });
    expect(out).toEqual(['A3', 'A1', 'A4']);
  });

  it('startFrom a range on a sheet the finder does not search throws (emulator choice, FINDER_TEXTS)', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('S', [['x']]);
    doc.addSheet('T', [['x']]);
    expect(errorOf(() => app.getActive().getSheetByName('S').createTextFinder('x').startFrom(app.getActive().getSheetByName('T').getRange('A1')))).toBe(
      FINDER_TEXTS.startFromElsewhere,
    );
  });
});

describe('counting and cost (CONVENTIONS.md rule 1; docs/PLATFORM-FACTS.md row 14)', () => {
  it('builders are free; createTextFinder and findAll are counted; the search charges no cells', () => {
    const { rt, doc, app } = setup();
    doc.addSheet('S', Array.from({ length: 500 }, (_, i) => [`lead ${i}`, i % 7 === 0 ? 'x@acme.test' : 'y']));
    const rec = rt.run(spec(), () => {
      const s = app.getActive().getSheetByName('S');
      const f = s.createTextFinder('x@acme.test').matchCase(true).matchEntireCell(true).useRegularExpression(false).ignoreDiacritics(false).matchFormulaText(false);
      f.startFrom(s.getRange('A1'));
      f.getCurrentMatch();
      return f.findAll().length;
    });
    expect(rec.error).toBeNull();
    expect(rec.result).toBe(72);
    expect(rec.calls).toEqual({
      'SpreadsheetApp.getActive': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 1,
      'Sheet.createTextFinder': 1,
      'TextFinder.findAll': 1,
    });
    expect(rec.cellsRead).toBe(0);
  });

  it('findNext, findPrevious, replaceAllWith, and Spreadsheet/Range createTextFinder are each one call', () => {
    const { rt, doc, app } = setup();
    doc.addSheet('S', [['a'], ['a']]);
    const rec = rt.run(spec(), () => {
      const ss = app.getActive();
      const f = ss.createTextFinder('a');
      f.findNext();
      f.findNext();
      f.findPrevious();
      ss.getRange('S!A1:A2').createTextFinder('a').replaceAllWith('b');
    });
    expect(rec.error).toBeNull();
    expect(rec.calls).toMatchObject({
      'Spreadsheet.createTextFinder': 1,
      'TextFinder.findNext': 2,
      'TextFinder.findPrevious': 1,
      'Range.createTextFinder': 1,
      'TextFinder.replaceAllWith': 1,
    });
    expect([rec.cellsRead, rec.cellsWritten]).toEqual([0, 0]);
  });

  it("a search sees the execution's own buffered writes (PLATFORM-FACTS.md row 7: every other counted call applies the buffer)", () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['old']]);
    const found = run(() => {
      const s = app.getActive().getSheetByName('S');
      const f = s.createTextFinder('new');
      s.getRange('A2').setValue('new lead');
      return where(f.findAll());
    });
    expect(found).toEqual(['S!A2']);
  });
});

describe('arguments and regular expressions Google rejects (reference: createTextFinder(findText); RE2 syntax)', () => {
  it('a missing or non-string findText fails with the signature text; an empty one throws (chosen text)', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('S', [['x']]);
    const s = () => app.getActive().getSheetByName('S');
    expect(errorOf(() => s().createTextFinder())).toBe("The parameters () don't match the method signature for SpreadsheetApp.Sheet.createTextFinder.");
    expect(errorOf(() => s().createTextFinder(null))).toBe("The parameters (null) don't match the method signature for SpreadsheetApp.Sheet.createTextFinder.");
    expect(errorOf(() => s().createTextFinder(''))).toBe(FINDER_TEXTS.emptyFindText);
    expect(errorOf(() => app.getActive().createTextFinder(''))).toBe(FINDER_TEXTS.emptyFindText);
    expect(errorOf(() => s().getRange('A1').createTextFinder(''))).toBe(FINDER_TEXTS.emptyFindText);
    expect(errorOf(() => s().createTextFinder('x').matchCase('yes'))).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.TextFinder.matchCase.",
    );
  });

  it('lookbehind, lookahead and backreferences (which RE2 lacks) throw at the search', () => {
    const { doc, app, errorOf } = setup();
    doc.addSheet('S', [['ab'], ['aa']]);
    const find = (p: string) => () => app.getActive().getSheetByName('S').createTextFinder(p).useRegularExpression(true).findAll();
    expect(errorOf(find('(?<=a)b'))).toBe(FINDER_TEXTS.notRe2('(?<=a)b', 'lookbehind ((?<=, (?<!)'));
    expect(errorOf(find('(?<!a)b'))).toBe(FINDER_TEXTS.notRe2('(?<!a)b', 'lookbehind ((?<=, (?<!)'));
    expect(errorOf(find('a(?=b)'))).toBe(FINDER_TEXTS.notRe2('a(?=b)', 'lookahead ((?=, (?!)'));
    expect(errorOf(find('(a)\\1'))).toBe(FINDER_TEXTS.notRe2('(a)\\1', 'a backreference (\\1)'));
    expect(errorOf(find('a('))).toMatch(/^Invalid regular expression "a\(": /);
    // The same text without useRegularExpression is literal and fine.
    expect(errorOf(() => app.getActive().getSheetByName('S').createTextFinder('(?<=a)b').findAll())).toBeNull();
  });

  it('RE2 forms are translated: \\A, \\z, (?i), (?P<name>), []…] (emulator, text-finder.ts re2ToJs)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['Ab]'], ['xab']]);
    const found = run(() => {
      const s = app.getActive().getSheetByName('S');
      const re = (p: string, c = true) => where(s.createTextFinder(p).useRegularExpression(true).matchCase(c).findAll());
      return [re('\\Aab'), re('(?i)\\Aab'), re('(?P<x>a)b\\z'), re('b[]]')];
    });
    expect(found).toEqual([[], ['S!A1'], ['S!A2'], ['S!A1']]);
  });
});

describe('replaceAllWith / replaceWith (reference: TextFinder.replaceAllWith, replaceWith)', () => {
  it('replaceAllWith returns the occurrences replaced and writes the new text as typed (reference: replaceAllWith; count of occurrences and retyping are emulator choices)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['New', 'new new', 'Renewed'], ['123', '=1+2', 'other']]);
    const counts = run(() => {
      const s = app.getActive().getSheetByName('S');
      return [s.createTextFinder('new').replaceAllWith('Old'), s.createTextFinder('3').findAll().length, s.createTextFinder('3').replaceAllWith('9')];
    });
    // "=1+2" shows 3 and is found, but left alone by a replacement: a formula cell is replaced only
    // with matchFormulaText(true) (emulator choice, text-finder.ts). "129" is typed again: a number.
    expect(counts).toEqual([4, 2, 1]);
    expect(doc.values('S')).toEqual([
      ['Old', 'Old Old', 'ReOlded'],
      [129, 3, 'other'],
    ]);
    expect(doc.snapshot().formulas.S).toEqual({ B2: '=1+2' });
  });

  it('with matchFormulaText(true) the formula text is replaced; with a regex, $1 names a group (reference: matchFormulaText; $1 is an emulator choice)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['=1+2', 'ana@x.com']]);
    run(() => {
      const s = app.getActive().getSheetByName('S');
      s.createTextFinder('1+2').matchFormulaText(true).replaceAllWith('5*2');
      s.createTextFinder('(\\w+)@x\\.com').useRegularExpression(true).replaceAllWith('$1@y.com');
    });
    expect(doc.snapshot().formulas.S).toEqual({ A1: '=5*2' });
    expect(doc.values('S')).toEqual([[10, 'ana@y.com']]);
  });

  it('replaceWith replaces in the current match only; 0 when there is none (reference: TextFinder.replaceWith)', () => {
    const { doc, app, run } = setup();
    doc.addSheet('S', [['a a'], ['a']]);
    const counts = run(() => {
      const f = app.getActive().getSheetByName('S').createTextFinder('a');
      const before = f.replaceWith('b');
      f.findNext();
      return [before, f.replaceWith('b')];
    });
    expect(counts).toEqual([0, 2]);
    expect(doc.values('S')).toEqual([['b b'], ['a']]);
  });

  it('a protected cell refuses the whole replacement (PLATFORM.md, Spreadsheet service semantics: protected ranges)', () => {
    const { doc, app, run, errorOf } = setup();
    doc.addSheet('S', [['a'], ['a']]);
    run(() => {
      const p = app.getActive().getSheetByName('S').getRange('A2').protect();
      p.removeEditors(p.getEditors());
    });
    expect(errorOf(() => app.getActive().getSheetByName('S').createTextFinder('a').replaceAllWith('b'), { effectiveUser: ana, activeUser: ana })).toBe(
      TEXTS.protected,
    );
    expect(doc.values('S')).toEqual([['a'], ['a']]);
  });
});
