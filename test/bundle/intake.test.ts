/**
 * Intake, end to end: the built bundle in the emulator (SPEC.md, "Behaviour that must hold").
 * Leads arrive by paste, form and API; Baton gives each an ID, a status and its problems in
 * plain words, keeps its system columns, and never writes to the wrong lead or makes a formula.
 */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { LEAD_HEADERS } from '../../src/core/headers';
import { LEAD_ID_PATTERN } from '../../src/core/lead-id';
import { ANA, at, byName, completeLead, edit, type Lead, leadRows, letter, logRows, paste, wholeRow } from '../support/leads';
import { builtProject, OWNER, scenario, simulate } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H = [...LEAD_HEADERS];

/** Intake alone: no team, so Ready leads wait for an owner (routing is tested in routing.test.ts). */
const CONFIG = { ...SPEC_EXAMPLE, team: [], routing: { rules: [], fallback: [] } };

/** A complete, sales-ready lead of a business customer; `extra` changes what a test is about. */
const lead = (name: string, extra: Lead = {}): Lead => completeLead(name, { 'Customer Type': 'Business', ...extra });

const errors = (r: ScenarioResult) => r.executions.filter((e) => e.error !== null);

/** A Workspace team in one domain (acme.test), so Google shows who edited (unknown-editor cases: platform-editor-email.test.ts). */
function run(events: unknown[], until: string, extra: Record<string, unknown> = {}): ScenarioResult {
  return simulate({ config: CONFIG, sheets: { Leads: [H] }, events, until, workspace: true, ...extra });
}

describe('a paste of good and bad rows', () => {
  const rows = [
    lead('Ann'),
    lead('Bob', { Consent: '' }),
    lead('Cat', { Location: 'West' }),
    lead('Dan', { Email: 'dan@', Phone: '555-0101' }),
    lead('Eve', { 'Deal Size': 500 }),
  ];
  const r = run([paste(at('09:00'), 2, rows)], at('09:02'));

  it('is handled by the installable edit trigger, without an error', () => {
    expect(errors(r)).toEqual([]);
    expect(r.executions.filter((e) => e.function === 'batonOnEdit' && e.at.startsWith('2026-03-02T14:00'))).toHaveLength(1);
  });

  it('gives every row its own Lead ID', () => {
    const ids = leadRows(r).map((row) => String(row['Lead ID']));
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(id).toMatch(LEAD_ID_PATTERN);
    expect(new Set(ids).size).toBe(5);
  });

  it.each([
    ['Ann', 'Ready', ''],
    ['Bob', 'Needs info', 'Consent is not recorded.'],
    ['Cat', 'Ineligible', 'Location "West" is outside the service areas (North, South).'],
    ['Dan', 'Needs info', 'Email "dan@" is not a valid address. Phone "555-0101" is not a valid number in US.'],
    ['Eve', 'New', 'Not sales-ready yet: needs Deal Size >= 1000.'],
  ])('%s → %s, Problems %j', (name, status, problems) => {
    const row = byName(r, name);
    expect(row['Status']).toBe(status);
    expect(row['Problems']).toBe(problems);
  });

  it('stamps Created with the emulated time of the paste', () => {
    for (const row of leadRows(r)) expect(Date.parse(String(row['Created'])) - Date.parse(at('09:00'))).toBeLessThan(60_000);
  });

  it('logs each lead as created, by the person who pasted it', () => {
    const created = logRows(r).filter((l) => l['Event'] === 'created');
    expect(created.map((l) => l['Lead ID']).sort()).toEqual(leadRows(r).map((row) => row['Lead ID']).sort());
    expect(created.every((l) => l['Actor'] === ANA)).toBe(true);
  });
});

describe('a paste that logs more rows than the Log tab has', () => {
  // 600 leads → 1,200 log rows (created, then promoted/validated): past the Log tab's 1,000 rows.
  const many = Array.from({ length: 600 }, (_, i) => lead(`Lead ${i}`, i % 2 ? { Consent: '' } : {}));
  const r = run([paste(at('09:00'), 2, many)], at('09:02'));

  it('is handled and logged in full, without an error', () => {
    expect(errors(r)).toEqual([]);
    expect(leadRows(r).every((row) => LEAD_ID_PATTERN.test(String(row['Lead ID'])))).toBe(true);
    expect(logRows(r).filter((l) => l['Event'] === 'created')).toHaveLength(600);
  });
});

