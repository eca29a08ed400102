/** Alerts and the weekly report: who is e-mailed about what, and when the review is built. */
import { useState } from 'preact/hooks';
import { server } from '../server';
import { ActionButton, CheckField, SelectField } from '../ui';

const WEEKDAYS: [number, string][] = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [7, 'Sunday'],
];
const HOURS = Array.from({ length: 24 }, (_, h) => [h, `${String(h).padStart(2, '0')}:00`] as [number, string]);

/** Builds last week's report now (managers only; the server checks) and says where it is. */
function BuildReport() {
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div class="field">
      <ActionButton
        onClick={async () => {
          try {
            const r = await server.buildWeeklyReport();
            setNote(r.ok ? { ok: true, text: r.message } : { ok: false, text: r.problems.join(' ') });
          } catch (e) {
            setNote({ ok: false, text: `The report could not be built: ${e instanceof Error ? e.message : String(e)}` });
          }
        }}
      >
        Build weekly report now
      </ActionButton>
      {note && (
        <p class={note.ok ? 'banner ok' : 'banner error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </div>
  );
}

export function AlertsSection() {
  return (
    <>
      <CheckField label="E-mail owners about their breached leads" path={['alerts', 'ownerBreachEmails']} />
      <CheckField label="E-mail owners when a lead is due soon" path={['alerts', 'dueSoonEmails']} />
      <CheckField label="E-mail managers about failed handoffs" path={['alerts', 'failureEmails']} />
      <p class="hint">One digest per person per run; each alert is sent once.</p>
      <div class="pair">
        <SelectField label="Weekly report on" path={['report', 'weekday']} options={WEEKDAYS} />
        <SelectField label="at" path={['report', 'hour']} options={HOURS} />
      </div>
      <p class="hint">The report covers the last full week (Monday to Sunday) and is e-mailed to the managers.</p>
      <BuildReport />
    </>
  );
}
