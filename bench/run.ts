/**
 * `npm run bench`: service calls and modeled time per run as the number of leads grows, for
 * Baton's sweep and paste paths and for a naive per-cell baseline. Prints a table, or with
 * `--json` an array of {case, leads, calls, modeledMs, cpuMs}. modeledMs is the emulator's cost
 * model (50 ms per spreadsheet call, 5 ms per properties/cache/lock call; see
 * emulator/runtime.ts DEFAULT_OPTIONS), not a measurement of Google; cpuMs is this machine's CPU
 * time for the emulated run and varies between runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Host, loadProject, type Project } from '../emulator/host';
import { ScenarioRun } from '../emulator/scenario';
import { parseScenario } from '../emulator/scenario-schema';
import { spreadsheetState } from '../emulator/spreadsheet';
import { triggerState } from '../emulator/services/script-app';
import { Runtime } from '../emulator/runtime';
import { LEAD_HEADERS } from '../src/core/headers';

const SIZES = [10, 100, 1000, 5000];
const START = '2026-03-02T08:00:00-05:00';
const OWNER = 'maria@acme.test';
const H = [...LEAD_HEADERS];
const CONFIG = {
  version: 1,
  managers: [OWNER],
  intake: { contact: 'email_or_phone', required: ['interest', 'source'], phoneRegion: 'US', interests: ['Solar', 'Battery'], serviceAreas: ['North', 'South'], consent: { granted: ['Yes'], denied: ['No'] } },
  team: [
    { email: 'ana@acme.test', name: 'Ana', capacity: 100000, weight: 2 },
    { email: 'cy@acme.test', name: 'Cy', capacity: 100000, weight: 1 },
    { email: OWNER, name: 'Maria', capacity: 100000, weight: 1 },
  ],
  routing: { rules: [{ name: 'North', when: { all: [{ field: 'location', op: '=', value: 'North' }] }, assignTo: ['ana@acme.test', 'cy@acme.test'], balance: 'weighted' }], fallback: [OWNER] },
};

interface Row {
  case: string;
  leads: number;
  calls: number;
  modeledMs: number;
  cpuMs: number;
}

function leadRow(i: number): (string | number)[] {
  const v: Record<string, string | number> = {
    Name: `Lead ${i}`,
    Email: i % 7 === 0 ? `broken${i}@` : `lead${i}@example.com`,
    Phone: `(212) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
    Interest: i % 2 ? 'Solar' : 'Battery',
    Location: i % 3 ? 'North' : 'South',
    Source: 'Web',
    'Deal Size': 1000 + i,
  };
  return H.map((h) => v[h] ?? '');
}

function total(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

function measure(name: string, leads: number, body: () => { calls: Record<string, number>; ms: number; error: string | null }): Row {
  const cpu = process.cpuUsage();
  const rec = body();
  const used = process.cpuUsage(cpu);
  if (rec.error) throw new Error(`${name} (${leads}): ${rec.error}`);
  return { case: name, leads, calls: total(rec.calls), modeledMs: rec.ms, cpuMs: Math.round((used.user + used.system) / 1000) };
}

function installed(project: Project, sheets: Record<string, unknown[][]>): ScenarioRun {
  const run = new ScenarioRun(parseScenario({ start: START, owner: OWNER, sheets, config: CONFIG }), project);
  run.install();
  return run;
}

function batonSweep(project: Project, n: number): Row {
  const run = installed(project, { Leads: [H, ...Array.from({ length: n }, (_, i) => leadRow(i))] });
  const sweep = triggerState(run.rt).list().find((t) => t.handler === 'batonSweep')!;
  return measure('sweep (Baton)', n, () =>
    run.host.invoke({ functionName: 'batonSweep', trigger: 'installable', event: 'clock', authMode: 'FULL', activeUser: OWNER, effectiveUser: OWNER, triggerUid: sweep.uid }, () => [{}]),
  );
}

function batonPaste(project: Project, n: number): Row {
  const run = installed(project, { Leads: [H] });
  const rows = Array.from({ length: n }, (_, i) => leadRow(i).slice(0, 13));
  const before = run.rt.records.length;
  const cpu = process.cpuUsage();
  run.apply({ at: START, type: 'edit', user: 'ana@acme.test', sheet: 'Leads', range: `A2:M${n + 1}`, values: rows });
  const used = process.cpuUsage(cpu);
  const rec = run.rt.records.slice(before).find((r) => r.function === 'batonOnEdit')!;
  if (rec.error) throw new Error(`paste (${n}): ${rec.error}`);
  return { case: 'paste (Baton)', leads: n, calls: total(rec.calls), modeledMs: rec.ms, cpuMs: Math.round((used.user + used.system) / 1000) };
}

/** The weekly report built from the menu over `n` leads (docs/REPORT.md): fixed calls whatever n. */
function batonReport(project: Project, n: number): Row {
  const run = installed(project, { Leads: [H, ...Array.from({ length: n }, (_, i) => leadRow(i))] });
  const before = run.rt.records.length;
  const cpu = process.cpuUsage();
  run.menu(OWNER, 'Build weekly report now');
  const used = process.cpuUsage(cpu);
  const rec = run.rt.records.slice(before).find((r) => r.function === 'menuBuildReport')!;
  if (rec.error) throw new Error(`report (${n}): ${rec.error}`);
  return { case: 'report (Baton)', leads: n, calls: total(rec.calls), modeledMs: rec.ms, cpuMs: Math.round((used.user + used.system) / 1000) };
}

function naive(n: number): Row {
  const code = readFileSync(path.join(__dirname, 'naive-baseline.js'), 'utf8');
  const rt = new Runtime(Date.parse(START), { advanceClockPerCall: true });
  const doc = spreadsheetState(rt);
  doc.owner = OWNER;
  doc.editors = [OWNER];
  doc.addSheet('Leads', [H, ...Array.from({ length: n }, (_, i) => leadRow(i))]);
  const host = new Host(rt, { code, manifest: { timeZone: 'America/New_York', oauthScopes: [] }, files: {} });
  // The baseline is not bound by the 6-minute limit here: the point is to count what it would cost.
  return measure('sweep (naive per-cell baseline)', n, () =>
    host.invoke({ functionName: 'naiveSweep', trigger: 'editor', authMode: 'FULL', activeUser: OWNER, effectiveUser: OWNER, limitMs: Number.MAX_SAFE_INTEGER }),
  );
}

function main(): void {
  const project = loadProject();
  const rows: Row[] = [];
  for (const n of SIZES) rows.push(batonSweep(project, n));
  for (const n of SIZES) rows.push(batonPaste(project, n));
  for (const n of SIZES) rows.push(batonReport(project, n));
  for (const n of SIZES) rows.push(naive(n));
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  const line = (r: (string | number)[]) => r.map((c, i) => String(c).padStart(i === 0 ? 34 : 10)).join(' ');
  process.stdout.write(line(['case', 'leads', 'calls', 'modeledMs', 'cpuMs']) + '\n');
  for (const r of rows) process.stdout.write(line([r.case, r.leads, r.calls, r.modeledMs, r.cpuMs]) + '\n');
  process.stdout.write('\nmodeledMs: 50 ms per spreadsheet call, 5 ms per properties, cache or lock call (emulator cost model).\n');
}

main();
