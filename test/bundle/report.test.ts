/**
 * The weekly report end to end (docs/REPORT.md): the built bundle in the emulator. A known week,
 * Mon 2026-03-16 to Sun 2026-03-22 in New York (EDT), is played through Baton (leads pasted, owners
 * assigned by the edit trigger, reps typing Contacted at set times), and the Baton Report tab shows
 * exactly the hand-computed figures; the manager's e-mail and the chart specs are checked; over
 * three weeks the sweep builds each report at the configured local time in both deployments.
 */
import type { ScenarioResult } from '../../emulator/scenario';
import type { SentMail } from '../../emulator/services/mail';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { HEADERS, REPORT_SHEET, SECTIONS } from '../../src/core/report-layout';
import { ANA, byName, completeLead, edit, type Lead, leadRows, logRows, paste } from '../support/leads';
import { parseConfig } from '../../src/core/config';
import { responseMinutes } from '../../src/core/sla';
import { intlTimePort } from '../support/intl-time-port';
import { Steps } from '../support/steps';
import { OWNER } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const BEN = 'ben@acme.test';
const CY = 'cy@acme.test';

/** Routing by Company, so each lead's owner is known; no escalation; sweeps every 30 minutes. */
const rule = (company: string, to: string) => ({ name: company, when: { all: [{ field: 'company', op: '=', value: company }] }, assignTo: [to], balance: 'round_robin' });
const CONFIG = {
  ...SPEC_EXAMPLE,
  sweepMinutes: 30,
  team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })),
  routing: { rules: [rule('Ana Co', ANA), rule('Cy Co', CY), rule('Ben Co', BEN)], fallback: [OWNER] },
  sla: { ...SPEC_EXAMPLE.sla, escalation: null },
  report: { weekday: 1, hour: 8 },
};

/** Wall-clock time in New York on a March 2026 day (EDT from the 8th). */
const on = (day: number, hhmm: string) => `2026-03-${String(day).padStart(2, '0')}T${hhmm}:00${day >= 9 ? '-04:00' : '-05:00'}`;
const lead = (name: string, company: string, source: string, campaign: string, extra: Lead = {}): Lead =>
  completeLead(name, { Email: `${name.toLowerCase()}@example.com`, Company: company, Source: source, Campaign: campaign, ...extra });


/** The report tab's rows of one section: from its header row to the next blank row. */
function section(r: ScenarioResult, title: string): unknown[][] {
  const rows = r.sheets[REPORT_SHEET];
  const at = rows.findIndex((row) => row[0] === title);
  expect(at).toBeGreaterThan(-1);
  const out: unknown[][] = [];
  for (let i = at + 1; i < rows.length && rows[i].some((v) => v !== ''); i++) out.push(rows[i]);
  return out;
}

/** A section as objects keyed by its header row. */
function table(r: ScenarioResult, title: string): Record<string, unknown>[] {
  const [header, ...rows] = section(r, title);
  return rows.map((row) => Object.fromEntries(header.flatMap((h, i) => (h === '' ? [] : [[String(h), row[i]]]))));
}

const errors = (r: ScenarioResult) => r.executions.filter((e) => e.error !== null);
const reportMails = (sent: SentMail[]) => sent.filter((m) => m.subject.startsWith('Baton: Weekly report'));

