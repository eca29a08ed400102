/**
 * The time zone's offsets a run learns through Utilities.formatDate are kept for the next runs
 * (src/gas/time-port.ts, `baton.zoneDays`): an edit run on one lead converts its due times with no
 * formatDate call, and a config moved to another zone is never converted with the old zone's days.
 */
import { propertiesState } from '../../emulator/services/properties';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { LEAD_HEADERS } from '../../src/core/headers';
import { ANA, at, completeLead, paste } from '../support/leads';
import { OWNER } from '../support/scenario';
import { Steps } from '../support/steps';

const H: string[] = [...LEAD_HEADERS];
const CONFIG = {
  version: 1,
  managers: [OWNER],
  timeZone: 'America/New_York',
  intake: { contact: 'email_or_phone', required: ['interest', 'source'], interests: ['Solar'] },
  team: [{ email: ANA, name: 'Ana', capacity: 1000 }],
  routing: { rules: [], fallback: [ANA] },
  sla: { targets: [{ name: 'Standard', minutes: 60 }], businessHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' } },
};

const zoneDays = (s: Steps) => JSON.parse(propertiesState(s.run.rt).document.get('baton.zoneDays') ?? 'null') as { zone: string; days: unknown[] } | null;
const cell = (s: Steps, row: number, header: string) => spreadsheetState(s.run.rt).values('Leads')[row - 1][H.indexOf(header)];
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

function settled(): Steps {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ada'), completeLead('Bo')]));
  s.to(at('09:11'));
  return s;
}

it('an edit run on one lead converts times with no formatDate call: the days the full run learned are kept', () => {
  const s = settled();
  expect(zoneDays(s)?.zone).toBe('America/New_York');
  const from = s.run.rt.records.length;
  s.to(at('09:20'), { at: at('09:20'), type: 'edit', user: ANA, sheet: 'Leads', range: `${String.fromCharCode(65 + H.indexOf('Status'))}2`, values: [['Contacted']] });
  const run = s.run.rt.records.slice(from).find((r) => r.function === 'batonOnEdit')!;
  expect(run.error).toBeNull();
  expect(run.cellsRead).toBeLessThan(200);
  expect(run.calls['Utilities.formatDate']).toBeUndefined();
  expect(iso(cell(s, 2, 'First Contact'))).toMatch(/^2026-03-02T14:20:0/);
  expect(cell(s, 2, 'SLA')).toBe('Met');
});

it('a config moved to another zone is converted in that zone, not with the days kept for the old one', () => {
  const s = settled();
  const saved = s.run.call(OWNER, 'saveConfig', [{ ...CONFIG, timeZone: 'Asia/Kolkata' }, 1]) as { ok: boolean };
  expect(saved.ok).toBe(true);
  // 10:00 in New York is 20:30 in Kolkata, after its business hours: the hour starts at 08:00 there the next day.
  s.to(at('10:00'), paste(at('10:00'), 4, [completeLead('Cy')]));
  s.to(at('10:06'));
  expect(cell(s, 4, 'Owner')).toBe(ANA);
  expect(iso(cell(s, 4, 'SLA Due'))).toBe('2026-03-03T03:30:00.000Z');
  expect(zoneDays(s)?.zone).toBe('Asia/Kolkata');
});
