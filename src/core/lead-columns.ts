/**
 * Finds Baton's columns in the Leads header row by header text, every run: people reorder,
 * insert and hide columns (SPEC.md). A missing header Baton needs is a reported problem.
 */
import type { BatonConfig } from './config-schema';
import { fieldKey, LEAD_HEADERS } from './headers';

export type FieldKey = string;

export interface LeadColumns {
  /** Field key → 0-based column index. */
  index: Record<FieldKey, number>;
  /** Field key → header text Baton looks for. */
  headers: Record<FieldKey, string>;
  /** Headers Baton needs that are missing. */
  missing: string[];
  /** Headers that appear more than once (the first is used). */
  duplicated: string[];
  /** Every other header, by its text: any header is a field (conditions may name it). */
  extra: Record<string, number>;
  width: number;
}

/** Columns Baton writes: people may not change them (their edits are reverted and logged). */
export const SYSTEM_FIELDS = ['leadId', 'assignedAt', 'slaDue', 'firstContact', 'sla', 'problems'] as const;

/** Every column Baton writes to (people's data is in the others): the write protocol's domain. */
export const WRITTEN_FIELDS = ['leadId', 'created', 'status', 'owner', 'assignedAt', 'slaDue', 'firstContact', 'sla', 'problems'] as const;

/** Whether a header (as the config names it, else the default) is one of Baton's written columns. */
export function batonHeaders(columns: Record<string, string> | null | undefined): (header: string) => boolean {
  const texts = new Set<string>(WRITTEN_FIELDS.map((f) => columns?.[f] ?? LEAD_HEADERS.find((h) => fieldKey(h) === f) ?? f));
  return (header) => texts.has(header.trim());
}

/** What intake cannot work without, whatever the config says. */
const ALWAYS_NEEDED = ['leadId', 'created', 'name', 'status', 'owner', 'problems'];

export function neededFields(config: BatonConfig): string[] {
  const needed = new Set(ALWAYS_NEEDED);
  const contact = config.intake.contact;
  if (contact !== 'phone') needed.add('email');
  if (contact !== 'email') needed.add('phone');
  for (const f of config.intake.required) needed.add(f);
  return [...needed];
}

export function locateColumns(headerRow: unknown[], config: BatonConfig): LeadColumns {
  const headers: Record<string, string> = {};
  for (const h of LEAD_HEADERS) headers[fieldKey(h)] = config.columns[fieldKey(h)] ?? h;
  const byText = new Map<string, number>();
  const duplicated: string[] = [];
  headerRow.forEach((cell, i) => {
    const text = String(cell ?? '').trim().toLowerCase();
    if (!text) return;
    if (byText.has(text)) duplicated.push(String(cell).trim());
    else byText.set(text, i);
  });
  const index: Record<string, number> = {};
  for (const [key, header] of Object.entries(headers)) {
    const i = byText.get(header.trim().toLowerCase());
    if (i !== undefined) index[key] = i;
  }
  const used = new Set(Object.values(index));
  const extra: Record<string, number> = {};
  headerRow.forEach((cell, i) => {
    const text = String(cell ?? '').trim();
    if (text && !used.has(i) && !(text in extra)) extra[text] = i;
  });
  const missing = neededFields(config)
    .filter((k) => index[k] === undefined)
    .map((k) => headers[k]);
  return { index, headers, missing, duplicated, extra, width: headerRow.length };
}
