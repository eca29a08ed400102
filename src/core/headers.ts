/** The tabs Baton keeps and their header rows (SPEC.md, "The sheets Baton keeps"). */

/** Default Leads headers, in the order a new Leads tab gets them. */
export const LEAD_HEADERS = [
  'Lead ID',
  'Created',
  'Name',
  'Email',
  'Phone',
  'Company',
  'Interest',
  'Location',
  'Consent',
  'Source',
  'Campaign',
  'Deal Size',
  'Customer Type',
  'Status',
  'Owner',
  'Assigned At',
  'SLA Due',
  'First Contact',
  'SLA',
  'Problems',
] as const;

export const LOG_HEADERS = ['Time', 'Lead ID', 'Event', 'From', 'To', 'Actor', 'Reason', 'Config Version'] as const;

export const FAILURE_HEADERS = [
  'Lead ID',
  'Step',
  'Kind',
  'Message',
  'First Seen',
  'Attempts',
  'Next Retry',
  'State',
  'Subject',
] as const;

export const LOG_SHEET = 'Baton Log';
export const FAILURES_SHEET = 'Baton Failures';

/** Keys already derived: every run asks for the same few headers for every row (issue 16, CPU). */
const KEYS = new Map<string, string>();

/** A field key is the camel-cased default header: "Deal Size" → "dealSize", "SLA Due" → "slaDue". */
export function fieldKey(header: string): string {
  let key = KEYS.get(header);
  if (key === undefined) {
    key = deriveKey(header);
    if (KEYS.size < 1_000) KEYS.set(header, key);
  }
  return key;
}

function deriveKey(header: string): string {
  const words = header.trim().split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}

/** The Leads headers once `columns` (field key → header text) renames some of them. */
export function leadHeaders(columns: Record<string, string>): string[] {
  return LEAD_HEADERS.map((h) => columns[fieldKey(h)] ?? h);
}

/**
 * The fields a condition can test, as the sidebar offers them: Baton's keys with the header each
 * has in this sheet, then every other header of the Leads tab, which is a field by its text.
 */
export function fieldChoices(columns: Record<string, string>, sheetHeaders: unknown[]): { key: string; header: string; standard?: string }[] {
  const known = LEAD_HEADERS.map((h) => ({ key: fieldKey(h), header: columns[fieldKey(h)] ?? h, standard: h }));
  const taken = new Set(known.map((f) => f.header.trim().toLowerCase()));
  const others: { key: string; header: string }[] = [];
  for (const cell of sheetHeaders) {
    const header = typeof cell === 'string' ? cell.trim() : '';
    if (!header || taken.has(header.toLowerCase())) continue;
    taken.add(header.toLowerCase());
    others.push({ key: header, header });
  }
  return [...known, ...others];
}
