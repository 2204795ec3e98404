import type { Evidence } from '../types.ts';

/** Characters of context on each side of a match in its snippet. */
export const SNIPPET_RADIUS = 80;

/** Evidence for `[start, end)` of the original text: the exact text and a one-line snippet around it. */
export function makeEvidence(text: string, start: number, end: number): Evidence {
  return { text: text.slice(start, end), start, end, snippet: snippet(text, start, end) };
}

/** A short excerpt around a match, whitespace collapsed, with ellipses where cut. */
export function snippet(text: string, start: number, end: number, radius = SNIPPET_RADIUS): string {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  // Do not cut a surrogate pair in half.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * A 64-bit content hash (two independent 32-bit multiplicative lanes), as 16 hex digits.
 * Not cryptographic: it only has to change when the watchlist does.
 */
export function contentHash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
