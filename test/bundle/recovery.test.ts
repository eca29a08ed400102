/**
 * docs/RECOVERY.md, executed: for every failure kind, a scenario that creates the failure the
 * section describes, performs exactly the documented recovery steps through the bundle (menu
 * items, sidebar calls, a person's edits) and ends healthy: no open failure of that kind,
 * getHealth ok, and the leads handled. One `describe` per section, named after its heading.
 */
import { storedOutbox } from '../support/outbox';
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { lockState } from '../../emulator/services/lock';
import { mailState } from '../../emulator/services/mail';
import { propertiesState } from '../../emulator/services/properties';
import { triggerState } from '../../emulator/services/script-app';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_HEADERS } from '../../src/core/headers';
import { completeLead, leadRows, letter, logRows, wholeRow, type Lead } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const ANA = 'ana@acme.test';
const BEN = 'ben@acme.test';
const CY = 'cy@acme.test';
const MINUTE = 60_000;
/** The example config with a second manager (Ana) and nobody away. */
const TEAM = { ...SPEC_EXAMPLE, managers: [OWNER, ANA], team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
const ms = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00-05:00`);
const iso = (t: number) => new Date(t).toISOString();

interface FailureRow {
  leadId: string;
  step: string;
  kind: string;
  message: string;
  state: string;
}

/** Baton installed at 08:00 with `config`; `leads` arrive by API at 09:00 (the next sweep finds them). */
function started(config: unknown = TEAM, leads: Lead[] = [completeLead('Ann'), completeLead('Bo')]): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config, sheets: { Leads: [[...LEAD_HEADERS]] }, start: '2026-03-02T08:00:00-05:00', editors: [ANA, BEN, CY] })), builtProject());
  run.install();
  run.fireClockUntil(ms('08:59'));
  run.rt.clock.set(ms('09:00'));
  if (leads.length) run.apply({ at: iso(ms('09:00')), type: 'append', via: 'api', sheet: 'Leads', rows: leads.map(wholeRow) } as never);
  return run;
}

/** Clock triggers up to `t`, then the clock at `t`. */
function until(run: ScenarioRun, t: number): void {
  run.fireClockUntil(t);
  run.rt.clock.set(Math.max(t, run.rt.now()));
}
const later = (run: ScenarioRun, minutes: number) => until(run, run.rt.now() + minutes * MINUTE);

function failures(r: ScenarioResult): FailureRow[] {
  return r.sheets['Baton Failures'].slice(1).map((f) => ({ leadId: String(f[0]), step: String(f[1]), kind: String(f[2]), message: String(f[3]), state: String(f[7]) }));
}
const openOf = (run: ScenarioRun, kind: string) => failures(run.result()).filter((f) => f.kind === kind && f.state === 'open');

/** A person's edit of one cell (the edit triggers run, as on Google). */
function personEdits(run: ScenarioRun, user: string, a1: string, value: unknown, sheet = 'Leads'): void {
  run.apply({ at: iso(run.rt.now()), type: 'edit', user, sheet, range: a1, values: [[value]] } as never);
}

/** The row of the lead named `name` (1-based, header included). */
function rowOf(run: ScenarioRun, name: string): number {
  const rows = run.result().sheets['Leads'];
  const col = rows[0].indexOf('Name');
  return rows.findIndex((r) => r[col] === name) + 1;
}

function getHealth(run: ScenarioRun, user = OWNER): { ok: boolean; problems: string[]; openFailures: number } {
  return run.call(user, 'getHealth', []) as { ok: boolean; problems: string[]; openFailures: number };
}

/** What every section ends with: nothing of that kind open, Baton healthy, every lead owned. */
function expectHealthy(run: ScenarioRun, kind: string, owned = ['Ann', 'Bo']): void {
  expect(openOf(run, kind)).toEqual([]);
  expect(getHealth(run)).toMatchObject({ ok: true, problems: [] });
  const leads = leadRows(run.result());
  for (const name of owned) {
    const lead = leads.find((l) => l['Name'] === name);
    expect(lead).toMatchObject({ Status: 'Assigned' });
    expect(String(lead!['Owner'])).toMatch(/@acme\.test$/);
  }
}

const lastAlert = (run: ScenarioRun) => run.result().alerts.at(-1)?.message ?? '';

describe('quota', () => {
  it('a run stopped by a daily quota: nothing to do; the next run finishes the work and the row resolves', () => {
    const run = started();
    run.rt.injectFault({ method: 'Range.getValues', error: 'quota', times: 1 });
    until(run, ms('09:04'));
    expect(openOf(run, 'quota')).toEqual([expect.objectContaining({ step: 'run', message: expect.stringContaining('a daily Google quota ran out') })]);
    // Recover: you don't need to do anything.
    until(run, ms('09:30'));
    expectHealthy(run, 'quota');
  });

  it('alerts waiting for the mail quota: pending in the outbox, sent oldest first once it returns, and the row resolves', () => {
    const run = started(TEAM, []);
    const mail = mailState(run.rt);
    // The trigger owner's account has no e-mail left today.
    mail.setRemaining(OWNER, 0);
    run.apply({ at: iso(ms('09:00')), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo'))] } as never);
    until(run, ms('09:10'));
    expect(openOf(run, 'quota')).toEqual([expect.objectContaining({ step: 'notify', message: expect.stringMatching(/alert\(s\) wait for the daily mail quota; they go out when it returns, oldest first\./) })]);
    expect(storedOutbox(run).rows.filter((r) => r.state === 'pending').length).toBeGreaterThan(0);
    const sentBefore = mail.sent.length;
    // Recover: nothing to do. The rolling 24 h window ends and the quota is back.
    mail.windows.delete(OWNER);
    later(run, 10);
    expect(mail.sent.length).toBeGreaterThan(sentBefore);
    expect(storedOutbox(run).rows.filter((r) => r.state === 'pending')).toEqual([]);
    expectHealthy(run, 'quota');
  });
});

describe('service error', () => {
  it('a run that failed on a service error: nothing to do; the next run finishes the work and the row resolves', () => {
    const run = started();
    run.rt.injectFault({ method: 'Range.setValues', error: 'service', times: 1 });
    until(run, ms('09:04'));
    expect(openOf(run, 'service error')).toEqual([expect.objectContaining({ step: 'run', message: expect.stringContaining('Baton finishes the work on its next run; nothing was lost.') })]);
    until(run, ms('09:30'));
    expectHealthy(run, 'service error');
  });

  it('sending alerts failed: the alerts wait in the outbox and go out on the next run', () => {
    const run = started();
    run.rt.injectFault({ method: 'MailApp.sendEmail', error: 'service', times: 1 });
    until(run, ms('09:04'));
    expect(openOf(run, 'service error')).toEqual([expect.objectContaining({ step: 'notify', message: expect.stringContaining('Sending alerts failed') })]);
    until(run, ms('09:30'));
    expect(storedOutbox(run).rows.filter((r) => r.state === 'pending')).toEqual([]);
    expectHealthy(run, 'service error');
  });

  it('a row open for hours: Retry failed handoffs now runs the handoff at once and the row resolves', () => {
    const run = started();
    // A long outage of a service the handoff needs: every run fails, and sweeps back off.
    run.rt.injectFault({ method: 'Utilities.getUuid', error: 'service', times: 1000 });
    until(run, ms('11:00'));
    expect(openOf(run, 'service error')).toHaveLength(1);
    run.rt.clearFaults();
    // Recover: choose Retry failed handoffs now and read the message.
    run.menu(OWNER, 'Retry failed handoffs now');
    expect(lastAlert(run)).toBe('Nothing is failing now.');
    expectHealthy(run, 'service error');
  });
});

describe('permission', () => {
  /** The spreadsheet belongs to someone else; Maria runs Baton's triggers as an editor. */
  function lockedOut(): ScenarioRun {
    const run = started();
    const doc = spreadsheetState(run.rt);
    doc.owner = 'boss@acme.test';
    // Someone makes Baton's protections on the Leads tab strict, naming only Ana: the trigger
    // owner is kept out of the columns Baton writes (Baton's own tabs stay writable).
    const leads = doc.sheetByName('Leads')!.id;
    for (const p of doc.protections.filter((x) => x.sheetId === leads)) {
      p.warningOnly = false;
      p.editors = [ANA];
    }
    until(run, ms('09:10'));
    expect(openOf(run, 'permission')).toEqual([expect.objectContaining({ step: 'run', message: expect.stringContaining('RECOVERY.md, "permission"') })]);
    return run;
  }

  it('step 1: the owner gets access again (protections warning only), Retry failed handoffs now, and the row resolves', () => {
    const run = lockedOut();
    for (const p of spreadsheetState(run.rt).protections) p.warningOnly = true;
    run.menu(OWNER, 'Retry failed handoffs now');
    expect(lastAlert(run)).toBe('Nothing is failing now.');
    expectHealthy(run, 'permission');
  });

  it('step 2: the triggers move to another manager (the old owner deletes hers, Ana repairs once the sweep has stopped)', () => {
    const run = lockedOut();
    triggerState(run.rt).removeAllFor(OWNER);
    later(run, 30);
    run.menu(ANA, 'Repair triggers');
    expect(lastAlert(run)).toContain(`now run under ${ANA}`);
    later(run, 15);
    expectHealthy(run, 'permission');
    expect(run.result().triggers.map((t) => t.owner)).toEqual([ANA, ANA, ANA]);
  });
});

describe('lock timeout', () => {
  it('a sweep that waited too long for the lock: nothing to do; the next sweep that gets in resolves the row', () => {
    const run = started();
    lockState(run.rt).hold('script');
    until(run, ms('09:04'));
    expect(openOf(run, 'lock timeout')).toHaveLength(1);
    lockState(run.rt).release('script');
    until(run, ms('09:30'));
    expectHealthy(run, 'lock timeout');
  });
});

describe('no available owner', () => {
  /** North goes to Ana and Cy, both away; no fallback. Ben and Maria are free but in no pool. */
  const STUCK = {
    ...TEAM,
    team: TEAM.team.map((m) => (m.email === ANA || m.email === CY ? { ...m, away: [{ from: '2026-03-02', to: '2026-03-06' }] } : m)),
    routing: { ...TEAM.routing, fallback: [] as string[] },
  };
  function stuck(): ScenarioRun {
    const run = started(STUCK);
    until(run, ms('09:10'));
    expect(openOf(run, 'no available owner')).toHaveLength(2);
    expect(leadRows(run.result()).map((l) => l['Status'])).toEqual(['Ready', 'Ready']);
    return run;
  }
  const version = (run: ScenarioRun) => (run.call(OWNER, 'getConfig', []) as { version: number }).version;

  it('make someone available: end their away period in Settings; the next run routes the leads', () => {
    const run = stuck();
    const saved = run.call(OWNER, 'saveConfig', [{ ...STUCK, team: STUCK.team.map((m) => (m.email === CY ? { ...m, away: [] } : m)) }, version(run)]) as { ok: boolean };
    expect(saved.ok).toBe(true);
    later(run, 10);
    expectHealthy(run, 'no available owner');
  });

  it('add a fallback; the next run routes the leads', () => {
    const run = stuck();
    expect((run.call(OWNER, 'saveConfig', [{ ...STUCK, routing: { ...STUCK.routing, fallback: [BEN] } }, version(run)]) as { ok: boolean }).ok).toBe(true);
    later(run, 10);
    expectHealthy(run, 'no available owner');
  });

  it('type an Owner into the row by hand: accepted and logged as chosen by hand', () => {
    const run = stuck();
    personEdits(run, OWNER, `${letter('Owner')}${rowOf(run, 'Ann')}`, BEN);
    personEdits(run, OWNER, `${letter('Owner')}${rowOf(run, 'Bo')}`, BEN);
    later(run, 10);
    expectHealthy(run, 'no available owner');
    expect(logRows(run.result()).filter((l) => l['Event'] === 'override' && l['To'] === BEN)).toHaveLength(2);
  });
});

describe('owner not on team', () => {
  function typedStranger(): ScenarioRun {
    const run = started(TEAM, [completeLead('Ann'), completeLead('Bo', { Owner: 'bob@acme.test' })]);
    until(run, ms('09:10'));
    expect(openOf(run, 'owner not on team')).toEqual([expect.objectContaining({ message: expect.stringContaining('Owner "bob@acme.test" is not on the team') })]);
    return run;
  }

  it('type a team member into Owner', () => {
    const run = typedStranger();
    personEdits(run, OWNER, `${letter('Owner')}${rowOf(run, 'Bo')}`, BEN);
    later(run, 10);
    expectHealthy(run, 'owner not on team');
  });

  it('clear Owner: Baton routes the lead again', () => {
    const run = typedStranger();
    personEdits(run, OWNER, `${letter('Owner')}${rowOf(run, 'Bo')}`, '');
    later(run, 10);
    expectHealthy(run, 'owner not on team');
  });

  it('add the person to the team', () => {
    const run = typedStranger();
    const { version } = run.call(OWNER, 'getConfig', []) as { version: number };
    const bob = { email: 'bob@acme.test', name: 'Bob', active: true, capacity: 10, weight: 1 };
    expect((run.call(OWNER, 'saveConfig', [{ ...TEAM, team: [...TEAM.team, bob] }, version]) as { ok: boolean }).ok).toBe(true);
    later(run, 10);
    expect(openOf(run, 'owner not on team')).toEqual([]);
    expect(getHealth(run)).toMatchObject({ ok: true });
    expect(leadRows(run.result()).find((l) => l['Name'] === 'Bo')).toMatchObject({ Owner: 'bob@acme.test', Status: 'Assigned' });
  });
});

describe('missing header', () => {
  const EMAIL = `${letter('Email')}1`;
  /** Ann is handled; then someone renames Email to "E-mail", and Cy (e-mail only) is typed in. */
  function renamed(): ScenarioRun {
    const run = started(TEAM, [completeLead('Ann')]);
    until(run, ms('09:10'));
    personEdits(run, ANA, EMAIL, 'E-mail');
    run.apply({ at: iso(run.rt.now()), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Bo'))] } as never);
    later(run, 10);
    expect(openOf(run, 'missing header')).toEqual([expect.objectContaining({ leadId: '—', step: 'intake', message: expect.stringContaining('The Leads tab has no "Email" column.') })]);
    expect(leadRows(run.result()).find((l) => l['Name'] === 'Bo')).toMatchObject({ Status: 'Needs info' });
    return run;
  }
  const header = (run: ScenarioRun) => run.result().sheets['Leads'][0];

  it('put the header text back: the next run resolves the row and handles the lead', () => {
    const run = renamed();
    personEdits(run, ANA, EMAIL, 'Email');
    later(run, 10);
    expectHealthy(run, 'missing header');
  });

  it('map the new name in the config\'s columns (Settings › General › Column headers)', () => {
    const run = renamed();
    const { version } = run.call(OWNER, 'getConfig', []) as { version: number };
    expect((run.call(OWNER, 'saveConfig', [{ ...TEAM, columns: { ...TEAM.columns, email: 'E-mail' } }, version]) as { ok: boolean }).ok).toBe(true);
    later(run, 10);
    expectHealthy(run, 'missing header');
  });

  it('Set up Baton adds no empty column to a tab that holds leads (finding 9): it names the renamed column and the fixes, and the row stays open', () => {
    const run = renamed();
    const before = header(run);
    run.menu(OWNER, 'Set up Baton');
    expect(header(run)).toEqual(before);
    expect(lastAlert(run)).toContain(
      'The "Leads" tab has no "Email" column and already holds leads, so Set up Baton did not add an empty one. "E-mail" (column D) looks like it. ' +
        'Rename that column\'s header back to "Email", or map its header to Email under Extensions › Baton › Settings › General › Column headers.',
    );
    later(run, 10);
    expect(openOf(run, 'missing header')).toHaveLength(1);
    expect(leadRows(run.result()).find((l) => l['Name'] === 'Bo')).toMatchObject({ Status: 'Needs info' });
    // Following its advice ends healthy.
    personEdits(run, ANA, EMAIL, 'Email');
    later(run, 10);
    expectHealthy(run, 'missing header');
  });

  it('Set up Baton still adds the headers of a Leads tab that holds no lead yet', () => {
    const run = started(TEAM, []);
    personEdits(run, ANA, EMAIL, 'E-mail');
    later(run, 10);
    expect(openOf(run, 'missing header')).toHaveLength(1);
    run.menu(OWNER, 'Set up Baton');
    expect(header(run).filter((h) => h === 'Email')).toHaveLength(1);
    later(run, 10);
    expect(openOf(run, 'missing header')).toEqual([]);
    expect(getHealth(run)).toMatchObject({ ok: true });
  });

});

describe('duplicated header', () => {
  it('rename or delete the extra column: the row resolves on the next run', () => {
    const run = started();
    later(run, 5);
    const spare = String.fromCharCode('A'.charCodeAt(0) + LEAD_HEADERS.length + 1);
    personEdits(run, OWNER, `${spare}1`, 'Phone');
    later(run, 10);
    expect(openOf(run, 'duplicated header')).toHaveLength(1);
    // Recover: rename the extra column.
    personEdits(run, OWNER, `${spare}1`, 'Phone (old)');
    later(run, 10);
    expectHealthy(run, 'duplicated header');
  });
});

describe('missing tab', () => {
  const deleted = () => {
    const run = started(TEAM, []);
    const doc = spreadsheetState(run.rt);
    doc.removeSheet(doc.sheetByName('Leads')!);
    later(run, 10);
    expect(openOf(run, 'missing tab')).toEqual([expect.objectContaining({ message: expect.stringContaining('There is no "Leads" tab, so no lead is handled.') })]);
    return run;
  };

  it('restore the tab from the version history: its leads are handled again and the row resolves', () => {
    const run = deleted();
    // A restored copy: the same name and rows, a new sheet id.
    spreadsheetState(run.rt).addSheet('Leads', [[...LEAD_HEADERS], wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo'))]);
    later(run, 10);
    expectHealthy(run, 'missing tab');
  });

  it('or start over: Set up Baton creates an empty Leads tab, and new leads are handled', () => {
    const run = deleted();
    run.menu(OWNER, 'Set up Baton');
    expect(run.result().sheets['Leads'][0]).toEqual([...LEAD_HEADERS]);
    run.apply({ at: iso(run.rt.now()), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo'))] } as never);
    later(run, 10);
    expectHealthy(run, 'missing tab');
  });
});

describe('renamed tab', () => {
  it('rename the tab back: nothing stopped meanwhile, and the row resolves', () => {
    const run = started(TEAM, []);
    later(run, 5);
    spreadsheetState(run.rt).sheetByName('Leads')!.name = 'Leads 2026';
    run.apply({ at: iso(run.rt.now()), type: 'append', via: 'api', sheet: 'Leads 2026', rows: [wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo'))] } as never);
    later(run, 10);
    expect(openOf(run, 'renamed tab')).toHaveLength(1);
    spreadsheetState(run.rt).sheetByName('Leads 2026')!.name = 'Leads';
    later(run, 10);
    expectHealthy(run, 'renamed tab');
  });
});

describe('invalid config', () => {
  /** The stored configuration edited outside Baton: document properties changed by another script. */
  function invalid(): ScenarioRun {
    const run = started();
    const doc = propertiesState(run.rt).document;
    doc.set('baton.config', JSON.stringify({ revision: 99, chunks: 1, savedAt: run.rt.now(), savedBy: OWNER }));
    doc.set('baton.config.r99.0', JSON.stringify({ ...TEAM, sweepMinutes: 7 }));
    later(run, 10);
    expect(openOf(run, 'invalid config')).toEqual([expect.objectContaining({ step: 'config', message: expect.stringContaining('sweepMinutes') })]);
    expect(leadRows(run.result()).every((l) => l['Status'] === '')).toBe(true);
    return run;
  }

  it('a manager opens Settings on the stored configuration, fixes the field and saves; the next run resolves the row and handles the leads', () => {
    const run = invalid();
    const view = run.call(OWNER, 'getConfig', []) as { version: number; config: null; invalid: { stored: Record<string, unknown>; issues: { path: string[] }[] } };
    expect(view.config).toBeNull();
    expect(view.invalid.stored).toMatchObject({ sweepMinutes: 7 });
    expect(JSON.stringify(view.invalid.issues)).toContain('sweepMinutes');
    const saved = run.call(OWNER, 'saveConfig', [{ ...view.invalid.stored, sweepMinutes: 5 }, view.version]) as { ok: boolean };
    expect(saved.ok).toBe(true);
    later(run, 10);
    expectHealthy(run, 'invalid config');
  });

  it('Set up Baton refuses while the stored configuration is invalid, and lists the problems', () => {
    const run = invalid();
    run.menu(OWNER, 'Set up Baton');
    expect(lastAlert(run)).toContain('Baton could not be set up.');
    expect(lastAlert(run)).toContain('sweepMinutes');
  });
});

describe('duplicate ID', () => {
  function copied(): ScenarioRun {
    const run = started();
    until(run, ms('09:10'));
    const row = rowOf(run, 'Bo');
    run.apply({ at: iso(run.rt.now()), type: 'copy', user: ANA, sheet: 'Leads', from: `A${row}:T${row}`, to: `A${row + 1}` } as never);
    later(run, 10);
    const ids = leadRows(run.result()).map((l) => l['Lead ID']);
    expect(new Set(ids).size).toBe(3);
    expect(logRows(run.result()).filter((l) => l['Event'] === 'created' && String(l['Reason']).includes('(a copied row); it gets an ID of its own.'))).toHaveLength(1);
    return run;
  }

  it('a copy made by mistake: delete the copied row', () => {
    const run = copied();
    run.apply({ at: iso(run.rt.now()), type: 'deleteRows', user: ANA, sheet: 'Leads', row: rowOf(run, 'Bo') + 1, count: 1 } as never);
    later(run, 10);
    expect(leadRows(run.result()).map((l) => l['Name'])).toEqual(['Ann', 'Bo']);
    expectHealthy(run, 'duplicate ID');
  });

  it('a Duplicate that is really a different person: correct the e-mail, set its Status to New; the next run decides it again', () => {
    const run = copied();
    const copyRow = rowOf(run, 'Bo') + 1;
    expect(leadRows(run.result())[2]).toMatchObject({ Status: 'Duplicate' });
    personEdits(run, OWNER, `${letter('Name')}${copyRow}`, 'Bea');
    personEdits(run, OWNER, `${letter('Email')}${copyRow}`, 'bea@example.com');
    personEdits(run, OWNER, `${letter('Status')}${copyRow}`, 'New');
    later(run, 10);
    expectHealthy(run, 'duplicate ID', ['Ann', 'Bo', 'Bea']);
  });
});

describe('stale heartbeat / missing triggers', () => {
  /** Maria's triggers are deleted in the dashboard at 09:10; leads keep arriving by API. */
  function stopped(): ScenarioRun {
    const run = started(TEAM, []);
    until(run, ms('09:10'));
    triggerState(run.rt).removeAllFor(OWNER);
    run.apply({ at: iso(ms('09:10')), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann')), wholeRow(completeLead('Bo'))] } as never);
    until(run, ms('09:40'));
    run.open(CY);
    expect(run.result().toasts.at(-1)?.message).toContain("Baton's sweep has not run since");
    expect(getHealth(run).ok).toBe(false);
    return run;
  }
  /** Step 3: within one interval the toast no longer appears, getHealth reports the new sweep, everything is caught up. */
  function checked(run: ScenarioRun, owner: string): void {
    const repairedAt = run.rt.now();
    later(run, 10);
    const toasts = run.result().toasts.length;
    run.open(CY);
    expect(run.result().toasts.length).toBe(toasts);
    const view = run.call(owner, 'getHealth', []) as { lastSweep: { at: number; by: string } };
    expect(view.lastSweep.at).toBeGreaterThan(repairedAt);
    expect(view.lastSweep.by).toBe(owner);
    expectHealthy(run, 'run');
  }

  it('step 1: the owner chooses Repair triggers (twice changes nothing), then step 3', () => {
    const run = stopped();
    run.menu(OWNER, 'Repair triggers');
    run.menu(OWNER, 'Repair triggers');
    expect(run.result().triggers.map((t) => `${t.function}:${t.owner}`).sort()).toEqual(['batonOnEdit', 'batonOnFormSubmit', 'batonSweep'].map((f) => `${f}:${OWNER}`));
    checked(run, OWNER);
  });

  it('step 2: another manager repairs once the toast shows; the triggers move to her; then step 3', () => {
    const run = stopped();
    run.menu(ANA, 'Repair triggers');
    expect(lastAlert(run)).toContain(`The triggers of ${OWNER} have stopped sweeping; they now run under ${ANA}.`);
    checked(run, ANA);
  });

  it('step 2, while the owner\'s sweep still runs: another manager\'s repair leaves it alone', () => {
    const run = started();
    until(run, ms('09:10'));
    run.menu(ANA, 'Repair triggers');
    expect(lastAlert(run)).toContain(`run under ${OWNER} and are working; nothing to install`);
    expect(run.result().triggers.every((t) => t.owner === OWNER)).toBe(true);
  });
});

describe('triggers owned by someone who left', () => {
  it('step 1: another manager chooses Set up Baton once the sweep has stopped; the old triggers retire when they fire', () => {
    const run = started();
    until(run, ms('09:10'));
    const marias = triggerState(run.rt).list().filter((t) => t.owner === OWNER);
    marias.forEach((t) => (t.disabled = true));
    until(run, ms('09:50'));
    run.menu(ANA, 'Set up Baton');
    expect(lastAlert(run)).toContain(`now run under ${ANA}`);
    // Her account comes back: each of her triggers removes itself the next time it fires.
    marias.forEach((t) => (t.disabled = false));
    later(run, 20);
    expect(run.result().triggers.map((t) => t.owner)).toEqual([ANA, ANA, ANA]);
    expect(getHealth(run, ANA)).toMatchObject({ ok: true, problems: [] });
  });

  it('step 2: to move them while the old account works, the old owner deletes her triggers, then a repair once the toast shows', () => {
    const run = started();
    until(run, ms('09:10'));
    triggerState(run.rt).removeAllFor(OWNER);
    until(run, ms('09:40'));
    run.open(ANA);
    expect(run.result().toasts.at(-1)?.message).toContain("Baton's sweep has not run since");
    run.menu(ANA, 'Repair triggers');
    later(run, 10);
    expect(run.result().triggers.map((t) => t.owner)).toEqual([ANA, ANA, ANA]);
    expectHealthy(run, 'run');
  });

  it('step 3: remove her from managers and team; her leads show owner not on team; clearing Owner routes them again', () => {
    const run = started({ ...TEAM, routing: { rules: [], fallback: [CY] } }, []);
    // Ben owns Ann, then leaves.
    run.apply({ at: iso(ms('09:00')), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(completeLead('Ann', { Owner: BEN })), wholeRow(completeLead('Bo'))] } as never);
    until(run, ms('09:10'));
    expect(leadRows(run.result()).find((l) => l['Name'] === 'Ann')).toMatchObject({ Owner: BEN, Status: 'Assigned' });
    const { version } = run.call(OWNER, 'getConfig', []) as { version: number };
    const without = { ...TEAM, routing: { rules: [], fallback: [CY] }, team: TEAM.team.filter((m) => m.email !== BEN) };
    expect((run.call(OWNER, 'saveConfig', [without, version]) as { ok: boolean }).ok).toBe(true);
    later(run, 10);
    expect(openOf(run, 'owner not on team')).toEqual([expect.objectContaining({ message: expect.stringContaining(`Owner "${BEN}" is not on the team.`) })]);
    personEdits(run, OWNER, `${letter('Owner')}${rowOf(run, 'Ann')}`, '');
    later(run, 10);
    expectHealthy(run, 'owner not on team');
    expect(leadRows(run.result()).find((l) => l['Name'] === 'Ann')).toMatchObject({ Owner: CY });
  });
});

describe('A very large or very slow sheet: runs that would pass the time limit', () => {
  it('a run that ran out of time: nothing to do; the next runs carry on from Baton Pending', () => {
    const run = started();
    run.rt.injectFault({ method: 'Range.setValues', error: 'timeout', after: 2, times: 1 });
    until(run, ms('09:04'));
    expect(openOf(run, 'timeout')).toHaveLength(1);
    until(run, ms('09:30'));
    expectHealthy(run, 'timeout');
  });
});
