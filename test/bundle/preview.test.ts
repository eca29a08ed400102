/**
 * previewConfig through the built bundle in the emulator, as the sidebar calls it: what a draft
 * would do to the current leads, for managers only, writing nothing anywhere, with service calls
 * that do not grow with the number of leads.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { cacheState } from '../../emulator/services/cache';
import { mailState } from '../../emulator/services/mail';
import { propertiesState } from '../../emulator/services/properties';
import { triggerState } from '../../emulator/services/script-app';
import { spreadsheetState } from '../../emulator/spreadsheet';
import type { ConfigPreview } from '../../src/core/config-preview';
import { LEAD_HEADERS } from '../../src/core/headers';
import { completeLead, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

type Result = { ok: true; preview: ConfigPreview } | { ok: false; problems: string[]; issues?: { path: string; message: string }[] };

const ms = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00-05:00`);
const DEE = { email: 'dee@acme.test', name: 'Dee', active: true, capacity: 5, weight: 1 };
const SOUTH_RULE = { name: 'South', when: { all: [{ field: 'location', op: '=', value: 'South' }] }, assignTo: [DEE.email], balance: 'round_robin' };
/** The draft: SPEC.md's example plus Dee, who gets the South. */
const DRAFT = { ...SPEC_EXAMPLE, team: [...SPEC_EXAMPLE.team, DEE], routing: { ...SPEC_EXAMPLE.routing, rules: [...SPEC_EXAMPLE.routing.rules, SOUTH_RULE] } };

const south = (name: string) => wholeRow(completeLead(name, { Location: 'South' }));

function started(rows: (string | number)[][]): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: SPEC_EXAMPLE, sheets: { Leads: [[...LEAD_HEADERS], ...rows] } })), builtProject());
  run.install();
  return run;
}

/** Everything the emulated document and its services hold that a run could change, as text. */
function everything(run: ScenarioRun): string {
  const doc = spreadsheetState(run.rt);
  const props = propertiesState(run.rt);
  const plain = (_key: string, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v);
  return JSON.stringify(
    {
      name: doc.name,
      sheets: doc.sheets,
      protections: doc.protections,
      metadata: doc.metadata,
      toasts: doc.toasts,
      properties: { document: props.document, script: props.script, users: props.users },
      cache: cacheState(run.rt),
      triggers: triggerState(run.rt).list(),
      mail: mailState(run.rt).sent,
    },
    plain,
  );
}

