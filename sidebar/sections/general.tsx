/** General: which tab holds the leads, the time zone, how often the sweep runs, who manages, header names. */
import type { FieldChoice } from '../../src/server-api';
import { parseLines, showLines } from '../draft';
import { ListField, Problems, SelectField, TextField, useEditor, useId } from '../ui';

/** A renamed header; emptied, the field goes back to its default header. */
function ColumnField({ field }: { field: FieldChoice & { standard: string } }) {
  const { draft, replace } = useEditor();
  const id = useId('col');
  const path = ['columns', field.key];
  return (
    <div class="field">
      <label for={id}>{field.standard}</label>
      <input
        id={id}
        type="text"
        placeholder={field.standard}
        value={draft.columns[field.key] ?? ''}
        aria-describedby={`${id}-problems`}
        onInput={(e) => {
          const header = e.currentTarget.value;
          replace((d) => {
            const { [field.key]: _old, ...rest } = d.columns;
            return { ...d, columns: header.trim() === '' ? rest : { ...rest, [field.key]: header } };
          });
        }}
      />
      <Problems id={`${id}-problems`} path={path} />
    </div>
  );
}

export function GeneralSection({ fields }: { fields: FieldChoice[] }) {
  const own = fields.filter((f): f is FieldChoice & { standard: string } => f.standard !== undefined);
  return (
    <>
      <TextField label="Leads tab" path={['leadsSheet']} hint="The tab Baton reads leads from." />
      <TextField label="Time zone" path={['timeZone']} hint="For business hours, away days and the weekly report, e.g. America/New_York." />
      <SelectField
        label="Check for new leads every"
        path={['sweepMinutes']}
        options={[1, 5, 10, 15, 30].map((m) => [m, m === 1 ? '1 minute' : `${m} minutes`] as [number, string])}
        hint="As an add-on, Google allows an hourly check; edits also start one."
      />
      <ListField label="Managers (one e-mail per line)" path={['managers']} parse={parseLines} show={(v) => showLines(v as string[])} hint="Managers change these settings and get failure e-mails." />
      <details class="sub">
        <summary>Column headers</summary>
        <p class="hint">Baton finds columns by header text. Type a header your sheet uses instead of the default; leave it empty for the default.</p>
        {own.map((f) => (
          <ColumnField key={f.key} field={f} />
        ))}
      </details>
    </>
  );
}
