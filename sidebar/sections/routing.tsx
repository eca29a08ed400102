/** Routing: ordered rules (the first matching rule with someone available wins), then the fallback. */
import type { RoutingRule } from '../../src/server-api';
import { ConditionBuilder, type Vocabulary } from '../condition';
import { moved } from '../draft';
import { CheckField, ChoiceSet, ItemTools, SelectField, TextField, useEditor } from '../ui';

export function RoutingSection({ vocabulary }: { vocabulary: Vocabulary }) {
  const { draft, update } = useEditor();
  const people = draft.team.filter((m) => m.email).map((m) => [m.email, m.name ? `${m.name} (${m.email})` : m.email] as [string, string]);
  const rules = draft.routing.rules;
  const newRule = (): RoutingRule => ({ name: `Rule ${rules.length + 1}`, assignTo: [], balance: 'round_robin' });
  return (
    <>
      <p class="hint">Rules are tried in order. A lead goes to the first rule that matches and has someone available.</p>
      {rules.map((rule, i) => (
        <div class="card" key={i} role="group" aria-label={`Routing rule ${rule.name || i + 1}`}>
          <h3>
            {i + 1}. {rule.name || 'Unnamed rule'}
          </h3>
          <TextField label="Rule name" path={['routing', 'rules', i, 'name']} />
          <ConditionBuilder path={['routing', 'rules', i, 'when']} vocabulary={vocabulary} legend="Applies when" none="Applies to every lead." empty={undefined} />
          <ChoiceSet legend="Assign to" path={['routing', 'rules', i, 'assignTo']} options={people} />
          <SelectField
            label="Share leads"
            path={['routing', 'rules', i, 'balance']}
            options={[
              ['round_robin', 'in turn (round robin)'],
              ['weighted', 'by weight'],
              ['least_loaded', 'to whoever has fewest open leads'],
            ]}
          />
          <ItemTools
            what={`rule ${rule.name || i + 1}`}
            index={i}
            count={rules.length}
            onMove={(to) => update(['routing', 'rules'], moved(rules, i, to))}
            onRemove={() => update(['routing', 'rules'], rules.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <button type="button" onClick={() => update(['routing', 'rules'], [...rules, newRule()])}>
        Add routing rule
      </button>
      <ChoiceSet legend="When no rule can place a lead, assign to" path={['routing', 'fallback']} options={people} hint="If nobody here is available either, the lead goes to Baton Failures and managers are told." />
      <CheckField
        label="Anyone may change a lead's Owner and Status"
        path={['ownership', 'othersMayEdit']}
        hint="Off: only the lead's owner and the managers may; anyone else's change is undone at once, logged, and they see why."
      />
    </>
  );
}
