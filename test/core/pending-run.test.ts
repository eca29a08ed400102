/**
 * The intent record (src/core/pending-run.ts) is O(writes) and compact (issue 16): pieces of one
 * JSON text in cells of at most 45,000 characters, never a row per record, and it comes back whole.
 */
import { decodePending, encodePending, PENDING_CHUNK, type PendingRun } from '../../src/core/pending-run';
import type { CellWrite } from '../../src/core/intake-plan';

function run(leads: number): PendingRun {
  const writes: CellWrite[] = [];
  for (let i = 0; i < leads; i++) {
    const target = { row: i + 2, leadId: '', fingerprint: `fp${i}` };
    writes.push({ target, field: 'leadId', column: 0, before: '', value: `L-${String(i).padStart(6, '0')}` });
    writes.push({ target, field: 'status', column: 13, before: '', value: 'Assigned' });
    writes.push({ target, field: 'assignedAt', column: 15, before: '', value: new Date(Date.UTC(2026, 2, 2, 14, 0, i % 60)) });
  }
  // One accepted change per ten leads: a Status a person typed, kept by the plan.
  const kept = writes.filter((w, i) => w.field === 'status' && i % 30 === 1).map((w) => ({ ...w, field: 'owner', column: 14, before: 'ana@acme.test', value: 'ana@acme.test' }));
  return {
    writes,
    kept,
    log: Array.from({ length: leads }, (_, i) => ({ at: Date.UTC(2026, 2, 2), leadId: `L-${i}`, event: 'assigned', actor: 'Baton', reason: 'rule North', configVersion: 1 })),
    alerts: [],
    routingState: { turns: { North: 3 } } as unknown as PendingRun['routingState'],
    logged: false,
    readAt: Date.UTC(2026, 2, 2, 14),
  };
}

it('takes a few rows for thousands of writes, each cell within the limit, and the logged flag last', () => {
  const rows = encodePending(run(5_000));
  expect(rows.length).toBeLessThan(40); // one row per record would be 20,002
  for (const [, piece] of rows) expect(piece.length).toBeLessThanOrEqual(PENDING_CHUNK);
  expect(rows[rows.length - 1]).toEqual(['logged', 'false']);
});

it('comes back as it was recorded: dates as dates, writes to one row sharing their target', () => {
  const original = run(2_000);
  const back = decodePending(encodePending(original))!;
  expect(back.writes.length).toBe(6_000);
  expect(back.writes[5]).toEqual(original.writes[5]);
  expect(back.writes[2].value).toBeInstanceOf(Date);
  expect(back.writes[0].target).toBe(back.writes[1].target);
  expect(back.kept).toEqual(original.kept);
  expect(back.readAt).toBe(original.readAt);
  expect(back.kept[0].target).toBe(back.writes[0].target);
  expect(back.log).toEqual(original.log);
  expect(back.routingState).toEqual(original.routingState);
  expect(decodePending(encodePending({ ...original, logged: true }))!.logged).toBe(true);
});

it('never cuts a character in half between two cells', () => {
  const emoji = '😀'.repeat(PENDING_CHUNK);
  const rows = encodePending({ writes: [], kept: [], log: [{ at: 0, event: 'created', actor: emoji, reason: '', configVersion: null }], alerts: [], routingState: null, logged: false, readAt: null });
  for (const [, piece] of rows.slice(0, -1)) expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(piece)).toBe(false);
  expect(decodePending(rows)!.log[0].actor).toBe(emoji);
});

it('still reads a record kept by the earlier one-row-per-record encoding', () => {
  const rows = [
    ['write', JSON.stringify({ target: { row: 2, leadId: '', fingerprint: 'f' }, field: 'status', column: 13, before: '', value: { $date: 5 } })],
    ['log', JSON.stringify({ at: 1, event: 'created', actor: 'Baton', configVersion: 1 })],
    ['routing', 'null'],
    ['logged', 'true'],
  ];
  const back = decodePending(rows)!;
  expect(back.writes[0].value).toEqual(new Date(5));
  expect(back.log).toHaveLength(1);
  expect(back.logged).toBe(true);
});

it('drops a damaged record instead of finishing half of it', () => {
  const rows = encodePending(run(100));
  expect(decodePending([[rows[0][0], rows[0][1].slice(0, 100)], rows[rows.length - 1]])).toBeNull();
});
