/**
 * Decides how "Set up Baton" formats the Leads tab: dropdowns on Status, Interest, Location and
 * Consent, a frozen header row, warning-only protection on the system columns, and conditional
 * formatting for Status, SLA and Problems. Columns are found by header text on every run, and
 * what Baton made before is recognised, so setup run twice changes nothing and never touches the
 * protections, rules or validations people made.
 */
import type { BatonConfig } from './config-schema';
import { locateColumns, SYSTEM_FIELDS } from './lead-columns';
import { SLA_STATES } from './sla';
import { ALL_STATUSES, STATUS, type Status } from './statuses';


/** Every protection Baton makes has a description starting with this; nothing else does. */
export const PROTECTION_PREFIX = 'Baton: ';
/** Every dropdown Baton makes has a help text starting with this. */
export const VALIDATION_PREFIX = 'Baton: ';

export interface Dropdown {
  field: string;
  /** 1-based column. */
  column: number;
  /** The cells below the header, open-ended (e.g. `N2:N`). */
  a1: string;
  values: string[];
  /** Always true: a pasted row is never rejected; Baton reports a bad value in Problems instead. */
  allowInvalid: true;
  helpText: string;
}

export interface ProtectedColumn {
  field: string;
  column: number;
  /** The whole column, header included (e.g. `A:A`): renaming a system header breaks Baton too. */
  a1: string;
  description: string;
  warningOnly: true;
}

export type RuleCondition = { type: 'TEXT_EQUAL_TO'; text: string } | { type: 'CELL_NOT_EMPTY' } | { type: 'CUSTOM_FORMULA'; formula: string };

export interface RuleStyle {
  /** Lower-case `#rrggbb`, as Sheets reports colours back; null leaves it alone. */
  background: string | null;
  fontColor: string | null;
}

export interface FormatRule extends RuleStyle {
  field: string;
  column: number;
  a1: string;
  when: RuleCondition;
}

/** A column formatted as plain text (`@`), so what people type stays text (a phone "+1 212 555 0101"). */
export interface PlainTextColumn {
  field: string;
  column: number;
  /** The cells below the header, open-ended (e.g. `E2:E`). */
  a1: string;
}

/**
 * Columns people type text into that Sheets would otherwise read as a formula or a number:
 * `+1 212 555 0101` becomes `#ERROR!` and `+15550100` the number 15550100 unless the cell is
 * formatted as plain text (docs/PLATFORM-FACTS.md). Lead ID is not here: Baton writes it itself,
 * with a leading apostrophe, in a form (`L-XXXXXX`) Sheets always keeps as text.
 */
export const PLAIN_TEXT_FIELDS = ['phone'] as const;

/** Sheets' number format for plain text. */
export const PLAIN_TEXT_FORMAT = '@';

export interface LeadsFormat {
  /** The header row stays in view; more frozen rows a person chose are kept. */
  minFrozenRows: 1;
  /**
   * Who the lead is stays in view while people scroll right to Status, Owner and the SLA: the
   * columns through Name are frozen when Name is among the first four (0: Name sits further right,
   * and freezing that much would leave little room). More frozen columns a person chose are kept.
   */
  minFrozenColumns: number;
  plainText: PlainTextColumn[];
  dropdowns: Dropdown[];
  protections: ProtectedColumn[];
  rules: FormatRule[];
}

// ------------------------------------------------------------------ styles

const AMBER = { background: '#fce8b2', fontColor: '#7f6000' };
const BLUE = { background: '#c9daf8', fontColor: '#1c4587' };
const GREEN = { background: '#d9ead3', fontColor: '#274e13' };
const DEEPER_GREEN = { background: '#b7e1cd', fontColor: '#274e13' };
const GREY = { background: '#efefef', fontColor: '#666666' };
const MUTED = { background: null, fontColor: '#999999' };

/** New has no colour: it is only waiting for Baton's next look. */
export const STATUS_STYLES: Partial<Record<Status, RuleStyle>> = {
  [STATUS.needsInfo]: AMBER,
  [STATUS.ready]: BLUE,
  [STATUS.assigned]: GREEN,
  [STATUS.contacted]: DEEPER_GREEN,
  [STATUS.duplicate]: GREY,
  [STATUS.ineligible]: GREY,
  [STATUS.qualified]: MUTED,
  [STATUS.won]: MUTED,
  [STATUS.lost]: MUTED,
  [STATUS.disqualified]: MUTED,
};

/** On track has no colour: nothing to act on. */
export const SLA_STYLES: Record<string, RuleStyle> = {
  [SLA_STATES.dueSoon]: AMBER,
  [SLA_STATES.breached]: { background: '#e06666', fontColor: '#ffffff' },
  [SLA_STATES.met]: GREEN,
  [SLA_STATES.missed]: { background: '#990000', fontColor: '#ffffff' },
  [SLA_STATES.closedBeforeDue]: GREY,
};

