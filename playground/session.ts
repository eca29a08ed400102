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
import { spreadsheetState } from '../emulator/spreadsheet';
import { UserActionError } from '../emulator/spreadsheet/model';
import { a1Cell } from '../emulator/spreadsheet/values';

/** The tabs the page shows, in this order, when they exist (Baton State and Pending are Baton's own). */
export const SHOWN_TABS = ['Leads', 'Baton Log', 'Baton Failures', 'Baton Outbox', 'Baton Report'];
const LEADS = 'Leads';
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

/** What `/api/state` answers: plain JSON, times as milliseconds and text, cells as they display. */
export interface PlaygroundState {
  now: number;
  nowText: string;
  timeZone: string;
  users: PlaygroundUser[];
  tabs: { name: string; rows: string[][] }[];
  emails: { at: number; atText: string; to: string; subject: string }[];
  /** The defaults "Add a lead" fills in for the other mandatory fields. */
  leadDefaults: Record<string, string>;
  /** The scenario's service areas, offered for Location. */
  serviceAreas: string[];
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
  name: v.pipe(field(500), v.check((s) => s.trim() !== '', 'must not be empty')),
  email: v.optional(field(254), ''),
  location: v.optional(field(200), ''),
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
    const present = new Set(doc.sheets.map((s) => s.name));
    const result = this.run.result();
    return {
      now: this.now(),
      nowText: clockText(this.now(), this.timeZone),
      timeZone: this.timeZone,
      users: this.users,
      tabs: SHOWN_TABS.filter((name) => present.has(name)).map((name) => ({ name, rows: doc.displayValues(name) })),
      emails: result.emails.map((m) => {
        const at = Date.parse(m.at);
        return { at, atText: clockText(at, this.timeZone), to: m.to, subject: m.subject };
      }),
      leadDefaults: this.leadDefaults(),
      serviceAreas: this.strings(this.intake().serviceAreas),
    };
  }

  /** A google.script.run call from the sidebar, as `harness.ts` serves it: a script error is a failure reply. */
  call(body: unknown): Reply {
    const { fn, args, user } = parse(RunBody, body);
    const who = this.user(user);
    if (depth(args) > MAX_DEPTH) throw new BadRequest(`args: nested more than ${MAX_DEPTH} levels deep`);
    const records = this.run.rt.records;
    const before = records.length;
    try {
      // Applies the wire rules (toWire) and refuses names ending in "_" before it runs anything.
      const value = this.run.call(who, fn, args);
      // A script error does not throw out of the emulator: the execution's record holds it.
      const failure = records.length > before ? records[records.length - 1].error : null;
      return failure === null ? { ok: true, value } : { ok: false, message: failure };
    } catch (err) {
      return { ok: false, message: errorMessage(err) };
    }
  }

  /** Moves time on: every clock trigger due in between fires (sweeps, the weekly report). */
  advance(body: unknown): void {
    const { minutes } = parse(AdvanceBody, body);
    const until = this.now() + minutes * 60_000;
    this.run.fireClockUntil(until);
    this.run.rt.clock.set(until);
  }

  /** An integration appends a lead through the API (no trigger fires: the next sweep finds it). Returns its row. */
  addLead(body: unknown): number {
    const lead = parse(LeadBody, body);
    const headers = this.leadHeaders();
    const values: Record<string, string> = {
      ...this.leadDefaults(),
      Created: typedDateTime(this.now(), this.timeZone),
      Name: lead.name,
      Email: lead.email,
      Location: lead.location,
    };
    const row = headers.map((h) => values[h] ?? '');
    while (row.length && row[row.length - 1] === '') row.pop();
    const before = spreadsheetState(this.run.rt).displayValues(LEADS).length;
    this.apply({ at: new Date(this.now()).toISOString(), type: 'append', via: 'api', sheet: LEADS, rows: [row] });
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
    this.apply({ at: new Date(this.now()).toISOString(), type: 'edit', user, sheet: LEADS, range, values: [[edit.value]] });
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

  private leadHeaders(): string[] {
    return spreadsheetState(this.run.rt).displayValues(LEADS)[0] ?? [];
  }

  /** What "Add a lead" puts in the other mandatory fields, so the lead can be handed off. */
  private leadDefaults(): Record<string, string> {
    const intake = this.intake();
    return {
      Interest: this.strings(intake.interests)[0] ?? 'Solar',
      Consent: this.strings(intake.consent?.granted)[0] ?? 'Yes',
      Source: 'Playground',
      Campaign: 'Playground',
    };
  }

  private intake(): { interests?: unknown; serviceAreas?: unknown; consent?: { granted?: unknown } } {
    const intake = this.scenario.config.intake;
    return intake && typeof intake === 'object' ? intake : {};
  }

  private strings(list: unknown): string[] {
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  }
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