describe('a Google Form submission', () => {
  const r = run([{ at: at('09:01'), type: 'append', via: 'form', sheet: 'Leads', rows: [wholeRow(lead('Fay'))] }], at('09:02'));

  it('is handled right away by the form-submit trigger, before the next sweep', () => {
    expect(errors(r)).toEqual([]);
    const after = r.executions.filter((e) => Date.parse(e.at) >= Date.parse(at('09:01')));
    expect(after.map((e) => e.function)).toEqual(['batonOnFormSubmit']);
    const fay = byName(r, 'Fay');
    expect(fay['Lead ID']).toMatch(LEAD_ID_PATTERN);
    expect(fay['Status']).toBe('Ready');
    expect(logRows(r).find((l) => l['Lead ID'] === fay['Lead ID'] && l['Event'] === 'created')?.['Actor']).toBe('Google Form');
  });
});

describe('rows an integration appends through the API', () => {
  const events = [{ at: at('09:00'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(lead('Gus')), wholeRow(lead('Hal', { Interest: 'Wind' }))] }];
  // Sweeps run at 08:58:12, 09:03:12, ... (every 5 minutes from setup).
  const before = run(events, at('09:03'));
  const after = run(events, at('09:04'));

  it('fire no trigger and stay untouched until the sweep', () => {
    expect(before.executions.filter((e) => Date.parse(e.at) >= Date.parse(at('09:00')))).toEqual([]);
    expect(byName(before, 'Gus')['Lead ID']).toBe('');
    expect(byName(before, 'Gus')['Status']).toBe('');
    expect(byName(before, 'Hal')['Problems']).toBe('');
  });

  it('are handled by the next batonSweep', () => {
    expect(errors(after)).toEqual([]);
    const sweep = after.executions.filter((e) => Date.parse(e.at) >= Date.parse(at('09:00')));
    expect(sweep.map((e) => e.function)).toEqual(['batonSweep']);
    expect(byName(after, 'Gus')['Lead ID']).toMatch(LEAD_ID_PATTERN);
    expect(byName(after, 'Gus')['Status']).toBe('Ready');
    expect(byName(after, 'Hal')['Status']).toBe('Needs info');
    expect(byName(after, 'Hal')['Problems']).toBe('Interest "Wind" is not one of: Solar, Battery, EV charger.');
  });
});

describe('a copied row', () => {
  const r = run(
    [paste(at('09:00'), 2, [lead('Ivy')]), { at: at('09:10'), type: 'copy', user: ANA, sheet: 'Leads', from: 'A2:T2', to: 'A9' }],
    at('09:20'),
  );
  const [original, copy] = leadRows(r);
  const firstId = logRows(r).find((l) => l['Event'] === 'created')?.['Lead ID'];

  it('gets a new Lead ID; the original keeps its own', () => {
    expect(errors(r)).toEqual([]);
    expect(original['Lead ID']).toBe(firstId);
    expect(copy['Lead ID']).toMatch(LEAD_ID_PATTERN);
    expect(copy['Lead ID']).not.toBe(firstId);
    expect(r.sheets['Leads'][8][0]).toBe(copy['Lead ID']);
  });

  it('is logged as a copy of the original', () => {
    const entry = logRows(r).find((l) => l['Lead ID'] === copy['Lead ID'] && l['Event'] === 'created');
    expect(entry?.['Reason']).toContain(`repeated the Lead ID ${String(firstId)}`);
    expect(entry?.['Actor']).toBe(ANA);
  });

  it('is a duplicate of the original (same person), which stays as it was', () => {
    expect(copy['Status']).toBe('Duplicate');
    expect(copy['Problems']).toBe(`Duplicate of ${String(firstId)}.`);
    expect(original['Status']).toBe('Ready');
    expect(original['Problems']).toBe('');
  });
});

