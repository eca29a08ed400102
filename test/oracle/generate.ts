/**
 * The lifecycle oracle's generator (issue 15): fast-check arbitraries for seeded random sequences
 * of people's actions on a small Leads tab, and the scenario file (SPEC.md, "Contracts for tools and
 * tests") each sequence becomes. Actions are placed between runs or inside one (`during`: a
 * sweep, an edit run, a form run or a sidebar saveConfig) at a random service call, with faults.
 *
 * Cells are addressed as a person would address them: by row number and column letter, worked out
 * from the layout the generator expects (the actions in time order). Where the sheet differs when
 * the action lands (a run sorted nothing, but a person's sort did, or an action inside a run moved
 * its time), the action lands elsewhere: the model (model.ts) reads what each action actually hit
 * from the sheet at that moment, so that is a different action, not an error.
 */
import fc from 'fast-check';

export const ANA = 'ana@acme.test';
export const BEN = 'ben@acme.test';
export const CY = 'cy@acme.test';
export const MARIA = 'maria@acme.test';
/** An editor of the spreadsheet who is neither on the team nor a manager. */
export const ZED = 'zed@acme.test';
export const USERS = [ANA, BEN, CY, MARIA, ZED] as const;
/** An address nobody configured: typing it as Owner opens "owner not on team" (docs/RECOVERY.md). */
export const BOB = 'bob@acme.test';

/** SPEC.md, "The sheets Baton keeps": the default Leads headers, in order. */
export const HEADERS = [
  'Lead ID', 'Created', 'Name', 'Email', 'Phone', 'Company', 'Interest', 'Location', 'Consent', 'Source',
  'Campaign', 'Deal Size', 'Customer Type', 'Status', 'Owner', 'Assigned At', 'SLA Due', 'First Contact', 'SLA', 'Problems',
] as const;

/** Header renames people make (and undo); a renamed required header hides its field (docs/RECOVERY.md, missing header). */
export const RENAMES: Record<string, string> = { Company: 'Company name', Campaign: 'Campaign ID' };

/** Values from leads that must stay text wherever Baton writes them (SPEC.md, Security). */
export const HOSTILE = ['=HYPERLINK("http://evil.test","Acme")', '<img src=x onerror=alert(1)>', '+1-800 <b>x</b>'] as const;

/** The start of every scenario: Monday 2026-03-02, 08:55 New York; actions from 09:00. */
export const START = '2026-03-02T08:55:00-05:00';
const ACTIONS_FROM = Date.parse('2026-03-02T09:00:00-05:00');
/** The quiet hour of sweeps after the last action, before the invariants are checked. */
export const QUIET_MINUTES = 60;

/**
 * The fixed config: one territory rule (North → Ana and Cy, round robin), Ben as the fallback,
 * Maria the only manager (not on the team, so her mail is only failure and health alerts),
 * 60 minutes on a 24/7 clock (SPEC.md: `businessHours: null` means 24/7), no escalation.
 */
export function baseConfig(variant = 0): Record<string, unknown> {
  const team = [
    { email: ANA, name: 'Ana', active: true, capacity: 100, weight: 1 },
    { email: BEN, name: 'Ben', active: variant !== 2, capacity: 100, weight: 1 },
    { email: CY, name: 'Cy', active: variant !== 1, capacity: 100, weight: 1 },
  ];
  return {
    version: 1,
    leadsSheet: 'Leads',
    timeZone: 'America/New_York',
    managers: [MARIA],
    intake: {
      contact: 'email_or_phone',
      required: ['interest', 'location', 'consent', 'source', 'campaign'],
      phoneRegion: 'US',
      interests: ['Solar', 'Battery'],
      serviceAreas: ['North', 'South'],
      consent: { granted: ['Yes'], denied: ['No'] },
    },
    team,
    routing: {
      rules: [{ name: 'North', when: { all: [{ field: 'location', op: 'in', value: ['North'] }] }, assignTo: [ANA, CY], balance: 'round_robin' }],
      fallback: [BEN],
    },
    sla: { targets: [{ name: 'Standard', minutes: 60 }], businessHours: null, dueSoonPercent: 80 },
    alerts: { ownerBreachEmails: true, failureEmails: true },
  };
}
/** Config variants a manager saves: 0 the base, 1 Cy inactive, 2 Ben (the fallback) inactive. */
export const CONFIG_VARIANTS = 3;

