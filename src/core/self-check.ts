/**
 * The self-check's facts and its report: each platform fact Baton relies on, with what the
 * emulator assumes Google does, compared with what a real spreadsheet did (src/gas/self-check.ts
 * runs the probes). Tests run the same probes in the emulator, where every fact must hold.
 */

export const SELF_CHECK_TAB = 'Baton Self-check';
/** The scratch tab the probes write in; deleted at the end of every run. */
export const SELF_CHECK_SCRATCH = 'Baton Self-check scratch';
export const SELF_CHECK_HEADERS = ['Fact', 'What the emulator assumes', 'What this spreadsheet did', 'Holds'] as const;

/** One probe's result: `did` is compared with `assumes` as text. */
export interface ProbeOutcome {
  fact: string;
  assumes: string;
  did: string;
}

export interface CheckedFact extends ProbeOutcome {
  holds: boolean;
}

export function judge(outcomes: ProbeOutcome[]): CheckedFact[] {
  return outcomes.map((o) => ({ ...o, holds: o.did === o.assumes }));
}

/** The tab's rows, header first; `holds` as yes/no. */
export function selfCheckRows(facts: CheckedFact[]): string[][] {
  return [[...SELF_CHECK_HEADERS], ...facts.map((f) => [f.fact, f.assumes, f.did, f.holds ? 'yes' : 'no'])];
}

export function selfCheckSummary(facts: CheckedFact[]): string {
  const failing = facts.filter((f) => !f.holds);
  const head = `${facts.length - failing.length} of ${facts.length} platform facts hold in this spreadsheet.`;
  const tail = failing.length
    ? ` Not as assumed: ${failing.map((f) => f.fact).join('; ')}.`
    : '';
  return `${head}${tail} The results are in the "${SELF_CHECK_TAB}" tab: please send it to Baton's maintainers.`;
}

/** How a value read back from a cell is described: its type, and the value for scalars. */
export function describeValue(v: unknown): string {
  if (v === '') return "'' (empty)";
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  if (typeof v === 'string') return `text "${v}"`;
  return `${typeof v} ${String(v)}`;
}

/**
 * Locales Sheets reads `3/4/2026` month first in (March 4); other locales read it day first
 * (3 April). The emulator's assumption (emulator/spreadsheet/values.ts), checked by the self-check.
 */
const MONTH_FIRST_LOCALES = ['en_US', 'en', 'es_US', 'en_PH', 'fil_PH', 'en_CA'];

/** What a date typed as `3/4/2026` should read back as (yyyy-MM-dd) in a spreadsheet of `locale`. */
export function typedDateIn(locale: string): string {
  return MONTH_FIRST_LOCALES.includes(locale) ? '2026-03-04' : '2026-04-03';
}

/** The handler names a person sees in getProjectTriggers: Baton's three when they own Baton's triggers, none otherwise. */
export function expectedTriggerList(ownsBatonTriggers: boolean): string {
  return ownsBatonTriggers ? 'batonOnEdit, batonOnFormSubmit, batonSweep' : '(none)';
}
