/**
 * Baton's configuration (SPEC.md, "Configuration", format v1): defaults, migration of older
 * formats, and validation whose every message names the thing a manager sees ("routing rule
 * 'North': assignTo lists bob@acme.test, who is not on the team").
 */
import * as v from 'valibot';
import { ConfigSchema, type BatonConfig } from './config-schema';
import { fieldKey, LEAD_HEADERS } from './headers';

export type { BatonConfig, RoutingRule, TeamMember } from './config-schema';
export type { Condition, ConditionTerm } from './conditions';

export const CONFIG_VERSION = 1;

export function defaultConfig(timeZone: string, firstManager?: string): BatonConfig {
  return {
    version: 1,
    leadsSheet: 'Leads',
    columns: {},
    timeZone,
    managers: firstManager ? [firstManager] : [],
    sweepMinutes: 5,
    intake: {
      contact: 'email_or_phone',
      required: [],
      phoneRegion: 'US',
      interests: [],
      serviceAreas: [],
      consent: { granted: ['Yes'], denied: ['No'] },
      reopenDays: 0,
      needsInfoDays: 1,
      needsInfoTo: [],
    },
    readiness: null,
    team: [],
    routing: { rules: [], fallback: [] },
    sla: {
      targets: [{ name: 'Standard', minutes: 60 }],
      businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      holidays: [],
      dueSoonPercent: 80,
      clockStarts: 'ready',
      escalation: null,
    },
    alerts: { ownerBreachEmails: true, failureEmails: true, dueSoonEmails: false },
    report: { weekday: 1, hour: 8 },
    ownership: { othersMayEdit: false },
  };
}

/**
 * Migrations from each older version to the next, applied in order. Version 1 is the first
 * format, so the chain is empty; a v2 adds `1: (c) => ({ ...c, version: 2, ... })` here.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * One validation problem and where it is: `path` is the dotted path into the config
 * (`team.2.email`, `routing.rules.0.assignTo`; '' for the whole config), so the sidebar can show
 * the message next to the field it concerns.
 */
export interface ConfigIssue {
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: BatonConfig } | { ok: false; problems: string[]; issues: ConfigIssue[] };

function refusedWith(issues: ConfigIssue[]): ConfigResult {
  const problems = [...new Set(issues.map((i) => i.message))];
  return { ok: false, problems, issues };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function migrate(input: Record<string, unknown>): Record<string, unknown> | string {
  let config = input;
  let version = config.version === undefined ? CONFIG_VERSION : config.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return `The configuration's version (${String(version)}) is not a version number.`;
  if (version > CONFIG_VERSION) return `Configuration version ${version} is newer than this Baton reads (version ${CONFIG_VERSION}). Update Baton first.`;
  while (version < CONFIG_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return `There is no way to update configuration version ${version}.`;
    config = step(config);
    version += 1;
  }
  return { ...config, version };
}

/** Lays a partial config over the defaults: one level deep for the nested sections. */
function withDefaults(input: Record<string, unknown>, timeZone: string | (() => string)): Record<string, unknown> {
  const zone = typeof input.timeZone === 'string' ? input.timeZone : typeof timeZone === 'function' ? timeZone() : timeZone;
  const base = defaultConfig(zone) as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    const def = base[key];
    merged[key] = isObject(def) && isObject(value) ? { ...def, ...value } : value;
  }
  return merged;
}

/**
 * Names where a problem is, the way the sidebar shows it: `team member 'ana@acme.test'`,
 * `routing rule 'North'`, `readiness condition 2`. The field itself is named by the message.
 */
function describePath(path: (string | number)[], input: Record<string, unknown>): string {
  const parts: string[] = [];
  let node: unknown = input;
  const named = (item: unknown, key: string, index: number) =>
    isObject(item) && typeof item[key] === 'string' ? `'${item[key]}'` : String(index + 1);
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    const child = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key as string] : undefined;
    if (typeof next === 'number' && Array.isArray(child)) {
      const item = child[next];
      if (key === 'team') parts.push(`team member ${named(item, 'email', next)}`);
      else if (key === 'rules') parts.push(`routing rule ${named(item, 'name', next)}`);
      else if (key === 'targets') parts.push(`SLA target ${named(item, 'name', next)}`);
      else if (key === 'all' || key === 'any') parts.push(`condition ${next + 1}`);
      else if (key === 'away') parts.push(`away period ${next + 1}`);
      node = item;
      i++;
      continue;
    }
    if (key === 'readiness') parts.push('readiness');
    node = child;
  }
  return parts.join(', ');
}

