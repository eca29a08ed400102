/**
 * The scenario format of SPEC.md ("Contracts for tools and tests"), as a valibot schema so a
 * malformed scenario gets a message naming the field, not a crash halfway through the run.
 */
import * as v from 'valibot';

const instant = v.pipe(
  v.string(),
  v.check((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    'must be an ISO-8601 time with an offset, e.g. 2026-03-02T09:00:00-05:00'),
);
const email = v.pipe(v.string(), v.email('must be an e-mail address'));
const cell = v.union([v.string(), v.number(), v.boolean(), v.null()]);
const rows = v.array(v.array(cell));
const a1 = v.pipe(v.string(), v.regex(/^[A-Za-z]{1,3}\d+(:[A-Za-z]{1,3}\d+)?$/, 'must be an A1 reference like B5 or A2:T2'));
const sheetName = v.pipe(v.string(), v.minLength(1, 'must name a tab'));
const positive = v.pipe(v.number(), v.integer(), v.minValue(1));

/**
 * Where an event lands inside a run: at the `call`-th service call of the first execution of
 * `function` (a trigger handler or sidebar function) that starts at or after the event's `at`,
 * just before that call is made. Lets a scenario replay a person acting mid-run.
 */
const during = v.optional(v.object({ function: v.pipe(v.string(), v.minLength(1)), call: positive }));
const base = { at: instant, during };
const event = v.variant('type', [
  v.object({ ...base, type: v.literal('edit'), user: email, sheet: sheetName, range: a1, values: rows }),
  v.object({ ...base, type: v.literal('append'), via: v.picklist(['api', 'form']), sheet: sheetName, rows, user: v.optional(email) }),
  v.object({ ...base, type: v.literal('sort'), user: email, sheet: sheetName, column: v.union([v.string(), positive]), ascending: v.optional(v.boolean(), true) }),
  v.object({ ...base, type: v.literal('deleteRows'), user: email, sheet: sheetName, row: positive, count: v.optional(positive, 1) }),
  v.object({ ...base, type: v.literal('insertRows'), user: email, sheet: sheetName, row: positive, count: v.optional(positive, 1) }),
  v.object({ ...base, type: v.literal('insertColumns'), user: email, sheet: sheetName, column: positive, count: v.optional(positive, 1) }),
  v.object({ ...base, type: v.literal('deleteColumns'), user: email, sheet: sheetName, column: positive, count: v.optional(positive, 1) }),
  v.object({ ...base, type: v.literal('copy'), user: email, sheet: sheetName, from: a1, to: a1 }),
  v.object({ ...base, type: v.literal('open'), user: email }),
  v.object({ ...base, type: v.literal('call'), user: email, function: v.pipe(v.string(), v.minLength(1)), args: v.optional(v.array(v.unknown()), []) }),
  v.object({ ...base, type: v.literal('menu'), user: email, item: v.pipe(v.string(), v.minLength(1)) }),
  v.object({ ...base, type: v.literal('setup'), user: v.optional(email) }),
  v.object({
    ...base,
    type: v.literal('fault'),
    method: v.pipe(v.string(), v.regex(/^(\*|[A-Za-z]+\.(\*|[A-Za-z]+))$/, 'must be Service.method, e.g. MailApp.sendEmail')),
    error: v.pipe(v.string(), v.minLength(1)),
    times: v.optional(positive, 1),
    after: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  }),
]);

export const ScenarioSchema = v.object({
  start: instant,
  timeZone: v.optional(v.string(), 'America/New_York'),
  scriptTimeZone: v.optional(v.string()),
  deployment: v.optional(v.picklist(['bound', 'addon']), 'bound'),
  owner: email,
  editors: v.optional(v.array(email), []),
  workspace: v.optional(v.boolean(), false),
  /** The spreadsheet's locale (File › Settings): how typed dates are read. */
  locale: v.optional(v.string(), 'en_US'),
  /** Emulator switches (RuntimeOptions) for platform behaviour that is undocumented or chosen; strict defaults. */
  emulator: v.optional(
    v.strictObject({
      plusStartsFormula: v.optional(v.boolean()),
      editorEmails: v.optional(v.picklist(['documented', 'always'])),
      bufferWrites: v.optional(v.boolean()),
      runResultWithDate: v.optional(v.picklist(['wholeResult', 'field'])),
      unknownTimeZone: v.optional(v.picklist(['gmt', 'throw'])),
      cpuTimeFactor: v.optional(v.pipe(v.number(), v.minValue(0))),
      onChangeFiresOnApiWrites: v.optional(v.boolean()),
    }),
    {},
  ),
  seed: v.optional(v.pipe(v.number(), v.integer()), 1),
  sheets: v.optional(v.record(sheetName, rows), {}),
  config: v.optional(v.record(v.string(), v.unknown()), {}),
  events: v.optional(v.array(event), []),
  until: v.optional(instant),
});

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type ScenarioEvent = Scenario['events'][number];

export class ScenarioError extends Error {}

/** Parses a scenario or throws a ScenarioError listing every problem with its path. */
export function parseScenario(input: unknown): Scenario {
  const result = v.safeParse(ScenarioSchema, input);
  if (!result.success) {
    const lines = result.issues.map((issue) => {
      const where = v.getDotPath(issue) ?? '(scenario)';
      return `${where}: ${issue.message}`;
    });
    throw new ScenarioError(`The scenario is not valid:\n  ${lines.join('\n  ')}`);
  }
  const s = result.output;
  if (s.until && Date.parse(s.until) < Date.parse(s.start)) throw new ScenarioError('The scenario is not valid:\n  until: is before start');
  s.events.forEach((e, i) => {
    if (Date.parse(e.at) < Date.parse(s.start)) throw new ScenarioError(`The scenario is not valid:\n  events.${i}.at: is before start`);
  });
  return s;
}
