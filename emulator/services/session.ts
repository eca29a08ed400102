/**
 * Session and User.
 * Reference: developers.google.com/apps-script/reference/base/session and /user;
 * PLATFORM.md, Spreadsheet service semantics (active vs effective user, two time zones).
 *
 * - getActiveUser().getEmail() is the execution's `activeUser` ('' in simple triggers and when
 *   policy hides the user); getEffectiveUser() is the trigger owner in installable triggers.
 *   Both methods need the `userinfo.email` scope when scopes are checked.
 * - getScriptTimeZone() is `options.scriptTimeZone` (may differ from the spreadsheet's).
 * - getActiveUserLocale() is 'en' unless `sessionState(rt).locales` says otherwise.
 * - getTemporaryActiveUserKey() is stable per user and seed, opaque (the platform rotates it
 *   every 30 days; the emulator does not).
 */
import { createHash } from 'node:crypto';
import { Runtime, SCOPES } from '../runtime';
import { userOf } from './utilities';

export class SessionState {
  /** Locale per user (default 'en'). */
  readonly locales = new Map<string, string>();
}

export function sessionState(rt: Runtime): SessionState {
  return rt.slot('session', () => new SessionState());
}

export class User {
  constructor(
    private readonly rt: Runtime,
    private readonly email: string,
  ) {}
  getEmail(): string {
    return this.rt.call('User.getEmail', () => this.email, { auth: 'NONE', free: true });
  }
  /** Deprecated in the reference; same as getEmail (the platform returns the email too). */
  getUserLoginId(): string {
    return this.rt.call('User.getUserLoginId', () => this.email, { auth: 'NONE', free: true });
  }
  toString(): string {
    return this.email;
  }
}

export class Session {
  constructor(private readonly rt: Runtime) {}

  getActiveUser(): User {
    return this.rt.call('Session.getActiveUser', () => new User(this.rt, this.rt.execution().spec.activeUser), {
      auth: 'NONE',
      scopes: [SCOPES.userEmail],
    });
  }

  getEffectiveUser(): User {
    return this.rt.call('Session.getEffectiveUser', () => new User(this.rt, this.rt.execution().spec.effectiveUser), {
      auth: 'NONE',
      scopes: [SCOPES.userEmail],
    });
  }

  getScriptTimeZone(): string {
    return this.rt.call('Session.getScriptTimeZone', () => this.rt.options.scriptTimeZone, { auth: 'NONE' });
  }

  /** Deprecated alias of getScriptTimeZone. */
  getTimeZone(): string {
    return this.rt.call('Session.getTimeZone', () => this.rt.options.scriptTimeZone, { auth: 'NONE' });
  }

  getActiveUserLocale(): string {
    return this.rt.call('Session.getActiveUserLocale', () => sessionState(this.rt).locales.get(userOf(this.rt)) ?? 'en', { auth: 'NONE' });
  }

  getTemporaryActiveUserKey(): string {
    return this.rt.call(
      'Session.getTemporaryActiveUserKey',
      () =>
        createHash('sha256')
          .update(`${this.rt.options.seed}:${userOf(this.rt)}`)
          .digest('base64')
          .replace(/[+/=]/g, '')
          .slice(0, 32),
      { auth: 'NONE' },
    );
  }
}

export function createSession(rt: Runtime): Session {
  return new Session(rt);
}
