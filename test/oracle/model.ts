/**
 * The lifecycle oracle's reference model (issue 15): what the Leads tab, Baton Log, Baton Failures
 * and the mail must look like after a sequence of people's actions and a quiet hour of sweeps.
 * Written from SPEC.md and docs/ (each rule cites its section), never from src/: the model sees
 * what each action hit (the sheet as the person saw it when it landed), who made it and when, and
 * derives what Baton must have done. Where the docs leave a case open, the check is weaker rather
 * than a guess, and says so.
 */
import { HEADERS, HOSTILE, MARIA, RENAMES } from './generate';

/** SPEC.md, "The sheets Baton keeps": Lead IDs are `L-` and six characters (docs/INTAKE.md, 1). */
const LEAD_ID = /^L-[A-Z0-9]{6}$/;
/** Baton's own columns: always Baton's, a person's edit there is reverted (docs/ROUTING.md, Ownership guard). */
const SYSTEM = new Set(['Lead ID', 'Assigned At', 'SLA Due', 'First Contact', 'SLA', 'Problems']);
const CLOSED = new Set(['Qualified', 'Won', 'Lost', 'Disqualified']);
/** docs/INTAKE.md, "Identity and duplicates": a live lead is New, Needs info, Ready, Assigned, Contacted or an unknown status. */
const NOT_LIVE = new Set([...CLOSED, 'Duplicate', 'Ineligible']);
const OWNED = new Set(['Assigned', 'Contacted']);
/** The fixed config's pools (generate.ts, baseConfig): North → Ana, Cy; everyone else → the fallback, Ben. */
const POOL: Record<string, string[]> = { North: ['ana@acme.test', 'cy@acme.test', 'ben@acme.test'], South: ['ben@acme.test'] };
const TARGET_MS = 60 * 60_000;
/** Longer than any run the soak makes (modeled time): how far before an edit its judging run may have started. */
const RUN_MAX_MS = 60_000;
const DUE_SOON = 0.8;

export const INVARIANTS = [
  'lead-once',
  'single-owner',
  'assigned-once',
  'owner-in-pool',
  'typed-value-kept',
  'override-logged',
  'ready-owned-or-failed',
  'failure-alerted-once',
  'sla-column',
  'no-formula-or-html',
] as const;
export type Invariant = (typeof INVARIANTS)[number];

export interface Violation {
  invariant: Invariant;
  message: string;
}

type Value = unknown;
/** A view of the Leads tab: its values as getValues gives them (row 1 the headers). */
export type View = Value[][];

/** One event the runner applied, with the sheet as the person saw it just before. */
export interface Applied {
  event: Record<string, unknown>;
  /** Emulated ms when it landed. */
  time: number;
  /** Whether it landed inside a running execution (a `during` event). */
  inRun: boolean;
  before: View;
}

export interface Observed {
  applied: Applied[];
  /** The Leads tab at the start of each execution and at the end. */
  views: View[];
  final: { leads: View; log: Value[][]; failures: Value[][]; formulas: Record<string, Record<string, string>> };
  mails: { at: number; to: string; subject: string; body: string; htmlBody: string | null }[];
  end: number;
  /** Every execution: when it started, its function, and the error it ended with. */
  executions: { at: number; function: string; error: string | null }[];
  /** The Leads tab the scenario starts with (people's own data, formulas included). */
  initial: Value[][];
  /** Whether any fault was injected (a digest may then go out twice: docs/SLA.md, "at most one duplicate"). */
  faults: boolean;
}

const text = (v: Value) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v));
const timeOf = (v: Value): number | null => {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
};

/** The column of a lead header in a header row, renamed or not (generate.ts, RENAMES). */
function col(headers: Value[], header: string): number {
  // The header itself first: a renamed copy of it elsewhere is another column.
  const exact = headers.findIndex((h) => text(h) === header);
  return exact >= 0 || !RENAMES[header] ? exact : headers.findIndex((h) => text(h) === RENAMES[header]);
}

/** "A1:B2" → 1-based bounds. */
function bounds(a1: string): { r0: number; c0: number; r1: number; c1: number } {
  const cell = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s.toUpperCase())!;
    let c = 0;
    for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    return { r: Number(m[2]), c };
  };
  const [a, b = a] = a1.split(':');
  const p = cell(a);
  const q = cell(b);
  return { r0: p.r, c0: p.c, r1: q.r, c1: q.c };
}

interface Row {
  id: string;
  name: string;
  get(header: string): Value;
}
function rowsOf(view: View): Row[] {
  const headers = view[0] ?? [];
  const iId = col(headers, 'Lead ID');
  const iName = col(headers, 'Name');
  return view.slice(1).map((r) => ({
    id: iId < 0 ? '' : text(r[iId]),
    name: iName < 0 ? '' : text(r[iName]),
    get: (h: string) => {
      const i = col(headers, h);
      return i < 0 ? undefined : r[i];
    },
  }));
}

