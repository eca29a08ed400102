/**
 * What each trigger does with its event. The installable handlers (FULL authorization, running
 * as the trigger owner) do the work; the simple onEdit (LIMITED, 30 s, may be dropped) steps in
 * only when the installable triggers look down, and uses nothing that needs authorization.
 */
import { heartbeatIsFresh } from '../core/trigger-ownership';
import { now } from './clock';
import * as store from './document-store';
import { journalEdit, type EditedLead } from './edit-journal';
import { runHandoff, type IntakeTrigger } from './handoff';
import { hasLiveRange, notATrigger } from './guard';
import { alertIfStale, warnOnSimpleEdit } from './health';
import { retireIfNotOwner } from './setup';

type RangeEvent = { range?: GoogleAppsScript.Spreadsheet.Range };

function editedRows(e: RangeEvent, leads?: EditedLead[] | null): IntakeTrigger['edited'] {
  if (!e.range) return undefined;
  const rowStart = e.range.getRow();
  const columnStart = e.range.getColumn();
  return { rowStart, rowEnd: rowStart + e.range.getNumRows() - 1, columnStart, columnEnd: columnStart + e.range.getNumColumns() - 1, leads: leads ?? undefined };
}

/** The config's column names (read without validation: the journal needs only the headers). */
function configColumns(all: Record<string, string>): Record<string, string> | null {
  const json = store.readConfig(all)?.json as { columns?: unknown } | null | undefined;
  return json && typeof json.columns === 'object' && json.columns !== null ? (json.columns as Record<string, string>) : null;
}

/** What a one-cell edit typed, as the event gives it (a string; absent for a cleared cell or a paste). */
function typedValue(e: GoogleAppsScript.Events.SheetsOnEdit): string | undefined {
  return typeof e.value === 'string' ? e.value : undefined;
}

/** The editor's e-mail: `e.user` is a User (getEmail) on Google and in its JSON form {email, nickname}. */
function editor(e: GoogleAppsScript.Events.SheetsOnEdit): string {
  const user = e.user as unknown as { getEmail?: () => string; email?: string } | undefined;
  return (typeof user?.getEmail === 'function' ? user.getEmail() : user?.email) ?? '';
}

/**
 * Best effort: a journal that cannot be written (a quota, a service error) must not stop the edit's
 * own run, which then finds its rows by the event's range and judges the edit with its editor.
 */
function journalSafely(e: GoogleAppsScript.Events.SheetsOnEdit, all: Record<string, string>): EditedLead[] | null {
  try {
    return journalEdit(e.range, editor(e), configColumns(all), typedValue(e), all);
  } catch {
    return null;
  }
}

/**
 * Each handler first checks that Apps Script called it with a real event (a live Range: see
 * guard.ts): a direct call through google.script.run or the script editor runs with the caller's
 * full authority, so it gets an answer and nothing else (no intake, no mail, no toast).
 */
export function onSimpleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): string | undefined {
  if (!hasLiveRange(e)) return notATrigger('onEdit', 'edit');
  const all = store.readAll();
  // Journaled here too, first: the simple trigger starts before the installable one, and another
  // person's run may judge this edit in between (it needs the editor's name to).
  let leads: EditedLead[] | null = null;
  let journalError: unknown = null;
  try {
    leads = journalEdit(e.range, editor(e), configColumns(all), typedValue(e), all);
  } catch (err) {
    journalError = err;
  }
  const ownership = store.readOwnership(all);
  if (ownership && heartbeatIsFresh(ownership, store.readHeartbeat(all)?.at ?? null, now())) {
    // Journaling was all this run had to do: its failure is the execution's (the installable
    // trigger journals the edit again, and runs it).
    if (journalError) throw journalError;
    return;
  }
  warnOnSimpleEdit(all);
  runHandoff({ actor: editor(e), sheetName: e.range.getSheet().getName(), edited: editedRows(e, leads), kind: 'edit' });
  return undefined;
}

export function onInstalledEdit(e: GoogleAppsScript.Events.SheetsOnEdit): string | undefined {
  if (!hasLiveRange(e)) return notATrigger('batonOnEdit', 'edit');
  // One snapshot of the properties before the lock serves the steps below: none of them reads
  // what another writes (the journal adds entries; ownership and heartbeat are read, not written).
  const all = store.readAll();
  if (retireIfNotOwner(e, all)) return undefined;
  // Written down before waiting for the lock: a run holding it puts this edit back if it covers it,
  // and this edit's own run finds its rows by lead, wherever they have moved by then.
  const leads = journalSafely(e, all);
  // A sweep that stopped is news for the managers: one e-mail each per stale episode.
  alertIfStale(all);
  const sheet = e.range.getSheet();
  runHandoff({ actor: editor(e), sheetName: sheet.getName(), edited: editedRows(e, leads), route: true, kind: 'edit', source: e.source, sheet });
  return undefined;
}

export function onFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): string | undefined {
  if (!hasLiveRange(e)) return notATrigger('batonOnFormSubmit', 'form-submit');
  if (retireIfNotOwner(e)) return undefined;
  const sheet = e.range.getSheet();
  runHandoff({ actor: 'Google Form', sheetName: sheet.getName(), edited: editedRows(e), route: true, kind: 'form', sheet });
  return undefined;
}
