/** Writes and reads the edit journal in document properties (see core/edit-journal.ts). */
import type { CellValue } from '../core/conditions';
import { JOURNAL_PREFIX, journalRows, rowPrint, type JournalEdit } from '../core/edit-journal';
import { leadIdOf } from '../core/lead-id';
import { splitIntoChunks } from '../core/chunks';
import { batonHeaders } from '../core/lead-columns';
import { now } from './clock';
import * as store from './document-store';

/** A row an edit touched, by its lead: what the edit's own run looks for. */
export interface EditedLead {
  id: string;
  /** Its row number when edited (a copy and its original look alike). */
  row: number;
  print: string;
}

/**
 * Called by an edit trigger before it waits for the lock: reads the header and the whole edited
 * rows (two calls), and keeps the typed cells of Baton's columns by lead and header. Returns the
 * rows' names (Lead ID or print), so the edit's own run finds its rows wherever they moved. A
 * one-cell edit the other trigger has journaled already is named by that entry, with no read.
 */
export function journalEdit(range: GoogleAppsScript.Spreadsheet.Range, user: string, columns: Record<string, string> | null, typed: string | undefined, all: Record<string, string>): EditedLead[] | null {
  const sheet = range.getSheet();
  const single = range.getNumRows() * range.getNumColumns() === 1;
  const cell: [number, number] = [range.getRow(), range.getColumn()];
  const known = single && typed !== undefined ? journaledByEvent(sheet.getName(), user, cell, typed, all) : null;
  if (known) return known;
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) return null;
  const header = sheet.getRange(1, 1, 1, lastColumn).getValues()[0] as CellValue[];
  const baton = batonHeaders(columns);
  const idColumn = header.findIndex((h) => String(h).trim() === (columns?.leadId ?? 'Lead ID'));
  const first = range.getRow();
  // An edit of the header row names no lead.
  const rowStart = Math.max(first, 2);
  const rowEnd = first + range.getNumRows() - 1;
  if (rowEnd < rowStart) return null;
  const values = sheet.getRange(rowStart, 1, rowEnd - rowStart + 1, lastColumn).getValues() as CellValue[][];
  const column = range.getColumn() - 1;
  const names = values.map((row, k) => ({ id: idColumn < 0 ? '' : leadIdOf(row[idColumn]), row: rowStart + k, print: rowPrint(header, row, baton) }));
  // A one-cell edit's event says what was typed: a cell that already holds something else was
  // changed again by someone before this trigger read it, and that value is not this editor's.
  const shown = single && values.length === 1 ? values[0][column] : undefined;
  const overtaken = single && typed !== undefined && typeof shown === 'string' && shown !== typed;
  const rows = overtaken ? [] : journalRows(header, values, rowStart, column, Math.min(column + range.getNumColumns(), lastColumn) - 1, idColumn, baton);
  if (rows?.length) {
    const entry: JournalEdit = { sheet: sheet.getName(), user, at: now(), bulk: !single, rows, ...(single ? { cell } : {}) };
    if (journaledAlready(entry, all)) return names;
    const text = JSON.stringify(entry);
    const key = `${JOURNAL_PREFIX}${entry.at}.${Utilities.getUuid().slice(0, 8)}`;
    // A property holds 9 KB: a larger entry is kept in numbered parts, read back in order.
    const parts: Record<string, string> = {};
    splitIntoChunks(text).forEach((part, n) => (parts[n === 0 ? key : `${key}#${n}`] = part));
    store.writeProperties(parts);
  }
  return names;
}

/** How close in time the other trigger's entry for the same edit is. */
const SAME_EDIT_MS = 60_000;

/**
 * Both edit triggers journal each edit (the simple one first, the installable one before it waits
 * for the lock); the second finds the first's entry in its snapshot and writes none of its own: the
 * same editor, tab and cells, within a minute, and newer than the last run's decision (no run
 * judged anything in between, so one entry says all the two would).
 */
function journaledAlready(entry: JournalEdit, all: Record<string, string>): boolean {
  const decidedAt = store.readDecidedAt(all) ?? -Infinity;
  const rows = JSON.stringify(entry.rows);
  return readJournal(all).edits.some(
    (e) => e.sheet === entry.sheet && e.user === entry.user && e.bulk === entry.bulk && e.at > decidedAt && entry.at - e.at < SAME_EDIT_MS && JSON.stringify(e.rows) === rows,
  );
}

/**
 * The rows of a one-cell edit the other trigger journaled, found from the event alone: an entry of
 * the same editor, tab and cell, within a minute and newer than the last run's decision, holding
 * the text the event says was typed. Null when there is none: the edit is read and journaled.
 * An entry of an earlier edit of that cell with other text, or of a value that is not text (a
 * number, a date: the event gives the text typed, the entry the value read), is not this edit's.
 */
function journaledByEvent(sheet: string, user: string, cell: [number, number], typed: string, all: Record<string, string>): EditedLead[] | null {
  const decidedAt = store.readDecidedAt(all) ?? -Infinity;
  const at = now();
  const entry = readJournal(all).edits.find(
    (e) =>
      e.sheet === sheet &&
      e.user === user &&
      !e.bulk &&
      e.at > decidedAt &&
      at - e.at < SAME_EDIT_MS &&
      e.cell?.[0] === cell[0] &&
      e.cell[1] === cell[1] &&
      e.rows.length === 1 &&
      e.rows[0].cells.length === 1 &&
      e.rows[0].cells[0][1] === typed,
  );
  return entry ? entry.rows.map((r) => ({ id: r.id, row: r.row ?? cell[0], print: r.print })) : null;
}

export interface JournalEntry {
  /** Its properties (the entry and its numbered parts). */
  keys: string[];
  /** Null for a damaged entry (a part not written): it protects nothing and is dropped. */
  edit: JournalEdit | null;
}

export function readJournal(all: Record<string, string>): { entries: JournalEntry[]; edits: JournalEdit[] } {
  const entries: JournalEntry[] = [];
  for (const k of Object.keys(all)) {
    if (!k.startsWith(JOURNAL_PREFIX) || k.includes('#')) continue;
    const keys = [k];
    let text = all[k];
    for (let n = 1; all[`${k}#${n}`] !== undefined; n++) {
      keys.push(`${k}#${n}`);
      text += all[`${k}#${n}`];
    }
    entries.push({ keys, edit: parseEdit(text) });
  }
  // Parts whose first part is gone.
  const known = new Set(entries.flatMap((e) => e.keys));
  for (const k of Object.keys(all)) if (k.startsWith(JOURNAL_PREFIX) && !known.has(k)) entries.push({ keys: [k], edit: null });
  return { entries, edits: entries.flatMap((e) => (e.edit ? [e.edit] : [])) };
}

function parseEdit(text: string): JournalEdit | null {
  try {
    const edit = JSON.parse(text) as JournalEdit;
    return Array.isArray(edit?.rows) ? edit : null;
  } catch {
    return null;
  }
}

export function dropJournal(entries: JournalEntry[]): void {
  store.writeProperties(Object.fromEntries(entries.flatMap((e) => e.keys.map((k) => [k, null]))));
}
