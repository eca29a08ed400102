/**
 * No editor can make Baton send mail (issue 14, finding 10). The outbox lives in the document
 * properties, which only Baton's code writes; who receives each message is decided when it is
 * sent, from the config as it is then.
 */
import { at, byName, completeLead, paste } from '../support/leads';
import { OWNER } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { Steps } from '../support/steps';
import { storedOutbox } from '../support/outbox';
import { spreadsheetState } from '../../emulator/spreadsheet';

const CONFIG = { ...SPEC_EXAMPLE, team: SPEC_EXAMPLE.team.map((m) => ({ ...m, away: [] })) };
const EVIL = 'mallory@evil.test';
const alertJson = (to: string) =>
  JSON.stringify({ key: `x|${to}`, to, kind: 'failure', leadId: '', row: 1, name: '', company: '', email: '', phone: '', owner: '', due: 0, minutesLate: 0, message: 'Reset your password at http://evil.test' });

describe('an editor who writes an outbox tab of their own', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  s.to(at('09:10'));
  const tabsBefore = Object.keys(s.result().sheets);
  // The tab Baton used to keep its outbox in, re-created by an editor with a message to an outsider
  // and one to a manager, both pending.
  spreadsheetState(s.run.rt).addSheet('Baton Outbox', [
    ['Key', 'To', 'Kind', 'Lead ID', 'Details', 'Queued At', 'State', 'Sent At'],
    [`x|${EVIL}`, EVIL, 'failure', '', alertJson(EVIL), new Date(Date.parse(at('09:11'))), 'pending', ''],
    ['x|maria', OWNER, 'failure', '', alertJson(OWNER), new Date(Date.parse(at('09:11'))), 'pending', ''],
  ]);
  const sentBefore = s.sent.length;
  s.to(at('10:30'));

  it('never created such a tab itself', () => {
    expect(tabsBefore).not.toContain('Baton Outbox');
  });

  it('sends nothing of it, to the outsider or to a manager', () => {
    expect(s.sent.filter((m) => m.to === EVIL)).toEqual([]);
    expect(s.sent.slice(sentBefore).filter((m) => m.body.includes('evil.test'))).toEqual([]);
  });

  it('still sends Baton\'s own mail: the breach goes to its owner', () => {
    const owner = String(byName(s.result(), 'Ann')['Owner']);
    expect(s.sent.filter((m) => m.to === owner && m.subject.includes('breached'))).toHaveLength(1);
  });
});

describe('recipients are decided when the mail is sent', () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  const owner = String(byName(s.result(), 'Ann')['Owner']);
  // The breach is found while the mail quota is out, so it waits in the outbox ...
  const quotaOut = { at: at('09:50'), type: 'fault', method: 'MailApp.sendEmail', error: 'quota', times: 4 };
  s.to(at('09:50'), quotaOut);
  s.to(at('10:04'));
  const waiting = storedOutbox(s.run).rows.filter((r) => r.alert.kind === 'breached' && r.alert.to === owner);
  // ... and meanwhile the owner leaves the team.
  const without = { ...CONFIG, team: CONFIG.team.filter((m) => m.email !== owner), routing: { ...CONFIG.routing, rules: CONFIG.routing.rules.map((r) => ({ ...r, assignTo: r.assignTo.filter((a: string) => a !== owner) })), fallback: CONFIG.routing.fallback.filter((a: string) => a !== owner) } };
  s.to(at('10:05'), { at: at('10:05'), type: 'call', user: OWNER, function: 'saveConfig', args: [without] });
  s.to(at('10:40'));

  it('waited in the outbox addressed to the owner', () => {
    expect(waiting).toHaveLength(1);
  });

  it('is not sent to someone no longer on the team', () => {
    expect(s.sent.filter((m) => m.to === owner && m.subject.includes('breached'))).toEqual([]);
    expect(storedOutbox(s.run).rows.filter((r) => r.alert.to === owner)).toEqual([]);
  });
});

describe("Baton's own tabs", () => {
  const s = new Steps(CONFIG, at('08:55'));
  s.to(at('09:00'), paste(at('09:00'), 2, [completeLead('Ann')]));
  s.to(at('09:10'));
  const doc = spreadsheetState(s.run.rt);
  const guarded = (tab: string) =>
    doc.protectionList(tab).filter((p) => p.type === 'SHEET' && p.description.startsWith("Baton's own tab"));

  it('carry a warning-only protection, so a person is asked before editing them', () => {
    for (const tab of ['Baton Log', 'Baton Failures', 'Baton State']) {
      expect([tab, guarded(tab).map((p) => p.warningOnly)]).toEqual([tab, [true]]);
    }
  });

  it('leave the Leads tab to the team', () => {
    expect(guarded('Leads')).toEqual([]);
  });

  it('are guarded once, however often setup runs', () => {
    s.run.apply({ type: 'setup', at: at('09:11') } as never);
    expect(guarded('Baton Log')).toHaveLength(1);
  });
});
