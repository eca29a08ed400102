/**
 * The sidebar's form controls. Each field has a visible label tied to its control, shows the
 * validation problems for its path right under it (linked with aria-describedby), and reads
 * the draft through context, so sections only say which field goes where.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { BatonConfig, ConfigIssue } from '../src/server-api';
import { getIn, issuesAt, pathKey, type Path } from './draft';
import { sidebarMessage } from './wording';

export interface Editor {
  draft: BatonConfig;
  issues: ConfigIssue[];
  update(path: Path, value: unknown): void;
  replace(next: (draft: BatonConfig) => BatonConfig): void;
}

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside the editor');
  return editor;
}

let nextId = 0;
/** A stable id per component instance, for label/for and aria-describedby. */
export function useId(prefix: string): string {
  const id = useRef('');
  if (!id.current) id.current = `${prefix}-${++nextId}`;
  return id.current;
}

/** The problems at `path`, as a list the control points to with aria-describedby. */
export function Problems({ id, path, exact }: { id: string; path: Path; exact?: boolean }) {
  const { issues } = useEditor();
  const here = exact ? issues.filter((i) => i.path === pathKey(path)) : issuesAt(issues, path);
  if (!here.length) return null;
  return (
    <ul class="problems" id={id} data-path={pathKey(path)}>
      {here.map((i) => (
        <li key={i.message}>{sidebarMessage(i.message)}</li>
      ))}
    </ul>
  );
}

function useProblemIds(path: Path) {
  const { issues } = useEditor();
  const id = useId('f');
  const problemId = `${id}-problems`;
  const invalid = issuesAt(issues, path).length > 0;
  return { id, problemId, invalid, describedBy: invalid ? problemId : undefined };
}

/** A labelled field: the label, the control, its hint, and its problems under it. */
function Frame({ ids, label, hint, path, children }: { ids: ReturnType<typeof useProblemIds>; label: string; hint?: string; path: Path; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={ids.id}>{label}</label>
      {children}
      {hint && <p class="hint">{hint}</p>}
      <Problems id={ids.problemId} path={path} />
    </div>
  );
}

interface FieldProps {
  label: string;
  path: Path;
  hint?: string;
}

export function TextField({ label, path, hint, type = 'text', placeholder, autocomplete }: FieldProps & { type?: string; placeholder?: string; autocomplete?: string }) {
  const { draft, update } = useEditor();
  const p = useProblemIds(path);
  const value = getIn(draft, path);
  return (
    <Frame ids={p} label={label} hint={hint} path={path}>
      <input
        id={p.id}
        type={type}
        value={value === undefined || value === null ? '' : String(value)}
        placeholder={placeholder}
        autocomplete={autocomplete ?? 'off'}
        aria-invalid={p.invalid}
        aria-describedby={p.describedBy}
        onInput={(e) => update(path, e.currentTarget.value)}
      />
    </Frame>
  );
}

/** A whole number. What cannot be read as one is kept as typed, so the server names the problem. */
export function NumberField({ label, path, hint, min, max }: FieldProps & { min?: number; max?: number }) {
  const { draft, update } = useEditor();
  const p = useProblemIds(path);
  const value = getIn(draft, path);
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    if (String(value ?? '') !== text && Number(text) !== value) setText(value === undefined ? '' : String(value));
    // Only outside changes (import, reload) reset the text being typed.
  }, [value]);
  return (
    <Frame ids={p} label={label} hint={hint} path={path}>
      <input
        id={p.id}
        type="text"
        inputMode="numeric"
        class="number"
        value={text}
        aria-invalid={p.invalid}
        aria-describedby={p.describedBy}
        data-min={min}
        data-max={max}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          update(path, /^\s*-?\d+\s*$/.test(t) ? Number(t) : t);
        }}
      />
    </Frame>
  );
}

export function CheckField({ label, path, hint }: FieldProps) {
  const { draft, update } = useEditor();
  const p = useProblemIds(path);
  return (
    <div class="field check">
      <input id={p.id} type="checkbox" checked={getIn(draft, path) === true} aria-describedby={p.describedBy} onChange={(e) => update(path, e.currentTarget.checked)} />
      <label for={p.id}>{label}</label>
      {hint && <p class="hint">{hint}</p>}
      <Problems id={p.problemId} path={path} />
    </div>
  );
}

