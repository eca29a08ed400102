/**
 * A short fingerprint of a row's values (FNV-1a over a canonical text), so the apply step can
 * recognise a row that has no usable Lead ID yet and skip it if it changed since the snapshot.
 */
import type { CellValue } from './conditions';
import { isDate } from './cells';

function canonical(v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (isDate(v)) return 'D' + v.getTime();
  return typeof v + ':' + String(v);
}

export function fingerprint(values: (CellValue | undefined)[]): string {
  let h = 0x811c9dc5;
  const text = values.map(canonical).join('\u0001');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0') + ':' + text.length;
}

/** Cell equality as a person sees it: Dates by instant, everything else strictly. */
export function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return canonical(a) === canonical(b);
}
