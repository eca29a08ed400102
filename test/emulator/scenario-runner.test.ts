import type { Project } from '../../emulator/host';
import { runScenario } from '../../emulator/scenario';

/**
 * A tiny hand-written project stands in for the bundle, so these tests prove the runner's own
 * platform rules (PLATFORM.md, Triggers) independently of Baton.
 */
function project(code: string): Project {
  return {
    code,
    manifest: { timeZone: 'America/New_York', oauthScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.scriptapp', 'https://www.googleapis.com/auth/script.send_mail'] },
    files: {},
  };
}

const BASE = {
  start: '2026-03-02T09:00:00-05:00',
  owner: 'maria@acme.test',
  sheets: { Leads: [['Name', 'Email'], ['Dana', 'dana@example.com']] },
};

const INSTALL = `
function setupBaton() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ScriptApp.newTrigger('installedEdit').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('formSubmitted').forSpreadsheet(ss).onFormSubmit().create();
}
function installedEdit(e) {}
function formSubmitted(e) {}
`;

const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00-05:00`;

describe('scenario runner: triggers', () => {
  it('drops simple onEdit events beyond the two queued while earlier ones run (PLATFORM.md: only two are queued)', () => {
    const slowEdit = INSTALL + 'function onEdit(e) { Utilities.sleep(20000); }';
    const edits = [1, 2, 3, 4].map((i) => ({ at: '2026-03-02T09:01:00-05:00', type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: `A${i + 2}`, values: [['x']] }));
    const r = runScenario({ ...BASE, events: edits }, project(slowEdit));
    expect(r.executions.filter((e) => e.function === 'onEdit')).toHaveLength(2);
    // The installable trigger is not subject to that queue: it runs for every edit.
    expect(r.executions.filter((e) => e.function === 'installedEdit')).toHaveLength(4);
  });

  it('fires no trigger for rows an integration appends through the API (PLATFORM.md: API writes fire no trigger)', () => {
    const r = runScenario(
      { ...BASE, events: [{ at: at(1), type: 'append', via: 'api', sheet: 'Leads', rows: [['Eli', 'eli@example.com']] }] },
      project(INSTALL + 'function onEdit(e) {}'),
    );
    expect(r.executions.map((e) => e.function)).toEqual(['setupBaton']);
    expect(r.sheets.Leads[2]).toEqual(['Eli', 'eli@example.com']);
  });

  it('fires the form-submit trigger with values and namedValues, in FULL auth (PLATFORM.md: form submissions)', () => {
    const code = INSTALL.replace(
      'function formSubmitted(e) {}',
      `function formSubmitted(e) {
        var ok = e.authMode === ScriptApp.AuthMode.FULL && e.namedValues.Email[0] === 'fay@example.com' && e.values[0] === 'Fay' && !('source' in e);
        SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads').getRange(e.range.getRow(), 3).setValue(ok ? 'seen' : 'wrong');
      }`,
    );
    const r = runScenario({ ...BASE, events: [{ at: at(2), type: 'append', via: 'form', sheet: 'Leads', rows: [['Fay', 'fay@example.com']] }] }, project(code));
    expect(r.sheets.Leads[2]).toEqual(['Fay', 'fay@example.com', 'seen']);
  });

  it('gives value and oldValue only for a single-cell edit (PLATFORM.md: edit event)', () => {
    const code = INSTALL.replace(
      'function installedEdit(e) {}',
      `function installedEdit(e) {
        var sheet = e.range.getSheet();
        sheet.getRange(e.range.getRow(), 4).setValue(('value' in e ? 'value=' + e.value : 'no value') + ';' + ('oldValue' in e ? 'old=' + e.oldValue : 'no old'));
      }`,
    );
    const r = runScenario(
      {
        ...BASE,
        events: [
          { at: at(1), type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: 'B2', values: [['new@example.com']] },
          { at: at(2), type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: 'A3:B3', values: [['Gil', 'gil@example.com']] },
          { at: at(3), type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: 'A4', values: [['Hal']] },
        ],
      },
      project(code),
    );
    expect(r.sheets.Leads.map((row) => row[3])).toEqual(['', 'value=new@example.com;old=dana@example.com', 'no value;no old', 'value=Hal;no old']);
  });

  it('runs the simple onEdit without authorization: sending mail there fails with the platform text', () => {
    const code = INSTALL + "function onEdit(e) { MailApp.sendEmail('a@b.test', 's', 'b'); }";
    const r = runScenario({ ...BASE, events: [{ at: at(1), type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: 'A2', values: [['x']] }] }, project(code));
    expect(r.executions.find((e) => e.function === 'onEdit')?.error).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(r.emails).toEqual([]);
  });

  it('passes sidebar calls through google.script.run rules: a Date in a result arrives as null', () => {
    const code = INSTALL + 'function when() { return { at: new Date(), n: 1, list: [undefined, 2] }; }';
    const r = runScenario({ ...BASE, events: [{ at: at(1), type: 'call', user: 'ana@acme.test', function: 'when', args: [] }] }, project(code));
    expect(r.executions.find((e) => e.function === 'when')?.error).toBeNull();
  });

  it('gives each execution a fresh global scope, as Apps Script does', () => {
    const code = INSTALL + `var counter = 0;
      function bump() { counter += 1; SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads').getRange('C2').setValue(counter); }`;
    const call = (m: number) => ({ at: at(m), type: 'call', user: 'maria@acme.test', function: 'bump', args: [] });
    const r = runScenario({ ...BASE, events: [call(1), call(2)] }, project(code));
    expect(r.sheets.Leads[1][2]).toBe(1);
  });

  it('reads the emulated clock through Date inside the script', () => {
    const code = INSTALL + "function stamp() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads').getRange('C2').setValue(new Date().toISOString() + '|' + Date.now()); }";
    const r = runScenario({ ...BASE, events: [{ at: at(7), type: 'call', user: 'maria@acme.test', function: 'stamp', args: [] }] }, project(code));
    const [iso, ms] = String(r.sheets.Leads[1][2]).split('|');
    expect(iso.startsWith('2026-03-02T14:07:00')).toBe(true);
    expect(new Date(Number(ms)).toISOString()).toBe(iso);
  });
});

