/**
 * The sidebar's Health never contradicts itself (issue 14): getHealth's count, its list and its
 * verdict come from one read of Baton Failures, in every state (open, dismissed, resolved, more
 * failures than the list shows, the tab deleted or damaged); listFailures agrees with it; and each
 * failure names its lead (name and company from the Leads tab, by Lead ID) with a link to its row.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { mailState } from '../../emulator/services/mail';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_HEADERS } from '../../src/core/headers';
import type { HealthView, OpenFailure } from '../../src/server-api';
import { completeLead, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const ms = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00-05:00`);
const TEAM = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
const STRANGER = 'zed@elsewhere.test';

/** `n` leads whose typed Owner is not on the team (one "owner not on team" failure each), and Ann who is fine. */
function withStrangers(n: number, name = (i: number) => `Lead ${i}`): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: TEAM, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00' })), builtProject());
  run.install();
  run.rt.clock.set(ms('09:00'));
  const rows = [completeLead('Ann'), ...Array.from({ length: n }, (_, i) => completeLead(`x${i}`, { Name: name(i), Company: `Co ${i}`, Owner: STRANGER }))];
  run.apply({ at: '2026-03-02T09:00:00-05:00', type: 'append', via: 'api', sheet: 'Leads', rows: rows.map(wholeRow) } as never);
  run.fireClockUntil(ms('09:10'));
  return run;
}

const health = (run: ScenarioRun) => run.call(OWNER, 'getHealth', []) as HealthView;
const list = (run: ScenarioRun) => run.call(OWNER, 'listFailures', []) as OpenFailure[];

/** What the sidebar shows must agree with itself and with listFailures. */
function expectConsistent(run: ScenarioRun): HealthView {
  const view = health(run);
  const all = list(run);
  expect(view.openFailures).toBe(all.length);
  expect(view.failures).toEqual(all.slice(0, view.failures.length));
  expect(view.failures.length).toBe(Math.min(all.length, 50));
  const sheetOpen = (spreadsheetState(run.rt).snapshot().sheets['Baton Failures'] ?? []).slice(1).filter((r) => r[7] === 'open').length;
  expect(view.openFailures).toBe(sheetOpen);
  return view;
}

describe('getHealth and listFailures agree, in every state', () => {
  it('open: one failure counted, listed, with its lead', () => {
    const run = withStrangers(1);
    const view = expectConsistent(run);
    expect(view.openFailures).toBe(1);
    expect(view.failures[0]).toMatchObject({ kind: 'owner not on team' });
  });

  it('dismissed: neither counted nor listed', () => {
    const run = withStrangers(2);
    const row = list(run)[0].row;
    run.call(OWNER, 'dismissFailure', [row, 'Zed is a partner.']);
    const view = expectConsistent(run);
    expect(view.openFailures).toBe(1);
    expect(view.failures.map((f) => f.row)).not.toContain(row);
  });

  it('resolved: after the fix and a retry, zero everywhere, and the retry says so', () => {
    const run = withStrangers(1);
    const row = spreadsheetState(run.rt).snapshot().sheets['Leads'].findIndex((r) => r.includes(STRANGER)) + 1;
    run.apply({ at: new Date(run.rt.now()).toISOString(), type: 'edit', user: OWNER, sheet: 'Leads', range: `O${row}`, values: [['']] } as never);
    const retried = run.call(OWNER, 'retryFailures', []) as { ok: true; open: OpenFailure[]; message: string };
    const view = expectConsistent(run);
    expect(view.openFailures).toBe(0);
    expect(retried.open).toEqual(view.failures);
    expect(retried.message).toBe('Nothing is failing now.');
  });

  it('more failures than the list shows: the count is the full one, the list its first 50', () => {
    const run = withStrangers(60);
    const view = expectConsistent(run);
    expect(view.openFailures).toBe(60);
    expect(view.failures).toHaveLength(50);
  });

  it('the Baton Failures tab deleted: nothing counted, nothing listed, and health says why', () => {
    const run = withStrangers(1);
    const doc = spreadsheetState(run.rt);
    doc.removeSheet(doc.sheetByName('Baton Failures')!);
    const view = expectConsistent(run);
    expect(view).toMatchObject({ ok: false, openFailures: 0, failures: [] });
    expect(view.problems.join(' ')).toContain('There is no "Baton Failures" tab');
  });

  it('the Baton Failures tab damaged (its header row cleared, a junk row): count and list still agree', () => {
    const run = withStrangers(2);
    const doc = spreadsheetState(run.rt);
    doc.userEdit(OWNER, 'Baton Failures', 'A1:H1', [['', '', '', '', '', '', '', '']]);
    doc.apiAppend('Baton Failures', [['', '', '', '', '', '', '', 'open'], ['junk']]);
    const view = expectConsistent(run);
    expect(view.openFailures).toBe(3);
  });
});

describe('each failure names its lead and links to its row', () => {
  it('name and company from the Leads tab by Lead ID, and the row link', () => {
    const run = withStrangers(1);
    const [f] = health(run).failures;
    const leads = spreadsheetState(run.rt).snapshot().sheets['Leads'];
    const row = leads.findIndex((r) => r[0] === f.leadId) + 1;
    const sheetId = spreadsheetState(run.rt).sheetByName('Leads')!.id;
    expect(f.lead).toEqual({ name: 'Lead 0', company: 'Co 0', row, url: `https://docs.google.com/spreadsheets/d/${spreadsheetState(run.rt).spreadsheetId}/edit#gid=${sheetId}&range=A${row}` });
  });

  it('follows the lead when rows move (sorted), and does not trust the failure row\'s text', () => {
    const run = withStrangers(1);
    const id = health(run).failures[0].leadId;
    run.apply({ at: new Date(run.rt.now()).toISOString(), type: 'sort', user: OWNER, sheet: 'Leads', column: 'Name', ascending: false } as never);
    // Someone types another name into the failure's message: the lead still comes from the Leads tab.
    spreadsheetState(run.rt).userEdit(OWNER, 'Baton Failures', 'D2', [['Owner of Somebody Else']]);
    const [f] = health(run).failures;
    const leads = spreadsheetState(run.rt).snapshot().sheets['Leads'];
    expect(f.leadId).toBe(id);
    expect(f.lead).toMatchObject({ name: 'Lead 0', row: leads.findIndex((r) => r[0] === id) + 1 });
  });

  it('a sheet-level failure, or a lead no longer in the tab, has no lead', () => {
    const run = withStrangers(1);
    spreadsheetState(run.rt).apiAppend('Baton Failures', [['—', 'intake', 'missing header', 'The Leads tab has no "Phone" column.', '', 1, '', 'open'], ['L-ZZZZZZ', 'routing', 'no available owner', 'gone', '', 1, '', 'open']]);
    const view = health(run);
    expect(view.failures.map((f) => f.lead === null)).toEqual([false, true, true]);
  });
});

describe('failure e-mails say where Retry and Dismiss are', () => {
  it('in the managers\' digest', () => {
    const run = withStrangers(1);
    const told = mailState(run.rt).sent.filter((m) => m.to === OWNER && m.body.includes('not on the team'));
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('Retry and Dismiss are in Extensions › Baton › Settings, Health section.');
  });
});
