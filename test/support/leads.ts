/**
 * Leads for end-to-end scenarios on the scenario day (Mon 2026-03-02, New York): builders of Leads
 * tab rows and of the events that write them, and readers of a result's Leads and Log tabs.
 */
import type { ScenarioResult } from '../../emulator/scenario';
import { LEAD_HEADERS, LOG_HEADERS } from '../../src/core/headers';

const H = [...LEAD_HEADERS];
export type Header = (typeof LEAD_HEADERS)[number];
export type Lead = Partial<Record<Header, string | number>>;
/** A tab's row as an object keyed by header. */
export type Row = Record<string, unknown>;

/** Who pastes and edits unless a test says otherwise. */
export const ANA = 'ana@acme.test';

/** Emulated wall-clock time on the scenario day (New York, UTC-5). */
export const at = (hhmm: string, ss = '00') => `2026-03-02T${hhmm}:${ss}-05:00`;

/** The column letter of a Leads header. */
export const letter = (header: Header) => String.fromCharCode(65 + H.indexOf(header));

/** A complete, sales-ready lead of a home customer in the North territory; `extra` changes what a test is about. */
export function completeLead(name: string, extra: Lead = {}): Lead {
  return {
    Name: name,
    Email: `${name.toLowerCase()}@example.com`,
    Company: 'Acme',
    Interest: 'Solar',
    Location: 'North',
    Consent: 'Yes',
    Source: 'Web',
    Campaign: 'Spring',
    'Deal Size': 5000,
    'Customer Type': 'Home',
    ...extra,
  };
}

/** Columns A..M (Lead ID to Customer Type): what a person pastes; Baton fills Status and after. */
export const pastedCells = (l: Lead) => H.slice(0, H.indexOf('Customer Type') + 1).map((h) => l[h] ?? '');
/** A whole row, as an integration or a form writes it. */
export const wholeRow = (l: Lead) => H.map((h) => l[h] ?? '');

/** A person pasting `leads` into columns A..M from `firstRow` on. */
export function paste(time: string, firstRow: number, leads: Lead[], user = ANA) {
  return { at: time, type: 'edit', user, sheet: 'Leads', range: `A${firstRow}:M${firstRow + leads.length - 1}`, values: leads.map(pastedCells) };
}

/** A person typing `value` into one cell of the Leads tab. */
export function edit(time: string, header: Header, row: number, value: string | number, user = ANA) {
  return { at: time, type: 'edit', user, sheet: 'Leads', range: `${letter(header)}${row}`, values: [[value]] };
}

/** The Leads tab's rows with any value, as objects keyed by the tab's own header row. */
export function leadRows(r: ScenarioResult): Row[] {
  const [header, ...rows] = r.sheets['Leads'];
  return rows.filter((row) => row.some((v) => v !== '')).map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
}

/** The one lead named `name` (expects exactly one). */
export function byName(r: ScenarioResult, name: string): Row {
  const found = leadRows(r).filter((row) => row['Name'] === name);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The Baton Log tab's rows, as objects keyed by LOG_HEADERS. */
export function logRows(r: ScenarioResult): Row[] {
  return r.sheets['Baton Log'].slice(1).map((row) => Object.fromEntries(LOG_HEADERS.map((h, i) => [h, row[i]])));
}
