/** Server function behind the sidebar's fairness view: reads the Leads tab once and the routing state. */
import type { CellValue } from '../core/conditions';
import { parseConfig } from '../core/config';
import { fairness, type FairnessView } from '../core/fairness';
import { locateColumns } from '../core/lead-columns';
import { now } from './clock';
import * as store from './document-store';

export function getFairness(): FairnessView | { problems: string[] } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const all = store.readAll();
  const stored = store.readConfig(all);
  if (!stored) return { problems: ['Baton is not set up yet.'] };
  const parsed = parseConfig(stored.json, () => ss.getSpreadsheetTimeZone());
  if (!parsed.ok) return { problems: parsed.problems };
  const sheet = ss.getSheetByName(parsed.config.leadsSheet);
  if (!sheet) return { problems: [`There is no "${parsed.config.leadsSheet}" tab.`] };
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const at = now();
  const today = Utilities.formatDate(new Date(at), parsed.config.timeZone, 'yyyy-MM-dd');
  return fairness(values.slice(1), locateColumns(values[0] ?? [], parsed.config), parsed.config, store.readRouting(all), at, today);
}