describe('a known week through the bundle (2026-03-16)', () => {
  // Installed on Sunday 03-15: the first full week of Baton's is the week of 03-16.
  const s = new Steps(CONFIG, on(15, '20:55'));
  s.to(on(16, '09:00'), paste(on(16, '09:00'), 2, [lead('Lia', 'Ana Co', 'Web', 'Spring'), lead('Lou', 'Ana Co', 'Web', 'Spring'), lead('Cara', 'Cy Co', 'Ads', 'Summer')]));
  s.to(on(16, '09:10'), edit(on(16, '09:10'), 'Status', 2, 'Contacted'));
  s.to(on(16, '09:20'), edit(on(16, '09:20'), 'Status', 4, 'Contacted', CY));
  s.to(on(16, '09:30'), edit(on(16, '09:30'), 'Status', 3, 'Contacted'));
  // Tuesday 16:30: due Wednesday 09:30; contacted at 10:00 (30 + 60 = 90 business minutes, 30 late).
  s.to(on(17, '16:30'), paste(on(17, '16:30'), 5, [lead('Fay', 'Ana Co', 'Fair', 'Spring')]));
  s.to(on(18, '10:00'), edit(on(18, '10:00'), 'Status', 5, 'Contacted'));
  // Thursday 09:00: never contacted (late 420 + 480 business minutes by the week's end); and a lead without a contact method.
  s.to(on(19, '09:00'), paste(on(19, '09:00'), 6, [lead('Finn', 'Ana Co', 'Fair', 'Summer'), lead('Nia', 'Cy Co', 'Ads', 'Summer', { Email: '' })]));
  s.to(on(23, '07:55'));
  const before = s.result();
  s.to(on(23, '08:40'));
  const r = s.result();
  const sent = s.sent;

  it('runs without an error; no report before Monday 08:00, one in the first sweep after it', () => {
    expect(errors(r)).toEqual([]);
    expect(before.sheets[REPORT_SHEET]).toBeUndefined();
    expect(r.sheets[REPORT_SHEET][0][0]).toBe('Baton Report: week of 2026-03-16 to 2026-03-22 (America/New_York)');
    expect(byName(r, 'Nia')['Status']).toBe('Needs info');
  });

  it('headline: 6 leads in, 5 assigned, 4 contacted, 3 of 5 SLAs met, median 25 and p90 72 (10, 20, 30, 90), 2 breaches', () => {
    // =MEDIAN(10, 20, 30, 90) = 25; =PERCENTILE(…, 0.9): position 2.7 → 30 + 0.7 × 60 = 72.
    expect(section(r, SECTIONS.headline).map((row) => row.slice(0, 7))).toEqual([HEADERS.headline, [6, 5, 4, 60, 25, 72, 2]]);
  });

  it('headline figures recomputed from the Leads rows with the documented definitions agree, and breaches and attainment match the SLA column', () => {
    // docs/REPORT.md: response = business minutes from Assigned At to First Contact, for contacts in
    // the week; median and 90th percentile as the sheet's =MEDIAN and =PERCENTILE; % within SLA =
    // Met of the leads whose SLA Due falls in the week; breaches = those due in the week that are
    // Missed or Breached. The spreadsheet functions are written here from Google's definitions.
    const config = parseConfig(CONFIG, 'America/New_York');
    if (!config.ok) throw new Error(config.problems.join(' '));
    const port = intlTimePort('America/New_York');
    const week = { start: Date.parse(on(16, '00:00')), end: Date.parse(on(23, '00:00')) };
    const inWeek = (iso: unknown) => typeof iso === 'string' && iso !== '' && Date.parse(iso) >= week.start && Date.parse(iso) < week.end;
    const rows = leadRows(r);
    const times = rows.filter((x) => inWeek(x['First Contact'])).map((x) => responseMinutes(Date.parse(String(x['Assigned At'])), Date.parse(String(x['First Contact'])), config.config, port));
    const sheetsPercentile = (values: number[], k: number) => {
      const v = [...values].sort((a, b) => a - b);
      const pos = k * (v.length - 1);
      const lo = Math.floor(pos);
      return v[lo] + (pos - lo) * ((v[lo + 1] ?? v[lo]) - v[lo]);
    };
    const sheetsMedian = (values: number[]) => {
      const v = [...values].sort((a, b) => a - b);
      return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    };
    const due = rows.filter((x) => inWeek(x['SLA Due']));
    const met = due.filter((x) => x['SLA'] === 'Met').length;
    const breaches = due.filter((x) => x['SLA'] === 'Missed' || x['SLA'] === 'Breached').length;
    // Leads in: Created in the week; assignments: `assigned` and `reassigned` rows of the Baton Log in the week.
    const leadsIn = rows.filter((x) => inWeek(x['Created'])).length;
    const assigned = logRows(r).filter((l) => ['assigned', 'reassigned'].includes(String(l['Event'])) && inWeek(l['Time'])).length;
    const [, headline] = section(r, SECTIONS.headline);
    const oneDecimal = (x: number) => Math.round(x * 10) / 10;
    expect(headline.slice(0, 7)).toEqual([leadsIn, assigned, times.length, oneDecimal((met / due.length) * 100), oneDecimal(sheetsMedian(times)), oneDecimal(sheetsPercentile(times, 0.9)), breaches]);
  });

  it('per owner: the hand-computed figures', () => {
    expect(table(r, SECTIONS.owners)).toEqual([
      // Ana: 10, 30, 90 → median 30, p90 at position 1.8: 30 + 0.8 × 60 = 78; Lia, Lou met, Fay and Finn missed; Finn open at week end.
      { Owner: ANA, 'Leads assigned': 4, Contacted: 3, 'Median response (business min)': 30, '90th percentile (business min)': 78, '% within SLA': 50, Breaches: 2, Escalations: 0, Reassignments: 0, 'Open at week end': 1 },
      { Owner: BEN, 'Leads assigned': 0, Contacted: 0, 'Median response (business min)': '', '90th percentile (business min)': '', '% within SLA': '', Breaches: 0, Escalations: 0, Reassignments: 0, 'Open at week end': 0 },
      { Owner: CY, 'Leads assigned': 1, Contacted: 1, 'Median response (business min)': 20, '90th percentile (business min)': 20, '% within SLA': 100, Breaches: 0, Escalations: 0, Reassignments: 0, 'Open at week end': 0 },
      { Owner: OWNER, 'Leads assigned': 0, Contacted: 0, 'Median response (business min)': '', '90th percentile (business min)': '', '% within SLA': '', Breaches: 0, Escalations: 0, Reassignments: 0, 'Open at week end': 0 },
    ]);
  });

  it('per source and per campaign', () => {
    const g = (key: string, leadsIn: number, complete: number, ready: number, dup: number, within: number, med: number) => [key, leadsIn, complete, ready, dup, within, med, '', '', ''];
    expect(section(r, SECTIONS.sources).slice(1)).toEqual([
      // Cara (20 min, met) and Nia (Needs info); Fay and Finn (both missed); Lia and Lou (10 and 30).
      g('Ads', 2, 50, 50, 0, 100, 20),
      g('Fair', 2, 100, 100, 0, 0, 90),
      g('Web', 2, 100, 100, 0, 100, 20),
    ]);
    expect(section(r, SECTIONS.campaigns).slice(1)).toEqual([g('Spring', 3, 100, 100, 0, 66.7, 30), g('Summer', 3, 66.7, 66.7, 0, 50, 20)]);
  });

  it("the handoff's health and the worst breaches", () => {
    expect(section(r, SECTIONS.health).map((row) => row.slice(0, 2))).toEqual(HEADERS.health.map((h) => [h, 0]));
    const ids = (name: string) => byName(r, name)['Lead ID'];
    expect(section(r, SECTIONS.worst).map((row) => row.slice(0, 4))).toEqual([HEADERS.worst, [ids('Finn'), ANA, 900, 'no'], [ids('Fay'), ANA, 30, 'yes']]);
  });

  it('states each definition on the tab', () => {
    const defs = section(r, SECTIONS.definitions).map((row) => String(row[0]));
    expect(defs.some((d) => d.startsWith('Response time: business minutes') && d.includes('First Contact'))).toBe(true);
    expect(defs.some((d) => d.includes('=MEDIAN(times)') && d.includes('=PERCENTILE(times, 0.9)'))).toBe(true);
  });

  it('two native charts: % within SLA per week over the Trend rows, median response per owner over the By owner rows', () => {
    const rows = r.sheets[REPORT_SHEET];
    const trend = rows.findIndex((row) => row[0] === SECTIONS.trend) + 2; // 1-based header row
    const owners = rows.findIndex((row) => row[0] === SECTIONS.owners) + 2;
    expect(rows[trend - 1][0]).toBe('Week starting');
    expect(r.charts?.[REPORT_SHEET]).toEqual([
      expect.objectContaining({ type: 'COLUMN', ranges: [`A${trend}:A${trend + 9}`, `C${trend}:C${trend + 9}`], position: { row: 1, column: 12, offsetX: 0, offsetY: 0 }, options: expect.objectContaining({ title: '% within SLA per week' }) }),
      expect.objectContaining({ type: 'BAR', ranges: [`A${owners}:A${owners + 4}`, `D${owners}:D${owners + 4}`], options: expect.objectContaining({ title: 'Median response per owner, week of 2026-03-16' }) }),
    ]);
    // The ranges hold what the charts are about.
    expect(rows[trend + 8].slice(0, 3)).toEqual(['2026-03-16', 6, 60]);
    expect(rows[owners - 1][3]).toBe('Median response (business min)');
  });

  it('e-mails the manager once: headline numbers, the worst breaches, a link to the tab', () => {
    const mails = reportMails(sent);
    expect(mails.map((m) => m.to)).toEqual([OWNER]);
    const m = mails[0];
    expect(m.subject).toBe('Baton: Weekly report, week of 2026-03-16');
    expect(m.body).toContain('6 leads in, 5 assigned, 4 contacted; 60% within SLA; median response 25 business minutes (90th percentile 72); 2 breaches.');
    expect(m.body).toContain(`${byName(r, 'Finn')['Lead ID']} (${ANA}): 900 business minutes late, not contacted by the week's end`);
    expect(m.body).toContain(`${byName(r, 'Fay')['Lead ID']} (${ANA}): 30 business minutes late`);
    const gid = spreadsheetState(s.run.rt).sheetByName(REPORT_SHEET)!.id;
    expect(m.htmlBody).toMatch(new RegExp(`<a href="https://docs\\.google\\.com/spreadsheets/d/[^"#]+/edit#gid=${gid}">Open the Baton Report tab</a>`));
    expect(m.body).toContain(`#gid=${gid}`);
    expect(m.htmlBody).toContain('week&#39;s end');
  });

  it('is built once: the next sweeps leave it, and the e-mail is not sent again', () => {
    s.to(on(23, '10:00'));
    expect(reportMails(s.sent)).toHaveLength(1);
    expect(s.result().sheets[REPORT_SHEET][1][1]).toBe(r.sheets[REPORT_SHEET][1][1]);
  });
});