describe('previewConfig (server function)', () => {
  it('shows a manager what a new member and rule would do: only unowned leads get owners, and loads per member', () => {
    // Two North and two South leads are assigned by the first sweep (Cy: Ana is away; Maria:
    // the fallback); then two more South leads arrive by API, not yet seen by a sweep.
    const run = started([wholeRow(completeLead('Nia')), wholeRow(completeLead('Ned')), south('Sam'), south('Sue')]);
    run.fireClockUntil(ms('09:06'));
    run.apply({ at: '2026-03-02T09:06:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [south('Sid'), south('Sol')] } as never);
    const owners = run.result().sheets['Leads'].slice(1, 5).map((r) => r[LEAD_HEADERS.indexOf('Owner')]);
    expect(owners).toEqual(['cy@acme.test', 'cy@acme.test', OWNER, OWNER]);

    const r = run.call(OWNER, 'previewConfig', [DRAFT]) as Result;
    if (!r.ok) throw new Error(r.problems.join('\n'));
    const p = r.preview;
    expect(p.leads).toBe(6);
    expect(p.ownerChanges).toMatchObject({ count: 2, assigned: 2, reassigned: 0 });
    expect(p.ownerChanges.sample.map((c) => [c.leadId, c.row, c.name, c.from, c.to, c.rule])).toEqual([
      ['', 6, 'Sid', '', DEE.email, 'South'],
      ['', 7, 'Sol', '', DEE.email, 'South'],
    ]);
    expect(p.statusChanges.byTransition).toEqual([{ from: '', to: 'Assigned', count: 2 }]);
    const load = Object.fromEntries(p.perOwner.map((m) => [m.email, [m.openNow, m.openAfter, m.capacity, m.overCapacity]]));
    expect(load).toEqual({
      'ana@acme.test': [0, 0, 25, false],
      'ben@acme.test': [0, 0, 10, false],
      'cy@acme.test': [2, 2, 25, false],
      [OWNER]: [2, 2, 100, false],
      [DEE.email]: [0, 2, 5, false],
    });
    // Sam and Sue stay with Maria; the new rules would have sent them to Dee's pool.
    expect(p.ownedOutsideNewRules.sample.map((l) => [l.name, l.owner, l.rule])).toEqual([
      ['Sam', OWNER, 'South'],
      ['Sue', OWNER, 'South'],
    ]);
    expect(p.noOwner.count).toBe(0);
    expect(p.sla.targets).toEqual([
      { name: 'Hot', minutes: 15, leads: 0 },
      { name: 'Standard', minutes: 60, leads: 6 },
    ]);
    // Due 60 business minutes after the preview's clock (a few modeled service calls after it started).
    const startedAt = Date.parse(run.result().executions.at(-1)!.at);
    expect(p.sla.dueChanges.count).toBe(2);
    for (const d of p.sla.dueChanges.sample) {
      expect(Date.parse(d.to) - startedAt).toBeGreaterThanOrEqual(60 * 60_000);
      expect(Date.parse(d.to) - startedAt).toBeLessThan(61 * 60_000);
    }
  });

  it('writes nothing: the sheets (Log and Outbox included), properties, cache, triggers and mail are unchanged', () => {
    const run = started([wholeRow(completeLead('Nia')), south('Sam')]);
    run.fireClockUntil(ms('09:06'));
    run.apply({ at: '2026-03-02T09:06:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: [south('Sid')] } as never);
    const before = everything(run);
    const tabs = run.result().sheets;
    expect(Object.keys(tabs)).toEqual(expect.arrayContaining(['Leads', 'Baton Log', 'Baton State']));
    const r = run.call(OWNER, 'previewConfig', [DRAFT]) as Result;
    expect(r.ok && r.preview.ownerChanges.count).toBe(1);
    expect(everything(run)).toBe(before);
    expect(run.result().sheets).toEqual(tabs);
    const calls = run.rt.records.at(-1)!.calls;
    // The Leads tab, Baton State and the outbox (where there is one yet), one read each.
    expect(calls['Range.getValues']).toBe(['Leads', 'Baton State', 'Baton Outbox'].filter((t) => t in tabs).length);
    expect(calls['Range.getValues']).toBeGreaterThanOrEqual(2);
    expect(Object.keys(calls).filter((m) => /set|append|insert|delete|clear|lock|send/i.test(m))).toEqual([]);
    // The comparison does see a write: saving the same draft changes properties and the log.
    expect((run.call(OWNER, 'saveConfig', [DRAFT]) as Result).ok).toBe(true);
    expect(everything(run)).not.toBe(before);
  });

  it('refuses a non-manager on the server, and says why', () => {
    const run = started([south('Sam')]);
    const r = run.call('ben@acme.test', 'previewConfig', [DRAFT]) as Result;
    expect(r).toEqual({ ok: false, problems: ["Only Baton's managers can preview changes to its settings; ben@acme.test is not one of them."] });
  });

  it('returns an invalid draft\'s problems in the words saving uses, and refuses what is not an object or too large', () => {
    const run = started([south('Sam')]);
    const bad = { ...DRAFT, routing: { rules: [{ ...SOUTH_RULE, assignTo: ['bob@acme.test'] }], fallback: [OWNER] } };
    const r = run.call(OWNER, 'previewConfig', [bad]) as Result;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual(["routing rule 'South': assignTo lists bob@acme.test, who is not on the team."]);
    const saved = run.call(OWNER, 'saveConfig', [bad]) as Result;
    expect(!saved.ok && [saved.problems, saved.issues]).toEqual(!r.ok && [r.problems, r.issues]);
    expect(run.call(OWNER, 'previewConfig', [[DRAFT]])).toEqual({ ok: false, problems: ['The configuration must be a JSON object.'] });
    const huge = { ...DRAFT, notes: 'x'.repeat(201 * 1024) };
    expect(run.call(OWNER, 'previewConfig', [huge])).toEqual({ ok: false, problems: ['The configuration is larger than 200 KB.'] });
  });

  it('makes the same service calls, method by method, for 10 leads as for 2,000', () => {
    const callsFor = (n: number) => {
      const run = started(Array.from({ length: n }, (_, i) => wholeRow(completeLead(`Lead${i}`, { Location: i % 2 ? 'South' : 'North' }))));
      const r = run.call(OWNER, 'previewConfig', [DRAFT]) as Result;
      if (!r.ok) throw new Error(r.problems.join('\n'));
      expect(r.preview.leads).toBe(n);
      const record = run.rt.records.at(-1)!;
      expect(record.error).toBeNull();
      return record.calls;
    };
    const small = callsFor(10);
    const large = callsFor(2_000);
    expect(large).toEqual(small);
    // The Leads tab only: before the first sweep there is no Baton State or Outbox tab to read.
    expect(small['Range.getValues']).toBe(1);
  });
});
