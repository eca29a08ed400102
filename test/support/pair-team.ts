/** The config of the one-row tests (edit runs, SLA instants, stopped runs): two members, Maria manages. */
import { ANA } from './leads';
import { OWNER } from './scenario';

export const BEN = 'ben@acme.test';

/** Ana and Ben routed round robin, a business-hours SLA of `minutes`; `more` overrides any key. */
export function pairTeam(minutes: number, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    managers: [OWNER],
    intake: { contact: 'email_or_phone', required: ['interest', 'source'], interests: ['Solar', 'Battery'] },
    team: [
      { email: ANA, name: 'Ana', capacity: 1000 },
      { email: BEN, name: 'Ben', capacity: 1000 },
    ],
    routing: { rules: [], fallback: [ANA, BEN], balance: 'round_robin' },
    sla: { targets: [{ name: 'Standard', minutes }], businessHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' } },
    ...more,
  };
}
