/**
 * What an edit of one worked lead costs in service calls (issue 16), and the journal the two edit
 * triggers share: the simple trigger journals the edit first, and the installable one finds that
 * entry instead of writing a second; when the simple trigger's entry is missing, it writes its own.
 */
import { propertiesState } from '../../emulator/services/properties';
import { spreadsheetState } from '../../emulator/spreadsheet';
import type { ExecutionRecord } from '../../emulator/runtime';
import type { CellValue } from '../../src/core/conditions';
import { JOURNAL_PREFIX, rowPrint } from '../../src/core/edit-journal';
import { LEAD_HEADERS } from '../../src/core/headers';
import { batonHeaders } from '../../src/core/lead-columns';
import { ANA, at, completeLead, paste } from '../support/leads';
import { OWNER } from '../support/scenario';
import { Steps } from '../support/steps';

const H: string[] = [...LEAD_HEADERS];
const CONFIG = {
  version: 1,
  managers: [OWNER],
  intake: { contact: 'email_or_phone', required: ['interest', 'source'], interests: ['Solar'] },
  team: [{ email: ANA, name: 'Ana', capacity: 1000 }],
  routing: { rules: [], fallback: [ANA] },
  sla: { targets: [{ name: 'Standard', minutes: 2400 }], businessHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' } },
};
const STATUS = String.fromCharCode(65 + H.indexOf('Status'));

function settled(): Steps {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ada'), completeLead('Bo'), completeLead('Cy')]));
  s.to(at('09:11'));
  return s;
}
function contacted(s: Steps, row: number): { simple: ExecutionRecord; installable: ExecutionRecord; beforeLock: string[] } {
  const from = s.run.rt.records.length;
  // The installable trigger's calls before it asks for the lock.
  const beforeLock: string[] = [];
  let locking = false;
  const stop = s.run.rt.onCall(({ method, execution }) => {
    if (execution.spec.functionName !== 'batonOnEdit' || locking) return;
    if (method === 'Lock.tryLock') locking = true;
    else beforeLock.push(method);
  });
  s.to(at('09:20'), { at: at('09:20'), type: 'edit', user: ANA, sheet: 'Leads', range: `${STATUS}${row}`, values: [['Contacted']] });
  stop();
  const recs = s.run.rt.records.slice(from);
  return { simple: recs.find((r) => r.function === 'onEdit')!, installable: recs.find((r) => r.function === 'batonOnEdit')!, beforeLock };
}
const total = (r: ExecutionRecord) => Object.values(r.calls).reduce((a, b) => a + b, 0);
const journal = (s: Steps) => [...propertiesState(s.run.rt).document.keys()].filter((k) => k.startsWith(JOURNAL_PREFIX));
const cell = (s: Steps, row: number, header: string) => spreadsheetState(s.run.rt).values('Leads')[row - 1][H.indexOf(header)];

it('an owner marking a lead Contacted: the run on that row, in 27 calls, one properties snapshot and no cell read before the lock', () => {
  const s = settled();
  const { simple, installable, beforeLock } = contacted(s, 3);
  expect([simple.error, installable.error]).toEqual([null, null]);
  expect(cell(s, 3, 'SLA')).toBe('Met');
  // The simple trigger journaled the edit; the installable one found that entry and wrote none.
  expect(simple.calls['Properties.setProperties']).toBe(1);
  expect(installable.calls['Utilities.getUuid']).toBeUndefined();
  // Before the lock one snapshot; under it one, and one more to see edits made meanwhile.
  expect(installable.calls['Properties.getProperties']).toBe(3);
  expect(installable.calls['Utilities.formatDate']).toBeUndefined();
  expect(installable.calls['Spreadsheet.getSpreadsheetTimeZone']).toBeUndefined();
  // The intent with the mark taken away, then the mark back with the intent cleared: two writes.
  expect(installable.calls['Properties.setProperties']).toBe(2);
  expect(installable.calls['Properties.deleteProperty']).toBe(1);
  // The simple trigger's entry names the edit's lead: the installable one reads no cell to journal.
  expect(beforeLock).toEqual(['PropertiesService.getDocumentProperties', 'Properties.getProperties', 'Session.getEffectiveUser', 'LockService.getScriptLock']);
  // The spreadsheet and the Leads tab come with the event (e.source, e.range's sheet): only the
  // State and Log tabs are looked up.
  expect(installable.calls['SpreadsheetApp.getActiveSpreadsheet']).toBeUndefined();
  expect(installable.calls['Spreadsheet.getSheetByName']).toBe(2);
  expect(total(installable)).toBeLessThanOrEqual(27);
  // The entry was judged and dropped: nothing left for the next sweep, which is quiet.
  expect(journal(s)).toEqual([]);
});

it('journals the edit itself when the simple trigger could not', () => {
  const s = settled();
  // The simple trigger's journal write fails (its run records the error); the installable one's does not.
  s.run.rt.injectFault({ method: 'Properties.setProperties', error: 'service', times: 1 });
  const { simple, installable } = contacted(s, 3);
  expect(simple.error).not.toBeNull();
  expect(installable.error).toBeNull();
  expect(installable.calls['Utilities.getUuid']).toBe(1);
  expect(cell(s, 3, 'SLA')).toBe('Met');
  expect(journal(s)).toEqual([]);
});

describe.each([
  ['before it', -60_000, false],
  ['after it', -10_000, true],
])('an identical entry of a minute ago, with the last decision %s', (_, decided, writes) => {
  it(writes ? 'is not this edit: the trigger journals its own' : 'stands for this edit: no second entry', () => {
    const s = settled();
    // The sweeps up to the edit first: they would judge the entry below themselves.
    s.to(at('09:20'));
    const props = propertiesState(s.run.rt).document;
    const values = spreadsheetState(s.run.rt).values('Leads') as CellValue[][];
    const edited = [...values[2]];
    edited[H.indexOf('Status')] = 'Contacted';
    const when = Date.parse(at('09:20')) - 30_000;
    const rows = [{ id: String(values[2][H.indexOf('Lead ID')]), row: 3, print: rowPrint(values[0], edited, batonHeaders(null)), cells: [['Status', 'Contacted']] }];
    props.set(`${JOURNAL_PREFIX}${when}.earlier`, JSON.stringify({ sheet: 'Leads', user: ANA, at: when, bulk: false, rows }));
    props.set('baton.decidedAt', String(Date.parse(at('09:20')) + decided));
    const { simple } = contacted(s, 3);
    expect(simple.calls['Utilities.getUuid']).toBe(writes ? 1 : undefined);
  });
});

describe.each([
  ['the same text, cell and editor, 30 s ago', 'Contacted', 3, H.indexOf('Status') + 1, ANA, -30_000, false],
  ['other text (an earlier edit of the cell)', 'Lost', 3, H.indexOf('Status') + 1, ANA, -30_000, true],
  ['another cell of the row', 'Contacted', 3, H.indexOf('Problems') + 1, ANA, -30_000, true],
  ['another row', 'Contacted', 4, H.indexOf('Status') + 1, ANA, -30_000, true],
  ['another editor', 'Contacted', 3, H.indexOf('Status') + 1, OWNER, -30_000, true],
  ['more than a minute ago', 'Contacted', 3, H.indexOf('Status') + 1, ANA, -61_000, true],
])('an entry with its cell, of %s', (_, text, row, column, user, ago, reads) => {
  it(reads ? 'is not this edit: the trigger reads the row and journals its own' : 'names this edit: the trigger reads no cell and writes no entry', () => {
    const s = settled();
    s.to(at('09:20'));
    const values = spreadsheetState(s.run.rt).values('Leads') as CellValue[][];
    const when = Date.parse(at('09:20')) + ago;
    const rows = [{ id: String(values[row - 1][H.indexOf('Lead ID')]), row, print: rowPrint(values[0], values[row - 1], batonHeaders(null)), cells: [[H[column - 1], text]] }];
    propertiesState(s.run.rt).document.set(`${JOURNAL_PREFIX}${when}.earlier`, JSON.stringify({ sheet: 'Leads', user, at: when, bulk: false, rows, cell: [row, column] }));
    const { simple, installable, beforeLock } = contacted(s, 3);
    expect(simple.calls['Sheet.getLastColumn']).toBe(reads ? 1 : undefined);
    expect(simple.calls['Utilities.getUuid']).toBe(reads ? 1 : undefined);
    // Either way the installable trigger finds an entry of this edit (the simple one's, or the
    // seeded one): it reads no cell before the lock and writes no entry.
    expect(installable.error).toBeNull();
    expect(beforeLock.filter((m) => !m.startsWith('Properties') && !m.startsWith('PropertiesService'))).toEqual(['Session.getEffectiveUser', 'LockService.getScriptLock']);
    expect(cell(s, 3, 'SLA')).toBe('Met');
  });
});
