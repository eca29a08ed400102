/**
 * The weekly report's figures (src/core/weekly-report.ts) over a known week, Mon 2026-03-16 to
 * Sun 2026-03-22 in New York (EDT, UTC-4), SPEC.md's example config (Mon–Fri 09:00–17:00;
 * Standard 60 min, Hot 15 min for business customers). Every expected figure is worked out by
 * hand in the comments next to it. Median and percentiles as the sheet's MEDIAN and PERCENTILE.
 */
import { parseConfig } from '../../src/core/config';
import type { BatonConfig } from '../../src/core/config-schema';
import { FAILURE_HEADERS, LEAD_HEADERS, LOG_HEADERS } from '../../src/core/headers';
import { weeklyReport, type ReportInput } from '../../src/core/weekly-report';
import { intlTimePort } from '../support/intl-time-port';
import { SPEC_EXAMPLE } from '../support/spec-example';

const NY = intlTimePort('America/New_York');
const parsed = parseConfig(SPEC_EXAMPLE, 'America/New_York');
if (!parsed.ok) throw new Error(parsed.problems.join(' '));
const CONFIG: BatonConfig = parsed.config;

const ANA = 'ana@acme.test';
const BEN = 'ben@acme.test';
const CY = 'cy@acme.test';
const MARIA = 'maria@acme.test';

/** An instant on a March 2026 day in New York, written as 'DD HH:MM' (EDT from the 8th, EST before). */
const t = (dayTime: string) => {
  const [day, time] = dayTime.split(' ');
  const offset = Number(day) >= 9 ? '-04:00' : '-05:00';
  return new Date(`2026-03-${day}T${time}:00${offset}`);
};

type Lead = { id: string; created: string; owner?: string; source: string; campaign: string; status: string; assigned?: string; due?: string; contact?: string; sla?: string };

function leadRow(l: Lead): unknown[] {
  const cells: Record<string, unknown> = {
    'Lead ID': l.id,
    Created: t(l.created),
    Name: l.id,
    Source: l.source,
    Campaign: l.campaign,
    Status: l.status,
    Owner: l.owner ?? '',
    'Assigned At': l.assigned ? t(l.assigned) : '',
    'SLA Due': l.due ? t(l.due) : '',
    'First Contact': l.contact ? t(l.contact) : '',
    SLA: l.sla ?? '',
  };
  return LEAD_HEADERS.map((h) => cells[h] ?? '');
}

type Log = [at: string, leadId: string, event: string, from: string, to: string, actor?: string];
function logRow([at, leadId, event, from, to, actor = 'Baton']: Log): unknown[] {
  const cells: Record<string, unknown> = { Time: t(at), 'Lead ID': leadId, Event: event, From: from, To: to, Actor: actor, Reason: '', 'Config Version': 1 };
  return LOG_HEADERS.map((h) => cells[h]);
}

function failureRow(firstSeen: string, state: string): unknown[] {
  const cells: Record<string, unknown> = { 'Lead ID': '—', Step: 'run', Kind: 'service error', Message: 'x', 'First Seen': t(firstSeen), Attempts: 1, 'Next Retry': '', State: state };
  return FAILURE_HEADERS.map((h) => cells[h]);
}

