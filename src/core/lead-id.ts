/**
 * Lead IDs: short, unique, and unrelated to the row number (rows move). Built from random bits
 * the shell supplies (Utilities.getUuid), in an alphabet without look-alike characters.
 */

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // 32 symbols: no 0/O, 1/I
export const LEAD_ID_PATTERN = /^L-[2-9A-HJ-NP-Z]{6}$/;

/** Six symbols from the first 30 bits of a hex string (a UUID's digits). */
export function leadIdFrom(hex: string): string {
  const digits = hex.replace(/[^0-9a-f]/gi, '');
  let bits = parseInt(digits.slice(0, 8).padEnd(8, '0'), 16) >>> 2;
  let id = '';
  for (let i = 0; i < 6; i++) {
    id = ALPHABET[bits & 31] + id;
    bits >>>= 5;
  }
  return 'L-' + id;
}

/** A fresh ID not in `taken`; `nextHex` is asked again on the (rare) collision. */
export function uniqueLeadId(taken: Set<string>, nextHex: () => string): string {
  for (;;) {
    const id = leadIdFrom(nextHex());
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}
