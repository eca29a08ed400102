/**
 * Baton's configuration (SPEC.md, "Configuration", format v1): the defaults a new spreadsheet
 * starts from, and the merge of a manager's partial config over them. The full schema with
 * field-level validation messages arrives with intake; this module owns the shape and defaults.
 */

export type Condition =
  | { all: ConditionTerm[] }
  | { any: ConditionTerm[] };

export interface ConditionTerm {
  field: string;
  op: string;
  value?: unknown;
}

export interface TeamMember {
  email: string;
  name: string;
  active: boolean;
  capacity: number;
  weight: number;
  away?: { from: string; to: string }[];
}

export interface BatonConfig {
  version: 1;
  leadsSheet: string;
  columns: Record<string, string>;
  timeZone: string;
  managers: string[];
  /** Minutes between clock sweeps in a bound script (1, 5, 10, 15 or 30); add-ons sweep hourly. */
  sweepMinutes: number;
  intake: {
    contact: 'email' | 'phone' | 'email_or_phone' | 'email_and_phone';
    required: string[];
    phoneRegion: string;
    interests: string[];
    serviceAreas: string[];
    consent: { granted: string[]; denied: string[] };
  };
  readiness: Condition | null;
  team: TeamMember[];
  routing: {
    rules: { name: string; when?: Condition; assignTo: string[]; balance: 'round_robin' | 'weighted' | 'least_loaded' }[];
    fallback: string[];
  };
  sla: {
    targets: { name: string; when?: Condition; minutes: number }[];
    businessHours: { days: number[]; start: string; end: string } | null;
    holidays: string[];
    dueSoonPercent: number;
    escalation: { afterMinutes: number; action: 'reassign' | 'notify_manager' } | null;
  };
  alerts: { ownerBreachEmails: boolean; failureEmails: boolean };
  report: { weekday: number; hour: number };
}

export const CONFIG_VERSION = 1;

export function defaultConfig(timeZone: string): BatonConfig {
  return {
    version: 1,
    leadsSheet: 'Leads',
    columns: {},
    timeZone,
    managers: [],
    sweepMinutes: 5,
    intake: {
      contact: 'email_or_phone',
      required: ['interest', 'source'],
      phoneRegion: 'US',
      interests: [],
      serviceAreas: [],
      consent: { granted: ['Yes'], denied: ['No'] },
    },
    readiness: null,
    team: [],
    routing: { rules: [], fallback: [] },
    sla: {
      targets: [{ name: 'Standard', minutes: 60 }],
      businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      holidays: [],
      dueSoonPercent: 80,
      escalation: null,
    },
    alerts: { ownerBreachEmails: true, failureEmails: true },
    report: { weekday: 1, hour: 8 },
  };
}

export type ConfigResult = { ok: true; config: BatonConfig } | { ok: false; problems: string[] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Lays a (possibly partial) config over the defaults, one level deep for the nested sections,
 * and checks what setup depends on. Unknown versions are refused rather than guessed at.
 */
export function mergeConfig(input: unknown, timeZone: string): ConfigResult {
  if (!isObject(input)) return { ok: false, problems: ['The configuration must be a JSON object.'] };
  if (input.version !== undefined && input.version !== CONFIG_VERSION) {
    return { ok: false, problems: [`Configuration version ${String(input.version)} is not supported; this Baton reads version ${CONFIG_VERSION}.`] };
  }
  const base = defaultConfig(typeof input.timeZone === 'string' ? input.timeZone : timeZone);
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    const def = (base as unknown as Record<string, unknown>)[key];
    merged[key] = isObject(def) && isObject(value) ? { ...def, ...value } : value;
  }
  const config = merged as unknown as BatonConfig;
  const problems: string[] = [];
  if (typeof config.leadsSheet !== 'string' || config.leadsSheet.trim() === '') problems.push('leadsSheet must name the tab that holds the leads.');
  if (!isObject(config.columns) || !Object.values(config.columns).every((v) => typeof v === 'string' && v.trim() !== '')) {
    problems.push('columns must map field keys to header texts.');
  }
  if (!Array.isArray(config.managers) || !config.managers.every((m) => typeof m === 'string')) problems.push('managers must be a list of e-mail addresses.');
  if (typeof config.sweepMinutes !== 'number' || config.sweepMinutes < 1 || config.sweepMinutes > 30) {
    problems.push('sweepMinutes must be a number of minutes from 1 to 30.');
  }
  return problems.length ? { ok: false, problems } : { ok: true, config };
}
