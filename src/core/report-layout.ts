/**
 * The Baton Report tab laid out from a WeeklyReport (docs/REPORT.md): one rectangular block of
 * cells written in one setValues, the two native charts over its ranges, and the managers'
 * e-mail. Every string goes through the cell neutralizer: Sources and Campaigns are people's text.
 */
import { asCellText } from './cell-text';
import { noticeAlert, type Alert } from './sla-plan';
import { addDays } from './report-schedule';
import { STATS_DEFINITION } from './report-stats';
import type { GroupFigures, WeeklyReport } from './weekly-report';

export const REPORT_SHEET = 'Baton Report';
/** Columns of the block; the charts sit to the right of it. */
export const REPORT_WIDTH = 10;
const CHART_COLUMN = REPORT_WIDTH + 2;

export const SECTIONS = {
  headline: 'Headline',
  owners: 'By owner',
  sources: 'By source',
  campaigns: 'By campaign',
  health: 'Handoff health',
  trend: 'Trend',
  worst: 'Worst breaches',
  definitions: 'Definitions',
} as const;

export const HEADERS = {
  headline: ['Leads in', 'Assigned', 'Contacted', '% within SLA', 'Median response (business min)', '90th percentile (business min)', 'Breaches'],
  owners: ['Owner', 'Leads assigned', 'Contacted', 'Median response (business min)', '90th percentile (business min)', '% within SLA', 'Breaches', 'Escalations', 'Reassignments', 'Open at week end'],
  group: ['% complete at intake', '% sales-ready', 'Duplicates', '% within SLA', 'Median response (business min)'],
  health: ['Leads that waited for an owner', 'Failures opened', 'Failures resolved', 'Manual overrides'],
  trend: ['Week starting', 'Leads in', '% within SLA', 'Median response (business min)', 'Breaches'],
  worst: ['Lead ID', 'Owner', 'Business minutes late', 'Contacted by week end'],
};

/** One line per figure, as the tab states them. */
export const DEFINITIONS = [
  'Weeks run Monday 00:00 to Monday 00:00 in the config time zone; the trend shows the 8 weeks before the reported one.',
  'Response time: business minutes (SLA business hours and holidays) from Assigned At to First Contact, counted in the week of the First Contact.',
  'Within SLA: First Contact at or before SLA Due (the SLA column\'s Met), over the leads whose SLA Due falls in the week; an assignment taken away by escalation counts as missed.',
  'Breaches: SLAs that came due in the week without a first contact by then (Missed or Breached), attributed to the lead\'s Owner; how late: to First Contact, or to the week\'s end.',
  'Leads assigned: assignments in the week (Baton Log assigned and reassigned rows). Escalations and reassignments: log rows in the week, counted for the owner the lead left.',
  'Open at week end: leads with an Owner and an Assigned At before the week ended and no First Contact by then (not duplicates, ineligible, or closed without contact).',
  'Leads in: leads whose Created falls in the week, by Source and Campaign; complete at intake: never Needs info; sales-ready: reached Ready (promoted) or an owner; duplicates: marked Duplicate.',
  'Waited for an owner: leads made Ready in the week and not assigned by the same run. Failures: Baton Failures rows first seen in the week, and of those the ones resolved or dismissed since.',
  'Manual overrides: Owner changes made by hand (Baton Log override rows) in the week.',
  STATS_DEFINITION,
];

export interface ChartSpec {
  title: string;
  /** 'column' or 'bar' (EmbeddedChartBuilder.asColumnChart / asBarChart). */
  type: 'column' | 'bar';
  /** 1-based ranges of the block: row, column, rows, columns. */
  ranges: { row: number; column: number; numRows: number; numColumns: number }[];
  anchor: { row: number; column: number };
  options: Record<string, string | number>;
}

export interface ReportLayout {
  /** Rows of exactly REPORT_WIDTH cells; strings neutralized. */
  cells: (string | number)[][];
  charts: ChartSpec[];
  /** The row (1-based) of each section's title. */
  rows: Record<keyof typeof SECTIONS, number>;
}

const blank = (v: number | null) => (v === null ? '' : v);

/** 'YYYY-MM-DD HH:MM' of an instant, as the shell formats it. */
export type FormatTime = (ms: number) => string;

