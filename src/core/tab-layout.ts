/**
 * Decides how "Set up Baton" brings each Baton tab to the expected headers: create a missing tab,
 * adopt an existing one, append headers it lacks (never moving or renaming the user's columns),
 * and report what a person must fix (duplicate or blank-named headers Baton depends on).
 */

export interface TabSpec {
  name: string;
  headers: readonly string[];
}

/** What setup found in an existing tab: its first row, as displayed. */
export interface ExistingTab {
  name: string;
  headerRow: string[];
  /** Whether any row below the header holds data (setup never inserts above data). */
  lastColumn: number;
}

export type TabAction =
  | { kind: 'create'; name: string; headers: string[] }
  | { kind: 'adopt'; name: string; appendHeaders: string[]; atColumn: number; problems: string[] };

function normalise(h: string): string {
  return h.trim().toLowerCase();
}

export function planTab(spec: TabSpec, existing: ExistingTab | null): TabAction {
  if (!existing) return { kind: 'create', name: spec.name, headers: [...spec.headers] };
  const seen = new Map<string, number>();
  for (const h of existing.headerRow) {
    const key = normalise(h);
    if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const missing = spec.headers.filter((h) => !seen.has(normalise(h)));
  const problems = spec.headers
    .filter((h) => (seen.get(normalise(h)) ?? 0) > 1)
    .map((h) => `The header "${h}" appears more than once in "${spec.name}"; Baton uses the first one. Rename the others.`);
  return {
    kind: 'adopt',
    name: spec.name,
    appendHeaders: missing,
    // Append after the last used column so no column a person made is overwritten.
    atColumn: Math.max(existing.lastColumn, lastNonBlank(existing.headerRow)) + 1,
    problems,
  };
}

function lastNonBlank(row: string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (String(row[i]).trim() !== '') return i + 1;
  return 0;
}
