/**
 * The shell of the quiet sweep (core/sweep-mark.ts): whether a sweep may skip the Leads tab,
 * checked in at most four cheap calls, and the mark a full run leaves for the next sweeps.
 */
import type { BatonConfig } from '../core/config';
import type { CellValue } from '../core/conditions';
import type { LeadColumns } from '../core/lead-columns';
import { fingerprint } from '../core/fingerprint';
import { leadIdOf } from '../core/lead-id';
import { PENDING_SHEET } from '../core/pending-run';
import { AGENDA_MAX, dueRows, isQuiet, upcoming, type AgendaEntry, type SweepMark } from '../core/sweep-mark';
import { aboutNewRows, newRows } from '../core/new-rows-in-place';
import type { TimePort } from '../core/time-port';
import * as store from './document-store';
import { readJournal } from './edit-journal';
import { learnedZoneDays } from './time-port';
import { mailWaits } from './mailer';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** True when nothing can have changed since the mark: the sweep has nothing to read or plan. */
export function sweepIsQuiet(ss: Spreadsheet, sheet: Sheet, mark: SweepMark | null, all: Record<string, string>, configRevision: number | null, now: number, backoff: boolean): boolean {
  return sweepSight(ss, sheet, mark, all, configRevision, now, backoff).quiet;
}

/**
 * What a sweep may skip: everything (`quiet`), or all but a few leads whose SLA instant it has
 * reached (`due`: their rows are planned alone, gas/edit-in-place.ts), or all but the rows added
 * below the tab (`fresh`: planned alone, gas/new-rows-in-place.ts), or nothing.
 */
export function sweepSight(
  ss: Spreadsheet,
  sheet: Sheet,
  mark: SweepMark | null,
  all: Record<string, string>,
  configRevision: number | null,
  now: number,
  backoff: boolean,
): { quiet: boolean; due: AgendaEntry[] | null; fresh: { first: number; last: number } | null } {
  const none = { quiet: false, due: null, fresh: null };
  // Mail waiting for the quota (or for a failing service) is sent by a full run.
  if (!mark || mailWaits(all)) return none;
  const edits = readJournal(all).edits;
  const sight = { now, configRevision, lastRow: mark.lastRow, lastColumn: mark.lastColumn, pending: store.readPendingEdit(all) !== null, journalEntries: edits.length, backoff };
  // People's edits of rows below the tab are the business of the run that plans those rows alone.
  const besideNewRows = { ...sight, journalEntries: edits.filter((e) => !aboutNewRows(e, mark)).length };
  // What the properties already tell first; the spreadsheet is asked only when they allow it.
  if (!isQuiet(mark, sight) && !dueRows(mark, sight) && !isQuiet(mark, besideNewRows)) return none;
  const pending = ss.getSheetByName(PENDING_SHEET);
  const seen = { ...sight, lastRow: sheet.getLastRow(), lastColumn: sheet.getLastColumn(), pending: sight.pending || (!!pending && pending.getLastRow() > 0) };
  return { quiet: isQuiet(mark, seen), due: dueRows(mark, seen), fresh: newRows(mark, { ...seen, journalEntries: besideNewRows.journalEntries }) };
}

/**
 * The sweep's first step, before the lock, on the sweep's snapshot of the properties: the Leads
 * tab's cells (what housekeeping needs) when the mark shows nothing to do (about eight calls),
 * else null. A run in progress took the mark away when it started, so this never skips work
 * another run has begun; the check under the lock (`sweepSight`) stays for runs that get that far.
 */
export function quietBeforeLock(now: number, all: Record<string, string>): { leadsCells: number } | null {
  const mark = store.readSweepMark(all);
  if (!mark) return null;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(mark.sheet);
  if (!sheet) return null;
  const revision = store.readConfig(all)?.revision ?? null;
  if (!sweepIsQuiet(ss, sheet, mark, all, revision, now, store.readBackoff(all) !== null)) return null;
  return { leadsCells: mark.lastRow * mark.lastColumn };
}

/** A full run leaves a mark only when it owes nothing to the next sweep; see core/sweep-mark.ts. */
export function leaveSweepMark(
  values: CellValue[][],
  planned: { lastRow: number; lastColumn: number },
  columns: LeadColumns,
  config: BatonConfig,
  configRevision: number | null,
  port: TimePort,
  readAt: number,
  readyAt: Map<number, number | null>,
  loads: Record<string, number> | null,
): void {
  // The days the run's time port learned go with the mark, in the same call.
  const next = upcoming(values, columns, config, port, readAt, (i) => readyAt.get(i + 1) ?? null, AGENDA_MAX);
  const idColumn = columns.index.leadId;
  const tail = idColumn === undefined ? '' : leadIdOf(values[planned.lastRow - 1]?.[idColumn]);
  store.writeSweepMark(learnedZoneDays(), {
    configRevision,
    sheet: config.leadsSheet,
    lastRow: planned.lastRow,
    lastColumn: planned.lastColumn,
    readAt,
    nextCheckAt: next.next,
    header: fingerprint(values[0] ?? []),
    agenda: next.agenda,
    agendaEnd: next.end,
    tail,
    ...(loads ? { loads } : {}),
  });
}
