/**
 * The condition builder shared by readiness, routing rules and SLA targets: "all of" or "any
 * of" a list of {field, op, value} terms, as SPEC.md defines conditions. Fields and operators
 * come from the server (getConfig), so this page never keeps its own copy of either.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ConditionTerm, FieldChoice, OperatorChoice } from '../src/server-api';
import { getIn, parseLines, typedValue, type Path } from './draft';
import { Problems, useEditor, useId } from './ui';

export interface Vocabulary {
  fields: FieldChoice[];
  operators: OperatorChoice[];
}

type Condition = { all: ConditionTerm[] } | { any: ConditionTerm[] };

const OPERATOR_WORDS: Record<string, string> = {
  '=': 'is',
  '!=': 'is not',
  in: 'is one of',
  not_in: 'is none of',
  '>': 'is more than',
  '>=': 'is at least',
  '<': 'is less than',
  '<=': 'is at most',
  empty: 'is empty',
  not_empty: 'is filled in',
  contains: 'contains',
};

function showValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : value === undefined || value === null ? '' : String(value);
}

function ValueInput({ term, label, onChange, list }: { term: ConditionTerm; label: string; list: boolean; onChange: (v: unknown) => void }) {
  const [text, setText] = useState(showValue(term.value));
  const parse = (t: string) => (list ? parseLines(t).map(typedValue) : typedValue(t));
  useEffect(() => {
    if (JSON.stringify(parse(text)) !== JSON.stringify(term.value)) setText(showValue(term.value));
  }, [JSON.stringify(term.value), list]);
  return (
    <input
      type="text"
      class="value"
      aria-label={label}
      placeholder={list ? 'North, South' : 'value'}
      value={text}
      onInput={(e) => {
        setText(e.currentTarget.value);
        onChange(parse(e.currentTarget.value));
      }}
    />
  );
}

/** `empty` is what no condition is stored as: null for readiness, absent for rules and targets. */
export function ConditionBuilder({ path, vocabulary, legend, none, empty }: { path: Path; vocabulary: Vocabulary; legend: string; none: string; empty: null | undefined }) {
  const { draft, update } = useEditor();
  const id = useId('c');
  const condition = getIn(draft, path) as Condition | null | undefined;
  const mode: 'all' | 'any' = condition && 'any' in condition ? 'any' : 'all';
  const terms: ConditionTerm[] = condition ? ('any' in condition ? condition.any : condition.all) : [];
  const operator = (name: string) => vocabulary.operators.find((o) => o.name === name);
  const set = (nextMode: 'all' | 'any', nextTerms: ConditionTerm[]) =>
    update(path, nextTerms.length === 0 ? empty : nextMode === 'all' ? { all: nextTerms } : { any: nextTerms });
  const setTerm = (i: number, term: ConditionTerm) => set(mode, terms.map((t, j) => (j === i ? term : t)));
  const fieldLabel = (key: string) => vocabulary.fields.find((f) => f.key === key)?.header ?? key;

  return (
    <fieldset class="condition">
      <legend>{legend}</legend>
      {terms.length === 0 && <p class="hint">{none}</p>}
      {terms.length > 0 && (
        <label class="inline">
          Match{' '}
          <select value={mode} onChange={(e) => set(e.currentTarget.value === 'any' ? 'any' : 'all', terms)}>
            <option value="all">all of these</option>
            <option value="any">any of these</option>
          </select>
        </label>
      )}
      {terms.map((term, i) => {
        const op = operator(term.op);
        const name = `Condition ${i + 1}`;
        return (
          <div class="term" key={i} role="group" aria-label={name}>
            <select aria-label={`${name} field`} value={term.field} onChange={(e) => setTerm(i, { ...term, field: e.currentTarget.value })}>
              {!vocabulary.fields.some((f) => f.key === term.field) && <option value={term.field}>{term.field}</option>}
              {vocabulary.fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.header}
                </option>
              ))}
            </select>
            <select
              aria-label={`${name} test`}
              value={term.op}
              onChange={(e) => {
                const next = operator(e.currentTarget.value);
                if (!next) return;
                const value = !next.takesValue ? undefined : next.list ? (Array.isArray(term.value) ? term.value : term.value === undefined || term.value === '' ? [] : [term.value]) : Array.isArray(term.value) ? term.value[0] ?? '' : term.value ?? '';
                const { value: _old, ...rest } = term;
                setTerm(i, value === undefined ? { ...rest, op: next.name } : { ...rest, op: next.name, value });
              }}
            >
              {vocabulary.operators.map((o) => (
                <option key={o.name} value={o.name}>
                  {OPERATOR_WORDS[o.name] ?? o.name}
                </option>
              ))}
            </select>
            {op?.takesValue && <ValueInput term={term} list={op.list} label={`${name} value (${fieldLabel(term.field)})`} onChange={(value) => setTerm(i, { ...term, value })} />}
            <button type="button" class="small" aria-label={`Remove condition ${i + 1}`} onClick={() => set(mode, terms.filter((_, j) => j !== i))}>
              ×
            </button>
            <Problems id={`${id}-${i}`} path={[...path, mode, i]} />
          </div>
        );
      })}
      <button type="button" class="small" onClick={() => set(mode, [...terms, { field: vocabulary.fields[0]?.key ?? 'name', op: '=', value: '' }])}>
        Add condition
      </button>
      <Problems id={`${id}-all`} path={path} exact />
    </fieldset>
  );
}
