/**
 * The editor Google does not name (issue 17, item 3): in simple triggers, and for consumer
 * accounts or other domains in installable ones, `e.user.email` and Session.getActiveUser() are
 * blank (reference: Session.getActiveUser). Baton gets '' as the editor, handles the edit like any
 * other and logs it without a name (never as the person, never blank); with the e-mail visible it
 * logs the person.
 */
import { LEAD_HEADERS } from '../../src/core/headers';
import { ANA, at, byName, completeLead, edit, logRows, paste } from '../support/leads';
import { simulate } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H = [...LEAD_HEADERS];
/** Every lead goes to Ana, so her own Status change is hers to make (whatever the ownership rules). */
const CONFIG = { ...SPEC_EXAMPLE, team: [{ email: ANA, name: 'Ana', active: true, capacity: 25, weight: 1 }], routing: { rules: [], fallback: [ANA] } };
const events = [paste(at('09:00'), 2, [completeLead('Gil')]), edit(at('09:05'), 'Status', 2, 'Contacted')];

describe.each([
  ['consumer accounts (default)', {}, false],
  ['a Workspace team in one domain', { workspace: true }, true],
  ["editorEmails: 'always' (the earlier, kinder model)", { emulator: { editorEmails: 'always' } }, true],
])('%s', (_, extra, named) => {
  const r = simulate({ config: CONFIG, sheets: { Leads: [H] }, events, until: at('09:10'), ...extra });

  it(`handles the edits without an error and logs them ${named ? 'as by the editor' : 'without naming anyone'}`, () => {
    expect(r.executions.filter((e) => e.error !== null)).toEqual([]);
    const log = logRows(r);
    const actors = ['created', 'contacted'].map((event) => log.find((l) => l['Event'] === event)?.['Actor']);
    for (const actor of actors) {
      if (named) expect(actor).toBe(ANA);
      else expect(actor).not.toBe(ANA);
      expect(actor).toEqual(expect.any(String));
      expect(actor).not.toBe('');
    }
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