export function SelectField<T extends string | number>({ label, path, hint, options }: FieldProps & { options: [T, string][] }) {
  const { draft, update } = useEditor();
  const p = useProblemIds(path);
  const value = getIn(draft, path);
  return (
    <Frame ids={p} label={label} hint={hint} path={path}>
      <select
        id={p.id}
        aria-invalid={p.invalid}
        aria-describedby={p.describedBy}
        value={String(value)}
        onChange={(e) => {
          const chosen = options.find(([v]) => String(v) === e.currentTarget.value);
          if (chosen) update(path, chosen[0]);
        }}
      >
        {!options.some(([v]) => String(v) === String(value)) && (
          // A stored value this list does not offer (settings edited outside Baton) stays visible.
          <option value={String(value)}>{`${String(value ?? '')} (not allowed)`}</option>
        )}
        {options.map(([v, text]) => (
          <option key={String(v)} value={String(v)}>
            {text}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/**
 * A list typed one item per line. The text is kept as typed (a new, still empty line stays) and
 * only outside changes replace it.
 */
export function ListField({ label, path, hint, parse, show, rows = 3 }: FieldProps & { parse: (text: string) => unknown; show: (value: unknown) => string; rows?: number }) {
  const { draft, update } = useEditor();
  const p = useProblemIds(path);
  const value = getIn(draft, path);
  const [text, setText] = useState(show(value));
  useEffect(() => {
    if (JSON.stringify(parse(text)) !== JSON.stringify(value)) setText(show(value));
  }, [JSON.stringify(value)]);
  return (
    <Frame ids={p} label={label} hint={hint} path={path}>
      <textarea
        id={p.id}
        rows={rows}
        value={text}
        aria-invalid={p.invalid}
        aria-describedby={p.describedBy}
        onInput={(e) => {
          setText(e.currentTarget.value);
          update(path, parse(e.currentTarget.value));
        }}
      />
    </Frame>
  );
}

/** A set of values chosen with checkboxes, kept in the order the options are listed. */
export function ChoiceSet<T extends string | number>({ legend, path, options, hint }: { legend: string; path: Path; options: [T, string][]; hint?: string }) {
  const { draft, update } = useEditor();
  const p = useProblemIds(path);
  const chosen = new Set((getIn(draft, path) as T[] | undefined) ?? []);
  return (
    <fieldset class="choices" aria-describedby={p.describedBy}>
      <legend>{legend}</legend>
      {options.length === 0 && <p class="hint">Nothing to choose from yet.</p>}
      {options.map(([v, text]) => (
        <label key={String(v)} class="choice">
          <input
            type="checkbox"
            checked={chosen.has(v)}
            onChange={(e) => {
              const next = e.currentTarget.checked ? new Set([...chosen, v]) : new Set([...chosen].filter((c) => c !== v));
              update(path, options.map(([o]) => o).filter((o) => next.has(o)));
            }}
          />
          {text}
        </label>
      ))}
      {hint && <p class="hint">{hint}</p>}
      <Problems id={p.problemId} path={path} />
    </fieldset>
  );
}

/** A button that shows it is working while its action runs, and cannot be pressed twice. */
export function ActionButton({ onClick, children, primary, label, disabled }: { onClick: () => Promise<unknown> | void; children: ComponentChildren; primary?: boolean; label?: string; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class={primary ? 'action' : undefined}
      aria-label={label}
      aria-busy={busy}
      disabled={busy || disabled}
      onClick={async () => {
        setBusy(true);
        try {
          await onClick();
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? 'Working…' : children}
    </button>
  );
}

/** Small buttons acting on one item of a list: move (ordered lists only) and remove. */
export function ItemTools({ what, index, count, onMove, onRemove }: { what: string; index: number; count: number; onMove?: (to: number) => void; onRemove: () => void }) {
  return (
    <div class="tools">
      {onMove && (
        <button type="button" class="small" aria-label={`Move ${what} up`} disabled={index === 0} onClick={() => onMove(index - 1)}>
          ↑
        </button>
      )}
      {onMove && (
        <button type="button" class="small" aria-label={`Move ${what} down`} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          ↓
        </button>
      )}
      <button type="button" class="small" aria-label={`Remove ${what}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}
