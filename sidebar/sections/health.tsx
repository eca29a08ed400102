/**
 * Health: is Baton running (heartbeat, triggers, mail quota), and what failed. Managers retry,
 * dismiss with a reason, and repair triggers here; everyone else sees the same facts read-only.
 */
import { useEffect, useState } from 'preact/hooks';
import type { HealthView, OpenFailure } from '../../src/server-api';
import { server } from '../server';
import { ActionButton, useId } from '../ui';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function Dismiss({ failure, canEdit, onDone }: { failure: OpenFailure; canEdit: boolean; onDone: (open: OpenFailure[], message: string) => void }) {
  const id = useId('dismiss');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  if (!canEdit) return null;
  return (
    <div class="dismiss">
      <label for={id}>Reason for dismissing</label>
      <input id={id} type="text" value={reason} maxLength={500} aria-describedby={problem ? `${id}-p` : undefined} onInput={(e) => setReason(e.currentTarget.value)} />
      <ActionButton
        label={`Dismiss failure of ${failure.leadId}`}
        disabled={reason.trim() === ''}
        onClick={async () => {
          setProblem('');
          try {
            const r = await server.dismissFailure(failure.row, reason);
            if (r.ok) onDone(r.open, r.message);
            else setProblem(r.problems.join(' '));
          } catch (e) {
            setProblem(errorText(e));
          }
        }}
      >
        Dismiss
      </ActionButton>
      {problem && (
        <p class="problems" id={`${id}-p`} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Only links into Google Sheets are shown as links (the server builds them; this is a second guard). */
function safeUrl(url: string): string | null {
  return /^https:\/\/docs\.google\.com\//.test(url) ? url : null;
}

/** Which lead a failure is about: its name and company as the Leads tab has them, and a link to its row. */
function LeadLine({ failure }: { failure: OpenFailure }) {
  const lead = failure.lead;
  if (!lead) return <>{failure.leadId}</>;
  const who = [lead.name || '(no name)', lead.company].filter(Boolean).join(', ');
  const href = safeUrl(lead.url);
  return (
    <>
      {who} · {failure.leadId} ·{' '}
      {href ? (
        <a class="lead-link" href={href} target="_blank" rel="noopener noreferrer">
          row {lead.row}
        </a>
      ) : (
        `row ${lead.row}`
      )}
    </>
  );
}

export function HealthSection({ canEdit }: { canEdit: boolean }) {
  // One read: the banner, the count and the list all come from the same getHealth answer.
  const [health, setHealth] = useState<HealthView | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const failures = health?.failures ?? [];
  const total = health?.openFailures ?? 0;

  const load = async () => {
    setError('');
    try {
      setHealth(await server.getHealth());
    } catch (e) {
      setError(`Could not read Baton's health: ${errorText(e)}`);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const act = async (action: () => Promise<{ ok: boolean; message?: string; problems?: string[]; open?: OpenFailure[] }>) => {
    setMessage('');
    setError('');
    try {
      const r = await action();
      if (r.ok) setMessage(r.message ?? 'Done.');
      else setError((r.problems ?? []).join(' '));
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!health && !error) return <p aria-busy="true">Reading Baton's health…</p>;
  return (
    <div class="health">
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {message && (
        <p class="banner ok" role="status">
          {message}
        </p>
      )}
      {health && (
        <>
          <p class={health.ok && total === 0 ? 'banner ok' : 'banner warn'}>
            {!health.ok ? 'Baton needs attention.' : total === 0 ? 'Baton is running normally.' : `Baton is running; ${total === 1 ? '1 failed handoff needs' : `${total} failed handoffs need`} attention.`}
          </p>
          {health.problems.length > 0 && (
            <ul class="problems">
              {health.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <dl>
            <dt>Last check for leads</dt>
            <dd>{health.lastSweep ? `${health.lastSweep.text} (run by ${health.lastSweep.by})` : 'None yet'}</dd>
            <dt>Checks run every</dt>
            <dd>{health.sweepEveryMinutes === null ? 'Unknown' : `${health.sweepEveryMinutes} minutes`}</dd>
            <dt>Triggers belong to</dt>
            <dd>{health.triggerOwner ?? 'Nobody yet'}</dd>
            <dt>Your triggers</dt>
            <dd>{health.myTriggers.length ? health.myTriggers.map((t) => `${t.handler} (${t.kind})`).join(', ') : 'None'}</dd>
            <dt>E-mails you can still send today</dt>
            <dd>{health.mailQuotaLeft ?? 'Unknown'}</dd>
          </dl>
        </>
      )}
      <h3>Open failures ({total})</h3>
      {health && total === 0 && <p class="hint">Nothing has failed.</p>}
      <ul class="failures">
        {failures.map((f) => (
          <li key={f.row}>
            <strong>{f.kind}</strong> · <LeadLine failure={f} /> · {f.step}
            <p>{f.message}</p>
            <p class="hint">First seen {f.firstSeenText}</p>
            <Dismiss
              failure={f}
              canEdit={canEdit}
              onDone={(_open, m) => {
                setMessage(m);
                void load();
              }}
            />
          </li>
        ))}
      </ul>
      {total > failures.length && (
        <p class="hint">
          Showing the first {failures.length} of {total}; the others are in the Baton Failures tab.
        </p>
      )}
      <div class="buttons">
        {canEdit && total > 0 && (
          <ActionButton
            onClick={() =>
              // The count after a retry is the list's own (read again below), not the retry's.
              act(async () => {
                const r = await server.retryFailures();
                return r.ok ? { ok: true, message: 'Retried: the handoff ran now.' } : r;
              })
            }
          >
            Retry failed handoffs now
          </ActionButton>
        )}
        {canEdit && (
          <ActionButton
            onClick={() =>
              act(async () => {
                const r = await server.repairBatonTriggers();
                return r.ok ? { ok: true, message: `Triggers: ${r.triggers}` } : { ok: false, problems: r.problems };
              })
            }
          >
            Repair triggers
          </ActionButton>
        )}
        <ActionButton onClick={load}>Refresh</ActionButton>
      </div>
    </div>
  );
}