// The leads, as the Leads tab holds them after the week.
const LEADS: Lead[] = [
  // Ana: contacted after 10, 30 and 90 business minutes (A3: Tue 16:30→17:00 is 30, Wed 09:00→10:00 is 60).
  { id: 'A1', created: '16 09:00', owner: ANA, source: 'Web', campaign: 'Spring', status: 'Contacted', assigned: '16 09:00', due: '16 10:00', contact: '16 09:10' },
  { id: 'A2', created: '16 09:00', owner: ANA, source: 'Web', campaign: 'Spring', status: 'Contacted', assigned: '16 09:00', due: '16 10:00', contact: '16 09:30' },
  { id: 'A3', created: '17 16:30', owner: ANA, source: 'Fair', campaign: 'Spring', status: 'Contacted', assigned: '17 16:30', due: '18 09:30', contact: '18 10:00' },
  // Never contacted: late from Thu 10:00 to the week's end, 420 + 480 business minutes.
  { id: 'A4', created: '19 08:50', owner: ANA, source: 'Fair', campaign: 'Summer', status: 'Assigned', assigned: '19 09:00', due: '19 10:00' },
  // Cy: C2 created the week before (Fri 16:50), due and contacted in this one (10 + 20 minutes).
  { id: 'C1', created: '16 11:00', owner: CY, source: 'Web', campaign: 'Summer', status: 'Contacted', assigned: '16 11:00', due: '16 12:00', contact: '16 11:05' },
  { id: 'C2', created: '13 16:50', owner: CY, source: 'Web', campaign: 'Spring', status: 'Contacted', assigned: '13 16:50', due: '16 09:50', contact: '16 09:20' },
  // C3: assigned Friday 16:45, due and contacted the next week: open at this week's end.
  { id: 'C3', created: '20 16:45', owner: CY, source: 'Web', campaign: 'Spring', status: 'Contacted', assigned: '20 16:45', due: '23 09:45', contact: '23 09:10' },
  // Ben: a tie of 15 and 15; B2 is Hot (15 min) and contacted exactly at its due time (met).
  { id: 'B1', created: '17 10:00', owner: BEN, source: 'Web', campaign: 'Spring', status: 'Contacted', assigned: '17 10:00', due: '17 11:00', contact: '17 10:15' },
  { id: 'B2', created: '17 10:00', owner: BEN, source: 'Ads', campaign: 'Spring', status: 'Contacted', assigned: '17 10:00', due: '17 10:15', contact: '17 10:15' },
  // W1 waited for an owner: promoted at 09:00, assigned at 09:05.
  { id: 'W1', created: '18 09:00', owner: MARIA, source: 'Ads', campaign: 'Summer', status: 'Contacted', assigned: '18 09:05', due: '18 10:05', contact: '18 09:35' },
  // E1 was Ben's, breached and escalated to Cy at 10:30 (new Assigned At and SLA Due).
  { id: 'E1', created: '19 08:55', owner: CY, source: 'Web', campaign: 'Summer', status: 'Contacted', assigned: '19 10:30', due: '19 11:30', contact: '19 11:00' },
  { id: 'N1', created: '18 12:00', source: 'Ads', campaign: 'Summer', status: 'Needs info' },
  { id: 'D1', created: '18 12:00', source: 'Ads', campaign: 'Spring', status: 'Duplicate' },
  // A lead of the week before, for the trend: 20 minutes, met.
  { id: 'P1', created: '10 10:00', owner: ANA, source: 'Web', campaign: 'Spring', status: 'Contacted', assigned: '10 10:00', due: '10 11:00', contact: '10 10:20' },
];

const LOG: Log[] = [
  ['10 10:00', 'P1', 'promoted', 'New', 'Ready'],
  ['10 10:00', 'P1', 'assigned', 'Ready', ANA],
  ['13 16:50', 'C2', 'assigned', 'Ready', CY],
  ...(['A1', 'A2'] as const).flatMap((id): Log[] => [['16 09:00', id, 'promoted', 'New', 'Ready'], ['16 09:00', id, 'assigned', 'Ready', ANA]]),
  ['16 11:00', 'C1', 'promoted', 'New', 'Ready'],
  ['16 11:00', 'C1', 'assigned', 'Ready', CY],
  ['17 10:00', 'B1', 'promoted', 'New', 'Ready'],
  ['17 10:00', 'B1', 'assigned', 'Ready', BEN],
  ['17 10:00', 'B2', 'promoted', 'New', 'Ready'],
  ['17 10:00', 'B2', 'assigned', 'Ready', BEN],
  ['17 16:30', 'A3', 'promoted', 'New', 'Ready'],
  ['17 16:30', 'A3', 'assigned', 'Ready', ANA],
  ['18 09:00', 'W1', 'promoted', 'New', 'Ready'],
  ['18 09:05', 'W1', 'assigned', 'Ready', MARIA],
  ['18 12:00', 'N1', 'validated', 'New', 'Needs info'],
  ['18 12:00', 'D1', 'duplicate', 'New', 'Duplicate'],
  ['18 14:00', 'A2', 'override', ANA, ANA, ANA],
  ['19 08:50', 'A4', 'validated', 'New', 'Needs info'],
  ['19 09:00', 'A4', 'promoted', 'Needs info', 'Ready'],
  ['19 09:00', 'A4', 'assigned', 'Ready', ANA],
  ['19 09:00', 'E1', 'promoted', 'New', 'Ready'],
  ['19 09:00', 'E1', 'assigned', 'Ready', BEN],
  ['19 10:00', 'E1', 'breached', 'On track', 'Breached'],
  ['19 10:30', 'E1', 'escalated', BEN, CY],
  ['19 10:30', 'E1', 'reassigned', BEN, CY],
  ['20 16:45', 'C3', 'promoted', 'New', 'Ready'],
  ['20 16:45', 'C3', 'assigned', 'Ready', CY],
];

