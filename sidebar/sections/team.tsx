/** Team: who takes leads, how many at once, how much of the share, and when they are away. */
import type { TeamMember } from '../../src/server-api';
import { removeMember, renameMember } from '../draft';
import { CheckField, ItemTools, NumberField, Problems, TextField, useEditor, useId } from '../ui';

function EmailField({ index }: { index: number }) {
  const { draft, replace } = useEditor();
  const id = useId('email');
  const path = ['team', index, 'email'];
  return (
    <div class="field">
      <label for={id}>E-mail</label>
      <input
        id={id}
        type="email"
        autocomplete="off"
        value={draft.team[index].email}
        aria-describedby={`${id}-problems`}
        onInput={(e) => {
          const next = e.currentTarget.value;
          replace((d) => {
            const renamed = renameMember(d, d.team[index].email, next);
            return { ...renamed, team: renamed.team.map((m, i) => (i === index ? { ...m, email: next } : m)) };
          });
        }}
      />
      <Problems id={`${id}-problems`} path={path} />
    </div>
  );
}

function AwayPeriods({ index }: { index: number }) {
  const { draft, update } = useEditor();
  const away = draft.team[index].away ?? [];
  const path = ['team', index, 'away'];
  return (
    <fieldset class="away">
      <legend>Away</legend>
      {away.length === 0 && <p class="hint">Not away. Add the days someone is off, and leads go to others meanwhile.</p>}
      {away.map((_, a) => (
        <div class="period" key={a} role="group" aria-label={`Away period ${a + 1}`}>
          <div class="pair">
            <TextField label="From" type="date" path={[...path, a, 'from']} />
            <TextField label="To" type="date" path={[...path, a, 'to']} />
          </div>
          <button type="button" class="small" aria-label={`Remove away period ${a + 1}`} onClick={() => update(path, away.filter((_p, j) => j !== a))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="small" onClick={() => update(path, [...away, { from: '', to: '' }])}>
        Add away period
      </button>
    </fieldset>
  );
}

const NEW_MEMBER: TeamMember = { email: '', name: '', active: true, capacity: 25, weight: 1, assignmentEmails: true, away: [] };

export function TeamSection() {
  const { draft, update, replace } = useEditor();
  return (
    <>
      <p class="hint">Leads go only to people listed here. Someone inactive, away, or at capacity (open leads) is skipped.</p>
      {draft.team.map((m, i) => (
        <div class="card" key={i} role="group" aria-label={`Team member ${m.name || i + 1}`}>
          <h3>{m.name || 'New member'}{m.active === false ? ' (inactive)' : ''}</h3>
          <TextField label="Name" path={['team', i, 'name']} />
          <EmailField index={i} />
          <CheckField label="Takes new leads (active)" path={['team', i, 'active']} />
          <CheckField label="Notify them of each new lead they get" path={['team', i, 'assignmentEmails']} hint="Breach e-mails are sent either way." />
          <div class="pair">
            <NumberField label="Capacity" path={['team', i, 'capacity']} hint="Open leads at most." />
            <NumberField label="Weight" path={['team', i, 'weight']} hint="Share when weighted." />
          </div>
          <AwayPeriods index={i} />
          <ItemTools what={`team member ${m.name || i + 1}`} index={i} count={draft.team.length} onRemove={() => replace((d) => removeMember(d, i))} />
        </div>
      ))}
      <button type="button" onClick={() => update(['team'], [...draft.team, { ...NEW_MEMBER }])}>
        Add team member
      </button>
    </>
  );
}
