/**
 * A renamed Owner header (issue 14, finding 5): routing cannot see who owns what, so it waits and
 * says so; nothing is assigned or re-stamped on every sweep, and when the header is back the leads
 * keep their owners.
 */
import { FAILURE_HEADERS } from '../../src/core/headers';
import { at, byName, completeLead, letter, logRows, paste } from '../support/leads';
import { OWNER } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { Steps } from '../support/steps';

const CONFIG = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
const header = (text: string) => ({ at: '', type: 'edit', user: OWNER, sheet: 'Leads', range: `${letter('Owner')}1`, values: [[text]] });

describe('the Owner header renamed while leads are open', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann'), completeLead('Bo')]));
  const before = ['Ann', 'Bo'].map((n) => byName(s.result(), n));
  s.to(at('09:10'), { ...header('Rep'), at: at('09:10') });
  s.to(at('10:10'));
  const during = s.result();
  const logged = logRows(during).filter((l) => Date.parse(String(l['Time'])) >= Date.parse(at('09:10')));
  const failures = during.sheets['Baton Failures'].slice(1).map((r) => Object.fromEntries(FAILURE_HEADERS.map((h, i) => [h, r[i]])));
  s.to(at('10:15'), { ...header('Owner'), at: at('10:15') });
  s.to(at('10:30'));

  it('assigns nothing and re-stamps nothing for an hour of sweeps', () => {
    expect(logged.filter((l) => ['assigned', 'reassigned'].includes(String(l['Event'])))).toEqual([]);
    for (const [i, n] of ['Ann', 'Bo'].entries()) {
      const row = during.sheets['Leads'].slice(1).find((r) => r.includes(n))!;
      expect(row[during.sheets['Leads'][0].indexOf('Assigned At')]).toBe(before[i]['Assigned At']);
    }
  });

  it('says so on the missing-header failure', () => {
    const open = failures.filter((f) => f['Kind'] === 'missing header' && f['State'] === 'open');
    expect(open).toHaveLength(1);
    expect(String(open[0]['Message'])).toContain('Routing and the SLA clock are paused until the "Owner" column is back');
  });

  it('leaves every lead with its owner once the header is back', () => {
    for (const [i, n] of ['Ann', 'Bo'].entries()) {
      expect(byName(s.result(), n)['Owner']).toBe(before[i]['Owner']);
      expect(byName(s.result(), n)['Assigned At']).toBe(before[i]['Assigned At']);
    }
  });
});
