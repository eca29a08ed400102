/**
 * Neutralizes text before Baton writes it to a cell. Sheets parses written strings as if typed
 * (PLATFORM.md): "=..." becomes a formula, "1e3" a number, "3/4" a date. A leading apostrophe
 * makes Sheets keep the text exactly as given, and is not part of the stored value.
 */
export function asCellText(text: string): string {
  return "'" + text;
}