const FAILURES = [failureRow('17 09:00', 'resolved'), failureRow('19 12:00', 'open'), failureRow('12 09:00', 'resolved')];

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  leads: [[...LEAD_HEADERS], ...LEADS.map(leadRow)] as ReportInput['leads'],
  log: LOG.map(logRow) as ReportInput['log'],
  failures: FAILURES as ReportInput['failures'],
  config: CONFIG,
  port: NY,
  weekStart: '2026-03-16',
  ...over,
});

describe('a known week (2026-03-16)', () => {
  const report = weeklyReport(input());
  const w = report.week;
  const owner = (email: string) => w.owners.find((o) => o.owner === email)!;

  it('is bounded by local midnights, Monday to Monday', () => {
    expect(w.start).toBe(t('16 00:00').getTime());
    expect(w.end).toBe(t('23 00:00').getTime());
  });

  it('headline: 12 leads in, 11 assignments, 9 first contacts, 8 of 11 SLAs met, median 30 and p90 42, 3 breaches', () => {
    // Contacts in the week: 5, 10, 15, 15, 30, 30, 30, 30, 90 → =MEDIAN is the 5th (30); =PERCENTILE(…, 0.9):
    // position 0.9 × 8 = 7.2 → 30 + 0.2 × (90 − 30) = 42.
    // SLAs due: 10 in the sheet (A3 and A4 missed) + Ben's escalated E1 = 11, of which 8 met → 72.7 %.
    expect(w.headline).toEqual({ leadsIn: 12, assigned: 11, contacted: 9, withinSla: 72.7, medianMinutes: 30, p90Minutes: 42, breaches: 3 });
  });

  it('per owner, in team order, everyone listed', () => {
    expect(w.owners.map((o) => o.owner)).toEqual([ANA, BEN, CY, MARIA]);
    // Ana: 10, 30, 90 → median 30, p90 at position 1.8: 30 + 0.8 × 60 = 78; SLAs A1, A2 met, A3, A4 missed: 50 %; A4 open at week end.
    expect(owner(ANA)).toEqual({ owner: ANA, assigned: 4, contacted: 3, medianMinutes: 30, p90Minutes: 78, withinSla: 50, breaches: 2, escalations: 0, reassignments: 0, openAtWeekEnd: 1 });
    // Ben: a tie 15, 15; B1, B2 met and E1 lost by escalation: 2 of 3.
    expect(owner(BEN)).toEqual({ owner: BEN, assigned: 3, contacted: 2, medianMinutes: 15, p90Minutes: 15, withinSla: 66.7, breaches: 1, escalations: 1, reassignments: 1, openAtWeekEnd: 0 });
    // Cy: 5, 30, 30 → median 30, p90 30; C1, C2, E1 met; C3 open at week end (contacted the Monday after).
    expect(owner(CY)).toEqual({ owner: CY, assigned: 3, contacted: 3, medianMinutes: 30, p90Minutes: 30, withinSla: 100, breaches: 0, escalations: 0, reassignments: 0, openAtWeekEnd: 1 });
    expect(owner(MARIA)).toEqual({ owner: MARIA, assigned: 1, contacted: 1, medianMinutes: 30, p90Minutes: 30, withinSla: 100, breaches: 0, escalations: 0, reassignments: 0, openAtWeekEnd: 0 });
  });

  it('per source, most leads first', () => {
    expect(w.sources).toEqual([
      // A1, A2, C1, C3, B1, E1; SLAs due: A1, A2, C1, C2, B1, E1 all met; contacts 10, 30, 5, 30, 15, 30 → mean of the 3rd and 4th, (15 + 30) / 2.
      { key: 'Web', leadsIn: 6, completeAtIntake: 100, salesReady: 100, duplicates: 0, withinSla: 100, medianMinutes: 22.5 },
      // B2, W1, N1 (Needs info), D1 (Duplicate): 3 of 4 complete, 2 of 4 sales-ready; contacts 15 (B2), 30 (W1).
      { key: 'Ads', leadsIn: 4, completeAtIntake: 75, salesReady: 50, duplicates: 1, withinSla: 100, medianMinutes: 22.5 },
      // A3 and A4 (A4 needed info first), both missed.
      { key: 'Fair', leadsIn: 2, completeAtIntake: 50, salesReady: 100, duplicates: 0, withinSla: 0, medianMinutes: 90 },
    ]);
  });

  it('per campaign', () => {
    expect(w.campaigns).toEqual([
      // 7 in; D1 never reached an owner: 6/7; SLAs A1, A2, A3×, C2, B1, B2: 5/6; contacts 10, 30, 90, 30, 15, 15 → (15 + 30) / 2.
      { key: 'Spring', leadsIn: 7, completeAtIntake: 100, salesReady: 85.7, duplicates: 1, withinSla: 83.3, medianMinutes: 22.5 },
      // A4, C1, W1, E1, N1: A4 and N1 needed info; SLAs A4×, C1, W1, E1: 3/4; contacts 5, 30, 30 → 30.
      { key: 'Summer', leadsIn: 5, completeAtIntake: 60, salesReady: 80, duplicates: 0, withinSla: 75, medianMinutes: 30 },
    ]);
  });

  it("the handoff's health", () => {
    expect(w.health).toEqual({ waitedForOwner: 1, failuresOpened: 2, failuresResolved: 1, manualOverrides: 1 });
  });

  it('the worst breaches: A4 (never contacted, 900 business minutes to the week end), then A3 (30)', () => {
    expect(w.worst).toEqual([
      { leadId: 'A4', owner: ANA, minutesLate: 900, contacted: false },
      { leadId: 'A3', owner: ANA, minutesLate: 30, contacted: true },
    ]);
  });

  it('trend: the 8 weeks before, oldest first, then this one', () => {
    expect(report.trend.map((x) => x.weekStart)).toEqual(['2026-01-19', '2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16']);
    expect(report.trend.slice(0, 6).every((x) => x.leadsIn === 0 && x.withinSla === null && x.medianMinutes === null && x.breaches === 0)).toBe(true);
    // Week of 03-09: P1 and C2 created; only P1 due and contacted (20 minutes, met).
    expect(report.trend[7]).toEqual({ weekStart: '2026-03-09', leadsIn: 2, withinSla: 100, medianMinutes: 20, breaches: 0 });
    expect(report.trend[8]).toEqual({ weekStart: '2026-03-16', leadsIn: 12, withinSla: 72.7, medianMinutes: 30, breaches: 3 });
  });

  it('the week after counts C3 where it was contacted and due', () => {
    const next = weeklyReport(input({ weekStart: '2026-03-23' })).week;
    // Friday 16:45→17:00 is 15 business minutes, Monday 09:00→09:10 is 10.
    expect(next.owners.find((o) => o.owner === CY)).toMatchObject({ contacted: 1, medianMinutes: 25, withinSla: 100, openAtWeekEnd: 0 });
    // Still not contacted: A4 is open at the end of this week too, and its SLA came due last week.
    expect(next.owners.find((o) => o.owner === ANA)).toMatchObject({ openAtWeekEnd: 1, breaches: 0, withinSla: null });
  });
});

