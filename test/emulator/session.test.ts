import { ExecutionSpec, Runtime, SCOPES } from '../../emulator/runtime';
import { createSession, sessionState } from '../../emulator/services/session';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const installable: ExecutionSpec = { functionName: 'onEditInstallable', trigger: 'installable', event: 'edit', authMode: 'FULL', activeUser: 'ann@x.test', effectiveUser: 'own@x.test' };
const simple: ExecutionSpec = { functionName: 'onEdit', trigger: 'simple', event: 'edit', authMode: 'LIMITED', activeUser: '', effectiveUser: 'ann@x.test', actor: 'ann@x.test' };

describe('Session', () => {
  it('active user is blank in a simple trigger; effective user is the trigger owner in an installable one (PLATFORM.md, Spreadsheet service semantics)', () => {
    const rt = new Runtime(T0);
    const a = rt.run(simple, () => createSession(rt).getActiveUser().getEmail());
    const b = rt.run(installable, () => [createSession(rt).getActiveUser().getEmail(), createSession(rt).getEffectiveUser().getEmail()]);
    expect(a.result).toBe('');
    expect(b.result).toEqual(['ann@x.test', 'own@x.test']);
  });

  it('getActiveUser needs the userinfo.email scope when scopes are checked (reference base/session: Authorization)', () => {
    const rt = new Runtime(T0, { oauthScopes: [SCOPES.sheets] });
    const rec = rt.run(installable, () => createSession(rt).getActiveUser().getEmail());
    expect(rec.error).toBe(`You do not have permission to call Session.getActiveUser. Required permissions: ${SCOPES.userEmail}`);
  });

  it('script time zone comes from the manifest and may differ from the spreadsheet (reference base/session: getScriptTimeZone)', () => {
    const rt = new Runtime(T0, { scriptTimeZone: 'Europe/Berlin' });
    expect(rt.run(installable, () => createSession(rt).getScriptTimeZone()).result).toBe('Europe/Berlin');
  });

  it('locale defaults to "en" (reference base/session: getActiveUserLocale)', () => {
    const rt = new Runtime(T0);
    expect(rt.run(installable, () => createSession(rt).getActiveUserLocale()).result).toBe('en');
    sessionState(rt).locales.set('ann@x.test', 'de');
    expect(rt.run(installable, () => createSession(rt).getActiveUserLocale()).result).toBe('de');
  });

  it('temporary active user key is stable per user, distinct between users and hides the email (reference base/session: getTemporaryActiveUserKey)', () => {
    const rt = new Runtime(T0);
    const k1 = rt.run(simple, () => createSession(rt).getTemporaryActiveUserKey()).result as string;
    const k2 = rt.run(simple, () => createSession(rt).getTemporaryActiveUserKey()).result as string;
    const k3 = rt.run({ ...simple, actor: 'bob@x.test' }, () => createSession(rt).getTemporaryActiveUserKey()).result as string;
    expect(k1).toBe(k2);
    expect(k1).not.toBe(k3);
    expect(k1).not.toContain('ann');
  });
});