describe('scenario runner: actions inside runs and on columns', () => {
  // A function that reads A2, then (three calls later) writes what it read to C2.
  const READ_THEN_WRITE = `
function copyA2() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');
  var seen = sheet.getRange('A2').getValue();
  sheet.getRange('D1').getValue();
  sheet.getRange('D1').getValue();
  sheet.getRange('C2').setValue(seen);
}`;

  it('applies an event with `during` just before that call of the next run of the function', () => {
    const call = { at: at(2), type: 'call', user: 'maria@acme.test', function: 'copyA2' };
    const renamed = (n: number) =>
      runScenario(
        { ...BASE, events: [{ at: at(1), type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: 'A2', values: [['Eve']], during: { function: 'copyA2', call: n } }, call] },
        project(INSTALL + READ_THEN_WRITE),
      );
    // Calls: getActiveSpreadsheet, getSheetByName, getRange, getValue (the 4th reads A2), ...
    expect(renamed(4).sheets.Leads[1][2]).toBe('Eve');
    expect(renamed(5).sheets.Leads[1][2]).toBe('Dana');
    expect(renamed(5).sheets.Leads[1][0]).toBe('Eve');
  });

  it('applies a `during` event right after the run when the run makes fewer calls, and never in an earlier run', () => {
    const events = [
      { at: at(1), type: 'call', user: 'maria@acme.test', function: 'copyA2' },
      { at: at(2), type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: 'A2', values: [['Eve']], during: { function: 'copyA2', call: 99 } },
      { at: at(3), type: 'call', user: 'maria@acme.test', function: 'copyA2' },
    ];
    const r = runScenario({ ...BASE, events }, project(INSTALL + READ_THEN_WRITE));
    expect(r.sheets.Leads[1][0]).toBe('Eve');
    // The 09:03 run read A2 before the edit (it was applied after that run ended).
    expect(r.sheets.Leads[1][2]).toBe('Dana');
  });

  it('inserts and deletes columns as a person does, firing onChange', () => {
    const code = INSTALL + `function changed(e) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads').getRange('A5').setValue(e.changeType); }
      function setupBaton() { ScriptApp.newTrigger('changed').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onChange().create(); }`;
    const inserted = runScenario({ ...BASE, events: [{ at: at(1), type: 'insertColumns', user: 'ana@acme.test', sheet: 'Leads', column: 1, count: 2 }] }, project(code));
    expect(inserted.sheets.Leads[0]).toEqual(['', '', 'Name', 'Email']);
    expect(inserted.sheets.Leads[4][0]).toBe('INSERT_COLUMN');
    const deleted = runScenario({ ...BASE, events: [{ at: at(1), type: 'deleteColumns', user: 'ana@acme.test', sheet: 'Leads', column: 1 }] }, project(code));
    expect(deleted.sheets.Leads[0][0]).toBe('Email');
    expect(deleted.sheets.Leads[4][0]).toBe('REMOVE_COLUMN');
  });
});
