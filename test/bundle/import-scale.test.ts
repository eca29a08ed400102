/**
 * A large import (issue 16): complete leads appended by an integration (no trigger) are all
 * assigned, each exactly once, by the clock sweeps of a bound deployment, and Baton's own tabs stay
 * within their share of the spreadsheet. CI runs 3,000 leads (enough for the log to archive); the
 * bench runs the same checks on 50,000 (`npm run bench -- --cases import-50000`, bench/run.ts).
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { FAILURE_HEADERS, LEAD_HEADERS, LOG_HEADERS } from '../../src/core/headers';
import { LOG_ARCHIVE_SHEET, unpackLogRows } from '../../src/core/log-archive';
import { LEAD_ID_PATTERN } from '../../src/core/lead-id';
import { ANA, at, completeLead, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';

const LEADS = 3_000;
const H: string[] = [...LEAD_HEADERS];
const CONFIG = {
  version: 1,
  managers: [OWNER],
  intake: { contact: 'email_or_phone', required: ['interest', 'source'], interests: ['Solar'] },
  team: [
    { email: ANA, name: 'Ana', capacity: 100_000 },
    { email: 'cy@acme.test', name: 'Cy', capacity: 100_000 },
  ],
  routing: { rules: [{ name: 'All', when: { all: [] }, assignTo: [ANA, 'cy@acme.test'], balance: 'round_robin' }], fallback: [ANA] },
};

const run = new ScenarioRun(parseScenario(scenario({ start: at('08:55'), config: CONFIG, sheets: { Leads: [H] } })), builtProject());
run.install();
run.fireClockUntil(Date.parse(at('09:00')));
run.apply({ at: at('09:00'), type: 'append', via: 'api', sheet: 'Leads', rows: Array.from({ length: LEADS }, (_, i) => wholeRow(completeLead(`Lead${i}`))) });
run.fireClockUntil(Date.parse(at('10:00')));
const doc = spreadsheetState(run.rt);
const leads = doc.values('Leads').slice(1);
const col = (h: string) => H.indexOf(h);

it('assigns every imported lead within the hour, each exactly once, with no run failing', () => {
  expect(run.rt.records.filter((r) => r.error !== null)).toEqual([]);
  expect(leads).toHaveLength(LEADS);
  expect(leads.every((r) => r[col('Status')] === 'Assigned' && r[col('Owner')] !== '')).toBe(true);
  const ids = leads.map((r) => String(r[col('Lead ID')]));
  expect(ids.every((id) => LEAD_ID_PATTERN.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(LEADS);
  // The log, archived rows included.
  const archive = doc.sheets.find((s) => s.name === LOG_ARCHIVE_SHEET);
  const archived = archive ? unpackLogRows(doc.values(LOG_ARCHIVE_SHEET).map((r) => r[0])) : [];
  const log = [...archived, ...doc.values('Baton Log').slice(1)];
  const event = LOG_HEADERS.indexOf('Event');
  const leadId = LOG_HEADERS.indexOf('Lead ID');
  const assigned = new Map<string, number>();
  for (const r of log) if (r[event] === 'assigned') assigned.set(String(r[leadId]), (assigned.get(String(r[leadId])) ?? 0) + 1);
  expect(ids.filter((id) => assigned.get(id) !== 1)).toEqual([]);
  expect(assigned.size).toBe(LEADS);
});

it('tells each owner of every lead the import gave them: one summary e-mail, no alert dropped, no failure', () => {
  expect(doc.values('Baton Failures').slice(1)).toEqual([]);
  const mails = run.result().emails;
  const owners = [ANA, 'cy@acme.test'];
  expect(mails.map((m) => m.to).sort()).toEqual(owners);
  for (const to of owners) {
    const mine = leads.filter((r) => r[col('Owner')] === to).length;
    const mail = mails.find((m) => m.to === to)!;
    expect(mail.subject).toBe(`Baton: ${mine} leads need you`);
    expect(mail.body).toContain(`New lead for you: ${mine} leads at once: `);
    expect(mail.body).toContain(`and ${mine - 10} more.`);
  }
});

it('archives the log past its share; Baton\'s tabs, all of them, stay within 35% of the Leads tab\'s cells', () => {
  const grid = (name: string) => {
    const s = doc.sheets.find((x) => x.name === name);
    return s ? s.maxRows * s.maxCols : 0;
  };
  const leadsCells = grid('Leads');
  expect(doc.values(LOG_ARCHIVE_SHEET).length).toBeGreaterThan(0);
  expect(doc.values('Baton Log').length - 1).toBeLessThanOrEqual(2 * 2_000);
  // Every tab but Leads is Baton's (the outbox is in the document properties, bounded there).
  const own = doc.sheets.filter((s) => s.name !== 'Leads').reduce((a, s) => a + grid(s.name), 0);
  expect(doc.sheets.map((s) => s.name)).not.toContain('Baton Outbox');
  expect(own / leadsCells).toBeLessThanOrEqual(0.35);
});

it('cuts each tab Baton creates to its columns at once: an import would otherwise pass the 10,000,000 cells before any tidying', () => {
  const r = new ScenarioRun(parseScenario(scenario({ start: at('08:55'), config: CONFIG, sheets: { Leads: [H] } })), builtProject());
  r.install();
  const width = (name: string) => spreadsheetState(r.rt).sheets.find((x) => x.name === name)?.maxCols;
  expect([width('Baton Log'), width('Baton Failures')]).toEqual([LOG_HEADERS.length, FAILURE_HEADERS.length]);
  // The first sweep to find a lead is a full run: it creates Baton State and Baton Pending.
  r.apply({ at: at('08:56'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('One'))] });
  r.fireClockUntil(Date.parse(at('09:01')));
  expect(r.rt.records.filter((x) => x.function === 'batonSweep' && (x.calls['Sheet.deleteRows'] ?? 0) > 0)).toEqual([]);
  expect([width('Baton State'), width('Baton Pending')]).toEqual([2, 2]);
});
