/**
 * Takes back the writes of a run on new rows (gas/new-rows-in-place.ts) that did not land where it
 * read the rows: they go to the rows' places, and rows or columns moved between its read and its
 * writes. Everything the run wrote is undone, so that nothing it decided stands and the full path
 * plans the rows again from the sheet as it is (the run's intent is dropped after this):
 * - columns moved (the header changed; rows stay where they are): each cell of the new rows the
 *   run wrote gets back what the run read under the header that cell is in now;
 * - rows moved (a sort, an insert, a deletion): the whole tab is read once; every new Lead ID comes
 *   off the row it is on, then a lead Baton knows gets back its recorded value of each written
 *   field that shows a value the run wrote and nobody typed since the mark (Baton State keeps every
 *   written field, Created too), and the lead whose ID was written over (the record whose ID the tab
 *   no longer shows, with the row's name, mailbox and phone) its ID; each new row, found by its
 *   people's data wherever it is, gets back what the run read there; an empty row that moved among
 *   them gets its cells emptied.
 */
import type { CellValue } from '../core/conditions';
import { rowPrint, showsTyped } from '../core/edit-journal';
import { fingerprint, sameCell } from '../core/fingerprint';
import type { CellWrite } from '../core/intake-plan';
import { batonHeaders, locateColumns, WRITTEN_FIELDS } from '../core/lead-columns';
import { cellText, emailKey, phoneKey } from '../core/lead-checks';
import { leadIdOf } from '../core/lead-id';
import { memoryOf, recordedValue, type LeadState } from '../core/lead-state';
import { asCellValue } from '../core/cell-text';
import * as store from './document-store';
import type { InPlaceContext } from './edit-in-place';
import { readJournal } from './edit-journal';
import { applyWrites } from './leads-apply';
import { readWholeTab } from './read-tab';
import { loadState } from './state-tab';

/** What the run read and wrote: the header and rows (the mark's last row first), the new rows' sheet rows and written columns (0-based, as read). */
export interface NewRowWrites {
  header: CellValue[];
  rows: CellValue[][];
  /** The rows with the run's decisions: what it wrote. */
  decided: CellValue[][];
  first: number;
  columns: number[];
  /** The Lead IDs the run gave the new rows. */
  ids: Set<string>;
}

/** `headerNow`: the header as read after the writes when it changed (columns moved), else null (rows moved). */
export function takeBackNewRowWrites(x: InPlaceContext, w: NewRowWrites, headerNow: CellValue[] | null, rowsNow: CellValue[][]): void {
  if (headerNow) columnsMoved(x, w, headerNow, rowsNow);
  else rowsMoved(x, w);
}

/**
 * The header changed: the new rows are where they were. A write may have landed before the move
 * (its cells moved with their columns) or after (in the cells now under other headers), so every
 * cell of the new rows under one of Baton's headers, and every cell the run wrote to, gets what the
 * read showed under the header it is in now.
 */
function columnsMoved(x: InPlaceContext, w: NewRowWrites, headerNow: CellValue[], rowsNow: CellValue[][]): void {
  const text = (h: CellValue | undefined) => String(h ?? '').trim();
  const readAt = new Map(w.header.map((h, c) => [text(h), c]));
  const baton = new Set(w.columns.map((c) => text(w.header[c])));
  const touched = new Set(w.columns);
  headerNow.forEach((h, c) => baton.has(text(h)) && touched.add(c));
  // The rows moved too if a new row's people's data is not what the run read, by header.
  const inPlace = rowsNow.slice(1).every((row, k) =>
    row.every((v, c) => {
      const was = readAt.get(text(headerNow[c]));
      return touched.has(c) || was === undefined || sameCell(v, w.rows[k + 1][was]);
    }),
  );
  if (!inPlace) return;
  for (const c of [...touched].sort((a, b) => a - b)) {
    const was = readAt.get(text(headerNow[c]));
    const cells = w.rows.slice(1).map((row) => [asCellValue(was === undefined ? '' : row[was] ?? '')]);
    x.sheet.getRange(w.first, c + 1, cells.length, 1).setValues(cells);
  }
}