export const PROBLEMS_STYLE: RuleStyle = { background: '#f4cccc', fontColor: null };
/** Name is frozen with the columns before it only when it is this far left, at most. */
const FREEZE_NAME_WITHIN = 4;

/** An SLA Due that has passed with no first contact: the Breached colours. */
export const OVERDUE_STYLE: RuleStyle = { background: '#e06666', fontColor: '#ffffff' };

/** True, for row 2 (Sheets shifts it down the range), when the lead is assigned, uncontacted and past its SLA Due. */
export function overdueFormula(due: number, contact: number, status: number): string {
  const [d, c, s] = [due, contact, status].map(columnLetters);
  return `=AND(ISNUMBER($${d}2),$${c}2="",$${d}2<NOW(),$${s}2="${STATUS.assigned}")`;
}
const OVERDUE_SHAPE = /^=AND\(ISNUMBER\(\$[A-Z]+2\),\$[A-Z]+2="",\$[A-Z]+2<NOW\(\),\$[A-Z]+2="Assigned"\)$/;

/** Every rule Baton makes, column aside: what recognises Baton's own rules in a sheet. */
function ruleTemplates(): { field: string; when: RuleCondition; style: RuleStyle }[] {
  const text = (field: string, styles: Partial<Record<string, RuleStyle>>) =>
    Object.entries(styles).map(([t, style]) => ({ field, when: { type: 'TEXT_EQUAL_TO' as const, text: t }, style: style! }));
  return [
    ...text('status', STATUS_STYLES),
    ...text('sla', SLA_STYLES),
    { field: 'problems', when: { type: 'CELL_NOT_EMPTY' }, style: PROBLEMS_STYLE },
  ];
}

// ------------------------------------------------------------------ the wanted format

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The cells of a column below the header, open-ended so the range grows with the sheet. */
export const belowHeader = (column: number): string => `${columnLetters(column)}2:${columnLetters(column)}`;
const wholeColumn = (column: number) => `${columnLetters(column)}:${columnLetters(column)}`;

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** What the Leads tab should look like, for this header row (as displayed) and config. */
export function planLeadsFormat(headerRow: unknown[], config: BatonConfig): LeadsFormat {
  const cols = locateColumns(headerRow, config);
  const at = (field: string) => (cols.index[field] === undefined ? null : cols.index[field] + 1);

  const lists: [string, string[], string][] = [
    ['status', ALL_STATUSES, 'pick a status'],
    ['interest', distinct(config.intake.interests), 'pick an interest'],
    ['location', distinct(config.intake.serviceAreas), 'pick a service area'],
    ['consent', distinct([...config.intake.consent.granted, ...config.intake.consent.denied]), 'pick a consent answer'],
  ];
  const dropdowns: Dropdown[] = [];
  for (const [field, values, ask] of lists) {
    const column = at(field);
    if (column === null || values.length === 0) continue;
    dropdowns.push({
      field,
      column,
      a1: belowHeader(column),
      values,
      allowInvalid: true,
      helpText: `${VALIDATION_PREFIX}${ask} from the list. Other text is kept, and Baton lists it under ${cols.headers.problems}.`,
    });
  }

  const protections: ProtectedColumn[] = [];
  for (const field of SYSTEM_FIELDS) {
    const column = at(field);
    if (column === null) continue;
    protections.push({
      field,
      column,
      a1: wholeColumn(column),
      description: `${PROTECTION_PREFIX}system column "${cols.headers[field]}". Baton writes it and logs every change to it.`,
      warningOnly: true,
    });
  }

  const rules: FormatRule[] = [];
  for (const t of ruleTemplates()) {
    const column = at(t.field);
    if (column === null) continue;
    rules.push({ field: t.field, column, a1: belowHeader(column), when: t.when, ...t.style });
  }
  // The sheet itself turns an assigned lead's SLA Due red the minute it passes, between sweeps
  // (an add-on's sweep is hourly): NOW() is recalculated by Sheets, not by Baton.
  const [due, contact, status] = [at('slaDue'), at('firstContact'), at('status')];
  if (due !== null && contact !== null && status !== null) {
    rules.push({ field: 'slaDue', column: due, a1: belowHeader(due), when: { type: 'CUSTOM_FORMULA', formula: overdueFormula(due, contact, status) }, ...OVERDUE_STYLE });
  }

  const plainText: PlainTextColumn[] = [];
  for (const field of PLAIN_TEXT_FIELDS) {
    const column = at(field);
    if (column !== null) plainText.push({ field, column, a1: belowHeader(column) });
  }

  const name = at('name');
  return { minFrozenRows: 1, minFrozenColumns: name !== null && name <= FREEZE_NAME_WITHIN ? name : 0, plainText, dropdowns, protections, rules };
}

