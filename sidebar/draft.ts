/**
 * Editing the draft config: immutable updates by path, lists typed one item per line, and the
 * validation issues that belong to a field. Pure functions, so the page stays simple.
 */
import type { BatonConfig, ConfigIssue } from '../src/server-api';

export type Path = (string | number)[];

export function pathKey(path: Path): string {
  return path.join('.');
}

/** A copy of `root` with the value at `path` replaced (objects and arrays copied on the way). */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const node = root as unknown as Record<string | number, unknown>;
  const copy: Record<string | number, unknown> = Array.isArray(root) ? ([...root] as unknown as Record<number, unknown>) : { ...node };
  copy[head] = setIn(node?.[head], rest, value);
  return copy as unknown as T;
}

export function getIn(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node === null || node === undefined ? undefined : (node as Record<string | number, unknown>)[key]), root);
}

/** One item per line (commas also separate), trimmed, empty lines dropped. */
export function parseLines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function showLines(items: readonly unknown[] | undefined): string {
  return (items ?? []).map(String).join('\n');
}

/** The issues at a field, or anywhere under it. */
export function issuesAt(issues: ConfigIssue[], path: Path): ConfigIssue[] {
  const key = pathKey(path);
  return issues.filter((i) => i.path === key || i.path.startsWith(key + '.'));
}

export function moved<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/**
 * A member's e-mail changed: rules, fallback and managers follow, so renaming someone does not
 * leave routing pointing at an address that is no longer on the team.
 */
export function renameMember(config: BatonConfig, from: string, to: string): BatonConfig {
  if (!from || from === to) return config;
  const swap = (list: string[]) => list.map((e) => (e === from ? to : e));
  return {
    ...config,
    managers: swap(config.managers),
    routing: {
      rules: config.routing.rules.map((r) => ({ ...r, assignTo: swap(r.assignTo) })),
      fallback: swap(config.routing.fallback),
    },
  };
}

/** A member's e-mail removed: rules, fallback and managers drop it too. */
export function removeMember(config: BatonConfig, index: number): BatonConfig {
  const email = config.team[index]?.email;
  const drop = (list: string[]) => list.filter((e) => e !== email);
  return {
    ...config,
    team: config.team.filter((_, i) => i !== index),
    routing: {
      rules: config.routing.rules.map((r) => ({ ...r, assignTo: drop(r.assignTo) })),
      fallback: drop(config.routing.fallback),
    },
  };
}

/** Numbers typed as text become numbers; anything else stays text (conditions compare both). */
export function typedValue(text: string): string | number {
  const t = text.trim();
  return t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : text;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Imported JSON laid over the current settings (one level deep for sections, as the server fills
 * defaults), so the form can show it. Refused, with the reason, only where the form could not
 * show it at all: a list that is not a list, a section that is not an object. The server
 * validates everything else on preview and save, next to each field.
 */
export function importedDraft(input: unknown, base: BatonConfig): { ok: true; draft: BatonConfig } | { ok: false; problem: string } {
  if (!isPlainObject(input)) return { ok: false, problem: 'The JSON must be an object: { … }.' };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    const current = (base as unknown as Record<string, unknown>)[key];
    if (Array.isArray(current) && !Array.isArray(value)) return { ok: false, problem: `"${key}" must be a list.` };
    if (isPlainObject(current) && key !== 'columns') {
      if (!isPlainObject(value)) return { ok: false, problem: `"${key}" must be an object.` };
      for (const [inner, v] of Object.entries(value)) {
        const was = current[inner];
        if (Array.isArray(was) && !Array.isArray(v)) return { ok: false, problem: `"${key}.${inner}" must be a list.` };
      }
      merged[key] = { ...current, ...value };
    } else merged[key] = value;
  }
  const lists: [string, unknown][] = [
    ['team', merged.team],
    ['routing.rules', (merged.routing as Record<string, unknown>)?.rules],
    ['sla.targets', (merged.sla as Record<string, unknown>)?.targets],
  ];
  for (const [where, list] of lists) {
    if (Array.isArray(list) && !list.every(isPlainObject)) return { ok: false, problem: `Each item of "${where}" must be an object.` };
  }
  return { ok: true, draft: merged as unknown as BatonConfig };
}
