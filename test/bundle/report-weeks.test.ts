/**
 * The weekly report over three weeks, in both deployments (docs/REPORT.md, "When it is built"):
 * the sweep builds each week's report at the configured local weekday and hour (Monday 08:00, New
 * York), across the DST change of Sunday 2026-03-08: within one sweep interval in a bound script
 * (30 minutes here), within the hour in an add-on (hourly sweep). One e-mail per week; people's
 * text is neutralized on the tab; only managers may build it from the menu.
 */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { mailState } from '../../emulator/services/mail';
import { LEAD_HEADERS } from '../../src/core/headers';
import { REPORT_SHEET, SECTIONS } from '../../src/core/report-layout';
import { ANA, completeLead, edit, paste } from '../support/leads';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H = [...LEAD_HEADERS];
const CONFIG = {
  ...SPEC_EXAMPLE,
  sweepMinutes: 30,
  team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })),
  sla: { ...SPEC_EXAMPLE.sla, escalation: null },
  alerts: { ...SPEC_EXAMPLE.alerts, ownerBreachEmails: false },
  report: { weekday: 1, hour: 8 },
};
const on = (day: number, hhmm: string) => `2026-03-${String(day).padStart(2, '0')}T${hhmm}:00${day >= 9 ? '-04:00' : '-05:00'}`;
const MINUTE = 60_000;

function threeWeeks(deployment: 'bound' | 'addon'): { r: ScenarioResult; run: ScenarioRun } {
  // One lead a week, Monday 10:00, contacted at 10:10; its Source is text a person typed that
  // Sheets would take for a formula if written back as it is.
  const events = [9, 16, 23].flatMap((day, i) => [
    paste(on(day - 7, '10:00'), 2 + i, [completeLead(`Week${i}`, { Source: `'=HYPERLINK("http://x")`, Campaign: '<b>Spring</b>' })]),
    edit(on(day - 7, '10:10'), 'Status', 2 + i, 'Contacted'),
  ]);
  // Installed on Sunday 03-01: the first full week of Baton's is the week of 03-02.
  const run = new ScenarioRun(parseScenario(scenario({ start: on(1, '20:55'), deployment, config: CONFIG, sheets: { Leads: [H] }, events, until: on(23, '09:30') })), builtProject());
  return { r: run.run(), run };
}

describe.each(['bound', 'addon'] as const)('three weeks, %s', (deployment) => {
  const { r, run } = threeWeeks(deployment);
  const mails = mailState(run.rt).sent.filter((m) => m.subject.startsWith('Baton: Weekly report'));
  const interval = deployment === 'bound' ? 30 : 60;

  it('runs without an error', () => {
    expect(r.executions.filter((e) => e.error !== null)).toEqual([]);
  });

  it('reports nothing of the week it was installed in (not a full week of Baton)', () => {
    expect(mails.some((m) => m.subject.includes('2026-02-23'))).toBe(false);
  });

  it('builds each week once, in the first sweep after Monday 08:00 local (EST, then EDT), e-mailing the manager', () => {
    expect(mails.map((m) => [m.to, m.subject])).toEqual(['2026-03-02', '2026-03-09', '2026-03-16'].map((w) => [OWNER, `Baton: Weekly report, week of ${w}`]));
    [9, 16, 23].forEach((day, i) => {
      const due = Date.parse(on(day, '08:00'));
      expect(mails[i].at).toBeGreaterThanOrEqual(due);
      expect(mails[i].at).toBeLessThan(due + interval * MINUTE);
      // Built by the sweep (the one clock trigger), not another trigger.
      const by = r.executions.find((e) => Date.parse(e.at) <= mails[i].at && mails[i].at <= Date.parse(e.at) + e.ms);
      expect(by?.function).toBe('batonSweep');
    });
  });

  it('keeps the one clock trigger (the sweep): the report adds none', () => {
    expect(r.triggers.filter((t) => t.type === 'CLOCK').map((t) => t.function)).toEqual(['batonSweep']);
  });

  it('the last tab is the week of 03-16, its trend holds the earlier weeks', () => {
    const rows = r.sheets[REPORT_SHEET];
    expect(rows[0][0]).toBe('Baton Report: week of 2026-03-16 to 2026-03-22 (America/New_York)');
    const at = rows.findIndex((row) => row[0] === SECTIONS.trend);
    const trend = rows.slice(at + 2, at + 11).map((row) => row.slice(0, 2));
    expect(trend.slice(-4)).toEqual([['2026-02-23', 0], ['2026-03-02', 1], ['2026-03-09', 1], ['2026-03-16', 1]]);
    expect(r.charts?.[REPORT_SHEET]).toHaveLength(2);
  });

  it("people's text is written as text: no formula on the tab, the Source shown as typed", () => {
    expect(r.formulas[REPORT_SHEET]).toEqual({});
    const rows = r.sheets[REPORT_SHEET];
    const at = rows.findIndex((row) => row[0] === SECTIONS.sources);
    expect(rows[at + 2].slice(0, 2)).toEqual(['=HYPERLINK("http://x")', 1]);
    const campaigns = rows.findIndex((row) => row[0] === SECTIONS.campaigns);
    expect(rows[campaigns + 2].slice(0, 2)).toEqual(['<b>Spring</b>', 1]);
  });
});

describe('Build weekly report now (menu)', () => {
  const build = (user: string) => {
    const run = new ScenarioRun(parseScenario(scenario({ start: on(16, '09:00'), config: CONFIG, sheets: { Leads: [H] } })), builtProject());
    run.install();
    run.rt.clock.set(Date.parse(on(16, '09:05')));
    run.menu(user, 'Build weekly report now');
    return { r: run.result(), sent: mailState(run.rt).sent };
  };

  it('is refused to someone who is not a manager: no tab, no e-mail, told why', () => {
    const { r, sent } = build(ANA);
    expect(r.sheets[REPORT_SHEET]).toBeUndefined();
    expect(sent).toEqual([]);
    expect(r.alerts.at(-1)?.message).toMatch(/Only Baton's managers can build the report/);
  });

  it('builds last full week for a manager, e-mails them, and says where it is', () => {
    const { r, sent } = build(OWNER);
    expect(r.sheets[REPORT_SHEET][0][0]).toBe('Baton Report: week of 2026-03-09 to 2026-03-15 (America/New_York)');
    expect(sent.map((m) => m.subject)).toEqual(['Baton: Weekly report, week of 2026-03-09']);
    expect(r.alerts.at(-1)?.message).toBe('The report for the week of 2026-03-09 is in the Baton Report tab.');
  });
});
