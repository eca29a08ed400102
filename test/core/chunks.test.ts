import fc from 'fast-check';
import { splitIntoChunks } from '../../src/core/chunks';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('splitIntoChunks', () => {
  it('keeps every chunk within the byte limit and loses nothing (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.integer({ min: 4, max: 64 }), (text, max) => {
        const chunks = splitIntoChunks(text, max);
        expect(chunks.join('')).toBe(text);
        for (const c of chunks) expect(bytes(c)).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('never splits an emoji (a surrogate pair) across chunks', () => {
    const chunks = splitIntoChunks('ab😀😀😀', 6);
    expect(chunks).toEqual(['ab😀', '😀', '😀']);
  });

  it('returns one empty chunk for an empty string', () => {
    expect(splitIntoChunks('')).toEqual(['']);
  });
});
