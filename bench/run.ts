/**
 * `npm run bench`: what Baton's runs cost as the Leads tab grows (issue 16), beside a naive per-cell
 * baseline. Prints a table, or with `--json` an array of rows
 * `{case, leads, calls, modeledMs, cpuMs, cellsRead, cellsWritten, rssMb, dayQuotaPct, runs, error}`.
 *
 * `--sizes 1000,10000,100000` (default) picks the sizes; `--cases a,b` the cases; `--markdown`
 * prints the README's table; `BENCH_CALLS=1` each run's calls by method on stderr, `BENCH_DAY=1` each
 * sweep of the `day` case (time, calls, cells read and written, modeled ms). Cases, each on a
 * Leads tab of `leads` complete, already handled leads (20 columns) unless said otherwise:
 * - `sweep-steady`: a clock sweep when nothing changed since the last one;
 * - `sweep-new`: a clock sweep after 100 new rows arrived by API (no trigger);
 * - `sweep-due`: the sweep after one lead's SLA turns Due soon (a lead appended by API, assigned by
 *   the sweep after it, 48 business minutes earlier), with nothing else changed;
 * - `edit-one-cell`: the installable edit run after the lead's owner types one cell (Status → Contacted);
 * - `paste-5000`: the installable edit run after a person pastes 5,000 new leads;
 * - `import-50000`: 50,000 complete leads appended by API to an empty tab, then the 5-minute sweep
 *   until every one is assigned (`runs` sweeps; `calls` is the largest run's, `modeledMs` the sum);
 *   checked: every lead assigned exactly once, Baton's tabs within 35% of the Leads tab's cells;
 * - `day`: the headline figure: a day of 5-minute sweeps (reconciling ones included, measured over
 *   one reconcile period) and 200 edits;
 * - `report`: the weekly report from the menu; `naive`: bench/naive-baseline.js, one call per cell.
 *
 * Figures: `calls` service calls of the run; `modeledMs` the emulator's cost model (50 ms per
 * spreadsheet call, 5 ms per properties, cache or lock call, 0.005 ms per cell read, 0.01 ms per
 * cell written, and the script's CPU × 3: docs/PLATFORM-FACTS.md rows 4 and 12); `cpuMs` the
 * script's own CPU time in Node on this machine (Baton's code, the emulator's excluded; varies
 * between runs); `rssMb` the peak resident memory of the process that ran that size;
 * `dayQuotaPct` the share of a consumer account's 90 minutes of daily trigger runtime a day of
 * such runs would use (288 sweeps, 200 edits, one paste, one import).
 * Each size runs in its own process, so peak memory is per size.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Host, loadProject, type Project } from '../emulator/host';
import { ScenarioRun } from '../emulator/scenario';
import { parseScenario } from '../emulator/scenario-schema';
import { spreadsheetState } from '../emulator/spreadsheet';
import { Runtime, type ExecutionRecord } from '../emulator/runtime';
import { LEAD_HEADERS } from '../src/core/headers';
import { reconcileMinutes } from '../src/core/sweep-mark';
import { LOG_ARCHIVE_SHEET, unpackLogRows } from '../src/core/log-archive';
import type { CellValue } from '../src/core/conditions';

const DEFAULT_SIZES = [1000, 10000, 100000];
const CASES = ['sweep-steady', 'sweep-new', 'sweep-due', 'edit-one-cell', 'paste-5000', 'day', 'report', 'naive', 'import-50000'] as const;
type CaseName = (typeof CASES)[number];
const START = '2026-03-02T08:00:00-05:00';
/** Past the settled leads' SLA instants (due soon 09:48, due 10:00): see runSize. */
const SLA_SETTLED = '2026-03-02T10:10:00-05:00';
const OWNER = 'maria@acme.test';
const H = [...LEAD_HEADERS];
const DAY_QUOTA_MS = 90 * 60_000;
const SWEEPS_PER_DAY = 288;
const EDITS_PER_DAY = 200;
const IMPORT = 50_000;
const MINUTE = 60_000;
/** Apps Script's V8 against Node (docs/PLATFORM-FACTS.md row 4). */
const CPU_FACTOR = 3;
const TEAM = ['ana@acme.test', 'cy@acme.test', OWNER];
const CONFIG = {
  version: 1,
  managers: [OWNER],
  intake: { contact: 'email_or_phone', required: ['interest', 'source'], phoneRegion: 'US', interests: ['Solar', 'Battery'], serviceAreas: ['North', 'South'], consent: { granted: ['Yes'], denied: ['No'] } },
  team: [
    { email: 'ana@acme.test', name: 'Ana', capacity: 1_000_000, weight: 2 },
    { email: 'cy@acme.test', name: 'Cy', capacity: 1_000_000, weight: 1 },
    { email: OWNER, name: 'Maria', capacity: 1_000_000, weight: 1 },
  ],
  routing: { rules: [{ name: 'North', when: { all: [{ field: 'location', op: '=', value: 'North' }] }, assignTo: ['ana@acme.test', 'cy@acme.test'], balance: 'weighted' }], fallback: [OWNER] },
  alerts: { ownerBreachEmails: false, failureEmails: true },
};

