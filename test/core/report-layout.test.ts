/** The Baton Report tab's cells and charts, and the managers' e-mail (src/core/report-layout.ts). */
import { composeDigest } from '../../src/core/outbox';
import { layoutReport, REPORT_WIDTH, reportAlerts, SECTIONS } from '../../src/core/report-layout';
import type { WeeklyReport } from '../../src/core/weekly-report';

const REPORT: WeeklyReport = {
  week: {
    weekStart: '2026-03-16',
    start: 0,
    end: 1,
    headline: { leadsIn: 3, assigned: 2, contacted: 2, withinSla: 50, medianMinutes: 12, p90Minutes: 40, breaches: 1 },
    owners: [
      { owner: 'ana@acme.test', assigned: 2, contacted: 2, medianMinutes: 12, p90Minutes: 40, withinSla: 50, breaches: 1, escalations: 0, reassignments: 0, openAtWeekEnd: 0 },
      { owner: '<b>x</b>@acme.test', assigned: 0, contacted: 0, medianMinutes: null, p90Minutes: null, withinSla: null, breaches: 0, escalations: 0, reassignments: 0, openAtWeekEnd: 0 },
    ],
    sources: [{ key: '=IMPORTXML("http://evil","//a")', leadsIn: 3, completeAtIntake: 100, salesReady: 66.7, duplicates: 0, withinSla: 50, medianMinutes: 12 }],
    campaigns: [],
    health: { waitedForOwner: 0, failuresOpened: 1, failuresResolved: 1, manualOverrides: 0 },
    worst: [{ leadId: 'L-<script>', owner: 'ana@acme.test', minutesLate: 42, contacted: false }],
  },
  trend: [{ weekStart: '2026-03-16', leadsIn: 3, withinSla: 50, medianMinutes: 12, breaches: 1 }],
};

describe('layoutReport', () => {
  const layout = layoutReport(REPORT, '2026-03-23 08:03', 'America/New_York');

  it('is one rectangular block of REPORT_WIDTH columns', () => {
    expect(layout.cells.every((r) => r.length === REPORT_WIDTH)).toBe(true);
  });

  it('neutralizes every string (a leading apostrophe), numbers stay numbers, no figure is blank text', () => {
    const strings = layout.cells.flat().filter((c): c is string => typeof c === 'string' && c !== '');
    expect(strings.every((c) => c.startsWith("'"))).toBe(true);
    expect(layout.cells.flat()).toContain(`'=IMPORTXML("http://evil","//a")`);
    const owners = layout.rows.owners;
    expect(layout.cells[owners + 1].slice(0, 7)).toEqual(["'ana@acme.test", 2, 2, 12, 40, 50, 1]);
    // No data is a blank cell, not 0.
    expect(layout.cells[owners + 2].slice(3, 6)).toEqual(['', '', '']);
  });

  it('charts point at the Trend and By owner rows', () => {
    const [sla, owners] = layout.charts;
    const trendHeader = layout.rows.trend + 1;
    expect(layout.cells[trendHeader - 1][0]).toBe("'Week starting");
    expect(sla.ranges).toEqual([
      { row: trendHeader, column: 1, numRows: 2, numColumns: 1 },
      { row: trendHeader, column: 3, numRows: 2, numColumns: 1 },
    ]);
    expect(layout.cells[trendHeader - 1][2]).toBe("'% within SLA");
    const ownerHeader = layout.rows.owners + 1;
    expect(owners.ranges[1]).toEqual({ row: ownerHeader, column: 4, numRows: 3, numColumns: 1 });
    expect(layout.cells[ownerHeader - 1][3]).toBe("'Median response (business min)");
    expect(Object.keys(SECTIONS).every((k) => layout.rows[k as keyof typeof SECTIONS] > 0)).toBe(true);
  });
});

describe('the managers e-mail', () => {
  const alerts = reportAlerts(REPORT, ['maria@acme.test', 'max@acme.test'], 77, 0);

  it('one alert per manager, keyed by week and recipient (queued once)', () => {
    expect(alerts.map((a) => a.key)).toEqual(['report:2026-03-16|maria@acme.test', 'report:2026-03-16|max@acme.test']);
  });

  it('headline numbers, the worst breaches and a link to the tab, escaped in HTML', () => {
    const mail = composeDigest('maria@acme.test', [alerts[0]], () => '', () => 'ROW', (gid) => `https://docs.google.com/spreadsheets/d/X/edit#gid=${gid}`);
    expect(mail.subject).toBe('Baton: Weekly report, week of 2026-03-16');
    expect(mail.body).toContain('3 leads in, 2 assigned, 2 contacted; 50% within SLA; median response 12 business minutes (90th percentile 40); 1 breach.');
    expect(mail.body).toContain("L-<script> (ana@acme.test): 42 business minutes late, not contacted by the week's end");
    expect(mail.htmlBody).not.toContain('<script>');
    expect(mail.htmlBody).toContain('L-&lt;script&gt;');
    expect(mail.htmlBody).toContain('<a href="https://docs.google.com/spreadsheets/d/X/edit#gid=77">');
  });
});
