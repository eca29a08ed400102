/**
 * Conditions are data (`all` / `any` of `{field, op, value}`, SPEC.md) evaluated through one
 * operator registry shared by readiness, routing and SLA targets. An operator is added by
 * registering it, never by another `if` in the evaluator.
 */
import { isDate } from './cells';

/** A cell value as Sheets returns it (PLATFORM.md): number, boolean, Date, or string ('' when empty). */
export type CellValue = string | number | boolean | Date;

export interface ConditionTerm {
  field: string;
  op: string;
  value?: unknown;
}

export type Condition = { all: ConditionTerm[] } | { any: ConditionTerm[] };

export type Operator = {
  /** Whether the operator needs a `value` (empty / not_empty do not). */
  takesValue: boolean;
  /** A list value (in / not_in) or a single one. */
  list?: boolean;
  test: (actual: CellValue | undefined, expected: unknown) => boolean;
};

const registry = new Map<string, Operator>();

export function registerOperator(name: string, op: Operator): void {
  registry.set(name, op);
}

export function operatorNames(): string[] {
  return [...registry.keys()];
}

export function getOperator(name: string): Operator | undefined {
  return registry.get(name);
}

/** Text as a person reads it: trimmed, case folded, Dates by their instant. */
export function comparableText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (isDate(v)) return String(v.getTime());
  return String(v).trim().toLowerCase();
}

/**
 * A number from a cell: numbers as they are, numeric text as a person means it ("$1,200" → 1200,
 * "12 000" → 12000), Dates by their instant. Anything else is not a number.
 */
export function comparableNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (isDate(v)) return v.getTime();
  if (typeof v === 'string') {
    const cleaned = v.trim().replace(/^[$€£]/, '').replace(/[,\s]/g, '');
    if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
    return Number(cleaned);
  }
  return null;
}

function equals(actual: unknown, expected: unknown): boolean {
  const a = comparableNumber(actual);
  const b = comparableNumber(expected);
  if (a !== null && b !== null) return a === b;
  return comparableText(actual) === comparableText(expected);
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function compare(test: (a: number, b: number) => boolean) {
  return (actual: CellValue | undefined, expected: unknown) => {
    const a = comparableNumber(actual);
    const b = comparableNumber(expected);
    return a !== null && b !== null && test(a, b);
  };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

registerOperator('=', { takesValue: true, test: equals });
registerOperator('!=', { takesValue: true, test: (a, e) => !equals(a, e) });
registerOperator('in', { takesValue: true, list: true, test: (a, e) => asList(e).some((x) => equals(a, x)) });
registerOperator('not_in', { takesValue: true, list: true, test: (a, e) => !asList(e).some((x) => equals(a, x)) });
registerOperator('>', { takesValue: true, test: compare((a, b) => a > b) });
registerOperator('>=', { takesValue: true, test: compare((a, b) => a >= b) });
registerOperator('<', { takesValue: true, test: compare((a, b) => a < b) });
registerOperator('<=', { takesValue: true, test: compare((a, b) => a <= b) });
registerOperator('empty', { takesValue: false, test: (a) => isEmpty(a) });
registerOperator('not_empty', { takesValue: false, test: (a) => !isEmpty(a) });
registerOperator('contains', {
  takesValue: true,
  test: (a, e) => !isEmpty(e) && comparableText(a).includes(comparableText(e)),
});

/** A missing condition holds. An unknown operator never holds (config validation reports it). */
export function evaluate(condition: Condition | null | undefined, fields: Record<string, CellValue | undefined>): boolean {
  if (!condition) return true;
  const check = (t: ConditionTerm) => registry.get(t.op)?.test(fields[t.field], t.value) ?? false;
  if ('all' in condition) return condition.all.every(check);
  return condition.any.some(check);
}

/** A condition in words, with fields named by their headers: `Deal Size >= 1000`. */
export function describeCondition(condition: Condition, headerOf: (field: string) => string): string {
  const terms = 'all' in condition ? condition.all : condition.any;
  const words = terms.map((t) => {
    const op = t.op.replace(/_/g, ' ');
    const value = Array.isArray(t.value) ? t.value.join(', ') : t.value === undefined ? '' : String(t.value);
    return `${headerOf(t.field)} ${op}${value ? ' ' + value : ''}`;
  });
  return words.join('all' in condition ? ' and ' : ' or ');
}