describe('edge cases', () => {
  const empty = (over: Partial<ReportInput> = {}) => input({ leads: [[...LEAD_HEADERS]], log: [], failures: [], ...over });

  it('no leads: zeros and blanks, every team member listed, no sources', () => {
    const w = weeklyReport(empty()).week;
    expect(w.headline).toEqual({ leadsIn: 0, assigned: 0, contacted: 0, withinSla: null, medianMinutes: null, p90Minutes: null, breaches: 0 });
    expect(w.owners.map((o) => [o.owner, o.contacted, o.medianMinutes, o.withinSla])).toEqual([ANA, BEN, CY, MARIA].map((e) => [e, 0, null, null]));
    expect(w.sources).toEqual([]);
    expect(w.worst).toEqual([]);
  });

  it('one lead: its time is the median and the 90th percentile', () => {
    const leads = [[...LEAD_HEADERS], leadRow(LEADS[1])] as ReportInput['leads'];
    const w = weeklyReport(empty({ leads })).week;
    expect(w.headline).toMatchObject({ contacted: 1, medianMinutes: 30, p90Minutes: 30, withinSla: 100 });
  });

  it('a lead never contacted and still open: a breach, late to the week end, and open at week end', () => {
    const leads = [[...LEAD_HEADERS], leadRow(LEADS[3])] as ReportInput['leads'];
    const w = weeklyReport(empty({ leads })).week;
    expect(w.headline).toMatchObject({ contacted: 0, medianMinutes: null, withinSla: 0, breaches: 1 });
    expect(w.owners.find((o) => o.owner === ANA)!.openAtWeekEnd).toBe(1);
  });

  it('a closed lead without a first contact is not open at week end', () => {
    const leads = [[...LEAD_HEADERS], leadRow({ ...LEADS[3], status: 'Lost' })] as ReportInput['leads'];
    expect(weeklyReport(empty({ leads })).week.owners.find((o) => o.owner === ANA)!.openAtWeekEnd).toBe(0);
  });

  it('rows without a Lead ID (not seen by Baton yet) are not counted', () => {
    const leads = [[...LEAD_HEADERS], leadRow({ ...LEADS[0], id: '' })] as ReportInput['leads'];
    expect(weeklyReport(empty({ leads })).week.headline.leadsIn).toBe(0);
  });

  it('an Owner typed in capitals is the same owner', () => {
    const leads = [[...LEAD_HEADERS], leadRow({ ...LEADS[0], owner: 'Ana@Acme.test' })] as ReportInput['leads'];
    expect(weeklyReport(empty({ leads })).week.owners.find((o) => o.owner === ANA)!.contacted).toBe(1);
  });
});

