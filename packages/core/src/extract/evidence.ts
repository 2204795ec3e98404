import type { Evidence } from '../types.ts';
import { withRoom, writeUnits } from './buffers.ts';

/** Characters of context on each side of a match in its snippet. */
export const SNIPPET_RADIUS = 80;

/**
 * Evidence for `[start, end)` of the original text: the exact text and a one-line snippet
 * around it (see {@link snippet}). For many pieces of evidence from one text, an
 * {@link EvidenceWriter} is cheaper.
 */
export function makeEvidence(text: string, start: number, end: number): Evidence {
  return new EvidenceWriter(text).make(start, end);
}

/**
 * Makes evidence for spans of one text. Snippets are built eagerly (plain data objects,
 * cheap to create and to serialize) from slices: the runs of whitespace a snippet
 * collapses are found once per text, in one pass, the first time a snippet needs them,
 * and each snippet joins the slices between the runs in its window.
 */
export class EvidenceWriter {
  /** Start and end of every run of irregular whitespace, in order; undefined until needed. */
  private runs: number[] | undefined;

  constructor(private readonly text: string) {}

  make(start: number, end: number): Evidence {
    const text = this.text;
    let from = start - SNIPPET_RADIUS;
    let to = end + SNIPPET_RADIUS;
    if (from < 0) from = 0;
    if (to > text.length) to = text.length;
    if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
    if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
    return { text: text.slice(start, end), start, end, snippet: this.snippet(from, to) };
  }

  /** The window `[from, to)` with whitespace trimmed and collapsed to single spaces, and ellipses where cut. */
  private snippet(from: number, to: number): string {
    const text = this.text;
    const runs = this.runs ?? this.findRuns();
    // The first run that ends inside or after the window.
    let lo = 0;
    let hi = runs.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (runs[2 * mid + 1]! <= from) lo = mid + 1;
      else hi = mid;
    }
    let out = '';
    let at = from;
    // A single space at either edge is trimmed too.
    if (at < to && isSpace(text.charCodeAt(at))) at++;
    let stop = to;
    if (stop > at && isSpace(text.charCodeAt(stop - 1))) stop--;
    for (let r = lo; 2 * r < runs.length; r++) {
      const rs = runs[2 * r]!;
      const re = runs[2 * r + 1]!;
      if (rs >= stop) break;
      if (rs > at) out += (out === '' ? '' : ' ') + text.slice(at, rs);
      if (re > at) at = re;
    }
    if (at < stop) out += (out === '' ? '' : ' ') + text.slice(at, stop);
    return (from > 0 ? '…' : '') + out + (to < text.length ? '…' : '');
  }

  private findRuns(): number[] {
    // One pass over the text's code units, copied a chunk at a time into a small typed
    // array, recording branch-free every position that is irregular whitespace or
    // whitespace after whitespace: cheaper than native searches, which need a pass per
    // character they look for.
    const text = this.text;
    const n = text.length;
    let at = positions;
    let k = 0;
    let prev = 0;
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      // Room for every unit of this chunk (each write lands at `k`, kept or not).
      at = positions = withRoom(at, k + (to - from) + 1, k);
      writeUnits(from === 0 && to === n ? text : text.slice(from, to), units);
      for (let i = from; i < to; i++) {
        const c = units[i - from]!;
        const w = c < 256 ? SPACE_KIND[c]! : 0;
        at[k] = i;
        k += (w >> 1) | (w & prev);
        prev = w & 1;
      }
    }
    const runs: number[] = []; // a short list: a plain array is cheaper to make than a typed one
    let covered = -1;
    for (let j = 0; j < k; j++) {
      const p = at[j]!;
      if (p < covered) continue;
      // A run is whitespace on both sides of what was recorded.
      let s = p;
      let e = p + 1;
      while (s > 0 && isSpace(text.charCodeAt(s - 1))) s--;
      while (e < n && isSpace(text.charCodeAt(e))) e++;
      runs.push(s, e);
      covered = e;
    }
    this.runs = runs;
    if (positions.length > MAX_KEPT) positions = new Int32Array(1024);
    return runs;
  }
}

// Per code unit below 256: bit 0 whitespace, bit 1 whitespace a snippet rewrites even alone.
const SPACE_KIND = new Uint8Array(256);
SPACE_KIND[32] = 1;
for (const c of [9, 10, 11, 12, 13, 0xa0]) SPACE_KIND[c] = 3;
const MAX_KEPT = 1 << 20;
let positions: Int32Array = new Int32Array(1024);
const CHUNK = 1 << 16;
const units = new Uint16Array(CHUNK);

/** The whitespace a snippet collapses. */
function isSpace(c: number): boolean {
  return c < 256 && (SPACE_KIND[c]! & 1) === 1;
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
    if (isSpace(c)) {
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
 * A 64-bit content hash (two independent 32-bit multiplicative lanes) of the UTF-8 bytes
 * of `s`, as 16 hex digits. Not cryptographic: it only has to change when the watchlist
 * does. Reads four bytes per step: a 100k-alias watchlist is 10 MB of JSON.
 */
export function contentHash(s: string): string {
  const bytes = ENCODER.encode(s);
  const words = bytes.length >>> 2;
  let h1 = 0xdeadbeef ^ bytes.length;
  let h2 = 0x41c6ce57;
  if (LITTLE_ENDIAN) {
    const view = new Int32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) {
      const w = view[i]!;
      h1 = Math.imul(h1 ^ w, 2654435761);
      h2 = Math.imul(h2 ^ w, 1597334677);
    }
  } else {
    for (let i = 0; i < words; i++) {
      const o = i << 2;
      const w = bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
      h1 = Math.imul(h1 ^ w, 2654435761);
      h2 = Math.imul(h2 ^ w, 1597334677);
    }
  }
  for (let i = words << 2; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 2654435761);
    h2 = Math.imul(h2 ^ bytes[i]!, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

const ENCODER = new TextEncoder();
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
