/**
 * The contract between the sidebar and the server: every function the sidebar calls through
 * `google.script.run`, with the JSON-safe shapes it sends and gets back (no Dates: numbers of
 * milliseconds or ISO text). Types only, importing nothing but the pure core, so the sidebar's
 * browser build can use them without seeing Apps Script's server globals.
 */
import type { BatonConfig, ConfigIssue, ConditionTerm, RoutingRule, TeamMember } from './core/config';
import type { ConfigPreview } from './core/config-preview';
import type { FairnessView } from './core/fairness';
import type { SetupReport } from './core/setup-report';

/** A lead field a condition can test: Baton's own keys, then any other header of the Leads tab. */
export interface FieldChoice {
  key: string;
  /** The header this field has in the sheet now. */
  header: string;
  /** Baton's own fields: the default header (other headers are fields by their text). */
  standard?: string;
}

/** A condition operator, as the condition builder offers it. */
export interface OperatorChoice {
  name: string;
  takesValue: boolean;
  list: boolean;
}

export interface ConfigView {
  config: BatonConfig | null;
  version: number | null;
  canEdit: boolean;
  /** Who is asking, so the page can say who it is showing the settings to. */
  user: string;
  problems: string[];
  /** When the stored config no longer validates (config is null): what to repair it from. */
  invalid?: { stored: unknown; defaults: BatonConfig; issues: ConfigIssue[] };
  fields: FieldChoice[];
  operators: OperatorChoice[];
}

export type SaveResult =
  | { ok: true; version: number; summary: string }
  /** `issues` place validation problems at their field (ConfigIssue.path). */
  | { ok: false; problems: string[]; issues?: ConfigIssue[]; conflict?: boolean };

export interface HealthView {
  ok: boolean;
  problems: string[];
  /** The last sweep: when (ms and in the config's time zone) and under whom; null if none yet. */
  lastSweep: { at: number; text: string; by: string } | null;
  sweepEveryMinutes: number | null;
  triggerOwner: string | null;
  /** E-mail recipients the current user may still send to today. */
  mailQuotaLeft: number | null;
  /** The current user's own Baton triggers (other accounts' triggers cannot be seen). */
  myTriggers: { handler: string; kind: string }[];
  /** Rows in Baton Failures whose State is open: always the length of the one read `failures` comes from. */
  openFailures: number;
  /** The first open failures of that same read (at most FAILURES_SHOWN); `openFailures` counts them all. */
  failures: OpenFailure[];
}

/** The lead a failure is about, as the Leads tab has it now (looked up by Lead ID). */
export interface FailedLead {
  name: string;
  company: string;
  /** Its row in the Leads tab, and a link that opens the spreadsheet there. */
  row: number;
  url: string;
}

export interface OpenFailure {
  /** The row in Baton Failures (for dismissing). */
  row: number;
  leadId: string;
  step: string;
  kind: string;
  message: string;
  /** ISO-8601, and as a person reads it in the spreadsheet's time zone. */
  firstSeen: string;
  firstSeenText: string;
  /** The lead, when the failure is about one that is still in the Leads tab; null otherwise. */
  lead: FailedLead | null;
}

export type PreviewResult =
  | { ok: true; preview: ConfigPreview }
  /** As saveConfig refuses: `issues` place validation problems at their field. */
  | { ok: false; problems: string[]; issues?: ConfigIssue[] };

/** Building the weekly report on demand: the week it covers (its Monday) and where to find it. */
export type ReportResult = { ok: true; week: string; message: string } | { ok: false; problems: string[] };

export type ActionResult = { ok: true; open: OpenFailure[]; message: string } | { ok: false; problems: string[] };

export type { BatonConfig, ConditionTerm, ConfigIssue, ConfigPreview, FairnessView, RoutingRule, SetupReport, TeamMember };

/** The server functions the sidebar calls (src/main.ts defines each under this name). */
export interface ServerApi {
  getConfig(): ConfigView;
  saveConfig(config: unknown, expectedVersion?: unknown): SaveResult;
  previewConfig(draft: unknown): PreviewResult;
  getHealth(): HealthView;
  listFailures(): OpenFailure[];
  retryFailures(): ActionResult;
  dismissFailure(row: unknown, reason: unknown): ActionResult;
  repairBatonTriggers(): SetupReport;
  buildWeeklyReport(): ReportResult;
  getFairness(): FairnessView | { problems: string[] };
}
