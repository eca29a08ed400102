/**
 * Baton's records in the document properties: the config (chunked under the 9 KB value limit and
 * switched in by one pointer write, so a reader never sees half of a new config), who owns the
 * triggers, and the sweep heartbeat.
 */
import { splitIntoChunks } from '../core/chunks';
import type { RoutingState } from '../core/routing';
import { fingerprint } from '../core/fingerprint';
import { SUMMARY_EVERY_MS } from '../core/failure-summary';
import type { Failure } from '../core/sheet-failures';
import type { TriggerOwnership } from '../core/trigger-ownership';
import type { SweepMark } from '../core/sweep-mark';

const KEYS = {
  configPointer: 'baton.config',
  configChunk: (revision: number, i: number) => `baton.config.r${revision}.${i}`,
  triggers: 'baton.triggers',
  heartbeat: 'baton.heartbeat',
  failures: 'baton.failures',
  routing: 'baton.routing',
  backoff: 'baton.backoff',
  summary: 'baton.failureSummary',
  report: 'baton.report',
  needsInfoDay: 'baton.needsInfoDay',
  leadsTab: 'baton.leadsTab',
  sweepMark: 'baton.sweepMark',
  tidiedAt: 'baton.tidiedAt',
  untidy: 'baton.untidy',
  decidedAt: 'baton.decidedAt',
  pendingEdit: 'baton.pendingEdit',
};

interface ConfigPointer {
  revision: number;
  chunks: number;
  savedAt: number;
  savedBy: string;
}

export interface StoredConfig {
  json: unknown;
  revision: number;
  savedAt: number;
  savedBy: string;
}

export interface Heartbeat {
  at: number;
  by: string;
}

/** The store's handle, asked for once per execution (each ask is a service call). */
let handle: GoogleAppsScript.Properties.Properties | null = null;

function props(): GoogleAppsScript.Properties.Properties {
  handle ??= PropertiesService.getDocumentProperties();
  return handle;
}

function parse<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function readAll(): Record<string, string> {
  return props().getProperties();
}

/** Reads the config from one getProperties() snapshot; null when none was saved. */
export function readConfig(all: Record<string, string>): StoredConfig | null {
  const pointer = parse<ConfigPointer>(all[KEYS.configPointer] ?? null);
  if (!pointer) return null;
  let text = '';
  for (let i = 0; i < pointer.chunks; i++) {
    const piece = all[KEYS.configChunk(pointer.revision, i)];
    if (piece === undefined) return null;
    text += piece;
  }
  return { json: parse<unknown>(text), revision: pointer.revision, savedAt: pointer.savedAt, savedBy: pointer.savedBy };
}

/** Writes a new revision's chunks, then the pointer, then drops the previous revision. */
export function writeConfig(all: Record<string, string>, config: unknown, savedBy: string, now: number): number {
  const previous = parse<ConfigPointer>(all[KEYS.configPointer] ?? null);
  const revision = (previous?.revision ?? 0) + 1;
  const chunks = splitIntoChunks(JSON.stringify(config));
  const store = props();
  const values: Record<string, string> = {};
  chunks.forEach((c, i) => (values[KEYS.configChunk(revision, i)] = c));
  store.setProperties(values);
  const pointer: ConfigPointer = { revision, chunks: chunks.length, savedAt: now, savedBy };
  store.setProperty(KEYS.configPointer, JSON.stringify(pointer));
  for (const key of Object.keys(all)) {
    if (key.startsWith('baton.config.r') && !key.startsWith(`baton.config.r${revision}.`)) store.deleteProperty(key);
  }
  return revision;
}

export function readOwnership(all: Record<string, string>): TriggerOwnership | null {
  return parse<TriggerOwnership>(all[KEYS.triggers] ?? null);
}

export function writeOwnership(ownership: TriggerOwnership): void {
  props().setProperty(KEYS.triggers, JSON.stringify(ownership));
}

export function readHeartbeat(all: Record<string, string>): Heartbeat | null {
  return parse<Heartbeat>(all[KEYS.heartbeat] ?? null);
}

export function writeHeartbeat(beat: Heartbeat): void {
  props().setProperty(KEYS.heartbeat, JSON.stringify(beat));
}

/**
 * Whether the current failures differ from those last recorded. Only a fingerprint is kept: a
 * list of many failing leads would not fit in one property value.
 */
export function failuresChanged(all: Record<string, string>, current: Failure[]): boolean {
  const print = fingerprint(current.map((f) => `${f.leadId}|${f.kind}|${f.message}`));
  if (all[KEYS.failures] === print) return false;
  props().setProperty(KEYS.failures, print);
  return true;
}

export interface Backoff {
  /** Runs in a row that stopped. */
  attempts: number;
  /** Sweeps wait until then (ms). */
  until: number;
  /** When the first of these runs stopped (ms), why the last did, and the kinds the managers were e-mailed about. */
  since?: number;
  kind?: string;
  message?: string;
  told?: string[];
}

/** The sweeps' backoff after runs that stopped; null when they need not wait. */
export function readBackoff(all: Record<string, string>): Backoff | null {
  return parse<Backoff>(all[KEYS.backoff] ?? null);
}

export function writeBackoff(backoff: Backoff): void {
  props().setProperty(KEYS.backoff, JSON.stringify(backoff));
}

