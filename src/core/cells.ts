/**
 * What a cell value is. Dates from getValues belong to the script's realm and, in tests, to
 * another one, so they are recognised by their tag rather than with instanceof.
 */

export function isDate(v: unknown): v is Date {
  // Most cells are strings and numbers: only objects need the tag (issue 16, CPU per row).
  return typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Date]';
}

/** The instant a Date cell holds, or null for anything else (and for an invalid date). */
export function instantOf(v: unknown): number | null {
  return isDate(v) && !Number.isNaN(v.getTime()) ? v.getTime() : null;
}
