/** Alerts and the weekly report: who is e-mailed about what, and when the review is built. */
import { CheckField, SelectField } from '../ui';

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
    </>
  );
}
