/**
 * More alerts waiting than the outbox holds (UNSENT_MAX): an import of thousands of leads queues a
 * new-lead alert for each in one run. The largest groups of one recipient's alerts of one kind are
 * folded into one summary each; a lead's alert is dropped only when folding cannot make room.
 */
import { composeDigest, emptyOutbox, knownKeys, settleOutbox, UNSENT_MAX, type OutboxRecord } from '../../src/core/outbox';
import type { Alert } from '../../src/core/sla-plan';

const NOW = Date.parse('2026-03-02T15:00:00Z');
const alert = (i: number, to: string, kind: Alert['kind'] = 'assigned'): Alert => ({
  key: `L-${i}|${kind}|${to}`, to, kind, leadId: `L-${String(i).padStart(6, '0')}`, row: i + 2,
  name: `Lead ${i}`, company: 'Acme', email: `lead${i}@example.com`, phone: '', owner: to, due: 0, minutesLate: 0,
});
function queued(alerts: Alert[], at = NOW): OutboxRecord {
  const record = emptyOutbox();
  alerts.forEach((a, i) => record.rows.push({ key: a.key, alert: a, queuedAt: at + i, state: 'pending', sentAt: null }));
  return record;
}
const compose = (alerts: Alert[]) => composeDigest('ana@acme.test', alerts, () => '2026-03-02 10:00', (row) => `#range=A${row}`);

describe('an outbox past its room', () => {
  it('folds 3,000 new-lead alerts for two owners into one summary each: nothing dropped, every key still known', () => {
    const alerts = Array.from({ length: 3000 }, (_, i) => alert(i, i % 2 ? 'ana@acme.test' : 'cy@acme.test'));
    const record = queued(alerts);
    expect(settleOutbox(record, NOW)).toEqual([]);
    expect(record.rows).toHaveLength(2);
    expect(record.rows.map((r) => [r.alert.to, r.alert.kind, r.alert.count]).sort()).toEqual([
      ['ana@acme.test', 'assigned', 1500],
      ['cy@acme.test', 'assigned', 1500],
    ]);
    // The oldest alert of each group keeps the summary's place in the queue.
    expect(record.rows.map((r) => r.queuedAt).sort()).toEqual([NOW, NOW + 1]);
    const known = knownKeys(record);
    expect(alerts.every((a) => known.has(a.key))).toBe(true);
  });

  it('folds only what it must, the largest groups first: single alerts stay as they are', () => {
    const singles = Array.from({ length: 300 }, (_, i) => alert(i, `rep${i}@acme.test`));
    const big = Array.from({ length: 200 }, (_, i) => alert(1000 + i, 'ana@acme.test'));
    const small = Array.from({ length: 5 }, (_, i) => alert(2000 + i, 'cy@acme.test', 'breached'));
    const record = queued([...singles, ...big, ...small]);
    expect(settleOutbox(record, NOW)).toEqual([]);
    expect(record.rows.length).toBeLessThanOrEqual(UNSENT_MAX);
    expect(record.rows.filter((r) => r.alert.count !== undefined).map((r) => [r.alert.to, r.alert.count])).toEqual([['ana@acme.test', 200]]);
    expect(record.rows.filter((r) => r.alert.kind === 'breached' && r.alert.count === undefined)).toHaveLength(5);
  });

  it('folds a summary again with what comes after it, counting every lead once', () => {
    const record = queued(Array.from({ length: 450 }, (_, i) => alert(i, 'ana@acme.test')));
    settleOutbox(record, NOW);
    for (let i = 0; i < 450; i++) record.rows.push({ key: `late-${i}`, alert: alert(5000 + i, 'ana@acme.test'), queuedAt: NOW + 10_000 + i, state: 'pending', sentAt: null });
    settleOutbox(record, NOW + 60_000);
    expect(record.rows.map((r) => r.alert.count)).toEqual([900]);
    expect(record.rows[0].alert.names?.[0]).toBe('Lead 0, Acme (L-000000)');
  });

  it('still drops the oldest, with their count, when no recipient has two alerts of a kind to fold', () => {
    const record = queued(Array.from({ length: UNSENT_MAX + 7 }, (_, i) => alert(i, `rep${i}@acme.test`)));
    const dropped = settleOutbox(record, NOW);
    expect(dropped.map((r) => r.alert.leadId)).toEqual(Array.from({ length: 7 }, (_, i) => `L-${String(i).padStart(6, '0')}`));
    expect(record.rows).toHaveLength(UNSENT_MAX);
  });

  it('never folds alerts about Baton itself: a failure or health notice keeps its own words', () => {
    const failures = Array.from({ length: UNSENT_MAX + 3 }, (_, i) => ({ ...alert(i, 'boss@acme.test', 'failure'), message: `failure ${i}` }));
    const record = queued(failures);
    settleOutbox(record, NOW);
    expect(record.rows.every((r) => r.alert.count === undefined && r.alert.message?.startsWith('failure'))).toBe(true);
  });
});

describe('a summary in a digest', () => {
  it('counts its leads in the subject and names the first ten, with how many more', () => {
    const record = queued(Array.from({ length: 1500 }, (_, i) => alert(i, 'ana@acme.test')));
    record.rows.push(...queued(Array.from({ length: UNSENT_MAX }, (_, i) => alert(9000 + i, `rep${i}@acme.test`))).rows);
    settleOutbox(record, NOW);
    const summary = record.rows.find((r) => r.alert.count !== undefined)!.alert;
    const mail = compose([summary, alert(9999, 'ana@acme.test', 'breached')]);
    expect(mail.subject).toBe('Baton: 1501 leads need you (1 breached)');
    expect(mail.body).toContain('New lead for you: 1500 leads at once: Lead 0, Acme (L-000000); Lead 1, Acme (L-000001);');
    expect(mail.body).toContain('Lead 9, Acme (L-000009); and 1490 more. Each is on its row in the sheet.');
    expect(mail.body).not.toContain('Lead 10,');
    expect(compose([{ ...summary, names: ['<b>x</b>'] }]).htmlBody).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
