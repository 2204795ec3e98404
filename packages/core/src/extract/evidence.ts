import type { Evidence } from '../types.ts';
import { withRoom, type Offsets } from './buffers.ts';
import { IRREGULAR_SPACES, isSnippetSpace as isSpace } from './snippet-space.ts';

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
 * collapses are found once per text, the first time a snippet needs them,
 * and each snippet joins the slices between the runs in its window.
 */
export class EvidenceWriter {
  /** Whether `store` holds this text's whitespace runs yet: they are found when a snippet first needs them. */
  private found = false;

  /**
   * `marks`: where the text's whitespace runs may be, if the caller already knows (the
   * scan records them, see Automaton.scan): ascending offsets including every irregular
   * space and every space that follows a space, and perhaps other places. Without them
   * the writer searches the text itself.
   * `store`: where the runs go, start and end of each, in order; a buffer reused from one
   * text to the next. A typed array: a 20 MB text has 28,000 runs, whose number[] (growth
   * included) was 2 MB of its extraction's garbage, and twice the memory a snippet's
   * search reads.
   */
  constructor(
    private readonly text: string,
    private readonly marks?: Offsets,
    private readonly store: Offsets = { data: new Int32Array(16), length: 0 },
  ) {}

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
    if (!this.found) this.findRuns();
    const runs = this.store.data;
    const count = this.store.length >> 1;
    // The first run that ends inside or after the window.
    let lo = 0;
    let hi = count;
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
    for (let r = lo; r < count; r++) {
      const rs = runs[2 * r]!;
      const re = runs[2 * r + 1]!;
      if (rs >= stop) break;
      if (rs > at) out += (out === '' ? '' : ' ') + text.slice(at, rs);
      if (re > at) at = re;
    }
    if (at < stop) out += (out === '' ? '' : ' ') + text.slice(at, stop);
    return (from > 0 ? '…' : '') + out + (to < text.length ? '…' : '');
  }

  private findRuns(): void {
    const text = this.text;
    const runs = this.store;
    runs.length = 0;
    let covered = -1;
    if (this.marks) {
      // One pass over the marks, reading the text once near each: on a long text a second
      // pass would find it gone from the cache.
      const { data, length } = this.marks;
      for (let k = 0; k < length; k++) {
        const p = data[k]!;
        if (p >= covered && rewritten(text, p)) covered = addRun(text, p, runs);
      }
    } else {
      const places = searchRuns(text);
      for (let k = 0; k < places.length; k++) if (places[k]! >= covered) covered = addRun(text, places[k]!, runs);
    }
    this.found = true;
  }
}

/** Whether the character at `p` is in a whitespace run a snippet rewrites: an irregular space, or a space after a space. */
function rewritten(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return isSpace(c) && (c !== 32 || (p > 0 && isSpace(text.charCodeAt(p - 1))));
}

/** Appends the whitespace run around `p` (all the whitespace on both sides) to `runs`; returns its end. */
function addRun(text: string, p: number, runs: Offsets): number {
  let s = p;
  let e = p + 1;
  while (s > 0 && isSpace(text.charCodeAt(s - 1))) s--;
  while (e < text.length && isSpace(text.charCodeAt(e))) e++;
  if (runs.length + 2 > runs.data.length) runs.data = withRoom(runs.data, runs.length + 2);
  runs.data[runs.length++] = s;
  runs.data[runs.length++] = e;
  return e;
}

/** The places of a text's whitespace runs that a snippet rewrites, in order (a run may be found more than once). */
function searchRuns(text: string): number[] {
  // Native searches, one per kind of irregular whitespace and one for repeated spaces:
  // each is a vectorized scan in V8 (memchr on one-byte strings), about five times
  // faster per character than one pass of JavaScript looking for all of them at once.
  // Articles hold a handful of such places, so what follows them is cheap.
  const found: number[] = [];
  for (const ch of IRREGULAR_SPACES) for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) found.push(i);
  REPEATED_SPACES.lastIndex = 0;
  for (let m = REPEATED_SPACES.exec(text); m !== null; m = REPEATED_SPACES.exec(text)) found.push(m.index);
  if (found.length > 1) found.sort((a, b) => a - b);
  return found;
}

const REPEATED_SPACES = / {2,}/g;

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
