/**
 * The managers' sidebar (Extensions › Baton › Settings), built by scripts/build.mjs into the
 * single file dist/sidebar.html that HtmlService serves. It loads the settings, then hands
 * them to the app; everything it shows comes from server functions (src/server-api.ts).
 */
import { render } from 'preact';
import { App } from './app';
import { importedDraft } from './draft';
import { server } from './server';

const root = document.getElementById('app')!;

function say(text: string, kind: 'info' | 'error') {
  root.innerHTML = '';
  const p = document.createElement('p');
  p.className = `banner ${kind}`;
  p.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  p.textContent = text;
  root.appendChild(p);
}

server
  .getConfig()
  .then((view) => {
    if (!view.config && view.invalid && view.canEdit) {
      // The stored settings no longer validate: open them anyway, with each problem by its field.
      const draft = importedDraft(view.invalid.stored, view.invalid.defaults);
      if (draft.ok) {
        root.innerHTML = '';
        render(<App initial={{ ...view, config: draft.draft }} repair={view.invalid.issues} />, root);
        return;
      }
    }
    if (!view.config) {
      say(`${view.problems.join(' ')} Choose Extensions › Baton › Set up Baton${view.problems.some((p) => !p.includes('not set up')) ? ', or ask a manager to fix the settings' : ''}.`, 'info');
      return;
    }
    root.innerHTML = '';
    render(<App initial={{ ...view, config: view.config }} />, root);
  })
  .catch((e: unknown) => say(`Could not load Baton's settings: ${e instanceof Error ? e.message : String(e)}. Close the sidebar and open it again.`, 'error'));
