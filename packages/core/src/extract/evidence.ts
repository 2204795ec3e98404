import type { Evidence } from '../types.ts';

/** Characters of context on each side of a match in its snippet. */
export const SNIPPET_RADIUS = 80;

/**
 * Evidence for `[start, end)` of the original text: the exact text and a one-line snippet
 * around it. The snippet is computed on first read (an own, enumerable getter, so JSON,
 * spreading and structured cloning all see it): articles that name Russia fifty times
 * should not pay for fifty snippets nobody reads.
 */
export function makeEvidence(text: string, start: number, end: number): Evidence {
  // Most snippets need no whitespace collapsed: then the snippet is a slice with ellipses,
  // cheaper to build now than an accessor is to define (V8 builds object literals with
  // getters in the runtime). The same own, enumerable property either way.
  let from = start - SNIPPET_RADIUS;
  let to = end + SNIPPET_RADIUS;
  if (from < 0) from = 0;
  if (to > text.length) to = text.length;
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const window = text.slice(from, to);
  if (!isSpaceAt(window, 0) && !isSpaceAt(window, window.length - 1) && !IRREGULAR_SPACE.test(window)) {
    return {
      text: text.slice(start, end),
      start,
      end,
      snippet: (from > 0 ? '…' : '') + window + (to < text.length ? '…' : ''),
    };
  }
  let cached: string | undefined;
  return {
    text: text.slice(start, end),
    start,
    end,
    get snippet(): string {
      cached ??= snippet(text, start, end);
      return cached;
    },
  };
}

// Whitespace {@link snippet} would change: anything but single spaces.
const IRREGULAR_SPACE = /[\t\n\v\f\r\u00a0]| {2}/;

function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 12 || c === 11;
}

/** A short excerpt around a match, whitespace collapsed, with ellipses where cut. */
export function snippet(text: string, start: number, end: number, radius = SNIPPET_RADIUS): string {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  // Do not cut a surrogate pair in half.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  let out = from > 0 ? '…' : '';
  let space = true; // trims leading whitespace
  let pending = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 12 || c === 11) {
      if (!space) pending = true;
      space = true;
    } else {
      if (pending) out += ' ';
      pending = false;
      space = false;
      out += text[i];
    }
  }
  return to < text.length ? `${out}…` : out;
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