describe('a week with a DST change (2026-03-02: clocks go forward on Sunday the 8th)', () => {
  const created = LEAD_HEADERS.indexOf('Created');
  const rows = (entries: [string, Date][]) =>
    [
      [...LEAD_HEADERS],
      ...entries.map(([id, at]) => {
        const r = leadRow({ id, created: '02 00:00', source: 'Web', campaign: 'Spring', status: 'New' });
        r[created] = at;
        return r;
      }),
    ] as ReportInput['leads'];

  it('ends at local midnight on Monday the 9th, 167 hours after it began', () => {
    const w = weeklyReport(input({ weekStart: '2026-03-02', leads: [[...LEAD_HEADERS]], log: [], failures: [] })).week;
    expect(w.start).toBe(Date.parse('2026-03-02T00:00:00-05:00'));
    expect(w.end).toBe(Date.parse('2026-03-09T00:00:00-04:00'));
    expect((w.end - w.start) / 3_600_000).toBe(167);
  });

  it('a lead created Sunday 23:30 EDT is in the week; one created Monday 00:30 EDT (before a naive +168 h end) is not', () => {
    const leads = rows([
      ['IN', new Date('2026-03-08T23:30:00-04:00')],
      ['OUT', new Date('2026-03-09T00:30:00-04:00')],
      ['FIRST', new Date('2026-03-02T00:00:00-05:00')],
    ]);
    const w = weeklyReport(input({ weekStart: '2026-03-02', leads, log: [], failures: [] })).week;
    expect(w.headline.leadsIn).toBe(2);
  });
});

describe('SLA figures follow the SLA column', () => {
  const week = (leads: Lead[]) =>
    weeklyReport({ leads: [[...LEAD_HEADERS], ...leads.map(leadRow)] as ReportInput['leads'], log: [], failures: [], config: CONFIG, port: NY, weekStart: '2026-03-16' }).week;
  const base = { created: '16 09:00', owner: ANA, source: 'Web', campaign: 'Spring', assigned: '16 09:00', due: '16 10:00' };

  it('a lead closed before it was due is left out, as its SLA column says; one closed after due without a contact is a breach', () => {
    const w = week([
      { ...base, id: 'L-AAAAAA', status: 'Contacted', contact: '16 09:30', sla: 'Met' },
      { ...base, id: 'L-BBBBBB', status: 'Lost', sla: 'Closed before due' },
      { ...base, id: 'L-CCCCCC', status: 'Disqualified', sla: 'Missed' },
    ]);
    expect(w.headline).toMatchObject({ withinSla: 50, breaches: 1 });
  });
});
