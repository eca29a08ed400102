/**
 * MailApp.
 * Reference: developers.google.com/apps-script/reference/mail/mail-app; guides/services/quotas;
 * PLATFORM.md, Triggers (simple onEdit cannot mail) and Quotas (e-mail rows).
 *
 * - Needs AuthMode FULL and the `script.send_mail` scope (the gate's permission error otherwise).
 * - Signatures: sendEmail(message), sendEmail(recipient, subject, body[, options]),
 *   sendEmail(to, replyTo, subject, body).
 * - Quota: recipients (to + cc + bcc, comma-separated) per EFFECTIVE user: 100 a day (1,500 with
 *   `options.workspace`) on a rolling 24 h window from the first send (PLATFORM.md). A message
 *   that does not fit the remaining quota throws `Service invoked too many times for one day:
 *   email.` and is not sent.
 * - More than 50 recipients in one message: `Limit Exceeded: Email Recipients Per Message.`;
 *   a body or HTML body over 200 KB (400 KB workspace): `Limit Exceeded: Email Body Size.`;
 *   a subject over 250 characters: `Argument too large: subject`; no recipient at all:
 *   `Failed to send email: no recipient`; a malformed address: `Invalid email: X`.
 *   (Texts other than the quota one are the platform's as remembered, unverified.)
 * - Addresses must be bare (`a@b.c`); a display-name form (`Ann <a@b.c>`) is rejected (stricter).
 * - `noReply` works only for Workspace accounts; for consumer accounts it is ignored and the
 *   record says `noReply: false`.
 */
import { ERRORS, Runtime, SCOPES, isPlainObject } from '../runtime';
import { paramsError } from './utilities';

export const DAY_MS = 86_400_000;
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
export const MAX_SUBJECT_LENGTH = 250;
export const MAIL_ERRORS = {
  recipientsPerMessage: 'Limit Exceeded: Email Recipients Per Message.',
  bodySize: 'Limit Exceeded: Email Body Size.',
  subjectLength: 'Argument too large: subject',
  noRecipient: 'Failed to send email: no recipient',
  invalidEmail: (a: string) => `Invalid email: ${a}`,
};

export interface SentMail {
  at: number;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  /** All recipients, split and trimmed. */
  recipients: string[];
}

export class MailState {
  readonly sent: SentMail[] = [];
  /** Rolling window per effective user: start of the window and recipients used in it. */
  readonly windows = new Map<string, { since: number; used: number }>();
  constructor(private readonly rt: Runtime) {}

  dailyLimit(): number {
    return this.rt.options.workspace ? 1500 : 100;
  }

  private window(user: string): { since: number; used: number } {
    let w = this.windows.get(user);
    if (w && this.rt.now() - w.since >= DAY_MS) {
      this.windows.delete(user);
      w = undefined;
    }
    return w ?? { since: this.rt.now(), used: 0 };
  }

  remaining(user: string): number {
    return Math.max(0, this.dailyLimit() - this.window(user).used);
  }

  /** Seed what is left of `user`'s quota (the window starts now if none is open). */
  setRemaining(user: string, n: number): void {
    const w = this.window(user);
    this.windows.set(user, { since: w.since, used: this.dailyLimit() - n });
  }

  use(user: string, n: number): void {
    const w = this.window(user);
    this.windows.set(user, { since: w.since, used: w.used + n });
  }

  sentTo(address: string): SentMail[] {
    return this.sent.filter((m) => m.recipients.includes(address.toLowerCase()));
  }
}

export function mailState(rt: Runtime): MailState {
  return rt.slot('mail', () => new MailState(rt));
}

const ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\.]+$/;

function splitAddresses(rt: Runtime, list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(',')) {
    const a = raw.trim();
    if (!a) continue;
    if (!ADDRESS.test(a)) throw rt.error(MAIL_ERRORS.invalidEmail(a));
    out.push(a.toLowerCase());
  }
  return out;
}

interface Message {
  to: string;
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  cc: string;
  bcc: string;
  noReply: boolean;
}

const OPTION_STRINGS = ['htmlBody', 'name', 'replyTo', 'cc', 'bcc'] as const;

export class MailApp {
  constructor(private readonly rt: Runtime) {}