export interface BenchRow {
  case: string;
  leads: number;
  calls: number;
  modeledMs: number;
  cpuMs: number;
  cellsRead: number;
  cellsWritten: number;
  rssMb: number;
  dayQuotaPct: number | null;
  runs: number;
  error: string | null;
}

const AREAS = [212, 646, 718, 917, 347, 929, 516, 631, 914, 201, 973, 862, 908, 732, 609, 415];

/** A US number no other lead has (up to 16 × 700 × 10,000 leads). */
function phone(i: number): string {
  const rest = Math.floor(i / AREAS.length);
  return `(${AREAS[i % AREAS.length]}) ${200 + (rest % 700)}-${String(Math.floor(rest / 700) % 10_000).padStart(4, '0')}`;
}

/** Lead i as a person or an integration enters it: complete (every mandatory field), a distinct person. */
function leadRow(i: number): (string | number)[] {
  const v: Record<string, string | number> = {
    Name: `Lead ${i}`,
    Email: `lead${i}@example.com`,
    Phone: phone(i),
    Company: `Company ${i % 500}`,
    Interest: i % 2 ? 'Solar' : 'Battery',
    Location: i % 3 ? 'North' : 'South',
    Consent: 'Yes',
    Source: 'Web',
    Campaign: 'Spring',
    'Deal Size': 1000 + (i % 9000),
    'Customer Type': i % 4 ? 'Home' : 'Business',
  };
  return H.map((h) => v[h] ?? '');
}

function total(calls: Record<string, number>): number {
  let n = 0;
  for (const k in calls) n += calls[k];
  return n;
}

function rssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function row(name: string, leads: number, recs: ExecutionRecord[], dayRuns: number | null, extra: Partial<BenchRow> = {}): BenchRow {
  const error = recs.find((r) => r.error)?.error ?? null;
  // BENCH_CALLS=1: each case's calls by method on stderr, to see where a run's calls go.
  if (process.env.BENCH_CALLS) process.stderr.write(`${name} ${leads}: ${JSON.stringify(recs[recs.length - 1]?.calls ?? {})}\n`);
  const ms = recs.reduce((a, r) => a + r.ms, 0);
  return {
    case: name,
    leads,
    calls: recs.reduce((a, r) => Math.max(a, total(r.calls)), 0),
    modeledMs: Math.round(ms),
    cpuMs: Math.round(recs.reduce((a, r) => a + r.cpuMs, 0)),
    cellsRead: recs.reduce((a, r) => a + r.cellsRead, 0),
    cellsWritten: recs.reduce((a, r) => a + r.cellsWritten, 0),
    rssMb: rssMb(),
    dayQuotaPct: dayRuns === null ? null : round1((100 * ms * dayRuns) / recs.length / DAY_QUOTA_MS),
    runs: recs.length,
    error,
    ...extra,
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Baton installed on a Leads tab; the clock sweep installed by setup. */
function installed(project: Project, leads: (string | number)[][]): ScenarioRun {
  const run = new ScenarioRun(parseScenario({ start: START, owner: OWNER, sheets: { Leads: [H, ...leads] }, config: CONFIG, editors: TEAM }), project);
  run.install();
  return run;
}

function newRecords(run: ScenarioRun, from: number, fn: string): ExecutionRecord[] {
  return run.rt.records.slice(from).filter((r) => r.function === fn);
}

/** Sweeps, 5 minutes apart, until a sweep leaves nothing to do (or `maxRuns`): the sweeps' records. */
function sweepUntilSettled(run: ScenarioRun, maxRuns: number): ExecutionRecord[] {
  const out: ExecutionRecord[] = [];
  for (let i = 0; i < maxRuns; i++) {
    const from = run.rt.records.length;
    run.fireClockUntil(run.rt.now() + 5 * MINUTE);
    const recs = newRecords(run, from, 'batonSweep');
    out.push(...recs);
    if (unhandled(run) === 0 && !pendingWork(run)) break;
  }
  return out;
}

/** Rows with lead data and no owner yet. */
function unhandled(run: ScenarioRun): number {
  const values = spreadsheetState(run.rt).values('Leads');
  const owner = H.indexOf('Owner');
  const status = H.indexOf('Status');
  let n = 0;
  for (let i = 1; i < values.length; i++) if (values[i][owner] === '' && (values[i][status] === '' || values[i][status] === 'Ready')) n++;
  return n;
}

function pendingWork(run: ScenarioRun): boolean {
  const doc = spreadsheetState(run.rt);
  const pending = doc.sheets.find((s) => s.name === 'Baton Pending');
  return !!pending && doc.values('Baton Pending').some((r) => r.some((c) => c !== ''));
}

/** Cells of each Baton tab (its grid, as Google counts them) against the Leads tab's. */
function hiddenShare(run: ScenarioRun): number {
  const doc = spreadsheetState(run.rt);
  const leads = doc.sheets.find((s) => s.name === 'Leads')!;
  const baton = doc.sheets.filter((s) => s.name.startsWith('Baton '));
  return baton.reduce((a, s) => a + s.maxRows * s.maxCols, 0) / (leads.maxRows * leads.maxCols);
}

/** Every lead assigned exactly once: an owner on every row, one `assigned` log event per lead. */
function assignedOnce(run: ScenarioRun, expected: number): string | null {
  const doc = spreadsheetState(run.rt);
  const values = doc.values('Leads');
  const owner = H.indexOf('Owner');
  const id = H.indexOf('Lead ID');
  const owned = values.slice(1).filter((r) => r[owner] !== '').length;
  if (owned !== expected) return `${owned} of ${expected} leads have an owner`;
  const log = doc.values('Baton Log');
  const header = log[0].map(String);
  const event = header.indexOf('Event');
  const leadId = header.indexOf('Lead ID');
  // The log's older rows move to the archive (quiet sweeps pack them there), in the log's order of columns.
  const archived = doc.sheetByName(LOG_ARCHIVE_SHEET) ? unpackLogRows(doc.values(LOG_ARCHIVE_SHEET).map((r) => r[0] as CellValue)) : [];
  const assigned = new Map<string, number>();
  for (const r of [...archived, ...log.slice(1)]) if (r[event] === 'assigned') assigned.set(String(r[leadId]), (assigned.get(String(r[leadId])) ?? 0) + 1);
  const ids = new Set(values.slice(1).map((r) => String(r[id])));
  if (ids.size !== expected) return `${ids.size} distinct Lead IDs for ${expected} leads`;
  for (const i of ids) if (assigned.get(i) !== 1) return `lead ${i} assigned ${assigned.get(i) ?? 0} times`;
  return null;
}

function sweepOnce(run: ScenarioRun): ExecutionRecord[] {
  const from = run.rt.records.length;
  run.fireClockUntil(run.rt.now() + 5 * MINUTE);
  return newRecords(run, from, 'batonSweep');
}

/** The cases of one size, on one settled sheet, in an order where each leaves it settled again. */
function runSize(project: Project, n: number, cases: CaseName[]): BenchRow[] {
  const rows: BenchRow[] = [];
  const run = installed(project, Array.from({ length: n }, (_, i) => leadRow(i)));
  const settle = sweepUntilSettled(run, 400);
  if (unhandled(run) > 0 || settle.some((r) => r.error)) {
    const error = settle.find((r) => r.error)?.error ?? `${unhandled(run)} leads left unhandled after ${settle.length} sweeps`;
    return cases.filter((c) => c !== 'naive').map((c) => row(c, n, settle.slice(-1), null, { error }));
  }
  // The leads' SLA runs out at 10:00 (60 business minutes from 09:00, all assigned before): every
  // lead turns Due soon, then Breached, each a full run. The cases are measured after that, on a
  // steady sheet: no SLA instant falls in any case's window (`day` included). A sheet that takes
  // past 09:00 to assign (100,000 leads, 5,000 a sweep) has its last due time an hour after its
  // last assignment.
  run.fireClockUntil(Math.max(Date.parse(SLA_SETTLED), run.rt.now() + 70 * MINUTE));
  run.rt.options.cpuTimeFactor = CPU_FACTOR;
  // Sweeps first until one is ordinary: not the first after the import, nor the once-a-day (and
  // after-setup) tidying of Baton's tabs (gas/hidden-tabs.ts), which the `day` case counts.
  for (let i = 0; i < 3; i++) {
    const recs = sweepOnce(run);
    if (recs.every((r) => !r.calls['Sheet.deleteColumns'] && !r.calls['Sheet.deleteRows'] && !r.calls['Range.getValues'])) break;
  }
  const want = (c: CaseName) => cases.includes(c);
  if (want('sweep-steady')) rows.push(row('sweep-steady', n, sweepOnce(run), SWEEPS_PER_DAY));
  let edit: ExecutionRecord[] = [];
  if (want('edit-one-cell') || want('day')) {
    // Lead 5's owner marks it contacted.
    const values = spreadsheetState(run.rt).values('Leads');
    const owner = String(values[6][H.indexOf('Owner')]);
    const col = String.fromCharCode(65 + H.indexOf('Status'));
    const from = run.rt.records.length;
    run.apply({ at: new Date(run.rt.now()).toISOString(), type: 'edit', user: owner, sheet: 'Leads', range: `${col}7`, values: [['Contacted']] });
    edit = newRecords(run, from, 'batonOnEdit');
    if (want('edit-one-cell')) rows.push(row('edit-one-cell', n, edit, EDITS_PER_DAY));
  }
  if (want('sweep-due')) {
    // One more lead, assigned by the next sweep (a full run, which leaves the mark's agenda); the
    // sweep after its Due soon instant is measured: the one that writes.
    run.apply({ at: new Date(run.rt.now()).toISOString(), type: 'append', via: 'api', sheet: 'Leads', rows: [leadRow(n + 50_000)] });
    sweepOnce(run);
    const from = run.rt.records.length;
    run.fireClockUntil(run.rt.now() + 50 * MINUTE);
    const due = newRecords(run, from, 'batonSweep').filter((r) => r.cellsWritten > 0);
    rows.push(row('sweep-due', n, due.slice(0, 1), null, due.length === 1 ? {} : { error: `${due.length} sweeps wrote in the 50 minutes after the assignment` }));
  }
  if (want('day')) {
    // A day of sweeps: the steady ones and the slower-cadence reconciling ones, measured over one
    // reconcile period (an hour, longer for a larger tab: core/sweep-mark.ts), which holds one reconcile.
    const values = spreadsheetState(run.rt).values('Leads');
    const period = reconcileMinutes(values.length * values[0].length);
    const hour: ExecutionRecord[] = [];
    const sweeps = Math.ceil(period / 5);
    for (let i = 0; i < sweeps; i++) hour.push(...sweepOnce(run));
    if (process.env.BENCH_DAY) for (const r of hour) process.stderr.write(`${new Date(r.at).toISOString()} ${Object.values(r.calls).reduce((a, b) => a + b, 0)} ${r.cellsRead} ${r.cellsWritten} ${Math.round(r.ms)}\n`);
    const sweepMs = (hour.reduce((a, r) => a + r.ms, 0) * 24 * 60) / (sweeps * 5);
    const editMs = edit.reduce((a, r) => a + r.ms, 0) * EDITS_PER_DAY;
    rows.push({ ...row('day', n, hour, null), modeledMs: Math.round(sweepMs + editMs), dayQuotaPct: round1((100 * (sweepMs + editMs)) / DAY_QUOTA_MS), runs: SWEEPS_PER_DAY + EDITS_PER_DAY });
  }
  if (want('sweep-new')) {
    run.apply({ at: new Date(run.rt.now()).toISOString(), type: 'append', via: 'api', sheet: 'Leads', rows: Array.from({ length: 100 }, (_, i) => leadRow(n + i)) });
    rows.push(row('sweep-new', n, sweepOnce(run), SWEEPS_PER_DAY));
  }
  if (want('paste-5000')) {
    const values = spreadsheetState(run.rt).values('Leads');
    const first = values.length + 1;
    const from = run.rt.records.length;
    const pasted = Array.from({ length: 5000 }, (_, i) => leadRow(n + 1000 + i));
    run.apply({ at: new Date(run.rt.now()).toISOString(), type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: `A${first}:T${first + 4999}`, values: pasted });
    rows.push(row('paste-5000', n, newRecords(run, from, 'batonOnEdit'), 1));
  }
  if (want('report')) {
    const from = run.rt.records.length;
    run.menu(OWNER, 'Build weekly report now');
    rows.push(row('report', n, newRecords(run, from, 'menuBuildReport'), null));
  }
  return rows;
}

/** 50,000 complete leads appended by API to an empty tab, then 5-minute sweeps until all are assigned. */
function runImport(project: Project): BenchRow {
  const run = installed(project, []);
  run.rt.options.cpuTimeFactor = CPU_FACTOR;
  run.apply({ at: START, type: 'append', via: 'api', sheet: 'Leads', rows: Array.from({ length: IMPORT }, (_, i) => leadRow(i)) });
  const started = run.rt.now();
  const recs = sweepUntilSettled(run, 48);
  const minutes = Math.round((run.rt.now() - started) / MINUTE);
  // Then a quiet hour: housekeeping (the log's archive, trimmed grids) rides on quiet sweeps.
  for (let i = 0; i < 12; i++) sweepOnce(run);
  const problem = assignedOnce(run, IMPORT);
  const share = hiddenShare(run);
  const error = recs.find((r) => r.error)?.error ?? problem ?? (share > 0.35 ? `Baton's tabs hold ${Math.round(share * 100)}% of the Leads tab's cells` : null);
  return { ...row('import-50000', IMPORT, recs, null), dayQuotaPct: round1((100 * recs.reduce((a, r) => a + r.ms, 0)) / DAY_QUOTA_MS), error, minutes, hiddenPct: Math.round(share * 100) } as BenchRow;
}

function naive(n: number): BenchRow {
  const code = readFileSync(path.join(__dirname, 'naive-baseline.js'), 'utf8');
  const rt = new Runtime(Date.parse(START), { advanceClockPerCall: true });
  const doc = spreadsheetState(rt);
  doc.owner = OWNER;
  doc.editors = [OWNER];
  doc.addSheet('Leads', [H, ...Array.from({ length: n }, (_, i) => leadRow(i))]);
  const host = new Host(rt, { code, manifest: { timeZone: 'America/New_York', oauthScopes: [] }, files: {} });
  // The baseline is not bound by the 6-minute limit here: the point is to count what it would cost.
  const rec = host.invoke({ functionName: 'naiveSweep', trigger: 'editor', authMode: 'FULL', activeUser: OWNER, effectiveUser: OWNER, limitMs: Number.MAX_SAFE_INTEGER });
  return row('naive', n, [rec], SWEEPS_PER_DAY);
}

function child(arg: string, cases: CaseName[]): BenchRow[] {
  const project = loadProject(process.env.BENCH_DIST || undefined);
  if (arg === 'import') return [runImport(project)];
  const n = Number(arg);
  const rows = runSize(project, n, cases);
  if (cases.includes('naive')) rows.push(naive(n));
  return rows;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function format(n: number | null): string {
  return n === null ? '' : n.toLocaleString('en-US');
}

function main(): void {
  const cases = (argValue('--cases')?.split(',') ?? [...CASES]) as CaseName[];
  for (const c of cases) if (!CASES.includes(c)) throw new Error(`unknown case ${c}; cases: ${CASES.join(', ')}`);
  const childArg = argValue('--child');
  if (childArg) {
    process.stdout.write(JSON.stringify(child(childArg, cases)));
    return;
  }
  const sizes = (argValue('--sizes') ?? DEFAULT_SIZES.join(',')).split(',').map(Number);
  const jobs = [...sizes.map(String), ...(cases.includes('import-50000') ? ['import'] : [])];
  const rows: BenchRow[] = [];
  for (const job of jobs) {
    if (job !== 'import' && !cases.some((c) => c !== 'import-50000')) continue;
    const res = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', job, '--cases', cases.join(',')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (res.status !== 0) throw new Error(`bench ${job} failed (exit ${res.status})`);
    rows.push(...(JSON.parse(res.stdout) as BenchRow[]));
  }
  rows.sort((a, b) => CASES.indexOf(a.case as CaseName) - CASES.indexOf(b.case as CaseName) || a.leads - b.leads);
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  if (process.argv.includes('--markdown')) {
    // The README's table (`npm run -s bench -- --markdown`).
    const secs = (ms: number) => (ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
    process.stdout.write('| case | leads | calls | cells read | cells written | modeled time | script CPU | peak RSS | daily quota |\n|---|---|---|---|---|---|---|---|---|\n');
    for (const r of rows) {
      const cells = [r.case, format(r.leads), format(r.calls), format(r.cellsRead), format(r.cellsWritten), secs(r.modeledMs), secs(r.cpuMs), `${r.rssMb} MB`, r.dayQuotaPct === null ? '' : `${r.dayQuotaPct}%`];
      process.stdout.write(`| ${cells.join(' | ')} |${r.error ? ` ${r.error}` : ''}\n`);
    }
    return;
  }
  const cols = ['case', 'leads', 'calls', 'modeledMs', 'cpuMs', 'cellsRead', 'cellsWritten', 'rssMb', 'dayQuota%', 'runs', 'error'];
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(14) : i === r.length - 1 ? ' ' + c : c.padStart(11))).join(' ');
  process.stdout.write(line(cols) + '\n');
  for (const r of rows) {
    process.stdout.write(
      line([r.case, format(r.leads), format(r.calls), format(r.modeledMs), format(r.cpuMs), format(r.cellsRead), format(r.cellsWritten), format(r.rssMb), r.dayQuotaPct === null ? '' : `${r.dayQuotaPct}%`, format(r.runs), r.error ?? '']) + '\n',
    );
  }
  process.stdout.write(
    '\nmodeledMs: 50 ms per spreadsheet call, 5 ms per properties, cache or lock call, 0.005 ms per cell read, 0.01 ms per cell written, script CPU x3 (emulator cost model, not a measurement of Google).\n' +
      'cpuMs: the script\'s own CPU in Node here. dayQuota%: share of 90 min of daily trigger runtime a day of such runs would use (288 sweeps, 200 edits).\n',
  );
}

main();
