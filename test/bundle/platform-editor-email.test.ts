/**
 * The editor Google does not name (issue 17, item 3): in simple triggers, and for consumer
 * accounts or other domains in installable ones, `e.user.email` and Session.getActiveUser() are
 * blank (reference: Session.getActiveUser). Baton logs such edits as by "unknown editor" and
 * otherwise treats them like any other; with the e-mail visible it logs the person.
 */
import { LEAD_HEADERS } from '../../src/core/headers';
import { ANA, at, byName, completeLead, edit, logRows, paste } from '../support/leads';
import { simulate } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H = [...LEAD_HEADERS];
const CONFIG = { ...SPEC_EXAMPLE, team: [], routing: { rules: [], fallback: [] } };
const events = [paste(at('09:00'), 2, [completeLead('Gil')]), edit(at('09:05'), 'Status', 2, 'Contacted')];

describe.each([
  ['consumer accounts (default)', {}, 'unknown editor'],
  ['a Workspace team in one domain', { workspace: true }, ANA],
  ["editorEmails: 'always' (the earlier, kinder model)", { emulator: { editorEmails: 'always' } }, ANA],
])('%s', (_, extra, actor) => {
  const r = simulate({ config: CONFIG, sheets: { Leads: [H] }, events, until: at('09:10'), ...extra });

  it(`handles the edits without an error and logs them as by ${actor}`, () => {
    expect(r.executions.filter((e) => e.error !== null)).toEqual([]);
    const log = logRows(r);
    expect(log.find((l) => l['Event'] === 'created')).toMatchObject({ Actor: actor });
    expect(log.find((l) => l['Event'] === 'contacted')).toMatchObject({ Actor: actor });
    expect(log.map((l) => l['Actor'])).not.toContain('');
  });

  it('stamps First Contact either way', () => {
    expect(byName(r, 'Gil')['Status']).toBe('Contacted');
    expect(byName(r, 'Gil')['First Contact']).not.toBe('');
  });
});

describe('Baton with its own CPU time charged (cpuTimeFactor 3, issue 17 item 4)', () => {
  it('a paste and an edit run within the time limits, without an error', () => {
    const r = simulate({ config: CONFIG, sheets: { Leads: [H] }, events, until: at('09:10'), workspace: true, emulator: { cpuTimeFactor: 3 } });
    expect(r.executions.filter((e) => e.error !== null)).toEqual([]);
    expect(byName(r, 'Gil')['Status']).toBe('Contacted');
  });
});