describe('duplicates', () => {
  const r = run(
    [
      paste(at('09:00'), 2, [lead('Jo', { Email: 'jo@example.com', Phone: '(212) 555-0101' })]),
      paste(at('09:10'), 3, [lead('Jo Email', { Email: '  JO@Example.COM ', Phone: '' }), lead('Jo Phone', { Email: '', Phone: '+1 212 555 0101' })]),
    ],
    at('09:30'),
  );
  const jo = byName(r, 'Jo');

  it.each(['Jo Email', 'Jo Phone'])('%s is a Duplicate of the first lead, said in Problems', (name) => {
    expect(byName(r, name)['Status']).toBe('Duplicate');
    expect(byName(r, name)['Problems']).toBe(`Duplicate of ${String(jo['Lead ID'])}.`);
    expect(logRows(r).some((l) => l['Lead ID'] === byName(r, name)['Lead ID'] && l['Event'] === 'duplicate')).toBe(true);
  });

  it('leaves the original alone', () => {
    expect(errors(r)).toEqual([]);
    expect(jo['Status']).toBe('Ready');
    expect(jo['Problems']).toBe('');
    const about = logRows(r).filter((l) => l['Lead ID'] === jo['Lead ID']).map((l) => l['Event']);
    expect(about).toEqual(['created', 'promoted']);
  });
});

