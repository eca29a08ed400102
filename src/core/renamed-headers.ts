/**
 * Decides which missing Leads headers "Set up Baton" may add. An empty column appended beside a
 * column a person renamed hides that column's data for good (issue 14, finding 9: e-mail-only
 * leads became Needs info while the failure resolved), so setup adds a missing header only where
 * that cannot happen:
 *
 * - the Leads tab holds no lead yet (nothing below the header): every missing header is added;
 * - Baton was set up here before (a stored configuration) and the tab holds leads: none is added,
 *   a header missing now was renamed or deleted by a person, and only a person knows which;
 * - the first setup of a tab that already holds leads (adoption): missing headers are added,
 *   except where another column looks like the missing one.
 *
 * A column looks like a missing header when its header is the same text but for case, spacing and
 * punctuation ("E-mail", "lead_id"), or contains it ("Email address"), or, for Email, Phone and
 * Lead ID, when most of its values look like e-mails, phone numbers or Lead IDs. Only columns
 * Baton does not use already are candidates.
 */
import { LEAD_ID_PATTERN } from './lead-id';

export interface MissingHeader {
  /** The header text Baton looks for (after the config's renames). */
  header: string;
  /** Its field key ("email"), to recognise its values. */
  field: string;
}

export interface HeaderGuardInput {
  missing: MissingHeader[];
  /** The Leads tab's header row as displayed. */
  headerRow: string[];
  /** Header texts Baton uses (every Leads header after renames): never candidates. */
  batonHeaders: string[];
  /** Some rows below the header (values as getValues gives them); empty when the tab holds none. */
  sample: unknown[][];
  /** Whether the tab holds any row below the header. */
  hasLeads: boolean;
  /** Whether Baton was set up in this spreadsheet before (a configuration is stored). */
  setUpBefore: boolean;
  leadsSheet: string;
}

export interface Candidate {
  /** Column letter, e.g. "D". */
  column: string;
  header: string;
}

export interface Withheld {
  header: string;
  candidates: Candidate[];
  message: string;
}

export interface HeaderGuard {
  /** Headers setup may append. */
  append: string[];
  withheld: Withheld[];
}

/** Case, spaces and punctuation do not tell headers apart. */
export function looseText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().\-/]{7,20}$/;

const LOOKS: Record<string, (v: string) => boolean> = {
  email: (v) => EMAIL.test(v),
  phone: (v) => PHONE.test(v) && v.replace(/\D/g, '').length >= 7,
  leadId: (v) => LEAD_ID_PATTERN.test(v),
};

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function valuesLookLike(field: string, sample: unknown[][], column: number): boolean {
  const looks = LOOKS[field];
  if (!looks) return false;
  const values = sample.map((r) => String(r[column] ?? '').trim()).filter((v) => v !== '');
  if (values.length === 0) return false;
  return values.filter(looks).length * 2 > values.length;
}

function candidatesFor(m: MissingHeader, input: HeaderGuardInput): Candidate[] {
  const used = new Set(input.batonHeaders.map(looseTextExact));
  const want = looseText(m.header);
  const out: Candidate[] = [];
  input.headerRow.forEach((cell, i) => {
    const text = String(cell ?? '').trim();
    if (text && used.has(looseTextExact(text))) return;
    const loose = looseText(text);
    const byName = want !== '' && loose !== '' && (loose === want || (want.length >= 4 && loose.includes(want)));
    if (byName || valuesLookLike(m.field, input.sample, i)) out.push({ column: columnLetter(i), header: text });
  });
  return out;
}

/** How locateColumns compares headers: trimmed, case-insensitive. */
function looseTextExact(text: string): string {
  return text.trim().toLowerCase();
}

function describe(c: Candidate): string {
  return c.header ? `"${c.header}" (column ${c.column})` : `the unnamed column ${c.column}`;
}

export function withheldMessage(m: MissingHeader, candidates: Candidate[], leadsSheet: string): string {
  const head = `The "${leadsSheet}" tab has no "${m.header}" column and already holds leads, so Set up Baton did not add an empty one.`;
  const fix = `Rename that column's header back to "${m.header}", or map its header to ${m.header} under Extensions › Baton › Settings › General › Column headers.`;
  if (candidates.length === 1) return `${head} ${describe(candidates[0])} looks like it. ${fix}`;
  if (candidates.length > 1) return `${head} ${candidates.map(describe).join(', ')} look like it. ${fix.replace("that column's header", "the right column's header")}`;
  return `${head} If the column was renamed, rename its header back to "${m.header}" or map the new header under Extensions › Baton › Settings › General › Column headers; if it was deleted, add a column headed "${m.header}" yourself.`;
}

export function guardMissingHeaders(input: HeaderGuardInput): HeaderGuard {
  const guard: HeaderGuard = { append: [], withheld: [] };
  for (const m of input.missing) {
    if (!input.hasLeads) {
      guard.append.push(m.header);
      continue;
    }
    const candidates = candidatesFor(m, input);
    if (input.setUpBefore || candidates.length > 0) {
      guard.withheld.push({ header: m.header, candidates, message: withheldMessage(m, candidates, input.leadsSheet) });
    } else {
      guard.append.push(m.header);
    }
  }
  return guard;
}