/** Rules the schema cannot express: who is on the team, which fields exist. */
function crossCheck(config: BatonConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const problem = (path: string, message: string) => issues.push({ path, message });
  const team = new Set(config.team.map((m) => m.email));
  const seen = new Set<string>();
  config.team.forEach((m, i) => {
    if (seen.has(m.email)) problem(`team.${i}.email`, `team: ${m.email} is listed more than once.`);
    seen.add(m.email);
  });
  const ruleNames = new Set<string>();
  config.routing.rules.forEach((rule, i) => {
    if (ruleNames.has(rule.name)) problem(`routing.rules.${i}.name`, `routing rule '${rule.name}': another rule has the same name.`);
    ruleNames.add(rule.name);
    for (const email of rule.assignTo) {
      if (!team.has(email)) problem(`routing.rules.${i}.assignTo`, `routing rule '${rule.name}': assignTo lists ${email}, who is not on the team.`);
    }
  });
  for (const email of config.routing.fallback) {
    if (!team.has(email)) problem('routing.fallback', `routing fallback lists ${email}, who is not on the team.`);
  }
  const knownFields = new Set([...LEAD_HEADERS.map(fieldKey)]);
  for (const key of Object.keys(config.columns)) {
    if (!knownFields.has(key)) problem(`columns.${key}`, `columns: "${key}" is not a Baton field (fields are ${[...knownFields].join(', ')}).`);
  }
  const seenHeaders = new Map<string, string>();
  for (const [key, header] of Object.entries(config.columns)) {
    const h = header.toLowerCase();
    if (seenHeaders.has(h)) problem(`columns.${key}`, `columns: "${header}" is used for both ${seenHeaders.get(h)} and ${key}.`);
    seenHeaders.set(h, key);
  }
  // A field mapped onto another field's column would overwrite that data (Status written into
  // Name): a header may be taken only when its own field has moved elsewhere.
  const defaults = new Map(LEAD_HEADERS.map((h) => [h.toLowerCase(), fieldKey(h)]));
  for (const [key, header] of Object.entries(config.columns)) {
    const owner = defaults.get(header.toLowerCase());
    if (owner && owner !== key && config.columns[owner] === undefined) {
      problem(`columns.${key}`, `columns: "${header}" is the ${header} column; ${key} cannot use it (map ${owner} to another header first).`);
    }
  }
  if (config.intake.required.includes('location') && config.intake.serviceAreas.length === 0) {
    problem('intake.serviceAreas', 'intake: location is required but no service areas are listed.');
  }
  if (config.intake.required.includes('interest') && config.intake.interests.length === 0) {
    problem('intake.interests', 'intake: interest is required but no interests are listed.');
  }
  return issues;
}

/** The config with `email` among its managers (setup makes whoever runs it a manager). */
export function withManager(input: unknown, email: string): unknown {
  if (!isObject(input) || !email) return input;
  const managers = Array.isArray(input.managers) ? input.managers : [];
  return managers.includes(email) ? input : { ...input, managers: [...managers, email] };
}

/** Bounds on a config's shape, checked before anything walks it recursively (a hostile import). */
const MAX_DEPTH = 20;
const MAX_NODES = 20_000;

/** Why a value is too deep or too large to be a config, or null; iterative, so depth cannot overflow the stack. */
export function tooLarge(input: unknown): string | null {
  const stack: [unknown, number][] = [[input, 1]];
  let nodes = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (++nodes > MAX_NODES) return `The configuration is too large (more than ${MAX_NODES} values).`;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_DEPTH) return `The configuration is nested too deeply (more than ${MAX_DEPTH} levels).`;
    for (const child of Object.values(node as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return null;
}

/**
 * Migrates, fills defaults and validates; problems are sentences a manager can act on. `timeZone`
 * is the zone of a config that names none: a function is asked only then (on Apps Script the
 * spreadsheet's zone is a service call).
 */
export function parseConfig(input: unknown, timeZone: string | (() => string)): ConfigResult {
  if (!isObject(input)) return refusedWith([{ path: '', message: 'The configuration must be a JSON object.' }]);
  const shape = tooLarge(input);
  if (shape) return refusedWith([{ path: '', message: shape }]);
  const migrated = migrate(input);
  if (typeof migrated === 'string') return refusedWith([{ path: 'version', message: migrated }]);
  const full = withDefaults(migrated, timeZone);
  const result = v.safeParse(ConfigSchema, full);
  if (!result.success) {
    return refusedWith(
      result.issues.map((issue) => {
        const path = (issue.path ?? []).map((p) => p.key as string | number);
        const where = describePath(path, full);
        return { path: path.join('.'), message: where ? `${where}: ${issue.message}.` : `${issue.message}.` };
      }),
    );
  }
  const issues = crossCheck(result.output);
  return issues.length ? refusedWith(issues) : { ok: true, config: result.output };
}
