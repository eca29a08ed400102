/**
 * The playground's one emulated spreadsheet: a scenario played on the built bundle (dist/Code.js),
 * and the few things a person can do to it from the page (act as someone in the sidebar, move
 * time on, add a lead, type a value), each checked before it reaches the emulator.
 */
import * as v from 'valibot';
import { loadProject, type Project } from '../emulator/host';
import { errorMessage, isPlainObject } from '../emulator/runtime';
import { ScenarioRun } from '../emulator/scenario';
import { parseScenario, type Scenario, type ScenarioEvent } from '../emulator/scenario-schema';
import { mailState } from '../emulator/services/mail';
import { spreadsheetState } from '../emulator/spreadsheet';
import { sheetCharts } from '../emulator/spreadsheet/charts';
import { effectiveFormats } from '../emulator/spreadsheet/conditional-format-eval';
import { UserActionError, type SheetModel } from '../emulator/spreadsheet/model';
import { a1Cell } from '../emulator/spreadsheet/values';

const LEADS = 'Leads';
/** Leads columns Baton writes (SPEC.md, "The sheets Baton keeps"): not offered by "Add a lead". */
const SYSTEM_HEADERS = ['Lead ID', 'Status', 'Owner', 'Assigned At', 'SLA Due', 'First Contact', 'SLA', 'Problems'];
/** Time can move on by a week at most per click: each sweep in between really runs. */
export const MAX_ADVANCE_MINUTES = 7 * 24 * 60;
/** A Sheets cell holds 50,000 characters at most. */
const MAX_CELL = 50_000;
/** Nesting of google.script.run arguments the page may send (a real sidebar sends a few levels). */
const MAX_DEPTH = 64;

/** One google.script.run answer, as the page's shim hands it to success and failure handlers. */
export type Reply = { ok: true; value: unknown } | { ok: false; message: string };

export interface PlaygroundUser {
  email: string;
  name: string;
  /** A manager in the scenario's config: sees the editable sidebar. */
  manager: boolean;
}

/**
 * How one cell looks, when it differs from a plain cell: `bg` and `fc` the effective background
 * and font colour (conditional formats evaluated by the emulator), `b` bold, `i` italic,
 * `s` strikethrough, `n` a number or date (Sheets aligns those right), `dd` a dropdown cell.
 */
export interface CellStyle {
  bg?: string;
  fc?: string;
  b?: true;
  i?: true;
  s?: true;
  n?: true;
  dd?: true;
}

/** A chart as the emulator recorded it (Sheet.insertChart), with the data its ranges hold now. */
export interface ChartView {
  title: string;
  /** Charts.ChartType: COLUMN, BAR, LINE, ... */
  type: string;
  /** The ranges as A1, as recorded. */
  ranges: string[];
  /** The first range's cells below its header: the categories. */
  labels: string[];
  /** Each further range: its header and its numbers (null for a blank or text cell). */
  series: { name: string; values: (number | null)[] }[];
  /** Where the chart is anchored (1-based row and column). */
  row: number;
  column: number;
}

export interface TabView {
  name: string;
  /** Hidden by Baton (Sheet.hideSheet), as Sheets keeps its own tabs out of the tab bar. */
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  /** The values as they display (number formats applied), rows 1..last row, columns 1..last column. */
  rows: string[][];
  /** Per cell, how it looks; null for a plain cell. Same shape as `rows`. */
  styles: (CellStyle | null)[][];
  /** Columns (1-based) hidden in Sheets: the page leaves them out. */
  hiddenColumns: number[];
  /** Protected columns (1-based) and how: warning-only or enforced, with the protection's description. */
  protectedColumns: { column: number; warningOnly: boolean; description: string }[];
  charts: ChartView[];
}

/** What the last action did: its summary line and the cells it changed (highlighted until the next one). */
export interface LastAction {
  summary: string;
  /** Per tab, the changed cells as [row, column], 1-based. */
  changed: Record<string, [number, number][]>;
}