describe('a scheduled report that cannot be built', () => {
  it('is logged once, retried by each sweep, and built once the fault is gone', () => {
    const s = new Steps(CONFIG, on(15, '20:55'));
    s.to(on(16, '09:00'), paste(on(16, '09:00'), 2, [lead('Lia', 'Ana Co', 'Web', 'Spring')]));
    s.to(on(23, '07:55'));
    // Inserting a chart fails four times: the four sweeps after 08:00 try, none can finish the report.
    s.run.rt.injectFault({ method: 'Sheet.insertChart', error: 'service', times: 4 });
    s.to(on(23, '10:05'));
    const failed = (r: ScenarioResult) => r.sheets['Baton Log'].filter((row) => row[2] === 'failed' && String(row[6]).includes('weekly report'));
    const during = s.result();
    expect(errors(during)).toEqual([]);
    expect(failed(during)).toHaveLength(1);
    expect(String(failed(during)[0][6])).toContain('The weekly report for the week of 2026-03-16 could not be built');
    expect(reportMails(s.sent)).toHaveLength(0);
    s.to(on(23, '11:05'));
    expect(reportMails(s.sent)).toHaveLength(1);
    expect(failed(s.result())).toHaveLength(1);
    expect(s.result().sheets[REPORT_SHEET][0][0]).toBe('Baton Report: week of 2026-03-16 to 2026-03-22 (America/New_York)');
  });
});
