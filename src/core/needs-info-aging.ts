/**
 * Leads held in Needs info too long (docs/INTAKE.md, "Needs info that lingers"): once a day the
 * managers (or `intake.needsInfoTo`) get one digest listing each lead that has waited more than
 * `intake.needsInfoDays` business days, with what is missing. Each wait is listed once.
 */
import { businessMinutesBetween } from './business-clock';
import type { BatonConfig } from './config-schema';
import type { LeadOutcome } from './intake-plan';
import { cellText } from './lead-checks';
import { noticeAlert, type Alert } from './sla-plan';
import { STATUS } from './statuses';
import type { TimePort } from './time-port';

/** Today's date (config time zone) when the daily digest is due: the report hour has come and today's has not gone out. */
export function agingDigestDay(lastDay: string | null, now: number, hour: number, port: TimePort): string | null {
  const wall = port.wall(now);
  return wall.hour >= hour && wall.date !== lastDay ? wall.date : null;
}

/** Business minutes in one business day: the opening hours, or 24 hours on a 24/7 clock. */
function businessDayMinutes(config: BatonConfig): number {
  const hours = config.sla.businessHours;
  if (!hours) return 24 * 60;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return minutes(hours.end) - minutes(hours.start);
}

export function agingAlerts(outcomes: LeadOutcome[], config: BatonConfig, now: number, port: TimePort): Alert[] {
  const limit = config.intake.needsInfoDays * businessDayMinutes(config);
  const recipients = config.intake.needsInfoTo.length ? config.intake.needsInfoTo : config.managers;
  const alerts: Alert[] = [];
  for (const lead of outcomes) {
    if (lead.status !== STATUS.needsInfo || lead.needsInfoSince === null) continue;
    const waited = businessMinutesBetween(lead.needsInfoSince, now, config.sla, port);
    if (waited < limit) continue;
    const days = Math.floor(waited / businessDayMinutes(config));
    const who = [cellText(lead.fields.name), cellText(lead.fields.company)].filter(Boolean).join(', ') || lead.leadId;
    for (const to of recipients) {
      alerts.push(
        noticeAlert({
          key: `${lead.leadId}|needs info|${lead.needsInfoSince}|${to}`,
          to,
          kind: 'needs info',
          due: now,
          leadId: lead.leadId,
          row: lead.row,
          name: cellText(lead.fields.name),
          company: cellText(lead.fields.company),
          message: `${who} has waited in Needs info for ${days} business day${days === 1 ? '' : 's'}: ${lead.problems.join(' ') || 'see Problems'}`,
        }),
      );
    }
  }
  return alerts;
}