// ------------------------------------------------------------------ what is already there

/** A range protection as read from the sheet. */
export interface ExistingProtection {
  description: string;
  column: number;
  numColumns: number;
}

export function isBatonProtection(description: string): boolean {
  return description.startsWith(PROTECTION_PREFIX);
}

/** Indexes into `existing` to remove, and protections to add. People's protections are never touched. */
export interface ProtectionChanges {
  remove: number[];
  add: ProtectedColumn[];
}

/**
 * Baton's protection on a column stays when its column and description still match; any other
 * of Baton's (a renamed header, a duplicate) goes. Warning-only is not compared: a manager who
 * made a system column strict on purpose keeps it that way.
 */
export function reconcileProtections(wanted: ProtectedColumn[], existing: ExistingProtection[]): ProtectionChanges {
  const matched = new Set<number>();
  const add: ProtectedColumn[] = [];
  for (const w of wanted) {
    const i = existing.findIndex(
      (e, j) => !matched.has(j) && isBatonProtection(e.description) && e.numColumns === 1 && e.column === w.column && e.description === w.description,
    );
    if (i < 0) add.push(w);
    else matched.add(i);
  }
  const remove = existing.flatMap((e, i) => (isBatonProtection(e.description) && !matched.has(i) ? [i] : []));
  return { remove, add };
}

/** A conditional format rule as read from the sheet (a gradient rule has no condition). */
export interface ExistingRule {
  ranges: { row: number; column: number; numRows: number; numColumns: number }[];
  condition: { type: string; values: unknown[] } | null;
  background: string | null;
  fontColor: string | null;
}

const colour = (c: string | null | undefined) => (c ? c.trim().toLowerCase() : null);

/**
 * A rule is Baton's when it covers one column from row 2 down and its condition and colours are
 * exactly one of Baton's: a person's rule on the same column with other colours is theirs.
 */
export function isBatonRule(rule: ExistingRule): boolean {
  if (rule.ranges.length !== 1 || !rule.condition) return false;
  const [range] = rule.ranges;
  if (range.row !== 2 || range.numColumns !== 1) return false;
  const { type, values } = rule.condition;
  if (type === 'CUSTOM_FORMULA') {
    return OVERDUE_SHAPE.test(String(values[0] ?? '')) && colour(rule.background) === OVERDUE_STYLE.background && colour(rule.fontColor) === OVERDUE_STYLE.fontColor;
  }
  return ruleTemplates().some(
    (t) =>
      t.when.type === type &&
      (t.when.type !== 'TEXT_EQUAL_TO' || (values.length === 1 && String(values[0]) === t.when.text)) &&
      colour(rule.background) === t.style.background &&
      colour(rule.fontColor) === t.style.fontColor,
  );
}

function sameRule(e: ExistingRule, w: FormatRule): boolean {
  if (e.ranges[0].column !== w.column || e.condition?.type !== w.when.type) return false;
  if (w.when.type === 'CUSTOM_FORMULA') return String(e.condition.values[0]) === w.when.formula;
  return w.when.type !== 'TEXT_EQUAL_TO' || String(e.condition.values[0]) === w.when.text;
}

/**
 * The sheet's rules after setup: people's rules first, in their order (so a person's own rule
 * wins where both apply), then Baton's. `changed` is false when Baton's rules are already exactly
 * these, so setup writes nothing.
 */
export interface RuleChanges {
  changed: boolean;
  /** Indexes into `existing` of the rules people made. */
  keep: number[];
  add: FormatRule[];
}

export function reconcileRules(wanted: FormatRule[], existing: ExistingRule[]): RuleChanges {
  const keep: number[] = [];
  const ours: ExistingRule[] = [];
  existing.forEach((r, i) => (isBatonRule(r) ? ours.push(r) : keep.push(i)));
  const changed = ours.length !== wanted.length || ours.some((r, i) => !sameRule(r, wanted[i]));
  return { changed, keep, add: wanted };
}

/**
 * Columns whose dropdown Baton made but no longer wants there (a renamed header, a list emptied
 * in the config): `helpTexts` is the help text of each column's validation in row 2, or null.
 */
export function staleDropdownColumns(wanted: Dropdown[], helpTexts: (string | null)[]): number[] {
  const keep = new Set(wanted.map((d) => d.column));
  return helpTexts.flatMap((h, i) => (h !== null && h.startsWith(VALIDATION_PREFIX) && !keep.has(i + 1) ? [i + 1] : []));
}