  private parse(args: unknown[]): Message {
    const bad = () => paramsError(this.rt, args, 'MailApp.sendEmail');
    const str = (v: unknown) => typeof v === 'string';
    const options = (o: unknown, base: Pick<Message, 'to' | 'subject' | 'body'>): Message => {
      if (o !== undefined && !isPlainObject(o)) throw bad();
      const opt = (o ?? {}) as Record<string, unknown>;
      for (const k of OPTION_STRINGS) if (opt[k] !== undefined && opt[k] !== null && !str(opt[k])) throw bad();
      if (opt.noReply !== undefined && typeof opt.noReply !== 'boolean') throw bad();
      return {
        ...base,
        htmlBody: (opt.htmlBody as string) ?? null,
        name: (opt.name as string) ?? null,
        replyTo: (opt.replyTo as string) ?? null,
        cc: (opt.cc as string) ?? '',
        bcc: (opt.bcc as string) ?? '',
        noReply: opt.noReply === true,
      };
    };
    if (args.length === 1) {
      const m = args[0];
      if (!isPlainObject(m)) throw bad();
      if (!str(m.to) || !str(m.subject)) throw bad();
      if (m.body !== undefined && !str(m.body)) throw bad();
      if (m.body === undefined && m.htmlBody === undefined) throw bad();
      return options(m, { to: m.to as string, subject: m.subject as string, body: (m.body as string) ?? '' });
    }
    if (args.length === 3 && args.every(str)) return options(undefined, { to: args[0] as string, subject: args[1] as string, body: args[2] as string });
    if (args.length === 4 && str(args[0]) && str(args[1]) && str(args[2])) {
      if (str(args[3])) {
        // sendEmail(to, replyTo, subject, body)
        return { ...options(undefined, { to: args[0] as string, subject: args[2] as string, body: args[3] as string }), replyTo: args[1] as string };
      }
      return options(args[3], { to: args[0] as string, subject: args[1] as string, body: args[2] as string });
    }
    throw bad();
  }

  sendEmail(...args: unknown[]): void {
    this.rt.call(
      'MailApp.sendEmail',
      () => {
        const m = this.parse(args);
        const recipients = [...splitAddresses(this.rt, m.to), ...splitAddresses(this.rt, m.cc), ...splitAddresses(this.rt, m.bcc)];
        if (m.replyTo) splitAddresses(this.rt, m.replyTo);
        if (recipients.length === 0) throw this.rt.error(MAIL_ERRORS.noRecipient);
        if (recipients.length > MAX_RECIPIENTS_PER_MESSAGE) throw this.rt.error(MAIL_ERRORS.recipientsPerMessage);
        if (m.subject.length > MAX_SUBJECT_LENGTH) throw this.rt.error(MAIL_ERRORS.subjectLength);
        const maxBody = (this.rt.options.workspace ? 400 : 200) * 1024;
        if (Buffer.byteLength(m.body, 'utf8') > maxBody || Buffer.byteLength(m.htmlBody ?? '', 'utf8') > maxBody)
          throw this.rt.error(MAIL_ERRORS.bodySize);
        const st = mailState(this.rt);
        const from = this.rt.execution().spec.effectiveUser;
        if (recipients.length > st.remaining(from)) throw this.rt.error(ERRORS.quotaEmail);
        st.use(from, recipients.length);
        st.sent.push({
          at: this.rt.now(),
          from,
          to: m.to,
          cc: m.cc,
          bcc: m.bcc,
          subject: m.subject,
          body: m.body,
          htmlBody: m.htmlBody,
          name: m.name,
          replyTo: m.replyTo,
          noReply: m.noReply && this.rt.options.workspace,
          recipients,
        });
      },
      { auth: 'FULL', scopes: [SCOPES.sendMail] },
    );
  }

  getRemainingDailyQuota(): number {
    return this.rt.call(
      'MailApp.getRemainingDailyQuota',
      () => mailState(this.rt).remaining(this.rt.execution().spec.effectiveUser),
      { auth: 'FULL', scopes: [SCOPES.sendMail] },
    );
  }
}

export function createMailApp(rt: Runtime): MailApp {
  return new MailApp(rt);
}
