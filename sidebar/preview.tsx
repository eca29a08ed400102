/** What the draft would do to the current leads, from the server's preview (nothing is written). */
import { useEffect, useRef } from 'preact/hooks';
import type { ConfigPreview } from '../src/server-api';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Named = { name: string; leadId: string; row: number };
const nameOf = (l: Named) => l.name || l.leadId || `row ${l.row}`;
/** The leads a line talks about, by name: "Jo Banks, Kim Lee and 3 more" (the server sends a sample). */
function names(sample: Named[], count: number): string {
  if (!sample.length) return '';
  const shown = sample.map(nameOf).join(', ');
  return count > sample.length ? `${shown} and ${count - sample.length} more` : shown;
}

export function PreviewPanel({ preview, onClose }: { preview: ConfigPreview; onClose: () => void }) {
  const { statusChanges, ownerChanges, noOwner, perOwner, sla, ownedOutsideNewRules } = preview;
  const title = useRef<HTMLHeadingElement>(null);
  // A new preview is what the manager asked for: bring it into view and move focus to it.
  useEffect(() => {
    title.current?.scrollIntoView({ block: 'start' });
    title.current?.focus();
  }, [preview]);
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" ref={title} tabIndex={-1}>Preview: the next check with these settings</h2>
      <p>
        Of {plural(preview.leads, 'lead')}: <strong data-testid="status-changes">{plural(statusChanges.count, 'status change')}</strong>,{' '}
        <strong data-testid="owner-changes">{plural(ownerChanges.count, 'new owner')}</strong>,{' '}
        <strong data-testid="no-owner">{plural(noOwner.count, 'lead')} without an owner</strong>.
      </p>
      {statusChanges.byTransition.length > 0 && (
        <ul>
          {statusChanges.byTransition.map((t) => {
            const leads = statusChanges.sample.filter((c) => c.from === t.from && c.to === t.to);
            return (
              <li key={`${t.from}>${t.to}`}>
                {t.from || 'New row'} → {t.to}: {t.count}
                {leads.length > 0 && ` (${names(leads, t.count)})`}
              </li>
            );
          })}
        </ul>
      )}
      {ownerChanges.sample.length > 0 && (
        <>
          <h3>New owners</h3>
          <ul>
            {ownerChanges.sample.map((c) => (
              <li key={`${c.row}`}>
                {nameOf(c)} → {c.to}
                {c.rule ? ` (${c.rule})` : ''}
              </li>
            ))}
            {ownerChanges.count > ownerChanges.sample.length && <li>…and {ownerChanges.count - ownerChanges.sample.length} more</li>}
          </ul>
        </>
      )}
      {noOwner.sample.length > 0 && (
        <>
          <h3>Would have no owner</h3>
          <ul class="problems">
            {noOwner.sample.map((n) => (
              <li key={`${n.row}`}>
                {nameOf(n)}: {n.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Load per person</h3>
      <table class="load">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Open now</th>
            <th scope="col">After</th>
            <th scope="col">Capacity</th>
          </tr>
        </thead>
        <tbody>
          {perOwner.map((m) => (
            <tr key={m.email} class={m.overCapacity ? 'over' : undefined}>
              <th scope="row" title={m.reason || m.email}>
                {m.name}
                {!m.active ? ' (inactive)' : m.awayToday ? ' (away)' : ''}
              </th>
              <td>{m.openNow}</td>
              <td>{m.openAfter}</td>
              <td>
                {m.capacity}
                {m.overCapacity ? ' (over)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>SLA targets</h3>
      <ul>
        {sla.targets.map((t) => (
          <li key={t.name}>
            {t.name} ({t.minutes} min): {plural(t.leads, 'open lead')}
          </li>
        ))}
        {sla.noTarget > 0 && <li>No target: {plural(sla.noTarget, 'lead')}</li>}
        {sla.dueChanges.count > 0 && (
          <li>
            {plural(sla.dueChanges.count, 'new SLA Due', 'new SLA Dues')} would be set ({names(sla.dueChanges.sample, sla.dueChanges.count)})
          </li>
        )}
      </ul>
      {ownedOutsideNewRules.count > 0 && (
        <p class="hint">
          {plural(ownedOutsideNewRules.count, 'owned lead')} ({names(ownedOutsideNewRules.sample, ownedOutsideNewRules.count)}) would go to someone else under these rules; Baton leaves owned leads with their owner.
        </p>
      )}
      {preview.problems.length > 0 && (
        <ul class="problems">
          {preview.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <button type="button" class="small" onClick={onClose}>
        Close preview
      </button>
    </section>
  );
}