export function layoutReport(report: WeeklyReport, builtAt: string, timeZone: string): ReportLayout {
  const rows: (string | number)[][] = [];
  const at: Partial<Record<keyof typeof SECTIONS, number>> = {};
  const put = (...cells: (string | number | null)[]) => rows.push(cells.map((c) => (c === null ? '' : c)));
  const section = (key: keyof typeof SECTIONS) => {
    if (rows.length) put();
    put(SECTIONS[key]);
    at[key] = rows.length;
  };
  const w = report.week;
  put(`Baton Report: week of ${w.weekStart} to ${addDays(w.weekStart, 6)} (${timeZone})`);
  put('Built', builtAt);
  section('headline');
  put(...HEADERS.headline);
  const h = w.headline;
  put(h.leadsIn, h.assigned, h.contacted, blank(h.withinSla), blank(h.medianMinutes), blank(h.p90Minutes), h.breaches);
  section('owners');
  put(...HEADERS.owners);
  const ownersFirst = rows.length + 1;
  for (const o of w.owners) {
    put(o.owner, o.assigned, o.contacted, blank(o.medianMinutes), blank(o.p90Minutes), blank(o.withinSla), o.breaches, o.escalations, o.reassignments, o.openAtWeekEnd);
  }
  const groupRows = (title: string, list: GroupFigures[]) => {
    put(title, 'Leads in', ...HEADERS.group);
    for (const g of list) put(g.key, g.leadsIn, blank(g.completeAtIntake), blank(g.salesReady), g.duplicates, blank(g.withinSla), blank(g.medianMinutes));
  };
  section('sources');
  groupRows('Source', w.sources);
  section('campaigns');
  groupRows('Campaign', w.campaigns);
  section('health');
  const health = [w.health.waitedForOwner, w.health.failuresOpened, w.health.failuresResolved, w.health.manualOverrides];
  HEADERS.health.forEach((label, i) => put(label, health[i]));
  section('trend');
  put(...HEADERS.trend);
  const trendFirst = rows.length + 1;
  for (const t of report.trend) put(t.weekStart, t.leadsIn, blank(t.withinSla), blank(t.medianMinutes), t.breaches);
  section('worst');
  put(...HEADERS.worst);
  for (const b of w.worst) put(b.leadId, b.owner, b.minutesLate, b.contacted ? 'yes' : 'no');
  if (w.worst.length === 0) put('No breaches this week.');
  section('definitions');
  for (const d of DEFINITIONS) put(d);

  const cells = rows.map((r) => [...r, ...Array<string>(REPORT_WIDTH - r.length).fill('')].map((c) => (typeof c === 'string' && c !== '' ? asCellText(c) : c)));
  const charts: ChartSpec[] = [
    {
      title: '% within SLA per week',
      type: 'column',
      ranges: [
        { row: trendFirst - 1, column: 1, numRows: report.trend.length + 1, numColumns: 1 },
        { row: trendFirst - 1, column: 3, numRows: report.trend.length + 1, numColumns: 1 },
      ],
      anchor: { row: 1, column: CHART_COLUMN },
      options: { title: '% within SLA per week', 'legend.position': 'none', 'vAxis.title': '% within SLA', 'vAxis.minValue': 0, 'vAxis.maxValue': 100 },
    },
    {
      title: `Median response per owner, week of ${w.weekStart}`,
      type: 'bar',
      ranges: [
        { row: ownersFirst - 1, column: 1, numRows: w.owners.length + 1, numColumns: 1 },
        { row: ownersFirst - 1, column: 4, numRows: w.owners.length + 1, numColumns: 1 },
      ],
      anchor: { row: 21, column: CHART_COLUMN },
      options: { title: `Median response per owner, week of ${w.weekStart}`, 'legend.position': 'none', 'hAxis.title': 'Business minutes' },
    },
  ];
  return { cells, charts, rows: at as ReportLayout['rows'] };
}

/** The outbox key of a week's report e-mail to one manager: queued once. */
export function reportKey(weekStart: string, to: string): string {
  return `report:${weekStart}|${to}`;
}

/**
 * The managers' e-mail: the headline numbers and the worst three breaches, as one 'report' alert
 * per manager (the outbox sends it once, within the mail quota). `gid` is the Baton Report tab's.
 */
export function reportAlerts(report: WeeklyReport, managers: string[], gid: number, now: number): Alert[] {
  const w = report.week;
  const h = w.headline;
  const pct = (v: number | null) => (v === null ? 'no SLA came due' : `${v}% within SLA`);
  const mins = (v: number | null) => (v === null ? 'no first contacts' : `median response ${v} business minutes`);
  const p90 = h.p90Minutes === null ? '' : ` (90th percentile ${h.p90Minutes})`;
  const message =
    `Week of ${w.weekStart} to ${addDays(w.weekStart, 6)}: ${h.leadsIn} leads in, ${h.assigned} assigned, ${h.contacted} contacted; ` +
    `${pct(h.withinSla)}; ${mins(h.medianMinutes)}${p90}; ${h.breaches} breach${h.breaches === 1 ? '' : 'es'}.`;
  const lines = w.worst.length
    ? w.worst.map((b) => `${b.leadId} (${b.owner}): ${b.minutesLate} business minutes late${b.contacted ? '' : ', not contacted by the week\'s end'}`)
    : ['No breaches this week.'];
  return managers.map((to) => noticeAlert({ key: reportKey(w.weekStart, to), to, kind: 'report', name: `week of ${w.weekStart}`, due: now, message, lines, gid }));
}