/** What kind of lead a row holds; names and e-mails are given in order when the scenario is built. */
export interface LeadTemplate {
  shape: 'complete' | 'noInterest' | 'badEmail' | 'phoneOnly' | 'ineligible' | 'samePerson';
  location: 'North' | 'South';
  /** 0: plain; 1..3: the Company holds HOSTILE[n-1]. */
  hostile: number;
  /** For samePerson: which earlier lead (modulo how many there are). */
  of: number;
}

export type Act =
  | { kind: 'type'; row: number; header: string; value: string; user: string }
  | { kind: 'paste'; leads: LeadTemplate[]; gap: number; user: string }
  | { kind: 'copy'; fromRow: number; user: string }
  | { kind: 'sort'; header: string; ascending: boolean; user: string }
  | { kind: 'insertRows'; row: number; count: number; user: string }
  | { kind: 'deleteRows'; row: number; user: string }
  | { kind: 'insertColumns'; column: number; user: string }
  | { kind: 'deleteColumns'; user: string }
  | { kind: 'rename'; header: string; back: boolean; user: string }
  | { kind: 'saveConfig'; variant: number }
  | { kind: 'append'; via: 'api' | 'form'; leads: LeadTemplate[] }
  | { kind: 'fault'; method: string; error: string; times: number; after: number };

export interface Step {
  /** Seconds after 09:00. */
  second: number;
  /** Inside a run: just before this service call of the first such run starting at or after `second`. */
  during: { function: string; call: number } | null;
  act: Act;
}

export interface Case {
  initial: LeadTemplate[];
  steps: Step[];
}

const user = fc.constantFrom(...USERS);
const template: fc.Arbitrary<LeadTemplate> = fc.record({
  shape: fc.constantFrom('complete', 'complete', 'complete', 'noInterest', 'badEmail', 'phoneOnly', 'ineligible', 'samePerson'),
  location: fc.constantFrom('North', 'North', 'South'),
  hostile: fc.constantFrom(0, 0, 0, 1, 2, 3),
  of: fc.nat(20),
});

/** What a person types into one cell: Status and Owner most often, then other lead fields and Baton's columns. */
const typed: fc.Arbitrary<Act> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type' as const), row: fc.integer({ min: 2, max: 9 }), header: fc.constant('Status'), value: fc.constantFrom('Contacted', 'Won', 'Lost', 'Qualified', 'New'), user }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type' as const), row: fc.integer({ min: 2, max: 9 }), header: fc.constant('Owner'), value: fc.constantFrom(ANA, BEN, CY, BOB, ''), user }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      row: fc.integer({ min: 2, max: 9 }),
      header: fc.constantFrom('Company', 'Phone', 'Interest', 'Email'),
      value: fc.constantFrom('Globex', '(212) 555-0147', 'Battery', '', 'not-an-email', ...HOSTILE),
      user,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('type' as const), row: fc.integer({ min: 2, max: 9 }), header: fc.constantFrom('SLA', 'Problems', 'Assigned At'), value: fc.constantFrom('x', 'Met'), user }) },
);

