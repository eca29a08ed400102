/**
 * The response-time SLA of one lead (SPEC.md, `sla`): which target applies, when it is due on the
 * business calendar, and the state the SLA column shows. Pure; time zones go through the port.
 */
import { addBusinessMinutes, dueSoonAt, businessMinutesBetween } from './business-clock';
import { evaluate, type CellValue } from './conditions';
import type { BatonConfig } from './config-schema';
import type { TimePort } from './time-port';

/** What the SLA column shows (SPEC.md, "The sheets Baton keeps"). */
export const SLA_STATES = {
  onTrack: 'On track',
  dueSoon: 'Due soon',
  breached: 'Breached',
  met: 'Met',
  missed: 'Missed',
  /** Closed (Lost, Disqualified, Ineligible…) without a contact before it was due: left out of SLA figures. */
  closedBeforeDue: 'Closed before due',
} as const;

export type SlaState = (typeof SLA_STATES)[keyof typeof SLA_STATES];

export type SlaTarget = BatonConfig['sla']['targets'][number];

/** The first target whose condition matches (a target without one matches every lead). */
export function targetFor(fields: Record<string, CellValue | undefined>, config: BatonConfig): SlaTarget | null {
  return config.sla.targets.find((t) => evaluate(t.when ?? null, fields)) ?? null;
}

export function dueAt(assignedAt: number, target: SlaTarget, config: BatonConfig, port: TimePort): number {
  return addBusinessMinutes(assignedAt, target.minutes, config.sla, port);
}

export interface SlaInput {
  /** Where the clock started: when the lead became sales-ready, or its assignment. */
  assignedAt: number;
  due: number;
  /** First Contact, if stamped. */
  contactedAt: number | null;
  now: number;
}

export function slaState(input: SlaInput, config: BatonConfig, port: TimePort): SlaState {
  if (input.contactedAt !== null) return input.contactedAt <= input.due ? SLA_STATES.met : SLA_STATES.missed;
  if (input.now >= input.due) return SLA_STATES.breached;
  if (input.now >= dueSoonAt(input.assignedAt, input.due, config.sla.dueSoonPercent, config.sla, port)) return SLA_STATES.dueSoon;
  return SLA_STATES.onTrack;
}

/** Business minutes from assignment to first contact: the response time reports use. */
export function responseMinutes(assignedAt: number, contactedAt: number, config: BatonConfig, port: TimePort): number {
  return Math.round(businessMinutesBetween(assignedAt, contactedAt, config.sla, port));
}

/** Business minutes a lead is past due (for alerts: "42 min late"). */
export function minutesLate(due: number, now: number, config: BatonConfig, port: TimePort): number {
  return Math.max(0, Math.round(businessMinutesBetween(due, now, config.sla, port)));
}
