/**
 * Checks one lead against the mandatory fields managers chose (config `intake`) and says, in
 * plain words, what blocks its handoff. Phones are parsed with libphonenumber-js in the
 * configured region: a valid number, not just digits.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { BatonConfig } from './config-schema';
import type { CellValue } from './conditions';
import { isDate } from './cells';
import { mailboxKey } from './mailbox';

export type Verdict = 'complete' | 'needs_info' | 'ineligible';

export interface LeadCheck {
  verdict: Verdict;
  /** Sentences for the Problems column, in a stable order. */
  problems: string[];
  /** The mailbox as compared for duplicates (core/mailbox.ts); null when absent or invalid. */
  emailKey: string | null;
  /** The phone in E.164; null when absent or invalid. */
  phoneKey: string | null;
}

const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[A-Za-z]{2,}$/;
/** What Sheets shows for a formula it cannot parse: `+1 212 555 0101` typed into an unformatted cell. */
const FORMULA_ERROR = '#ERROR!';
const PHONE_FIX = 'format the Phone column as plain text (Format › Number › Plain text; Set up Baton does this) and type the number again';
/** Quoted values in messages are cut short: a 50,000-character cell must not flood Problems. */
const QUOTE_MAX = 40;

/** The text of a cell as a person typed it ('' for empty; Dates as ISO days). */
export function cellText(v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (isDate(v)) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

export function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return `"${oneLine.length > QUOTE_MAX ? oneLine.slice(0, QUOTE_MAX - 1) + '…' : oneLine}"`;
}

export function emailKey(v: CellValue | undefined): string | null {
  const text = cellText(v).replace(/\s+/g, '');
  return EMAIL.test(text) ? mailboxKey(text) : null;
}

/** The keys that say two leads are the same person: their mailbox and their E.164 phone, tagged so they never collide. */
export function contactKeys(email: string | null, phone: string | null): string[] {
  return [email && 'e:' + email, phone && 'p:' + phone].filter((k): k is string => !!k);
}

export function phoneKey(v: CellValue | undefined, region: string): string | null {
  // A number typed into a cell arrives as a Number; its digits are the phone.
  const text = typeof v === 'number' ? String(Math.round(v)) : cellText(v);
  if (!text || text.length > 40) return null;
  const phone = parsePhoneNumberFromString(text, region as CountryCode);
  return phone && phone.isValid() ? phone.number : null;
}

function inList(value: string, list: string[]): boolean {
  const v = value.toLowerCase();
  return list.some((x) => x.trim().toLowerCase() === v);
}

/**
 * `missingColumns` names required fields whose column the tab lacks (by header text): those are
 * reported as a missing column, so nobody hunts for a value that has nowhere to go.
 */
export function checkLead(
  fields: Record<string, CellValue | undefined>,
  config: BatonConfig,
  missingColumns: Map<string, string> = new Map(),
): LeadCheck {
  const intake = config.intake;
  const ineligible: string[] = [];

  const emailText = cellText(fields.email);
  const phoneText = typeof fields.phone === 'number' ? String(fields.phone) : cellText(fields.phone);
  const email = emailKey(fields.email);
  const phone = phoneKey(fields.phone, intake.phoneRegion);
  const emailProblem = !emailText ? 'Email is missing.' : !email ? `Email ${quote(emailText)} is not a valid address.` : null;
  const phoneProblem = !phoneText
    ? 'Phone is missing.'
    : phoneText === FORMULA_ERROR
      ? `Phone shows ${FORMULA_ERROR}: Sheets read the "+" as the start of a formula. To fix it, ${PHONE_FIX}.`
      : !phone
        ? typeof fields.phone === 'number'
          ? `Phone ${phoneText} is not a valid number in ${intake.phoneRegion}; it was stored as a number, which drops a leading + or 0. To fix it, ${PHONE_FIX}.`
          : `Phone ${quote(phoneText)} is not a valid number in ${intake.phoneRegion}.`
        : null;
  // A phone stored as a number works, but the next one typed that way may lose its + or 0.
  const phoneNote = phone && typeof fields.phone === 'number' ? `Phone ${phoneText} was stored as a number, which drops a leading + or 0. To keep phones as typed, ${PHONE_FIX}.` : null;
  // Blocking problems hold the lead back; notes are shown but do not (a bad second contact).
  const blocking: string[] = [];
  const notes: string[] = [];
  const wants = { email: intake.contact !== 'phone', phone: intake.contact !== 'email' };
  if (intake.contact === 'email_or_phone') {
    if (email || phone) notes.push(...[emailText ? emailProblem : null, phoneText ? phoneProblem : null].filter((p): p is string => !!p));
    else if (!emailText && !phoneText) blocking.push('There is no e-mail or phone to contact.');
    else blocking.push(...[emailText ? emailProblem : null, phoneText ? phoneProblem : null].filter((p): p is string => !!p));
  } else {
    if (wants.email && emailProblem) blocking.push(emailProblem);
    if (wants.phone && phoneProblem) blocking.push(phoneProblem);
    if (!wants.email && emailText && emailProblem) notes.push(emailProblem);
    if (!wants.phone && phoneText && phoneProblem) notes.push(phoneProblem);
  }

  if (phoneNote) notes.push(phoneNote);

  const required = new Set(intake.required);
  for (const [key, header] of missingColumns) {
    if (required.has(key as (typeof intake.required)[number])) {
      blocking.push(`The ${config.leadsSheet} tab has no "${header}" column.`);
      required.delete(key as (typeof intake.required)[number]);
    }
  }
  const interest = cellText(fields.interest);
  if (required.has('interest')) {
    if (!interest) blocking.push('Interest is missing.');
    else if (intake.interests.length && !inList(interest, intake.interests)) {
      blocking.push(`Interest ${quote(interest)} is not one of: ${intake.interests.join(', ')}.`);
    }
  }

  const location = cellText(fields.location);
  if (location && intake.serviceAreas.length && !inList(location, intake.serviceAreas)) {
    ineligible.push(`Location ${quote(location)} is outside the service areas (${intake.serviceAreas.join(', ')}).`);
  } else if (!location && required.has('location')) {
    blocking.push('Location is missing.');
  }

  const consent = cellText(fields.consent);
  if (consent && inList(consent, intake.consent.denied)) ineligible.push('Consent to contact was denied.');
  else if (required.has('consent')) {
    if (!consent) blocking.push('Consent is not recorded.');
    else if (!inList(consent, intake.consent.granted)) {
      blocking.push(`Consent ${quote(consent)} is not a recognized answer (${[...intake.consent.granted, ...intake.consent.denied].join(', ')}).`);
    }
  }

  for (const [key, label] of [['source', 'Source'], ['campaign', 'Campaign']] as const) {
    if (required.has(key) && !cellText(fields[key])) blocking.push(`${label} is missing.`);
  }

  const verdict: Verdict = ineligible.length ? 'ineligible' : blocking.length ? 'needs_info' : 'complete';
  return { verdict, problems: [...ineligible, ...blocking, ...notes], emailKey: email, phoneKey: phone };
}