const act: fc.Arbitrary<Act> = fc.oneof(
  { weight: 8, arbitrary: typed },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('paste' as const), leads: fc.array(template, { minLength: 1, maxLength: 2 }), gap: fc.constantFrom(0, 0, 1), user }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('copy' as const), fromRow: fc.integer({ min: 2, max: 8 }), user }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sort' as const), header: fc.constantFrom('Name', 'Email', 'Status', 'Owner'), ascending: fc.boolean(), user }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insertRows' as const), row: fc.integer({ min: 2, max: 8 }), count: fc.integer({ min: 1, max: 2 }), user }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteRows' as const), row: fc.integer({ min: 2, max: 8 }), user }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insertColumns' as const), column: fc.integer({ min: 1, max: 21 }), user }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteColumns' as const), user }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), header: fc.constantFrom('Company', 'Campaign'), back: fc.boolean(), user }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('saveConfig' as const), variant: fc.integer({ min: 0, max: CONFIG_VARIANTS - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('append' as const), via: fc.constantFrom('api' as const, 'form' as const), leads: fc.array(template, { minLength: 1, maxLength: 2 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fault' as const),
      method: fc.constantFrom('*', 'Range.setValues', 'Range.getValues', 'MailApp.sendEmail', 'Lock.tryLock', 'Properties.setProperties'),
      error: fc.constantFrom('quota', 'service', 'permission', 'lock', 'timeout'),
      times: fc.integer({ min: 1, max: 2 }),
      after: fc.nat(30),
    }),
  },
);

/** Runs a call may be slipped into: the sweep, an edit run, a form run, a sidebar save. */
const during = fc.option(
  fc.record({ function: fc.constantFrom('batonSweep', 'batonSweep', 'batonOnEdit', 'batonOnFormSubmit', 'saveConfig'), call: fc.integer({ min: 1, max: 60 }) }),
  { freq: 2 },
);

const step: fc.Arbitrary<Step> = fc.record({ second: fc.integer({ min: 0, max: 40 * 60 }), during, act });

/** A case: 4 to 7 leads in the tab at setup, then 3 to 8 actions. */
export const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  initial: fc.array(template, { minLength: 4, maxLength: 7 }),
  steps: fc.array(step, { minLength: 3, maxLength: 8 }),
});

// ------------------------------------------------------------------ building the scenario

type Cell = string | number;

const iso = (ms: number) => {
  // New York is UTC-5 on 2026-03-02 (DST starts 03-08); scenarios stay within the day.
  const d = new Date(ms - 5 * 3_600_000);
  return `${d.toISOString().slice(0, 19)}-05:00`;
};

/** A1 column letters (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Names and e-mails in order, so every lead is told apart by its Name in the sheet. */
class Leads {
  count = 0;
  emails: string[] = [];
  values(t: LeadTemplate): Record<string, Cell> {
    const n = ++this.count;
    const name = t.hostile === 3 ? `<i>Lead${n}</i>` : `Lead${n}`;
    let email = `p${n}@example.com`;
    let phone = '';
    if (t.shape === 'badEmail') email = `p${n}@@example`;
    if (t.shape === 'phoneOnly') {
      email = '';
      phone = `+1 212 555 ${String(1000 + n)}`;
    }
    if (t.shape === 'samePerson' && this.emails.length) email = this.emails[t.of % this.emails.length].toUpperCase();
    this.emails.push(email || `p${n}@example.com`);
    return {
      Name: name,
      Email: email,
      Phone: phone,
      Company: t.hostile > 0 && t.hostile < 3 ? HOSTILE[t.hostile - 1] : 'Acme',
      Interest: t.shape === 'noInterest' ? '' : 'Solar',
      Location: t.location,
      Consent: t.shape === 'ineligible' ? 'No' : 'Yes',
      Source: 'Web',
      Campaign: 'Spring',
      'Deal Size': 5000,
      'Customer Type': 'Home',
    };
  }
}

