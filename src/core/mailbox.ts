/**
 * Which e-mail addresses reach the same mailbox, for duplicate detection (docs/INTAKE.md,
 * "Identity"). Gmail ignores dots and "+tags" in the local part and treats googlemail.com as
 * gmail.com; other large providers ignore "+tags". Elsewhere only case and spaces are ignored:
 * a "+" or a dot may be significant to a server Baton knows nothing about.
 */

interface MailboxRule {
  /** The domain every alias of this provider is compared as. */
  canonical: string;
  /** The provider delivers a+anything@ to a@. */
  plusTags: boolean;
  /** The provider ignores dots in the local part. */
  dots: boolean;
}

const GMAIL: MailboxRule = { canonical: 'gmail.com', plusTags: true, dots: true };
const plus = (canonical: string): MailboxRule => ({ canonical, plusTags: true, dots: false });

/** Providers whose aliasing rules are published; the list in docs/INTAKE.md follows this table. */
export const MAILBOX_RULES: Record<string, MailboxRule> = {
  'gmail.com': GMAIL,
  'googlemail.com': GMAIL,
  'outlook.com': plus('outlook.com'),
  'hotmail.com': plus('hotmail.com'),
  'live.com': plus('live.com'),
  'msn.com': plus('msn.com'),
  'icloud.com': plus('icloud.com'),
  'me.com': plus('me.com'),
  'mac.com': plus('mac.com'),
  'fastmail.com': plus('fastmail.com'),
  'proton.me': plus('proton.me'),
  'protonmail.com': plus('protonmail.com'),
  'pm.me': plus('pm.me'),
};

/**
 * The mailbox an address reaches, as compared for duplicates: `address` must already be a valid
 * address (trimmed, no spaces). Case is ignored everywhere: no mainstream mail server treats it
 * as significant, and two live leads for "Dana@acme.com" and "dana@acme.com" would be the
 * duplicate outreach Baton exists to prevent.
 */
export function mailboxKey(address: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  let local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const rule = MAILBOX_RULES[domain];
  if (!rule) return `${local}@${domain}`;
  if (rule.plusTags && local.includes('+')) local = local.slice(0, local.indexOf('+'));
  if (rule.dots) local = local.replace(/\./g, '');
  return `${local}@${rule.canonical}`;
}
