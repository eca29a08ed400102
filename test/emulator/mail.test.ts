import { ERRORS, ExecutionSpec, Runtime, SCOPES } from '../../emulator/runtime';
import { MAIL_ERRORS, createMailApp, mailState } from '../../emulator/services/mail';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const clock: ExecutionSpec = { functionName: 'sweep', trigger: 'installable', event: 'clock', authMode: 'FULL', activeUser: 'own@x.test', effectiveUser: 'own@x.test' };
const simpleEdit: ExecutionSpec = { functionName: 'onEdit', trigger: 'simple', event: 'edit', authMode: 'LIMITED', activeUser: '', effectiveUser: 'ann@x.test' };

function send(rt: Runtime, ...args: unknown[]) {
  return rt.run(clock, () => (createMailApp(rt).sendEmail as (...a: unknown[]) => void)(...args));
}

describe('MailApp', () => {
  it('cannot send from a simple trigger (PLATFORM.md, Triggers: simple onEdit)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(simpleEdit, () => createMailApp(rt).sendEmail('a@x.test', 's', 'b'));
    expect(rec.error).toBe(`You do not have permission to call MailApp.sendEmail. Required permissions: ${SCOPES.sendMail}`);
    expect(mailState(rt).sent).toHaveLength(0);
  });

  it('needs the send_mail scope in the manifest (reference mail/mail-app: Authorization)', () => {
    const rt = new Runtime(T0, { oauthScopes: [SCOPES.sheets] });
    expect(send(rt, 'a@x.test', 's', 'b').error).toBe(ERRORS.permission('MailApp.sendEmail', SCOPES.sendMail));
  });

  it('records the mail with the effective user as sender, in all signatures (reference mail/mail-app: sendEmail)', () => {
    const rt = new Runtime(T0);
    expect(send(rt, 'a@x.test', 'S1', 'B1').error).toBeNull();
    expect(send(rt, 'a@x.test', 'S2', 'B2', { cc: 'c@x.test', bcc: 'd@x.test', htmlBody: '<b>B2</b>', name: 'Baton' }).error).toBeNull();
    expect(send(rt, { to: 'a@x.test, b@x.test', subject: 'S3', body: 'B3', replyTo: 'r@x.test' }).error).toBeNull();
    expect(send(rt, 'a@x.test', 'r@x.test', 'S4', 'B4').error).toBeNull();
    const sent = mailState(rt).sent;
    expect(sent.map((m) => [m.from, m.to, m.subject, m.recipients.length, m.replyTo])).toEqual([
      ['own@x.test', 'a@x.test', 'S1', 1, null],
      ['own@x.test', 'a@x.test', 'S2', 3, null],
      ['own@x.test', 'a@x.test, b@x.test', 'S3', 2, 'r@x.test'],
      ['own@x.test', 'a@x.test', 'S4', 1, 'r@x.test'],
    ]);
    expect(sent[1]).toMatchObject({ cc: 'c@x.test', bcc: 'd@x.test', htmlBody: '<b>B2</b>', name: 'Baton' });
  });

  it('counts every recipient against 100 a day and throws when the message does not fit (PLATFORM.md, Quotas: e-mail recipients per day)', () => {
    const rt = new Runtime(T0);
    mailState(rt).setRemaining('own@x.test', 2);
    expect(rt.run(clock, () => createMailApp(rt).getRemainingDailyQuota()).result).toBe(2);
    expect(send(rt, 'a@x.test, b@x.test, c@x.test', 's', 'b').error).toBe(ERRORS.quotaEmail);
    expect(send(rt, 'a@x.test', 's', 'b', { cc: 'b@x.test' }).error).toBeNull();
    expect(send(rt, 'a@x.test', 's', 'b').error).toBe('Service invoked too many times for one day: email.');
    expect(mailState(rt).sent).toHaveLength(1);
  });

  it('the window is rolling 24 h from the first send, per effective user (PLATFORM.md, Quotas: "rolling 24 h from the first send")', () => {
    const rt = new Runtime(T0, { advanceClockPerCall: false });
    expect(rt.run(clock, () => createMailApp(rt).getRemainingDailyQuota()).result).toBe(100);
    send(rt, 'a@x.test', 's', 'b');
    rt.clock.advance(12 * 3600_000);
    send(rt, 'a@x.test', 's', 'b');
    expect(rt.run(clock, () => createMailApp(rt).getRemainingDailyQuota()).result).toBe(98);
    expect(rt.run({ ...clock, effectiveUser: 'other@x.test' }, () => createMailApp(rt).getRemainingDailyQuota()).result).toBe(100);
    rt.clock.advance(12 * 3600_000);
    expect(rt.run(clock, () => createMailApp(rt).getRemainingDailyQuota()).result).toBe(100);
  });

  it('Workspace accounts get 1,500 a day (PLATFORM.md, Quotas)', () => {
    const rt = new Runtime(T0, { workspace: true });
    expect(rt.run(clock, () => createMailApp(rt).getRemainingDailyQuota()).result).toBe(1500);
  });

  it('rejects more than 50 recipients per message and bodies over 200 KB (PLATFORM.md, Quotas: recipients per message; body size)', () => {
    const rt = new Runtime(T0);
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@x.test`).join(',');
    expect(send(rt, many, 's', 'b').error).toBe(MAIL_ERRORS.recipientsPerMessage);
    expect(send(rt, 'a@x.test', 's', 'x'.repeat(200 * 1024 + 1)).error).toBe(MAIL_ERRORS.bodySize);
    expect(send(rt, 'a@x.test', 's', 'x'.repeat(200 * 1024)).error).toBeNull();
  });

  it('rejects malformed addresses and empty recipients (reference mail/mail-app: sendEmail)', () => {
    const rt = new Runtime(T0);
    expect(send(rt, 'a@x.test, not-an-address', 's', 'b').error).toBe('Invalid email: not-an-address');
    expect(send(rt, '', 's', 'b').error).toBe(MAIL_ERRORS.noRecipient);
    expect(send(rt, 'a@x.test', 's').error).toBe("The parameters (String,String) don't match the method signature for MailApp.sendEmail.");
    expect(mailState(rt).sent).toHaveLength(0);
  });
});