/** The scenario file for a case: the runner's input, and the replay a failing seed prints. */
export function buildScenario(c: Case): Record<string, unknown> {
  const leads = new Leads();
  // The layout as the generator expects it: headers (blank for inserted columns), rows in use.
  const layout: string[] = [...HEADERS];
  let rows = 1 + c.initial.length;
  const rowOf = (values: Record<string, Cell>) => layout.map((h) => values[h] ?? '');
  const dataWidth = () => layout.indexOf('Customer Type') + 1 || layout.length;
  const initialRows = c.initial.map((t) => rowOf(leads.values(t)));
  const sheets = { Leads: [[...layout], ...initialRows] };
  const steps = [...c.steps].sort((a, b) => a.second - b.second);
  const events: Record<string, unknown>[] = [];
  for (const s of steps) {
    const at = iso(ACTIONS_FROM + s.second * 1000);
    const base: Record<string, unknown> = { at, ...(s.during ? { during: { ...s.during } } : {}) };
    const a = s.act;
    switch (a.kind) {
      case 'type': {
        const col = layout.indexOf(RENAMES[a.header] && !layout.includes(a.header) ? RENAMES[a.header] : a.header) + 1;
        if (col < 1) continue;
        events.push({ ...base, type: 'edit', user: a.user, sheet: 'Leads', range: `${columnLetter(col)}${a.row}`, values: [[a.value]] });
        break;
      }
      case 'paste': {
        const first = rows + 1 + a.gap;
        const width = dataWidth();
        const values = a.leads.map((t) => rowOf(leads.values(t)).slice(0, width));
        events.push({ ...base, type: 'edit', user: a.user, sheet: 'Leads', range: `A${first}:${columnLetter(width)}${first + values.length - 1}`, values });
        rows = first + values.length - 1;
        break;
      }
      case 'copy': {
        const last = columnLetter(layout.length);
        rows += 1;
        events.push({ ...base, type: 'copy', user: a.user, sheet: 'Leads', from: `A${a.fromRow}:${last}${a.fromRow}`, to: `A${rows}` });
        break;
      }
      case 'sort': {
        const col = layout.indexOf(a.header) + 1;
        if (col < 1) continue;
        events.push({ ...base, type: 'sort', user: a.user, sheet: 'Leads', column: col, ascending: a.ascending });
        break;
      }
      case 'insertRows':
        events.push({ ...base, type: 'insertRows', user: a.user, sheet: 'Leads', row: a.row, count: a.count });
        rows += a.count;
        break;
      case 'deleteRows':
        events.push({ ...base, type: 'deleteRows', user: a.user, sheet: 'Leads', row: a.row, count: 1 });
        rows = Math.max(1, rows - 1);
        break;
      case 'insertColumns':
        events.push({ ...base, type: 'insertColumns', user: a.user, sheet: 'Leads', column: Math.min(a.column, layout.length + 1), count: 1 });
        layout.splice(Math.min(a.column, layout.length + 1) - 1, 0, '');
        break;
      case 'deleteColumns': {
        // People delete a column they added (a blank one); with none, nothing happens.
        const col = layout.indexOf('') + 1;
        if (col < 1) continue;
        events.push({ ...base, type: 'deleteColumns', user: a.user, sheet: 'Leads', column: col, count: 1 });
        layout.splice(col - 1, 1);
        break;
      }
      case 'rename': {
        const from = a.back ? RENAMES[a.header] : a.header;
        const to = a.back ? a.header : RENAMES[a.header];
        const col = layout.indexOf(from) + 1;
        if (col < 1) continue;
        events.push({ ...base, type: 'edit', user: a.user, sheet: 'Leads', range: `${columnLetter(col)}1`, values: [[to]] });
        layout[col - 1] = to;
        break;
      }
      case 'saveConfig':
        events.push({ ...base, type: 'call', user: MARIA, function: 'saveConfig', args: [baseConfig(a.variant)] });
        break;
      case 'append':
        events.push({ ...base, type: 'append', via: a.via, sheet: 'Leads', rows: a.leads.map((t) => rowOf(leads.values(t))) });
        rows += a.leads.length;
        break;
      case 'fault':
        events.push({ ...base, type: 'fault', method: a.method, error: a.error, times: a.times, after: a.after });
        break;
    }
  }
  const last = steps.length ? steps[steps.length - 1].second : 0;
  return {
    start: START,
    timeZone: 'America/New_York',
    deployment: 'bound',
    owner: MARIA,
    editors: [...USERS],
    workspace: true,
    sheets,
    config: baseConfig(0),
    events,
    until: iso(ACTIONS_FROM + last * 1000 + (QUIET_MINUTES + 5) * 60_000),
  };
}

/** The case a seed stands for (the first value fast-check draws with that seed). */
export function caseForSeed(seed: number): Case {
  return fc.sample(caseArbitrary, { seed, numRuns: 1 })[0];
}
