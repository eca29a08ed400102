/**
 * Leads held in Needs info too long (docs/INTAKE.md, "Needs info that lingers"): once a day the
 * managers (or `intake.needsInfoTo`) get one digest listing each lead that has waited more than
 * `intake.needsInfoDays` business days, with what is missing. Each wait is listed once.
 */
import { businessDayMinutes, businessMinutesBetween } from './business-clock';
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

export function agingAlerts(outcomes: LeadOutcome[], config: BatonConfig, now: number, port: TimePort): Alert[] {
  const day = businessDayMinutes(config.sla);
  const limit = config.intake.needsInfoDays * day;
  const recipients = config.intake.needsInfoTo.length ? config.intake.needsInfoTo : config.managers;
  const alerts: Alert[] = [];
  for (const lead of outcomes) {
    if (lead.status !== STATUS.needsInfo || lead.needsInfoSince === null) continue;
    const waited = businessMinutesBetween(lead.needsInfoSince, now, config.sla, port);
    if (waited < limit) continue;
    const days = Math.floor(waited / day);
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
