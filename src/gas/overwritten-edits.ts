/**
 * The one edit the write protocol's verification cannot see (docs/ARCHITECTURE.md, "The write
 * protocol", 5): a person types into a cell while a run holds the lock, the run's write replaces
 * it, and the edit's journal entry lands only after the run's last check (a simple trigger starts
 * a moment after its edit). The next run finds the entry unsettled and the cell showing exactly
 * what the last run recorded: it puts the typed value back before planning, so its plan judges the
 * edit with its editor, as if the write had never landed.
 */
import type { CellValue } from '../core/conditions';
import { overwrittenEdits, type JournalEdit } from '../core/edit-journal';
import { fingerprint } from '../core/fingerprint';
import type { CellWrite } from '../core/intake-plan';
import { locateColumns, type LeadColumns } from '../core/lead-columns';
import { leadIdOf } from '../core/lead-id';
import { recordedCell, type LeadState } from '../core/lead-state';
import type { BatonConfig } from '../core/config';
import { applyWrites } from './leads-apply';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** `values` with the overwritten edits put back (written to the tab first). */
export function putBackOverwritten(
  sheet: Sheet,
  values: CellValue[][],
  edits: JournalEdit[],
  decidedAt: number | null,
  state: Map<string, LeadState> | null,
  config: BatonConfig,
  baton: (header: string) => boolean,
): CellValue[][] {
  if (decidedAt === null || !state || !edits.length) return values;
  const columns: LeadColumns = locateColumns(values[0] ?? [], config);
  const idColumn = columns.index.leadId;
  if (idColumn === undefined) return values;
  const recordedAt = recordedCell(values, columns, state);
  const found = overwrittenEdits(edits, sheet.getName(), decidedAt, values, idColumn, baton, (row, column) => recordedAt(row, column)?.value);
  if (!found.size) return values;
  const writes: CellWrite[] = [...found].map(([key, typed]) => {
    const [row, column] = key.split(':').map(Number);
    const target = { row: row + 1, leadId: leadIdOf(values[row][idColumn]), fingerprint: fingerprint(values[row]) };
    return { target, field: recordedAt(row, column)!.field, column, before: values[row][column] ?? '', value: typed.value };
  });
  const result = applyWrites(sheet, writes, idColumn, { mode: 'roll-forward', header: values[0] ?? [], baton, nameColumn: columns.index.name });
  return result.status === 'written' ? result.values : values;
}