/** A field of "Add a lead": a Leads header the person fills in (Baton's own columns are not offered). */
export interface LeadField {
  header: string;
  /** The dropdown's choices when the column has one (from the sheet's data validation). */
  options: string[];
  /** What the form starts with, so the lead can be handed off as it is. */
  value: string;
}

/** What `/api/state` answers: plain JSON, times as milliseconds and text, cells as they display. */
export interface PlaygroundState {
  now: number;
  nowText: string;
  timeZone: string;
  users: PlaygroundUser[];
  tabs: TabView[];
  emails: { at: number; atText: string; to: string; subject: string; body: string }[];
  /** The fields "Add a lead" offers, in the Leads tab's column order. */
  leadFields: LeadField[];
  /** The scenario's service areas, offered for Location. */
  serviceAreas: string[];
  /** The last action's summary and changed cells; null before the first. */
  last: LastAction | null;
}

/** Everything an action can change that the page shows: every tab's display values, and the mail count. */
interface Baseline {
  tabs: Map<string, string[][]>;
  mails: number;
}

/** A request the playground refuses before it reaches the emulator (HTTP 400). */
export class BadRequest extends Error {}
/** An action the spreadsheet refuses as Sheets would (a protected range, a validation rule): HTTP 422. */
export class Refused extends Error {}

const email = v.pipe(v.string('must be text'), v.maxLength(254, 'is too long'), v.email('must be an e-mail address'));
const RunBody = v.strictObject({
  fn: v.pipe(v.string('must be text'), v.regex(/^[A-Za-z_$][\w$]{0,99}$/, 'must be a function name')),
  args: v.optional(v.array(v.unknown(), 'must be a list'), []),
  user: email,
});
const AdvanceBody = v.strictObject({
  minutes: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, `must be from 1 to ${MAX_ADVANCE_MINUTES}`),
    v.maxValue(MAX_ADVANCE_MINUTES, `must be from 1 to ${MAX_ADVANCE_MINUTES}`),
  ),
});
const field = (max: number) => v.pipe(v.string('must be text'), v.maxLength(max, `must be at most ${max} characters`));
const LeadBody = v.strictObject({
  values: v.pipe(
    v.record(v.string(), field(MAX_CELL), 'must be an object of header → text'),
    v.check((x) => typeof x.Name === 'string' && x.Name.trim() !== '', 'Name: must not be empty'),
  ),
});
const AdvanceStep = v.strictObject({
  minutes: AdvanceBody.entries.minutes,
  /** What the page calls the whole action ("+1 day"), shown in the summary. */
  label: v.optional(field(200)),
  /** More steps of the same action follow: keep the changes for the summary of the last one. */
  more: v.optional(v.boolean('must be true or false')),
});
const EditBody = v.strictObject({
  user: email,
  row: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(2, 'must be 2 or more (row 1 holds the headers)')),
  header: field(200),
  value: field(MAX_CELL),
});

function parse<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  if (!isPlainObject(body)) throw new BadRequest('body: must be a JSON object');
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const lines = result.issues.map((issue) => {
    const where = v.getDotPath(issue) ?? 'body';
    if (issue.type === 'strict_object' && issue.expected === 'never') return `${where}: is not a field this request takes`;
    if (issue.type === 'strict_object' && issue.received === 'undefined') return `${where}: is missing`;
    return `${where}: ${issue.message}`;
  });
  throw new BadRequest(lines.join('; '));
}

function depth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [x, d] = stack.pop() as [unknown, number];
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    if (x && typeof x === 'object') for (const y of Object.values(x)) stack.push([y, d + 1]);
  }
  return max;
}

/** Wall-clock parts of an instant in a time zone (Node has full ICU; this never ships to Google). */
function wallParts(ms: number, timeZone: string): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(new Date(ms));
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