describe('formulas typed into lead fields', () => {
  const HYPERLINK = '=HYPERLINK("http://evil.test","x")';
  const IMPORTXML = '=IMPORTXML("http://evil.test","//a")';
  /** Evaluates to text that itself looks like a formula: it flows into Problems, the log and the state. */
  const LOOKS_LIKE_FORMULA = '="=IMPORTXML(""http://evil.test"",""//a"")"';
  const r = run(
    [
      paste(at('09:00'), 2, [lead('Kim', { Name: HYPERLINK }), lead('Lou', { Company: IMPORTXML }), lead('Mo', { Interest: LOOKS_LIKE_FORMULA, Location: LOOKS_LIKE_FORMULA })]),
      edit(at('09:10'), 'Assigned At', 2, LOOKS_LIKE_FORMULA),
      edit(at('09:11'), 'Status', 3, 'Contacted'),
    ],
    at('09:30'),
  );
  const typed = { [`${letter('Name')}2`]: HYPERLINK, [`${letter('Company')}3`]: IMPORTXML, [`${letter('Interest')}4`]: LOOKS_LIKE_FORMULA, [`${letter('Location')}4`]: LOOKS_LIKE_FORMULA };

  it('leaves only the formulas the person typed, where they typed them', () => {
    expect(errors(r)).toEqual([]);
    expect(r.formulas['Leads']).toEqual(typed);
  });

  it('never makes a formula in the log or the state tab', () => {
    expect(r.formulas['Baton Log'] ?? {}).toEqual({});
    expect(r.formulas['Baton State'] ?? {}).toEqual({});
    expect(r.formulas['Baton Failures'] ?? {}).toEqual({});
  });

  it('still handles those leads, with the text in plain words', () => {
    expect(leadRows(r).every((row) => LEAD_ID_PATTERN.test(String(row['Lead ID'])))).toBe(true);
    const mo = leadRows(r)[2];
    expect(mo['Status']).toBe('Ineligible');
    expect(String(mo['Problems'])).toMatch(/^Location "=IMPORTXML/);
    expect(logRows(r).some((l) => String(l['Reason']).startsWith('Location "=IMPORTXML'))).toBe(true);
    expect(leadRows(r)[0]['Assigned At']).toBe('');
  });
});

describe('a missing header', () => {
  const consentRenamed = run(
    [edit(at('09:00'), 'Consent', 1, 'Consent given?', OWNER), paste(at('09:01'), 2, [lead('Ned')])],
    at('09:40'),
  );
  const idRenamed = run(
    [edit(at('09:00'), 'Lead ID', 1, 'ID', OWNER), paste(at('09:01'), 2, [lead('Oda')])],
    at('09:40'),
  );
  /** Sheet-level log rows (no lead) about the missing header. */
  const problemRows = (r: ScenarioResult, header: string) =>
    logRows(r).filter((l) => l['Event'] === 'failed' && String(l['Reason']).includes(`no "${header}" column`));

  it('(Consent, while consent is required) is reported in the log once, not on every sweep, and never crashes', () => {
    expect(errors(consentRenamed)).toEqual([]);
    expect(consentRenamed.executions.filter((e) => e.function === 'batonSweep').length).toBeGreaterThan(5);
    expect(problemRows(consentRenamed, 'Consent')).toHaveLength(1);
  });

  it('(Lead ID) is reported in the log once and never crashes; the lead is not lost', () => {
    expect(errors(idRenamed)).toEqual([]);
    expect(problemRows(idRenamed, 'Lead ID')).toHaveLength(1);
    expect(byName(idRenamed, 'Oda')['Email']).toBe('oda@example.com');
  });

  it('once put back, lets the held lead through', () => {
    const fixed = run(
      [edit(at('09:00'), 'Lead ID', 1, 'ID', OWNER), paste(at('09:01'), 2, [lead('Oda')]), edit(at('09:20'), 'Lead ID', 1, 'Lead ID', OWNER)],
      at('09:30'),
    );
    expect(errors(fixed)).toEqual([]);
    expect(byName(fixed, 'Oda')['Lead ID']).toMatch(LEAD_ID_PATTERN);
    expect(byName(fixed, 'Oda')['Status']).toBe('Ready');
    expect(problemRows(fixed, 'Lead ID')).toHaveLength(1);
  });

  it('opens one failure-queue row while the header is missing, and resolves it once put back', () => {
    const failureRows = (r: ScenarioResult) => r.sheets['Baton Failures'].slice(1).filter((f) => String(f[3]).includes('no "Lead ID" column'));
    expect(failureRows(idRenamed).map((f) => [f[0], f[1], f[2], f[7]])).toEqual([['—', 'intake', 'missing header', 'open']]);
    const fixed = run(
      [edit(at('09:00'), 'Lead ID', 1, 'ID', OWNER), paste(at('09:01'), 2, [lead('Oda')]), edit(at('09:20'), 'Lead ID', 1, 'Lead ID', OWNER)],
      at('09:30'),
    );
    expect(failureRows(fixed).map((f) => f[7])).toEqual(['resolved']);
  });
});

describe('a person editing a system column', () => {
  const r = run(
    [
      paste(at('09:00'), 2, [lead('Pat'), lead('Quinn', { Consent: '' })]),
      edit(at('09:10'), 'Assigned At', 2, 'tomorrow'),
      edit(at('09:11'), 'Problems', 3, 'all good, call her'),
    ],
    at('09:30'),
  );
  const pat = byName(r, 'Pat');
  const quinn = byName(r, 'Quinn');

  it('Assigned At: the edit is reverted and logged with who made it', () => {
    expect(errors(r)).toEqual([]);
    expect(pat['Assigned At']).toBe('');
    const entry = logRows(r).find((l) => l['Lead ID'] === pat['Lead ID'] && l['Event'] === 'reverted');
    expect(entry).toMatchObject({ From: 'tomorrow', To: '', Actor: ANA });
  });

  it('Problems: the edit is reverted', () => {
    expect(quinn['Problems']).toBe('Consent is not recorded.');
  });

  it('Problems: the edit is logged with who made it', () => {
    const entry = logRows(r).find((l) => l['Lead ID'] === quinn['Lead ID'] && l['Event'] === 'reverted');
    expect(entry).toMatchObject({ From: 'all good, call her', To: 'Consent is not recorded.', Actor: ANA });
  });
});

describe('the lead moving on', () => {
  const r = run(
    [
      paste(at('09:00'), 2, [lead('Rae'), lead('Sam')]),
      edit(at('09:20'), 'Status', 2, 'Contacted', OWNER),
      edit(at('09:21'), 'Email', 3, ''),
    ],
    at('09:40'),
  );

  it('to Contacted stamps First Contact with the emulated time, once', () => {
    expect(errors(r)).toEqual([]);
    const rae = byName(r, 'Rae');
    expect(rae['Status']).toBe('Contacted');
    const stamped = Date.parse(String(rae['First Contact']));
    expect(stamped - Date.parse(at('09:20'))).toBeGreaterThanOrEqual(0);
    expect(stamped - Date.parse(at('09:20'))).toBeLessThan(60_000);
    const contacted = logRows(r).filter((l) => l['Lead ID'] === rae['Lead ID'] && l['Event'] === 'contacted');
    expect(contacted).toHaveLength(1);
    expect(contacted[0]).toMatchObject({ From: 'Ready', To: 'Contacted', Actor: OWNER });
  });

  it('losing its e-mail while Ready goes back to Needs info', () => {
    const sam = byName(r, 'Sam');
    expect(sam['Status']).toBe('Needs info');
    expect(sam['Problems']).toBe('There is no e-mail or phone to contact.');
    expect(logRows(r).find((l) => l['Lead ID'] === sam['Lead ID'] && l['To'] === 'Needs info')).toMatchObject({ From: 'Ready' });
  });
});

describe('sorting, inserting and deleting rows between runs', () => {
  const scenarioRun = new ScenarioRun(parseScenario(scenario({ config: CONFIG, sheets: { Leads: [H] } })), builtProject());
  const step = (e: { at: string }) => {
    const t = Date.parse(e.at);
    scenarioRun.fireClockUntil(t);
    scenarioRun.rt.clock.set(t);
    scenarioRun.apply(e as Parameters<ScenarioRun['apply']>[0], t);
  };
  const rowOf = (name: string) => scenarioRun.result().sheets['Leads'].findIndex((row) => row[H.indexOf('Name')] === name) + 1;
  scenarioRun.install();
  step(paste(at('09:00'), 2, [lead('Ann'), lead('Bob', { Consent: '' }), lead('Cat', { Location: 'West' }), lead('Dan', { 'Deal Size': 500 })]));
  const ids = Object.fromEntries(['Ann', 'Bob', 'Cat', 'Dan'].map((n) => [n, byName(scenarioRun.result(), n)['Lead ID']]));
  step({ at: at('09:05'), type: 'sort', user: ANA, sheet: 'Leads', column: 'Name', ascending: false } as never);
  step({ at: at('09:06'), type: 'insertRows', user: ANA, sheet: 'Leads', row: 3, count: 2 } as never);
  step({ at: at('09:07'), type: 'deleteRows', user: ANA, sheet: 'Leads', row: rowOf('Cat'), count: 1 } as never);
  // Bob gets his consent where he is now; an API row arrives and is sorted before the sweep sees it.
  step(edit(at('09:09'), 'Consent', rowOf('Bob'), 'Yes'));
  step({ at: at('09:10'), type: 'append', via: 'api', sheet: 'Leads', rows: [wholeRow(lead('Abe', { Consent: 'No' }))] } as never);
  step({ at: at('09:11'), type: 'sort', user: ANA, sheet: 'Leads', column: 'Email', ascending: true } as never);
  step(edit(at('09:12'), 'Status', rowOf('Ann'), 'Contacted', OWNER));
  step({ at: at('09:14'), type: 'sort', user: ANA, sheet: 'Leads', column: 'Name', ascending: true } as never);
  scenarioRun.fireClockUntil(Date.parse(at('09:40')));
  const r = scenarioRun.result();

  it('runs without an error', () => {
    expect(errors(r)).toEqual([]);
  });

  it.each([
    ['Ann', 'Contacted', ''],
    ['Bob', 'Ready', ''],
    ['Dan', 'New', 'Not sales-ready yet: needs Deal Size >= 1000.'],
    ['Abe', 'Ineligible', 'Consent to contact was denied.'],
  ])('keeps %s\'s status (%s) and problems with %s', (name, status, problems) => {
    const row = byName(r, name);
    expect(row['Status']).toBe(status);
    expect(row['Problems']).toBe(problems);
    if (ids[name]) expect(row['Lead ID']).toBe(ids[name]);
    else expect(row['Lead ID']).toMatch(LEAD_ID_PATTERN);
  });

  it('stamps First Contact only on the lead that was contacted', () => {
    expect(byName(r, 'Ann')['First Contact']).not.toBe('');
    for (const name of ['Bob', 'Dan', 'Abe']) expect(byName(r, name)['First Contact']).toBe('');
  });

  it('writes nothing into the blank rows a person inserted', () => {
    expect(leadRows(r)).toHaveLength(4);
  });
});