export function clearBackoff(): void {
  props().deleteProperty(KEYS.backoff);
}

/** Whether a day has passed since the last reminder of lasting failures. */
export function summaryDue(all: Record<string, string>, now: number): boolean {
  const last = Number(all[KEYS.summary] ?? 0);
  return !(now - last < SUMMARY_EVERY_MS);
}

export function summarized(now: number): void {
  props().setProperty(KEYS.summary, String(now));
}

/** The local date of the last daily Needs-info digest (core/needs-info-aging.ts). */
export function readNeedsInfoDay(all: Record<string, string>): string | null {
  return all[KEYS.needsInfoDay] ?? null;
}

export function writeNeedsInfoDay(day: string): void {
  props().setProperty(KEYS.needsInfoDay, day);
}

/** Forgets the recorded failures, so the next run brings the Failures tab in step whatever it finds. */
export function forgetFailures(): void {
  props().deleteProperty(KEYS.failures);
}

export function readRouting(all: Record<string, string>): RoutingState {
  return parse<RoutingState>(all[KEYS.routing] ?? null) ?? { pools: {} };
}

export function writeRouting(state: RoutingState): void {
  props().setProperty(KEYS.routing, JSON.stringify(state));
}

/** The last week (its Monday, 'YYYY-MM-DD') whose weekly report was built; null before the first. */
export function readReportWeek(all: Record<string, string>): string | null {
  return parse<{ week: string }>(all[KEYS.report] ?? null)?.week ?? null;
}

export function writeReportWeek(week: string, at: number): void {
  props().setProperty(KEYS.report, JSON.stringify({ week, at }));
}

/** The week whose scheduled report last failed to build, so the failure is logged once. */
export function readReportFailure(all: Record<string, string>): string | null {
  return parse<{ failed?: string }>(all[KEYS.report] ?? null)?.failed ?? null;
}

export function writeReportFailure(all: Record<string, string>, week: string): void {
  const current = parse<Record<string, unknown>>(all[KEYS.report] ?? null) ?? {};
  props().setProperty(KEYS.report, JSON.stringify({ ...current, failed: week }));
}

/** The sheet id of the Leads tab as last seen: a renamed tab is found again by it. */
export function readLeadsTab(all: Record<string, string>): number | null {
  const id = Number(all[KEYS.leadsTab]);
  return all[KEYS.leadsTab] !== undefined && Number.isInteger(id) ? id : null;
}

export function writeLeadsTab(id: number): void {
  props().setProperty(KEYS.leadsTab, String(id));
}

/** The quiet-sweep mark (core/sweep-mark.ts): null when none is set. */
export function readSweepMark(all: Record<string, string>): SweepMark | null {
  return parse<SweepMark>(all[KEYS.sweepMark] ?? null);
}

/** The mark, with `also` (other properties the run owes) in the same call. */
export function writeSweepMark(also: Record<string, string>, mark: SweepMark): void {
  props().setProperties({ ...also, [KEYS.sweepMark]: JSON.stringify(mark) });
}

export function clearSweepMark(): void {
  props().deleteProperty(KEYS.sweepMark);
}

/** When the hidden tabs' grids were last trimmed (gas/hidden-tabs.ts); 0 when never. */
export function readTidiedAt(all: Record<string, string>): number {
  return Number(all[KEYS.tidiedAt] ?? 0) || 0;
}

export function writeTidiedAt(at: number): void {
  props().setProperty(KEYS.tidiedAt, String(at));
  props().deleteProperty(KEYS.untidy);
}

/** A tab Baton just created still has a new tab's grid: the next sweep trims it. */
export function markUntidy(): void {
  props().setProperty(KEYS.untidy, '1');
}

export function isUntidy(all: Record<string, string>): boolean {
  return all[KEYS.untidy] === '1';
}

/**
 * When the run that last recorded the leads' state read the tab: an edit journaled after it that a
 * cell no longer shows, where the cell holds what that run recorded, was written over by it.
 */
export function readDecidedAt(all: Record<string, string>): number | null {
  const n = Number(all[KEYS.decidedAt]);
  return all[KEYS.decidedAt] && Number.isFinite(n) ? n : null;
}

export function writeDecidedAt(at: number): void {
  props().setProperty(KEYS.decidedAt, String(at));
}

/**
 * An edit run's intent on one lead (gas/pending-run.ts), as encoded there; null when none is kept
 * (an empty value is none: the run clears it in the call that writes the mark back).
 */
export function readPendingEdit(all: Record<string, string>): string | null {
  return all[KEYS.pendingEdit] || null;
}

export function clearPendingEdit(): void {
  props().deleteProperty(KEYS.pendingEdit);
}

export function writeProperty(key: string, value: string): void {
  props().setProperty(key, value);
}

/**
 * Several properties in one call (`null` deletes a key, in one more call each): what an edit run on
 * one lead records before and after its writes (gas/edit-in-place.ts).
 */
export function writeProperties(values: Record<string, string | null>): void {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null) set[k] = v;
  if (Object.keys(set).length) props().setProperties(set);
  for (const [k, v] of Object.entries(values)) if (v === null) props().deleteProperty(k);
}

export const PROPERTY_KEYS = { sweepMark: KEYS.sweepMark, pendingEdit: KEYS.pendingEdit, routing: KEYS.routing };
