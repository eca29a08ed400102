/**
 * Lead IDs: short, unique, and unrelated to the row number (rows move). Built from random bits
 * the shell supplies (Utilities.getUuid), in an alphabet without look-alike characters.
 */

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // 32 symbols: no 0/O, 1/I
export const LEAD_ID_PATTERN = /^L-[2-9A-HJ-NP-Z]{6}$/;

/**
 * The Lead ID a cell holds, as every part of Baton reads it: an ID Baton issued, or '' for
 * anything else (blank, a date, a number, text someone typed), which intake treats as missing.
 */
export function leadIdOf(cell: unknown): string {
  if (typeof cell !== 'string') return '';
  const text = cell.trim().toUpperCase();
  return LEAD_ID_PATTERN.test(text) ? text : '';
}

/**
 * A stream of pseudo-random hex strings from one seed (one Utilities.getUuid per run, not one
 * per lead: a 5,000-row paste must not make 5,000 calls). mulberry32 over the seed's bits.
 */
export function hexStream(seedHex: string): () => string {
  let a = parseInt(seedHex.replace(/[^0-9a-f]/gi, '').slice(0, 8).padEnd(8, '0'), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
}

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