/** Which lead a person's write concerns: its Lead ID when it had one, else its Name. */
interface Key {
  id: string;
  name: string;
}

/** A value a person (or an integration) put into one cell of a lead. */
interface Write {
  key: Key;
  header: string;
  value: string;
  user: string;
  time: number;
  inRun: boolean;
  /** Part of a multi-cell paste (docs/ROUTING.md: a paste is judged as one). */
  multi: boolean;
  /** On a row showing the same Lead ID as another (a copy Baton has not handled yet). */
  twin?: boolean;
  before: { value: string; status: string; owner: string };
  seq: number;
}

export function check(o: Observed): Violation[] {
  const out: Violation[] = [];
  const add = (invariant: Invariant, message: string) => out.push({ invariant, message });
  const writes: Write[] = [];
  const deleted: { key: Key; seq: number }[] = [];
  /** Formulas people or integrations put in, by text (anything else in a formula cell is Baton's). */
  const formulaInputs = new Set<string>();
  const expectedNames = new Map<string, number>();
  let namesKnown = true;
  const idName = new Map<string, string>();

  const bump = (name: string, d: number) => {
    if (!name) return;
    expectedNames.set(name, (expectedNames.get(name) ?? 0) + d);
  };
  const namesIn = (view: View) => {
    const m = new Map<string, number>();
    for (const r of rowsOf(view)) if (r.name) m.set(r.name, (m.get(r.name) ?? 0) + 1);
    return m;
  };
  /** lead-once: Baton writes no Name, so the tab's names follow people's actions alone (SPEC.md, "Never lose a lead"). */
  const compareNames = (view: View, when: string) => {
    if (!namesKnown) return;
    const got = namesIn(view);
    const keys = new Set([...got.keys(), ...expectedNames.keys()]);
    for (const k of keys) {
      const want = expectedNames.get(k) ?? 0;
      if ((got.get(k) ?? 0) !== want) add('lead-once', `${when}: ${JSON.stringify(k)} is on ${got.get(k) ?? 0} row(s), people's actions leave it on ${want}`);
    }
  };
  /** lead-once: a Lead ID, once on a lead, never shows on another (SPEC.md: "Writes find their lead"). */
  const checkIds = (view: View, when: string) => {
    for (const r of rowsOf(view)) {
      if (!LEAD_ID.test(r.id) || !r.name) continue;
      const was = idName.get(r.id);
      if (was === undefined) idName.set(r.id, r.name);
      else if (was !== r.name) add('lead-once', `${when}: Lead ID ${r.id} was ${JSON.stringify(was)}'s and is now on ${JSON.stringify(r.name)}'s row`);
    }
  };

  /** A cell people fill: `=` starts a formula, and `+` too (docs/PLATFORM-FACTS.md, plusStartsFormula). */
  const noteInput = (value: string) => {
    if (value.startsWith('=')) formulaInputs.add(value);
    if (value.startsWith('+')) formulaInputs.add(`=${value}`);
  };
  for (const row of o.initial) for (const v of row) noteInput(text(v));
  const first = o.applied[0]?.before ?? o.final.leads;
  for (const r of rowsOf(first)) bump(r.name, 1);

  o.applied.forEach((a, seq) => {
    const e = a.event;
    const when = `before event ${seq} (${String(e.type)} at ${new Date(a.time).toISOString()})`;
    compareNames(a.before, when);
    checkIds(a.before, when);
    const headers = a.before[0] ?? [];
    const before = rowsOf(a.before);
    const rowAt = (r: number): Row | undefined => before[r - 2];
    const iName = col(headers, 'Name');
    const iId = col(headers, 'Lead ID');
    const keyOf = (r: number): Key => ({ id: LEAD_ID.test(rowAt(r)?.id ?? '') ? rowAt(r)!.id : '', name: rowAt(r)?.name ?? '' });
    switch (e.type) {
      case 'edit': {
        const { r0, c0, r1, c1 } = bounds(String(e.range));
        const values = e.values as Value[][];
        const multi = r0 !== r1 || c0 !== c1;
        for (let r = r0; r <= r1; r++) {
          const v = values[r - r0];
          if (r === 1) continue; // a header rename: the layout, not a lead
          const nameCol = iName + 1 >= c0 && iName + 1 <= c1 && iName >= 0;
          const idCol = iId + 1 >= c0 && iId + 1 <= c1 && iId >= 0;
          const old = rowAt(r);
          const newName = nameCol ? text(v[iName + 1 - c0]) : (old?.name ?? '');
          if (nameCol) {
            bump(old?.name ?? '', -1);
            bump(newName, 1);
            // A paste that replaces a lead's Name replaces the lead (docs/INTAKE.md: "overwritten by a paste").
            if (old?.name && old.name !== newName) deleted.push({ key: { id: LEAD_ID.test(old.id) ? old.id : '', name: old.name }, seq });
          }
          const key: Key = { id: idCol ? '' : LEAD_ID.test(old?.id ?? '') ? old!.id : '', name: newName };
          const status = text(old?.get('Status'));
          const owner = text(old?.get('Owner'));
          // A row showing the same Lead ID as another (a copy Baton has not handled yet): which of the
          // two is the lead is Baton's decision (docs/INTAKE.md, Copies), so this edit is judged like a paste.
          const twin = !!old && LEAD_ID.test(old.id) && before.filter((x) => x.id === old.id).length > 1;
          for (let c = c0; c <= c1; c++) {
            // The header's own column before a renamed copy of it (col), as Baton finds columns.
            const canonical = HEADERS.find((h) => col(headers, h) === c - 1);
            const value = text(v[c - c0]);
            noteInput(value);
            if (!canonical) continue;
            writes.push({ key, header: canonical, value, user: String(e.user), time: a.time, inRun: a.inRun, multi: multi || twin, twin, before: { value: text(old?.get(canonical)), status, owner }, seq });
          }
        }
        break;
      }
      case 'copy': {
        const from = bounds(String(e.from));
        const to = bounds(String(e.to));
        const width = from.c1 - from.c0 + 1;
        const src = a.before[from.r0 - 1] ?? [];
        // Whatever the target row held under Name is replaced by the source's.
        if (iName >= 0 && iName + 1 >= to.c0 && iName + 1 < to.c0 + width) {
          bump(rowAt(to.r0)?.name ?? '', -1);
          bump(text(src[iName + 1 - to.c0 + from.c0 - 1]), 1);
        }
        for (const v of src) noteInput(text(v));
        break;
      }
      case 'append': {
        for (const row of e.rows as Value[][]) {
          const name = iName >= 0 ? text(row[iName]) : '';
          bump(name, 1);
          row.forEach((v, c) => {
            const value = text(v);
            noteInput(value);
            const canonical = HEADERS.find((h) => col(headers, h) === c);
            if (canonical && !SYSTEM.has(canonical) && canonical !== 'Status' && canonical !== 'Owner' && canonical !== 'Created')
              writes.push({ key: { id: '', name }, header: canonical, value, user: 'integration', time: a.time, inRun: a.inRun, multi: true, before: { value: '', status: '', owner: '' }, seq });
          });
        }
        break;
      }
      case 'deleteRows': {
        const n = Number(e.count ?? 1);
        for (let r = Number(e.row); r < Number(e.row) + n; r++) {
          bump(rowAt(r)?.name ?? '', -1);
          deleted.push({ key: keyOf(r), seq });
        }
        break;
      }
      case 'deleteColumns': {
        const c = Number(e.column);
        if (c - 1 === iName) namesKnown = false;
        const header = text(headers[c - 1]);
        if (header) deleted.push({ key: { id: '*', name: header }, seq });
        break;
      }
      default:
        break;
    }
  });
  for (const v of o.views) checkIds(v, 'at the start of a run');
  compareNames(o.final.leads, 'at the end');
  checkIds(o.final.leads, 'at the end');

  // ---------------------------------------------------------------- the end state
  const finalRows = rowsOf(o.final.leads).filter((r) => r.name || r.id);
  const find = (k: Key): Row | undefined => {
    if (k.id) return finalRows.find((r) => r.id === k.id);
    const named = finalRows.filter((r) => r.name === k.name);
    return named.length === 1 ? named[0] : undefined;
  };
  const same = (a: Key, b: Key) => (a.id && b.id ? a.id === b.id : a.name === b.name && !!a.name);
  const gone = (w: Write) => deleted.some((d) => d.seq > w.seq && (same(d.key, w.key) || (d.key.id === '*' && col([d.key.name], w.header) === 0)));
  const laterWrite = (w: Write, headers: string[]) =>
    writes.some((x) => x.seq > w.seq && headers.includes(x.header) && (same(x.key, w.key) || (x.key.name === w.key.name && !!w.key.name)));
  const logs = o.final.log.slice(1).map((r) => ({ time: timeOf(r[0]) ?? 0, id: text(r[1]), event: text(r[2]), from: text(r[3]), to: text(r[4]), actor: text(r[5]), reason: text(r[6]) }));
  const failures = o.final.failures
    .slice(1)
    .map((r) => ({ id: text(r[0]), step: text(r[1]), kind: text(r[2]), message: text(r[3]), firstSeen: timeOf(r[4]) ?? 0, state: text(r[7]), subject: text(r[8]) }));

  // lead-once, at the end: every row with lead data has its own Lead ID (docs/INTAKE.md, 1), unless
  // people deleted the Lead ID, Status or Problems column: then Baton writes nothing to the tab until
  // it is back, and says so in an open 'missing header' failure (docs/INTAKE.md, docs/RECOVERY.md),
  // which failure-alerted-once checks.
  const idColumnGone = failures.some((f) => f.kind === 'missing header' && ['Lead ID', 'Status', 'Problems'].includes(f.subject) && f.state === 'open');
  // Without Lead ID, Status or Problems, Baton writes nothing; without Owner, routing and the SLA
  // clock pause (docs/RECOVERY.md, "missing header"; an open failure says so).
  const headerGone = failures.some((f) => f.kind === 'missing header' && f.state === 'open' && ['Lead ID', 'Owner', 'Status', 'Problems'].includes(f.subject));
  const seenIds = new Map<string, number>();
  for (const r of finalRows) {
    if (!r.name || idColumnGone) continue;
    if (!LEAD_ID.test(r.id)) add('lead-once', `at the end ${JSON.stringify(r.name)} has no Lead ID (${JSON.stringify(r.id)})`);
    else seenIds.set(r.id, (seenIds.get(r.id) ?? 0) + 1);
  }
  for (const [id, n] of seenIds) if (n > 1) add('lead-once', `at the end Lead ID ${id} is on ${n} rows`);

  // ------------------------------------------------------------- typed values and the guard
  for (const w of writes) {
    if (w.value === w.before.value || !w.key.name || gone(w)) continue;
    const row = find(w.key);
    const id = row?.id ?? w.key.id;
    const later = laterWrite(w, [w.header]);
    // The edit run a person's edit fired (nested in the running one when typed inside a run).
    const ownRun = o.executions.find((x) => x.function === 'batonOnEdit' && x.at >= w.time - 1 && x.at <= w.time + 5000);
    // docs/ROUTING.md, Ownership guard: a change a sweep finds has no editor ("an unknown editor"); a person's
    // change is found by a sweep when the edit run it fired stopped (docs/RECOVERY.md: the next run finishes it).
    // Or when the simple onEdit, which journals the edit first, failed: another person's run may then
    // find the change before the installable trigger journals it (docs/ARCHITECTURE.md, the write protocol, 4).
    const simpleFailed = o.executions.some((x) => x.function === 'onEdit' && !!x.error && x.at >= w.time - 1 && x.at <= w.time + 1000);
    const stopped =
      simpleFailed ||
      !!ownRun?.error || failures.some((f) => f.step === 'run' && f.message.startsWith('Handling an edit') && f.firstSeen >= w.time - 1000 && f.firstSeen <= w.time + 15 * 60_000);
    // A change no run of its own handled, typed again by someone before a run found it: the run
    // names whoever typed the value it found.
    if (stopped && later) continue;
    // Likewise when someone typed over it before any run judged it: the run that came judged the
    // later value (a run that waited for the lock and gave up leaves no trace). A run that judged
    // this value logged it (from or to); a log row's time is when its run started, which may be
    // before the later edit the run read, so the value itself tells.
    const over = writes.find((x) => x.seq > w.seq && x.header === w.header && x.user !== w.user && (same(x.key, w.key) || (x.key.name === w.key.name && !!w.key.name)));
    if (over && !logs.some((l) => l.id === id && l.time >= w.time - 1000 && l.time < over.time && (l.from === w.value || l.to === w.value))) continue;
    // The same value typed into the same cell by someone else soon after (within a minute): a run
    // finds one value, and may name either person.
    const twins = writes.filter((x) => x.seq > w.seq && x.header === w.header && x.value === w.value && x.time - w.time <= 60_000 && (same(x.key, w.key) || (x.key.name === w.key.name && !!w.key.name))).map((x) => x.user);
    const actors = [...(stopped ? [w.user, 'an unknown editor', 'someone'] : [w.user]), ...twins];
    // A log row carries its run's start time: a run in progress when the edit landed read it after
    // starting, so its rows may be stamped up to a run's length earlier than the edit.
    const since = w.time - (w.inRun ? RUN_MAX_MS : 1000);
    const history = () => logs.filter((l) => l.id === id && l.time >= since).map((l) => `${l.event} ${l.from}→${l.to} by ${l.actor || '(blank)'}`).join('; ') || 'none';
    const logged = (pred: (l: (typeof logs)[number]) => boolean) => logs.some((l) => l.id === id && l.time >= since && actors.includes(l.actor) && pred(l));
    const desc = `${w.user} set ${w.header} of ${JSON.stringify(w.key.name)} (${id || 'no ID yet'}) to ${JSON.stringify(w.value)} at ${new Date(w.time).toISOString()}${w.inRun ? ' inside a run' : ''}`;
    if (SYSTEM.has(w.header)) {
      // docs/INTAKE.md 3 and docs/ROUTING.md: an edit to a system column is reverted and logged, whoever made it.
      // Only a lead that kept its identity through the edit (a paste over a row is a new lead: docs/INTAKE.md, Deleted rows).
      if (w.user === 'integration' || !w.key.id || idColumnGone) continue;
      // On a copy's row (it shows its original's Lead ID), Baton clears the copy's cells under the
      // copy's new Lead ID (docs/INTAKE.md, Copies): that 'reverted' row is for another ID.
      const clearedCopy = !!w.twin && logs.some((l) => l.time >= since && l.event === 'reverted' && l.id !== id && l.reason.includes(`copy of ${id}`));
      if (!clearedCopy && !logged((l) => l.event === 'reverted')) add('override-logged', `${desc}: a system column, but no 'reverted' row names ${w.user}; log rows for it since: ${history()}`);
      continue;
    }
    if (w.header === 'Status' || w.header === 'Owner') {
      // While Lead ID, Status or Problems is missing Baton writes and logs nothing about leads.
      if (w.user === 'integration' || !w.before.status || idColumnGone) continue;
      const final = row ? text(row.get(w.header)) : undefined;
      const live = !NOT_LIVE.has(w.before.status);
      const authorized = w.user === MARIA || (w.before.owner !== '' && w.user === w.before.owner);
      // Values Baton decides again after a person's change (docs/INTAKE.md: Status New; docs/ROUTING.md: a cleared Owner).
      const redecided = (w.header === 'Status' && w.value === 'New') || (w.header === 'Owner' && w.value === '');
      const touchedAgain = laterWrite(w, ['Status', 'Owner']);
      if (w.multi) {
        // docs/ROUTING.md: a paste of older values is undone; whether a value is "older" needs History: no final-value check.
        continue;
      }
      // The Status this change was typed over was itself typed by a person and never stood (no run
      // judged it, or it was put back): Baton judges the change against what it last recorded, which
      // the model does not know (docs/ROUTING.md compares with Baton State).
      const unjudgedBefore = writes.some(
        (x) =>
          x.seq < w.seq &&
          x.header === 'Status' &&
          x.value === w.before.status &&
          (same(x.key, w.key) || (x.key.name === w.key.name && !!w.key.name)) &&
          !logs.some((l) => l.id === id && l.time >= x.time - RUN_MAX_MS && l.event !== 'reverted' && l.to === x.value),
      );
      if (unjudgedBefore) continue;
      // Typed back to what the cell held before a change no run judged (someone else's, or the same
      // person's): to Baton, nothing changed (no run saw the value in between), so there is nothing
      // to log; and the change undone so is nothing to log either, unless a run judged it first.
      const unjudged = (x: Write) => !logs.some((l) => l.id === id && l.time >= x.time - RUN_MAX_MS && (l.from === x.value || l.to === x.value));
      const sameCellOf = (x: Write) => x.header === w.header && (same(x.key, w.key) || (x.key.name === w.key.name && !!w.key.name));
      const undoesUnjudged = writes.some((x) => x.seq < w.seq && sameCellOf(x) && x.before.value === w.value && x.value === w.before.value && unjudged(x));
      const undoneUnjudged = writes.some((x) => x.seq > w.seq && sameCellOf(x) && x.before.value === w.value && x.value === w.before.value && unjudged(w));
      if (undoesUnjudged || undoneUnjudged) continue;
      if (!live && CLOSED.has(w.before.status)) {
        // docs/ROUTING.md: closed leads are nobody's work in progress; anyone may change them (one cell),
        // except that a live Status typed while another lead of the same person is live is put back,
        // logged with who typed it (docs/INTAKE.md, "Identity and duplicates").
        const heldBack = w.header === 'Status' && !!row && finalRows.some((x) => x !== row && sameContact(x, row)) && logged((l) => l.event === 'reverted');
        if (!redecided && !touchedAgain && row && final !== w.value && !heldBack) add('typed-value-kept', `${desc}: a closed lead, anyone may change it, yet it reads ${JSON.stringify(final)}`);
        if (!logged(() => true)) add('override-logged', `${desc}: kept, but no log row names ${w.user}; log rows for it since: ${history()}`);
        continue;
      }
      if (!live) continue; // Duplicate, Ineligible: what a person's Status does there is only specified for New.
      if (authorized) {
        // docs/ROUTING.md, Ownership guard: a manager's or the owner's change stands, logged with who made it;
        // SPEC.md, Concurrency: a value typed while a run was in progress is never overwritten.
        if (!redecided && !touchedAgain && row && final !== w.value) add('typed-value-kept', `${desc}: the ${w.user === MARIA ? 'manager' : 'owner'}'s change, yet it reads ${JSON.stringify(final)}`);
        if (!logged(() => true)) add('override-logged', `${desc}: a change that stands, but no log row names ${w.user}; log rows for it since: ${history()}`);
        continue;
      }
      if (OWNED.has(w.before.status) && w.before.owner && !w.inRun && !stopped) {
        // Someone else's change on an owned lead, seen between runs: undone at once, a 'reverted' row names who tried.
        // (When the edit's own run stopped, a sweep finds it with no editor: kept, logged as unknown, below.)
        if (!logged((l) => l.event === 'reverted')) add('override-logged', `${desc}: not the owner (${w.before.owner}) nor a manager, but no 'reverted' row names ${w.user}; log rows for it since: ${history()}`);
        if (!touchedAgain && row && final === w.value) add('typed-value-kept', `${desc}: should have been put back (only ${w.before.owner} or a manager may), yet it stands`);
        continue;
      }
      // A lead with no owner yet, or a change inside a run: kept or undone, but logged with who made it either way.
      if (!logged(() => true)) add('override-logged', `${desc}: no log row names ${w.user}; log rows for it since: ${history()}`);
      continue;
    }
    // Lead fields Baton never writes (SPEC.md, Concurrency: a typed value is never overwritten).
    // On a row that showed the same Lead ID as another (a copy not handled yet), which of the two
    // rows the lead is, is Baton's decision (docs/INTAKE.md, Copies): the value is on the copy.
    if (w.header === 'Created' || w.header === 'Name' || later || !row || w.twin) continue;
    const got = row.get(w.header);
    if (got === undefined) continue; // the column is gone or renamed away
    const final = text(got);
    // The sheet reads what the platform parsed: `=` and `+` start formulas (docs/PLATFORM-FACTS.md).
    const formula = w.value.startsWith('=') || w.value.startsWith('+');
    if (!formula && final !== w.value && !(typeof got === 'number' && Number(w.value) === got))
      add('typed-value-kept', `${desc}: it reads ${JSON.stringify(final)} at the end`);
  }

  // ------------------------------------------------------------------ owners and assignments
  const ownerEvents = new Set(['assigned', 'reassigned', 'override', 'escalated', 'reverted']);
  const cleared = (id: string) =>
    writes.filter((w) => (w.key.id === id || find(w.key)?.id === id) && ((w.header === 'Owner' && w.value === '') || (w.header === 'Status' && w.value === 'New'))).length;
  // An Owner typed on a row before it held a lead counts too: the lead pasted there later arrives with it.
  const typedOwners = (id: string, name: string) => new Set(writes.filter((w) => w.header === 'Owner' && (w.key.id === id || w.key.name === name || !w.key.name)).map((w) => w.value));
  const liveOwned = new Map<string, string[]>();
  for (const r of finalRows) {
    if (!LEAD_ID.test(r.id)) continue;
    const status = text(r.get('Status'));
    const owner = text(r.get('Owner'));
    const mine = logs.filter((l) => l.id === r.id);
    const byBaton = mine.filter((l) => l.event === 'assigned' && l.actor === 'Baton').length;
    // assigned-once: one assignment per lead, plus one per time a person sent it back to routing (docs/ROUTING.md).
    if (byBaton > 1 + cleared(r.id)) add('assigned-once', `${r.id} (${r.name}) was assigned by Baton ${byBaton} times; people sent it back to routing ${cleared(r.id)} time(s)`);
    const notices = o.mails.filter((m) => m.subject.includes('New lead for you') && m.body.includes(r.id)).length;
    const handovers = mine.filter((l) => (l.event === 'assigned' || l.event === 'override' || l.event === 'reassigned') && l.to.includes('@')).length;
    if (notices > handovers + (o.faults ? 1 : 0)) add('assigned-once', `${r.id} (${r.name}): ${notices} "New lead for you" notices for ${handovers} assignment(s)`);
    if (owner && OWNED.has(status)) {
      // single-owner: the Owner on the row is the last owner the log gave this lead (SPEC.md: writes find their lead).
      const last = mine.filter((l) => ownerEvents.has(l.event) && (l.to.includes('@') || (l.to === '' && l.from.includes('@')))).pop();
      if (last && last.to !== owner && !typedOwners(r.id, r.name).has(owner)) add('single-owner', `${r.id} (${r.name}) shows Owner ${owner}; the log last gave it to ${JSON.stringify(last.to)} (${last.event})`);
      if (!last && !typedOwners(r.id, r.name).has(owner)) add('single-owner', `${r.id} (${r.name}) shows Owner ${owner} but no log row gave it to anyone`);
      // owner-in-pool: Baton's choice is in the lead's rule pool or the fallback; else a person typed it (SPEC.md, Configuration).
      // Without a Location column (deleted or renamed) the row no longer shows which rule's pool it
      // was routed by: any rule's pool will do.
      const pool = r.get('Location') === undefined ? POOL.North : POOL[text(r.get('Location'))] ?? POOL.South;
      const returning = finalRows.some((x) => x !== r && CLOSED.has(text(x.get('Status'))) && text(x.get('Owner')) === owner && sameContact(x, r));
      if (!pool.includes(owner) && !typedOwners(r.id, r.name).has(owner) && !returning) add('owner-in-pool', `${r.id} (${r.name}, ${text(r.get('Location'))}) is owned by ${owner}, outside its pool and typed by nobody`);
      const person = contactKey(r);
      if (person) liveOwned.set(person, [...(liveOwned.get(person) ?? []), `${r.id} (${r.name}, ${owner})`]);
    }
    if (status === 'Assigned' && !owner && !headerGone) add('ready-owned-or-failed', `${r.id} (${r.name}) is Assigned with no Owner`);
  }
  // single-owner: one person, one live owned lead (docs/INTAKE.md, "Identity and duplicates").
  for (const [person, list] of liveOwned) if (list.length > 1) add('single-owner', `${person} has ${list.length} live owned leads: ${list.join(', ')}`);

  // --------------------------------------------------------------- never lose a lead
  const open = failures.filter((f) => f.state === 'open');
  for (const r of finalRows) {
    // A tab Baton writes nothing to while a header is missing shows what it held then (the open failure says why).
    if (!r.name || idColumnGone) continue;
    const status = text(r.get('Status'));
    const problems = text(r.get('Problems'));
    const failed = open.some((f) => f.id === r.id) || open.some((f) => f.id === '—' && (f.kind === 'missing header' || f.kind === 'invalid config'));
    // SPEC.md, "Never lose a lead": owned, visibly held back with its reason, or in the failure queue.
    if (status === '') add('ready-owned-or-failed', `${r.id || 'no ID'} (${r.name}) has no Status after the quiet hour`);
    else if (status === 'Ready' && !text(r.get('Owner')) && !failed) add('ready-owned-or-failed', `${r.id} (${r.name}) is Ready with no owner and no open failure`);
    else if (status === 'New' && !problems && !failed) add('ready-owned-or-failed', `${r.id} (${r.name}) is still New with no reason in Problems`);
    else if ((status === 'Needs info' || status === 'Duplicate' || status === 'Ineligible') && !problems) add('ready-owned-or-failed', `${r.id} (${r.name}) is ${status} with no reason in Problems`);
  }

  // ------------------------------------------------------------------ failures alerted once
  // docs/RECOVERY.md: each new failure is e-mailed once to each manager (failureEmails on).
  const managerMail = o.mails.filter((m) => m.to.split(',').map((s) => s.trim()).includes(MARIA));
  for (const f of open) {
    if (f.kind === 'quota' && f.step === 'notify') continue; // "Mail waiting for the mail quota is not mailed about."
    // Mailed by the run that found it if it may, else by the next that may (docs/RECOVERY.md): a run
    // that stopped cannot, and one found by the last sweep before the end has no next run yet.
    if (!o.executions.some((x) => x.function === 'batonSweep' && x.at > f.firstSeen)) continue;
    const needle = f.id !== '—' ? f.id : f.subject;
    // The alert names the lead (or the header, the tab) and carries the failure's message (a run's
    // failure, which has neither, by its message alone).
    const n = managerMail.filter((m) => m.body.includes(needle) && m.body.includes(f.message.slice(0, 40))).length;
    const rowsOfIt = failures.filter((x) => x.id === f.id && x.kind === f.kind && x.subject === f.subject).length;
    if (n === 0) add('failure-alerted-once', `open failure ${f.kind} (${needle || f.kind}) was never e-mailed to ${MARIA}`);
    else if (n > rowsOfIt + (o.faults ? 1 : 0)) add('failure-alerted-once', `failure ${f.kind} (${needle || f.kind}) was e-mailed to ${MARIA} ${n} times`);
  }

  // ------------------------------------------------------------------------ SLA column
  for (const r of finalRows) {
    // While a column Baton needs is missing, routing and the SLA wait for it (docs/RECOVERY.md).
    if (!LEAD_ID.test(r.id) || headerGone) continue;
    const status = text(r.get('Status'));
    const owner = text(r.get('Owner'));
    const due = timeOf(r.get('SLA Due'));
    const sla = text(r.get('SLA'));
    const fc = timeOf(r.get('First Contact'));
    const assigned = timeOf(r.get('Assigned At'));
    const created = timeOf(r.get('Created'));
    const desc = `${r.id} (${r.name}, ${status})`;
    if (r.get('SLA') === undefined || r.get('SLA Due') === undefined) continue;
    // SLA Due is set at assignment (docs/SLA.md); an owner typed on a lead Baton never assigned (an Ineligible
    // lead, say) is not specified, so only leads the log shows assigned must have one.
    const wasAssigned = logs.some((l) => l.id === r.id && (l.event === 'assigned' || l.event === 'reassigned'));
    if (OWNED.has(status) && owner && due === null && wasAssigned) {
      add('sla-column', `${desc} has an owner but no SLA Due`);
      continue;
    }
    if (due === null) continue;
    // A closed row pasted over another with that row's stamps left in place keeps them as history
    // (docs/INTAKE.md, Copies: closed rows pasted as history keep their cells): stamps older than the lead.
    if (CLOSED.has(status) && assigned !== null && created !== null && assigned < created) continue;
    // docs/SLA.md: 60 minutes on a 24/7 clock from when the lead was ready (Created, or first seen complete), at or before assignment.
    if (assigned !== null && due - TARGET_MS > assigned + 1000) add('sla-column', `${desc}: SLA Due ${new Date(due).toISOString()} is more than 60 minutes after Assigned At ${new Date(assigned).toISOString()}`);
    if (created !== null && due - TARGET_MS < created - 1000) add('sla-column', `${desc}: SLA Due ${new Date(due).toISOString()} is less than 60 minutes after Created ${new Date(created).toISOString()}`);
    if (status === 'Contacted' && fc === null) add('sla-column', `${desc}: Contacted with no First Contact`);
    let allowed: string[];
    if (fc !== null) allowed = [fc <= due ? 'Met' : 'Missed'];
    else if (status === 'Won' || status === 'Qualified') allowed = ['Met', 'Missed']; // docs/SLA.md: First Contact stamped when seen closed
    else if (CLOSED.has(status)) allowed = ['Missed', 'Closed before due'];
    else if (status === 'Assigned') {
      // The SLA at any moment of the last sweep interval (the column is rewritten by full runs).
      allowed = [o.end - 10 * 60_000, o.end].map((t) => (t >= due ? 'Breached' : t >= due - (1 - DUE_SOON) * TARGET_MS ? 'Due soon' : 'On track'));
    } else continue; // a status Baton does not know, Duplicate, Ineligible: not specified here
    if (status === 'Won' && fc === null) add('sla-column', `${desc}: closed as Won with no First Contact stamped`);
    if (!allowed.includes(sla)) add('sla-column', `${desc}: SLA reads ${JSON.stringify(sla)}, the model says ${allowed.join(' or ')} (due ${new Date(due).toISOString()}, first contact ${fc === null ? 'none' : new Date(fc).toISOString()})`);
    if (CLOSED.has(status) && (sla === 'On track' || sla === 'Due soon' || sla === 'Breached')) add('sla-column', `${desc}: a closed lead shows ${sla}`);
  }

  // ------------------------------------------------------------------ formulas and HTML
  for (const [tab, cells] of Object.entries(o.final.formulas)) {
    for (const [a1, f] of Object.entries(cells)) {
      const formula = f.startsWith('=') ? f : `=${f}`;
      // SPEC.md, Security: every user-supplied string is neutralized before Baton writes it to a cell.
      if (tab !== 'Leads' || !formulaInputs.has(formula)) add('no-formula-or-html', `${tab}!${a1} holds the formula ${f}`);
    }
  }
  for (const m of o.mails) {
    for (const h of HOSTILE) {
      const raw = h.replace(/^[^<]*/, '');
      if (raw.includes('<') && m.htmlBody?.includes(raw)) add('no-formula-or-html', `the e-mail "${m.subject}" to ${m.to} carries raw HTML ${raw}`);
    }
    if (m.htmlBody && /<i>Lead\d+<\/i>/.test(m.htmlBody)) add('no-formula-or-html', `the e-mail "${m.subject}" to ${m.to} carries a lead's name as raw HTML`);
  }
  return out;
}

/** The person a row is (docs/INTAKE.md: mailbox compared without case; phones as typed here). */
function contactKey(r: Row): string {
  const email = text(r.get('Email')).trim().toLowerCase();
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return email;
  const phone = text(r.get('Phone')).replace(/\D/g, '');
  return phone ? `tel:${phone}` : '';
}
function sameContact(a: Row, b: Row): boolean {
  const k = contactKey(a);
  return !!k && k === contactKey(b);
}
