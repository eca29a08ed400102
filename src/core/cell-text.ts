/**
 * Neutralizes text before Baton writes it to a cell. Sheets parses written strings as if typed
 * (PLATFORM.md): "=..." becomes a formula, "1e3" a number, "3/4" a date. A leading apostrophe
 * makes Sheets keep the text exactly as given, and is not part of the stored value.
 */

/** Sheets refuses input over 50,000 characters in one cell (PLATFORM.md, Quotas and limits). */
export const MAX_CELL_CHARS = 50_000;

/** A value as Baton writes it: non-empty text neutralized (asCellText), numbers, dates, booleans and '' as they are. */
export function asCellValue<T>(value: T): T | string {
  return typeof value === 'string' && value !== '' ? asCellText(value) : value;
}

export function asCellText(text: string): string {
  // The apostrophe counts towards the limit. A lead's own 50,000-character cell copied into
  // Baton's tabs (State, Outbox, Failures) made the whole run fail ("Your input contains more than
  // the maximum of 50000 characters in a single cell"), so one lead stopped every breach e-mail
  // (test/bundle/hostile-input.test.ts): longer text is cut, marked with "…".
  const room = MAX_CELL_CHARS - 1;
  return "'" + (text.length > room ? text.slice(0, room - 1) + '…' : text);
}
