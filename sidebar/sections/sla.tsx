/** SLA: how fast an owner must make first contact, on which clock, and what happens when they don't. */
import type { BatonConfig } from '../../src/server-api';
import { ConditionBuilder, type Vocabulary } from '../condition';
import { moved, parseLines, showLines } from '../draft';
import { ChoiceSet, ItemTools, ListField, NumberField, SelectField, TextField, useEditor, useId } from '../ui';

const DAYS: [number, string][] = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [7, 'Sun'],
];
const OFFICE_HOURS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

export function SlaSection({ vocabulary }: { vocabulary: Vocabulary }) {
  const { draft, update } = useEditor();
  const id = useId('sla');
  const targets = draft.sla.targets;
  const hours = draft.sla.businessHours;
  const escalation = draft.sla.escalation;
  type Escalation = NonNullable<BatonConfig['sla']['escalation']>;
  return (
    <>
      <p class="hint">The first target whose condition a lead meets sets its response time.</p>
      <SelectField
        label="The response clock starts"
        path={['sla', 'clockStarts']}
        options={[
          ['ready', 'when the lead is ready for sales (the customer’s wait)'],
          ['assigned', 'when the lead is assigned'],
        ]}
        hint="Ready: from the lead's Created time when its source set one, else from when Baton found it complete."
      />
      {targets.map((t, i) => (
        <div class="card" key={i} role="group" aria-label={`SLA target ${t.name || i + 1}`}>
          <h3>{t.name || 'Unnamed target'}</h3>
          <TextField label="Target name" path={['sla', 'targets', i, 'name']} />
          <NumberField label="First contact within (minutes)" path={['sla', 'targets', i, 'minutes']} />
          <ConditionBuilder path={['sla', 'targets', i, 'when']} vocabulary={vocabulary} legend="For leads where" none="Every lead." empty={undefined} />
          <ItemTools
            what={`target ${t.name || i + 1}`}
            index={i}
            count={targets.length}
            onMove={(to) => update(['sla', 'targets'], moved(targets, i, to))}
            onRemove={() => update(['sla', 'targets'], targets.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <button type="button" onClick={() => update(['sla', 'targets'], [...targets, { name: `Target ${targets.length + 1}`, minutes: 60 }])}>
        Add SLA target
      </button>
      <div class="field check">
        <input id={`${id}-hours`} type="checkbox" checked={hours !== null} onChange={(e) => update(['sla', 'businessHours'], e.currentTarget.checked ? OFFICE_HOURS : null)} />
        <label for={`${id}-hours`}>Count business hours only</label>
        {hours === null && <p class="hint">The clock runs around the clock, every day.</p>}
      </div>
      {hours !== null && (
        <>
          <ChoiceSet legend="Business days" path={['sla', 'businessHours', 'days']} options={DAYS} />
          <div class="pair">
            <TextField label="From" type="time" path={['sla', 'businessHours', 'start']} />
            <TextField label="Until" type="time" path={['sla', 'businessHours', 'end']} />
          </div>
        </>
      )}
      <ListField label="Holidays (one date per line, like 2026-12-25)" path={['sla', 'holidays']} parse={parseLines} show={(v) => showLines(v as string[])} />
      <NumberField label="Due soon at (% of the target used)" path={['sla', 'dueSoonPercent']} />
      <div class="field">
        <label for={`${id}-esc`}>When a lead is breached</label>
        <select
          id={`${id}-esc`}
          value={escalation ? escalation.action : 'none'}
          onChange={(e) => {
            const action = e.currentTarget.value;
            update(['sla', 'escalation'], action === 'none' ? null : ({ afterMinutes: escalation?.afterMinutes ?? 30, action } as Escalation));
          }}
        >
          <option value="none">only tell the owner</option>
          <option value="reassign">reassign it, once</option>
          <option value="notify_manager">tell the managers</option>
        </select>
      </div>
      {escalation && <NumberField label="…after it has been breached for (business minutes)" path={['sla', 'escalation', 'afterMinutes']} />}
    </>
  );
}
