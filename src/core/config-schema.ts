/**
 * The shape of config format v1 (SPEC.md, "Configuration") as a valibot schema. Each message is
 * written for a manager reading it next to the field, not for a developer.
 */
import * as v from 'valibot';
import { getOperator, operatorNames } from './conditions';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether text is an e-mail address as the config accepts one (MailApp refuses malformed ones). */
export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const text = (what: string) => v.pipe(v.string(`${what} must be text`), v.trim(), v.minLength(1, `${what} must not be empty`));
const email = (what: string) => v.pipe(v.string(`${what} must be an e-mail address`), v.trim(), v.toLowerCase(), v.regex(EMAIL, `${what} must be an e-mail address`));
const day = (what: string) =>
  v.pipe(v.string(`${what} must be a date like 2026-03-02`), v.regex(DAY, `${what} must be a date like 2026-03-02`),
    v.check((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), `${what} is not a real date`));
const wholeNumber = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be a whole number`), v.minValue(min, `${what} must be at least ${min}`), v.maxValue(max, `${what} must be at most ${max}`));
const textList = (what: string) => v.array(text(what), `${what} must be a list`);

const term = v.pipe(
  v.object({
    field: text('field'),
    op: v.picklist(operatorNames(), `op must be one of ${operatorNames().join(', ')}`),
    value: v.optional(v.unknown()),
  }),
  v.check((t) => !getOperator(t.op)!.takesValue || t.value !== undefined, 'this condition needs a value to compare with'),
  v.check((t) => !getOperator(t.op)!.list || Array.isArray(t.value), 'the value of "in" and "not_in" must be a list'),
);

// One object with `all` or `any` (not a union, so a bad term inside reports its own message).
export const ConditionSchema = v.pipe(
  v.strictObject(
    { all: v.optional(v.array(term, 'all must be a list of conditions')), any: v.optional(v.array(term, 'any must be a list of conditions')) },
    'a condition must be {"all": [...]} or {"any": [...]}',
  ),
  v.check((c) => (c.all === undefined) !== (c.any === undefined), 'a condition must have either "all" or "any"'),
  v.transform((c) => (c.all ? { all: c.all } : { any: c.any! })),
);

const member = v.object({
  email: email('email'),
  name: text('name'),
  active: v.optional(v.boolean('active must be true or false'), true),
  capacity: wholeNumber('capacity', 0),
  weight: v.optional(wholeNumber('weight', 1, 100), 1),
  /** An e-mail for each lead they are given (breach e-mails are sent either way). */
  assignmentEmails: v.optional(v.boolean('assignmentEmails must be true or false'), true),
  away: v.optional(
    v.array(
      v.pipe(
        v.object({ from: day('away from'), to: day('away to') }),
        v.check((a) => a.from <= a.to, 'an away period must end on or after the day it starts'),
      ),
    ),
    [],
  ),
});

const rule = v.object({
  name: text('name'),
  when: v.optional(ConditionSchema),
  assignTo: v.pipe(v.array(email('assignTo'), 'assignTo must be a list of e-mail addresses'), v.minLength(1, 'assignTo must name at least one person')),
  balance: v.optional(v.picklist(['round_robin', 'weighted', 'least_loaded'], 'balance must be round_robin, weighted or least_loaded'), 'round_robin'),
});

const target = v.object({
  name: text('name'),
  when: v.optional(ConditionSchema),
  minutes: wholeNumber('minutes', 1, 60 * 24 * 60),
});

export const ConfigSchema = v.object({
  version: v.literal(1, 'version must be 1'),
  leadsSheet: text('leadsSheet'),
  columns: v.record(v.string(), text('a column header'), 'columns must map field keys to header texts'),
  timeZone: v.pipe(text('timeZone'), v.regex(/^(UTC|GMT|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/, 'timeZone must be a zone like America/New_York')),
  managers: v.pipe(v.array(email('managers'), 'managers must be a list of e-mail addresses'), v.minLength(1, 'at least one manager is needed')),
  sweepMinutes: v.picklist([1, 5, 10, 15, 30], 'sweepMinutes must be 1, 5, 10, 15 or 30'),
  intake: v.object({
    contact: v.picklist(['email', 'phone', 'email_or_phone', 'email_and_phone'], 'contact must be email, phone, email_or_phone or email_and_phone'),
    required: v.array(v.picklist(['interest', 'location', 'consent', 'source', 'campaign'], 'required may list interest, location, consent, source and campaign')),
    phoneRegion: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'phoneRegion must be a two-letter country code like US')),
    interests: textList('interests'),
    serviceAreas: textList('serviceAreas'),
    consent: v.object({ granted: textList('consent granted'), denied: textList('consent denied') }),
    /** Days after a lead closes during which the same person's new inquiry is held as its Duplicate (0: always a new lead). */
    reopenDays: wholeNumber('reopenDays', 0, 365),
    /** Business days a lead may wait in Needs info before the daily digest lists it. */
    needsInfoDays: wholeNumber('needsInfoDays', 1, 30),
    /** Who gets that digest (empty: the managers). */
    needsInfoTo: v.array(email('needsInfoTo'), 'needsInfoTo must be a list of e-mail addresses'),
  }),
  readiness: v.nullable(ConditionSchema),
  team: v.array(member, 'team must be a list of people'),
  routing: v.object({
    rules: v.array(rule, 'routing rules must be a list'),
    fallback: v.array(email('fallback'), 'fallback must be a list of e-mail addresses'),
  }),
  sla: v.object({
    targets: v.pipe(v.array(target), v.minLength(1, 'at least one SLA target is needed')),
    businessHours: v.nullable(
      v.pipe(
        v.object({
          days: v.pipe(v.array(wholeNumber('a business day', 1, 7)), v.minLength(1, 'business hours need at least one day')),
          start: v.pipe(v.string(), v.regex(TIME, 'start must be a time like 09:00')),
          end: v.pipe(v.string(), v.regex(TIME, 'end must be a time like 17:00')),
        }),
        v.check((b) => b.start < b.end, 'business hours must end after they start'),
      ),
    ),
    holidays: v.array(day('a holiday')),
    dueSoonPercent: wholeNumber('dueSoonPercent', 1, 99),
    /** Where the response clock starts: when the lead became sales-ready (the customer's wait), or its assignment. */
    clockStarts: v.picklist(['ready', 'assigned'], 'clockStarts must be ready or assigned'),
    escalation: v.nullable(
      v.object({
        afterMinutes: wholeNumber('afterMinutes', 1),
        action: v.picklist(['reassign', 'notify_manager'], 'escalation action must be reassign or notify_manager'),
      }),
    ),
  }),
  alerts: v.object({
    ownerBreachEmails: v.boolean('ownerBreachEmails must be true or false'),
    failureEmails: v.boolean('failureEmails must be true or false'),
    dueSoonEmails: v.optional(v.boolean('dueSoonEmails must be true or false'), false),
  }),
  report: v.object({ weekday: wholeNumber('report weekday', 1, 7), hour: wholeNumber('report hour', 0, 23) }),
  /** Who may change a live lead's Owner and Status besides its owner and the managers (docs/ROUTING.md). */
  ownership: v.object({ othersMayEdit: v.boolean('othersMayEdit must be true or false') }),
});

export type BatonConfig = v.InferOutput<typeof ConfigSchema>;
export type TeamMember = BatonConfig['team'][number];
export type RoutingRule = BatonConfig['routing']['rules'][number];
