/**
 * Splits a string into pieces that each fit one property value (9 KB, PLATFORM.md quotas),
 * measured in UTF-8 bytes and never splitting a surrogate pair.
 */

export const PROPERTY_VALUE_BYTES = 9 * 1024;
/** Keep a margin under the limit: the key counts against some stores too. */
export const CHUNK_BYTES = 8 * 1024;

function utf8Bytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

export function splitIntoChunks(text: string, maxBytes = CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const size = utf8Bytes(ch.codePointAt(0)!);
    if (bytes + size > maxBytes) {
      chunks.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}
