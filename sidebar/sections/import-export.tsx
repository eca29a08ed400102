/** Import / Export: the whole config as JSON, to keep a copy or move it between spreadsheets. */
import { useState } from 'preact/hooks';
import { importedDraft } from '../draft';
import { useEditor, useId } from '../ui';

export function ImportExportSection() {
  const { draft, replace } = useEditor();
  const id = useId('json');
  const [text, setText] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      <p class="hint">Export shows the settings below as JSON. To import, paste JSON here and load it into the form; nothing is saved until you press Save.</p>
      <label for={id}>Settings as JSON</label>
      <textarea id={id} rows={8} class="json" spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="buttons">
        <button
          type="button"
          onClick={() => {
            setText(JSON.stringify(draft, null, 2));
            setNote({ ok: true, text: 'The current settings, including unsaved changes. Select all and copy.' });
          }}
        >
          Export
        </button>
        <button
          type="button"
          onClick={() => {
            try {
              const imported = importedDraft(JSON.parse(text), draft);
              if (!imported.ok) throw new Error(imported.problem);
              replace(() => imported.draft);
              setNote({ ok: true, text: 'Loaded into the form. Preview, then Save to apply it.' });
            } catch (e) {
              setNote({ ok: false, text: `Not loaded: ${e instanceof Error ? e.message : String(e)}` });
            }
          }}
        >
          Load into the form
        </button>
      </div>
      {note && (
        <p class={note.ok ? 'banner ok' : 'banner error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </>
  );
}
