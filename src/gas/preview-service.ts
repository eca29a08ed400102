/**
 * The sidebar's "Preview before save": a draft config applied to the current leads by the core
 * (core/config-preview.ts), with nothing written: no lock, no sheet, property, log or outbox
 * change. Managers only, checked here. Reads a fixed number of times whatever the number of leads:
 * the properties once (the outbox lives there), the Leads tab and Baton State in one getValues() each.
 */
import type { CellValue } from '../core/conditions';
import { parseConfig } from '../core/config';
import { previewConfig as preview } from '../core/config-preview';
import type { PreviewResult } from '../server-api';
import { now } from './clock';
import { draftProblem } from './config-service';
import * as store from './document-store';
import { check } from './guard';
import { loadOutbox } from './mailer';
import { knownKeys } from '../core/outbox';
import { loadState } from './state-tab';
import { checkedTimePort } from './time-port';

export function previewConfig(input: unknown): PreviewResult {
  // The role first (the stored config says who manages, never the draft: a draft cannot make its
  // sender a manager), so someone who may not preview gets the refusal, not a review of the draft.
  const all = store.readAll();
  const { problem: refused } = check('manage', 'preview changes to its settings', all);
  if (refused) return { ok: false, problems: [refused] };
  // As saving refuses it: not an object, or too large to parse.
  const problem = draftProblem(input);
  if (problem) return { ok: false, problems: [problem] };
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const stored = store.readConfig(all);
  if (!stored) return { ok: false, problems: ['Baton is not set up yet: choose Set up Baton first.'] };
  const parsed = parseConfig(input, () => ss.getSpreadsheetTimeZone());
  if (!parsed.ok) return { ok: false, problems: parsed.problems, issues: parsed.issues };
  const draft = parsed.config;
  const checked = checkedTimePort(draft.timeZone, now());
  if (checked.port === null) return { ok: false, problems: [checked.problem], issues: [{ path: 'timeZone', message: checked.problem }] };
  const sheet = ss.getSheetByName(draft.leadsSheet);
  if (!sheet) return { ok: false, problems: [`There is no "${draft.leadsSheet}" tab to preview against.`] };
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const outbox = loadOutbox(ss, all);
  return {
    ok: true,
    preview: preview({
      draft,
      snapshot: { header: values[0] ?? [], rows: values.slice(1) },
      state: loadState(ss),
      routing: store.readRouting(all),
      now: now(),
      port: checked.port,
      queued: knownKeys(outbox.record),
    }),
  };
}