/** Rows moved: every cell the run wrote found by what it shows, and given back. */
function rowsMoved(x: InPlaceContext, w: NewRowWrites): void {
  const mark = x.mark!;
  const values = readWholeTab(x.sheet);
  const header = values[0] ?? [];
  const columns = locateColumns(header, x.config);
  const idColumn = columns.index.leadId;
  if (idColumn === undefined) return;
  const state = loadState(x.ss) ?? new Map<string, LeadState>();
  const baton = batonHeaders(x.config.columns);
  const readColumns = locateColumns(w.header, x.config).index;
  const fields = WRITTEN_FIELDS.filter((f) => columns.index[f] !== undefined && readColumns[f] !== undefined && w.columns.includes(readColumns[f]!));
  // The values the run wrote in each field, to tell them from a lead's own.
  const wrote = new Map(fields.map((f) => [f, w.decided.slice(1).map((row) => row[readColumns[f]!] ?? '')]));
  const newRows = new Map(w.rows.slice(1).map((row, k) => [rowPrint(w.header, row, baton), k + 1]));
  const shown = new Set(values.slice(1).map((row) => leadIdOf(row[idColumn])));
  const lost = [...state.values()].filter((r) => !shown.has(leadIdOf(r.leadId)));

  // First the new Lead IDs off every row: until then the write protocol would take a row showing
  // one for a copy of the new lead, and find no row to give its own ID back to.
  const clear: CellWrite[] = [];
  const after = values.map((row) => [...row]);
  for (let i = 1; i < values.length; i++) {
    const id = leadIdOf(values[i][idColumn]);
    if (!w.ids.has(id)) continue;
    clear.push({ target: { row: i + 1, leadId: id, fingerprint: fingerprint(values[i]) }, field: 'leadId', column: idColumn, before: values[i][idColumn], value: '' });
    after[i][idColumn] = '';
  }

  const writes: CellWrite[] = [];
  const give = (i: number, field: string, value: CellValue) => {
    const c = columns.index[field]!;
    if (sameCell(after[i][c], value)) return;
    writes.push({ target: { row: i + 1, leadId: leadIdOf(after[i][idColumn]), fingerprint: fingerprint(after[i]) }, field, column: c, before: after[i][c], value });
  };
  const ours = (field: string, v: CellValue) => (wrote.get(field as never) ?? []).some((x) => sameCell(x, v));
  for (let i = 1; i < after.length; i++) {
    const row = after[i];
    const k = newRows.get(rowPrint(header, row, baton));
    if (k !== undefined) {
      // One of the new rows, wherever it is now: what the run read there.
      for (const f of fields) give(i, f, w.rows[k][readColumns[f]!] ?? '');
      continue;
    }
    const cleared = leadIdOf(values[i][idColumn]) !== '' && leadIdOf(row[idColumn]) === '';
    const id = leadIdOf(row[idColumn]);
    const record = cleared ? lostLead(row, lost, columns.index, x.config.intake.phoneRegion) : id ? state.get(id) : undefined;
    if (record) {
      // A lead Baton knows: its ID if a new one was on it, and each written field showing a value the run wrote that its record does not hold.
      for (const f of fields) {
        const mine = f === 'leadId' ? leadIdOf(record.leadId) : recordedValue(record, f);
        if (mine !== undefined && (f === 'leadId' ? cleared : ours(f, row[columns.index[f]!]))) give(i, f, mine);
      }
    } else if (id === '') {
      // Any other row (an empty one moved among the new rows): the run's values taken off it.
      for (const f of fields) if (cellText(row[columns.index[f]!]) !== '' && ours(f, row[columns.index[f]!])) give(i, f, '');
    }
  }
  const edits = readJournal(store.readAll()).edits;
  const options = {
    mode: 'roll-forward' as const,
    header,
    baton: () => true,
    nameColumn: columns.index.name,
    // What people typed since the last full run read the tab stays theirs.
    theirs: (now: CellValue[][], idCol: number) => showsTyped(edits, x.sheet.getName(), mark.readAt, now, idCol, baton),
  };
  if (clear.length) applyWrites(x.sheet, clear, idColumn, options);
  if (writes.length) applyWrites(x.sheet, writes, idColumn, options);
}

/** The one lead whose ID the tab no longer shows that has this row's name, mailbox and phone; undefined when not exactly one. */
function lostLead(row: CellValue[], lost: LeadState[], col: Record<string, number | undefined>, region: string): LeadState | undefined {
  const at = (f: string) => (col[f] === undefined ? '' : row[col[f]!]);
  const name = cellText(at('name')).slice(0, 80);
  const email = emailKey(at('email'));
  const phone = phoneKey(at('phone'), region);
  const match = lost.filter((r) => {
    const m = memoryOf(r);
    return m.name === name && m.emailKey === email && m.phoneKey === phone;
  });
  return match.length === 1 ? match[0] : undefined;
}