export function clockText(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** How a person types a date and time into the sheet: "2026-03-02 09:05". */
function typedDateTime(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export interface SessionOptions {
  /** A scenario as JSON data (parsed and checked here); default examples/demo.json is read by the caller. */
  scenario: unknown;
  /** The built bundle; default dist/ as built. */
  project?: Project;
}

export class PlaygroundSession {
  readonly run: ScenarioRun;
  readonly scenario: Scenario;
  readonly users: PlaygroundUser[];
  /** The public server functions the sidebar's google.script.run offers. */
  readonly functions: string[];
  private last: LastAction | null = null;
  /** Set while a multi-step action (the page's "+1 day", an hour at a time) is under way. */
  private pending: { baseline: Baseline; label: string } | null = null;

  /** Installs Baton as the scenario's owner and plays every event up to the scenario's end. */
  constructor(options: SessionOptions) {
    this.scenario = parseScenario(options.scenario);
    this.run = new ScenarioRun(this.scenario, options.project ?? loadProject());
    this.run.run();
    this.users = usersOf(this.scenario);
    // Date: the emulator's clock shim, not a server function.
    this.functions = this.run.host.globalFunctions().filter((f) => !f.endsWith('_') && f !== 'Date');
  }

  get timeZone(): string {
    return this.scenario.timeZone;
  }

  now(): number {
    return this.run.rt.now();
  }

  user(value: unknown): string {
    const known = typeof value === 'string' ? this.users.find((u) => u.email === value) : undefined;
    if (!known) throw new BadRequest(`user: must be one of ${this.users.map((u) => u.email).join(', ')}`);
    return known.email;
  }

  state(): PlaygroundState {
    const doc = spreadsheetState(this.run.rt);
    return {
      now: this.now(),
      nowText: clockText(this.now(), this.timeZone),
      timeZone: this.timeZone,
      users: this.users,
      tabs: doc.sheets.map((sheet) => this.tabView(sheet)),
      emails: mailState(this.run.rt).sent.map((m) => ({ at: m.at, atText: clockText(m.at, this.timeZone), to: m.to, subject: m.subject, body: m.body })),
      leadFields: this.leadFields(),
      serviceAreas: this.strings(this.intake().serviceAreas),
      last: this.last,
    };
  }

  /** A google.script.run call from the sidebar, as `harness.ts` serves it: a script error is a failure reply. */
  call(body: unknown): Reply {
    const { fn, args, user } = parse(RunBody, body);
    const who = this.user(user);
    if (depth(args) > MAX_DEPTH) throw new BadRequest(`args: nested more than ${MAX_DEPTH} levels deep`);
    const records = this.run.rt.records;
    const before = records.length;
    const baseline = this.baseline();
    let reply: Reply;
    try {
      // Applies the wire rules (toWire) and refuses names ending in "_" before it runs anything.
      const value = this.run.call(who, fn, args);
      // A script error does not throw out of the emulator: the execution's record holds it.
      const failure = records.length > before ? records[records.length - 1].error : null;
      reply = failure === null ? { ok: true, value } : { ok: false, message: failure };
    } catch (err) {
      reply = { ok: false, message: errorMessage(err) };
    }
    // Reading the settings or previewing a draft changes nothing: the last action's highlights stay.
    const done = this.describe(baseline, `Sidebar (${fn}, as ${who})`);
    if (Object.keys(done.changed).length || done.mails) this.last = done.action;
    return reply;
  }

  /** Moves time on: every clock trigger due in between fires (sweeps, the weekly report). */
  advance(body: unknown): void {
    const { minutes, label, more } = parse(AdvanceStep, body);
    this.pending ??= { baseline: this.baseline(), label: label ?? `+${minutes} min` };
    const until = this.now() + minutes * 60_000;
    this.run.fireClockUntil(until);
    this.run.rt.clock.set(until);
    if (more) return;
    const { baseline, label: name } = this.pending;
    this.pending = null;
    this.last = this.describe(baseline, name).action;
  }

  /** An integration appends a lead through the API (no trigger fires: the next sweep finds it). Returns its row. */
  addLead(body: unknown): number {
    const { values } = parse(LeadBody, body);
    const headers = this.leadHeaders();
    const offered = new Set(this.leadFields().map((f) => f.header));
    const unknown = Object.keys(values).filter((h) => !offered.has(h));
    if (unknown.length) throw new BadRequest(`values: ${unknown.join(', ')} is not a field "Add a lead" fills in (${[...offered].join(', ')})`);
    const all: Record<string, string> = { ...values, Created: typedDateTime(this.now(), this.timeZone) };
    const row = headers.map((h) => all[h] ?? '');
    while (row.length && row[row.length - 1] === '') row.pop();
    const before = spreadsheetState(this.run.rt).displayValues(LEADS).length;
    const baseline = this.baseline();
    this.apply({ at: new Date(this.now()).toISOString(), type: 'append', via: 'api', sheet: LEADS, rows: [row] });
    this.last = this.describe(baseline, `Added ${values.Name.trim()} on row ${before + 1} by API (no trigger fires: the next sweep checks it)`).action;
    return before + 1;
  }

  /** A person types a value into one cell of Leads: onEdit and the installed edit trigger fire. */
  typeValue(body: unknown): string {
    const edit = parse(EditBody, body);
    const user = this.user(edit.user);
    const headers = this.leadHeaders();
    const column = headers.indexOf(edit.header) + 1;
    if (column === 0) throw new BadRequest(`header: must be one of the Leads headers (${headers.filter((h) => h).join(', ')})`);
    const last = spreadsheetState(this.run.rt).displayValues(LEADS).length;
    if (edit.row > last + 1) throw new BadRequest(`row: must be from 2 to ${last + 1} (the first empty row)`);
    const range = a1Cell(edit.row, column);
    const baseline = this.baseline();
    this.apply({ at: new Date(this.now()).toISOString(), type: 'edit', user, sheet: LEADS, range, values: [[edit.value]] });
    this.last = this.describe(baseline, `${user} typed "${edit.value}" into ${range}`).action;
    return range;
  }

  private apply(event: ScenarioEvent): void {
    try {
      this.run.apply(event);
    } catch (err) {
      if (err instanceof UserActionError) throw new Refused(err.message);
      throw err;
    }
  }

  private baseline(): Baseline {
    const doc = spreadsheetState(this.run.rt);
    return { tabs: new Map(doc.sheets.map((s) => [s.name, doc.displayValues(s.name)])), mails: mailState(this.run.rt).sent.length };
  }

  /** What changed since `before`: the cells (by position) and a one-line summary of what it means for the leads. */
  private describe(before: Baseline, label: string): { action: LastAction; changed: LastAction['changed']; mails: number } {
    const after = this.baseline();
    const changed: LastAction['changed'] = {};
    for (const [name, rows] of after.tabs) {
      const old = before.tabs.get(name) ?? [];
      const cells: [number, number][] = [];
      const height = Math.max(rows.length, old.length);
      for (let r = 0; r < height; r++) {
        const width = Math.max(rows[r]?.length ?? 0, old[r]?.length ?? 0);
        for (let c = 0; c < width; c++) if ((rows[r]?.[c] ?? '') !== (old[r]?.[c] ?? '') && r < rows.length) cells.push([r + 1, c + 1]);
      }
      if (cells.length) changed[name] = cells;
    }
    const mails = mailState(this.run.rt).sent.slice(before.mails);
    const parts = leadChanges(before.tabs.get(LEADS) ?? [], after.tabs.get(LEADS) ?? []);
    for (const name of after.tabs.keys()) {
      if (name === LEADS) continue;
      if (!before.tabs.has(name)) parts.push(`${name} tab created`);
      else if (name === 'Baton Report' && changed[name]) parts.push('weekly report rebuilt');
    }
    if (mails.length) {
      const to = [...new Set(mails.map((m) => m.to))];
      parts.push(`${mails.length} e-mail${mails.length === 1 ? '' : 's'} to ${to.join(', ')}`);
    }
    if (!parts.length) {
      // Baton's hidden bookkeeping (State, Pending) changes on every sweep: not news for a person.
      const doc = spreadsheetState(this.run.rt);
      const shown = Object.entries(changed).filter(([name]) => !doc.sheetByName(name)?.hidden);
      const tabs = shown.map(([name, cells]) => `${cells.length} cell${cells.length === 1 ? '' : 's'} in ${name}`);
      parts.push(tabs.length ? `changed ${tabs.join(', ')}` : 'no lead changed');
    }
    return { action: { summary: `${label}: ${parts.join('; ')}.`, changed }, changed, mails: mails.length };
  }

  private tabView(sheet: SheetModel): TabView {
    const doc = spreadsheetState(this.run.rt);
    const rows = doc.displayValues(sheet.name);
    const formats = effectiveFormats(doc, sheet.name);
    const styles = rows.map((row, r) =>
      row.map((_, c) => {
        const f = formats[r][c];
        const value = doc.computed(sheet, r + 1, c + 1);
        const style: CellStyle = {};
        if (f.background !== '#ffffff') style.bg = f.background;
        if (f.fontColor && f.fontColor !== '#000000') style.fc = f.fontColor;
        if (f.bold) style.b = true;
        if (f.italic) style.i = true;
        if (f.strikethrough) style.s = true;
        if (typeof value === 'number' || (value !== undefined && typeof value === 'object')) style.n = true;
        const dv = sheet.cell(r + 1, c + 1)?.dv;
        if (r > 0 && dv && /^VALUE_IN_(LIST|RANGE)$/.test(dv.criteria)) style.dd = true;
        return Object.keys(style).length ? style : null;
      }),
    );
    const width = rows[0]?.length ?? 0;
    const protectedColumns = doc
      .protectionList(sheet.name)
      .filter((p) => p.type === 'RANGE' && p.rect.nc < width)
      .flatMap((p) => Array.from({ length: p.rect.nc }, (_, i) => ({ column: p.rect.c + i, warningOnly: p.warningOnly, description: p.description })));
    return {
      name: sheet.name,
      hidden: sheet.hidden,
      frozenRows: sheet.frozenRows,
      frozenColumns: sheet.frozenColumns,
      rows,
      styles,
      hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
      protectedColumns,
      charts: sheetCharts(sheet).map((c) => chartView(c, doc)),
    };
  }

  /** Leads as Sheets users keep it: the identity columns stay in view when scrolling right (View › Freeze › Up to column C). */
  private leadHeaders(): string[] {
    return spreadsheetState(this.run.rt).displayValues(LEADS)[0] ?? [];
  }

  /** The Leads columns a person or an integration fills in, with their dropdowns and starting values. */
  private leadFields(): LeadField[] {
    const doc = spreadsheetState(this.run.rt);
    const sheet = doc.sheetByName(LEADS);
    const intake = this.intake();
    const defaults: Record<string, string> = {
      Interest: this.strings(intake.interests)[0] ?? '',
      Location: this.strings(intake.serviceAreas)[0] ?? '',
      Consent: this.strings(intake.consent?.granted)[0] ?? '',
      Source: 'Playground',
      Campaign: 'Playground',
    };
    return this.leadHeaders().flatMap((header, i) => {
      if (!header || header === 'Created' || SYSTEM_HEADERS.includes(header)) return [];
      const dv = sheet?.cell(2, i + 1)?.dv;
      const options = dv?.criteria === 'VALUE_IN_LIST' ? (dv.values[0] as unknown[]).map(String) : [];
      return [{ header, options, value: defaults[header] ?? '' }];
    });
  }

  private intake(): { interests?: unknown; serviceAreas?: unknown; consent?: { granted?: unknown } } {
    const intake = this.scenario.config.intake;
    return intake && typeof intake === 'object' ? intake : {};
  }

  private strings(list: unknown): string[] {
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  }
}

/** A recorded chart with its data: the first range's cells are the categories, each further range a series (row 1 its name). */
function chartView(c: ReturnType<typeof sheetCharts>[number], doc: ReturnType<typeof spreadsheetState>): ChartView {
  const column = (i: number) => {
    const range = c.ranges[i];
    if (!range) return { head: '', cells: [] as { text: string; value: unknown }[] };
    const cells = Array.from({ length: range.rect.nr }, (_, k) => ({
      text: doc.displayAt(range.sheet, range.rect.r + k, range.rect.c),
      value: doc.computed(range.sheet, range.rect.r + k, range.rect.c),
    }));
    return { head: cells[0]?.text ?? '', cells: cells.slice(1) };
  };
  const labels = column(0).cells.map((x) => x.text);
  const series = c.ranges.slice(1).map((_, i) => {
    const s = column(i + 1);
    return { name: s.head, values: s.cells.map((x) => (typeof x.value === 'number' ? x.value : null)) };
  });
  const title = typeof c.options.title === 'string' ? c.options.title : '';
  return {
    title,
    type: c.type,
    ranges: c.ranges.map((r) => r.sheet.name + '!' + a1Cell(r.rect.r, r.rect.c) + ':' + a1Cell(r.rect.r + r.rect.nr - 1, r.rect.c + r.rect.nc - 1)),
    labels,
    series,
    row: c.position.row,
    column: c.position.column,
  };
}

const SLA_WORDS: Record<string, string> = { Breached: 'breached', Missed: 'missed its SLA', Met: 'met its SLA', 'Due soon': 'is due soon' };
const STATUS_WORDS: Record<string, string> = {
  'Needs info': 'needs info',
  Ready: 'is ready for sales',
  Duplicate: 'is a duplicate',
  Ineligible: 'is ineligible',
};

/** What changed for each lead, in words: "Fay Lin breached", "Kim Lee assigned to ana@acme.test". Leads are matched by Lead ID, else by row. */
export function leadChanges(before: string[][], after: string[][]): string[] {
  const headers = after[0] ?? [];
  const col = (h: string) => headers.indexOf(h);
  const [id, name, status, owner, sla] = ['Lead ID', 'Name', 'Status', 'Owner', 'SLA'].map(col);
  if (name < 0) return [];
  const byId = new Map<string, string[]>();
  const unidentified: string[][] = [];
  for (const row of before.slice(1)) {
    if (id >= 0 && row[id]) byId.set(row[id], row);
    else unidentified.push(row);
  }
  const out: string[] = [];
  after.slice(1).forEach((row, i) => {
    // A row Baton has just given an ID was, before, a row without one: match it by name.
    let was = id >= 0 && row[id] ? byId.get(row[id]) : undefined;
    if (!was) {
      const k = unidentified.findIndex((r) => r[name] === row[name]);
      if (k >= 0) was = unidentified.splice(k, 1)[0];
    }
    const who = row[name] || `Row ${i + 2}`;
    const at = (k: number, r: string[] | undefined) => (k >= 0 ? (r?.[k] ?? '') : '');
    if (!was) return void out.push(`${who} added`);
    const now = at(sla, row);
    const contacted = at(status, row) === 'Contacted' && at(status, was) !== 'Contacted';
    if (contacted) {
      out.push(`${who} was contacted${now !== at(sla, was) && now ? ` (SLA ${now})` : ''}`);
      return;
    }
    if (now !== at(sla, was) && SLA_WORDS[now]) out.push(`${who} ${SLA_WORDS[now]}`);
    if (at(owner, row) !== at(owner, was) && at(owner, row)) out.push(`${who} assigned to ${at(owner, row)}`);
    else if (at(status, row) !== at(status, was) && at(status, row)) {
      const problems = col('Problems') >= 0 && row[col('Problems')] ? ` (${row[col('Problems')]})` : '';
      out.push(`${who} ${STATUS_WORDS[at(status, row)] ?? `is now ${at(status, row)}`}${at(status, row) === 'Needs info' ? problems : ''}`);
    }
  });
  return out;
}

/** Everyone the page can act as: the owner, the managers, the team, the editors, in that order. */
function usersOf(scenario: Scenario): PlaygroundUser[] {
  const config = scenario.config as { managers?: unknown; team?: unknown };
  const managers = new Set(Array.isArray(config.managers) ? config.managers.filter((m): m is string => typeof m === 'string') : []);
  const names = new Map<string, string>();
  if (Array.isArray(config.team)) {
    for (const m of config.team as { email?: unknown; name?: unknown }[]) {
      if (typeof m?.email === 'string') names.set(m.email, typeof m.name === 'string' ? m.name : m.email);
    }
  }
  const emails = new Set([scenario.owner, ...managers, ...names.keys(), ...scenario.editors]);
  return [...emails].map((e) => ({ email: e, name: names.get(e) ?? e.split('@')[0], manager: managers.has(e) }));
}
