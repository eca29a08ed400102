/**
 * The managers' sidebar: loads the settings, keeps an unsaved draft, previews it against the
 * current leads, and saves it with the version it was loaded at, so two managers editing at once
 * get "changed since you opened it" instead of overwriting each other. Non-managers see the same
 * page read-only; the server refuses their saves anyway.
 */
import { Component, type ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { BatonConfig, ConfigIssue, ConfigPreview, ConfigView } from '../src/server-api';
import type { Vocabulary } from './condition';
import { setIn, type Path } from './draft';
import { PreviewPanel } from './preview';
import { AlertsSection } from './sections/alerts';
import { GeneralSection } from './sections/general';
import { HealthSection } from './sections/health';
import { ImportExportSection } from './sections/import-export';
import { IntakeSection } from './sections/intake';
import { ReadinessSection } from './sections/readiness';
import { RoutingSection } from './sections/routing';
import { SlaSection } from './sections/sla';
import { TeamSection } from './sections/team';
import { server } from './server';
import { ActionButton, EditorContext, type Editor } from './ui';
import { sidebarMessage } from './wording';

type SectionId = 'general' | 'intake' | 'readiness' | 'team' | 'routing' | 'sla' | 'alerts' | 'health' | 'json';

/** Which section shows a problem at this config path. */
function sectionOf(path: string): SectionId {
  const head = path.split('.')[0];
  if (head === 'intake' || head === 'readiness' || head === 'team' || head === 'routing' || head === 'sla') return head;
  if (head === 'alerts' || head === 'report') return 'alerts';
  return 'general';
}

/** Baton's own columns (SPEC.md, "System columns"): a condition on them would test Baton's output. */
export const SYSTEM_FIELDS = ['leadId', 'assignedAt', 'slaDue', 'firstContact', 'sla', 'problems'];

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A page that throws shows what happened instead of going blank. */
class Guard extends Component<{ children: ComponentChildren }, { error: string | null }> {
  override state = { error: null as string | null };
  override componentDidCatch(error: unknown) {
    this.setState({ error: errorText(error) });
  }
  override render() {
    if (this.state.error) {
      return (
        <p class="banner error" role="alert">
          Something went wrong on this page: {this.state.error}. Close and reopen Settings; your saved settings are unchanged.
        </p>
      );
    }
    return this.props.children;
  }
}

function Section({ id, title, open, problems, onToggle, children }: { id: SectionId; title: string; open: boolean; problems: number; onToggle: (id: SectionId, open: boolean) => void; children: ComponentChildren }) {
  return (
    <details id={`section-${id}`} open={open} onToggle={(e) => onToggle(id, (e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        <h2>{title}</h2>
        {problems > 0 && (
          <span class="badge" aria-label={`${problems} problem${problems === 1 ? '' : 's'}`}>
            {problems}
          </span>
        )}
      </summary>
      <div class="section-body">{open && children}</div>
    </details>
  );
}

/** `repair`: the stored settings do not validate; the page opens on them with these problems shown. */
export function App({ initial, repair }: { initial: ConfigView & { config: BatonConfig }; repair?: ConfigIssue[] }) {
  const [view, setView] = useState(initial);
  const [draft, setDraft] = useState<BatonConfig>(initial.config);
  // Repairing: nothing valid is saved, so the draft counts as unsaved from the start.
  const [saved, setSaved] = useState(repair ? '' : JSON.stringify(initial.config));
  const [issues, setIssues] = useState<ConfigIssue[]>(repair ?? []);
  const [problems, setProblems] = useState<string[]>(repair ? initial.problems : []);
  const [conflict, setConflict] = useState(false);
  const [status, setStatus] = useState('');
  const [preview, setPreview] = useState<ConfigPreview | null>(null);
  const [open, setOpen] = useState<Set<SectionId>>(new Set(['general', ...(repair ?? []).map((i) => sectionOf(i.path))]));
  const summary = useRef<HTMLDivElement>(null);

  const dirty = JSON.stringify(draft) !== saved;
  const editor: Editor = useMemo(
    () => ({
      draft,
      issues,
      update: (path: Path, value: unknown) => setDraft((d) => setIn(d, path, value)),
      replace: (next) => setDraft((d) => next(d)),
    }),
    [draft, issues],
  );
  // Conditions test what a lead says, not what Baton wrote: its own columns are not offered.
  const vocabulary: Vocabulary = { fields: view.fields.filter((f) => !SYSTEM_FIELDS.includes(f.key)), operators: view.operators };
  const toggle = (id: SectionId, isOpen: boolean) =>
    setOpen((s) => {
      if (s.has(id) === isOpen) return s;
      const next = new Set(s);
      if (isOpen) next.add(id);
      else next.delete(id);
      return next;
    });
  const countIn = (id: SectionId) => issues.filter((i) => sectionOf(i.path) === id).length;

  /** Problems from the server: each shown by its field, its section opened, and a summary announced. */
  const refused = (r: { problems: string[]; issues?: ConfigIssue[] }) => {
    const placed = r.issues ?? [];
    setIssues(placed);
    setProblems(r.problems);
    setOpen((s) => new Set([...s, ...placed.map((i) => sectionOf(i.path))]));
    setStatus('');
    // After the sections open: focus the first field with a problem (or the summary) and show it.
    setTimeout(() => {
      const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
      const target = first ?? summary.current;
      target?.focus();
      target?.scrollIntoView({ block: 'center' });
    }, 0);
  };

  const reload = async () => {
    const next = await server.getConfig();
    if (!next.config) {
      setProblems(next.problems);
      return;
    }
    setView({ ...next, config: next.config });
    setDraft(next.config);
    setSaved(JSON.stringify(next.config));
    setIssues([]);
    setProblems([]);
    setConflict(false);
    setPreview(null);
  };

  const act = async (what: string, run: () => Promise<void>) => {
    setStatus(`${what}…`);
    try {
      await run();
    } catch (e) {
      setStatus('');
      setProblems([`${what} failed: ${errorText(e)}`]);
    }
  };

  const doPreview = () =>
    act('Previewing', async () => {
      setProblems([]);
      const r = await server.previewConfig(draft);
      if (!r.ok) return refused(r);
      setIssues([]);
      setPreview(r.preview);
      setStatus('Preview ready: nothing has been changed.');
    });

  const doSave = () =>
    act('Saving', async () => {
      setProblems([]);
      const r = await server.saveConfig(draft, view.version);
      if (!r.ok) {
        if (r.conflict) setConflict(true);
        return refused(r);
      }
      await reload();
      setStatus(`Saved as version ${r.version}. ${r.summary}`);
    });

  const sections: [SectionId, string, ComponentChildren][] = [
    ['general', 'General', <GeneralSection fields={view.fields} />],
    ['intake', 'Intake', <IntakeSection />],
    ['readiness', 'Readiness', <ReadinessSection vocabulary={vocabulary} />],
    ['team', 'Team', <TeamSection />],
    ['routing', 'Routing', <RoutingSection vocabulary={vocabulary} />],
    ['sla', 'SLA', <SlaSection vocabulary={vocabulary} />],
    ['alerts', 'Alerts and report', <AlertsSection />],
  ];

  return (
    <EditorContext.Provider value={editor}>
      <header>
        <h1>Baton settings</h1>
        {repair && saved === '' && (
          <p class="banner warn" role="note">
            The saved settings are not valid, so Baton is changing nothing. Fix the marked fields and save.
          </p>
        )}
        {!view.canEdit && (
          <p class="banner info" role="note">
            You are viewing Baton's settings as {view.user || 'a viewer'}. Only managers ({initial.config.managers.join(', ')}) can change them.
          </p>
        )}
      </header>
      <Guard>
        <form onSubmit={(e) => e.preventDefault()} aria-label="Baton settings">
          <fieldset class="plain" disabled={!view.canEdit}>
            {sections.map(([id, title, body]) => (
              <Section key={id} id={id} title={title} open={open.has(id)} problems={countIn(id)} onToggle={toggle}>
                {body}
              </Section>
            ))}
          </fieldset>
          <Section id="health" title="Health" open={open.has('health')} problems={0} onToggle={toggle}>
            <HealthSection canEdit={view.canEdit} />
          </Section>
          <fieldset class="plain" disabled={!view.canEdit}>
            <Section id="json" title="Import / Export" open={open.has('json')} problems={0} onToggle={toggle}>
              <ImportExportSection />
            </Section>
          </fieldset>
        </form>
        {preview && <PreviewPanel preview={preview} onClose={() => setPreview(null)} />}
      </Guard>
      <footer>
        <div ref={summary} tabIndex={-1} class="summary">
          {conflict && (
            <div class="banner error" role="alert">
              <p>These settings were changed by someone else since you opened them. Reload to see their version (your unsaved changes are dropped; Export them first to keep them).</p>
              <ActionButton onClick={() => act('Reloading', reload)}>Reload</ActionButton>
            </div>
          )}
          {!conflict && problems.length > 0 && (
            <div class="banner error" role="alert">
              <p>{problems.length === 1 ? 'One thing needs fixing' : `${problems.length} things need fixing`} before these settings can be used:</p>
              <ul>
                {problems.map((p) => (
                  <li key={p}>{sidebarMessage(p)}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
        <p class="status" role="status" aria-live="polite">
          {status || (dirty ? 'Unsaved changes.' : `Version ${view.version ?? '—'}, saved.`)}
        </p>
        {view.canEdit && (
          <div class="buttons">
            <ActionButton onClick={doPreview}>Preview</ActionButton>
            <ActionButton primary onClick={doSave} disabled={!dirty}>
              Save
            </ActionButton>
            <button
              type="button"
              disabled={!dirty || saved === ''}
              onClick={() => {
                setDraft(JSON.parse(saved) as BatonConfig);
                setIssues([]);
                setProblems([]);
                setStatus('Changes discarded.');
              }}
            >
              Discard
            </button>
          </div>
        )}
      </footer>
    </EditorContext.Provider>
  );
}
