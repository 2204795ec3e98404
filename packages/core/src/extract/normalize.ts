import { decodeEntityAt } from './html-entities.ts';

/**
 * Folding: the one definition of "the same text" used for aliases, query terms and
 * documents alike. Per UTF-16 code unit: NFKC, lower case, diacritics and breves removed
 * (ŏ→o, é→e, ё→е; й is kept, it is a letter of its own in Russian), apostrophes and
 * modifier letters removed (Kwangch'ŏl = Kwangchol), every hyphen, dash and space
 * folded to one space and runs of them collapsed, invisible format characters removed,
 * HTML character references decoded.
 *
 * Folding is per code unit, so it is a lookup in a memoized table; a document is folded
 * into a typed array with, for each folded unit, the start and end of the original text
 * it came from, so evidence can always point at the original.
 */

const UNKNOWN = 0;
const DELETE = 1;
const SPACE = 2;
/** Values from MULTI_BASE up to SINGLE_BASE index `multi`; values from SINGLE_BASE are one code unit. */
const MULTI_BASE = 3;
const SINGLE_BASE = 0x10000;

const FOLD = new Int32Array(65536);
const multi: string[] = [];

const SPACE_LIKE = /^[\s\p{Pd}\u2212\u2043\u00a0\u2000-\u200a\u202f\u205f\u3000_]$/u;
// Apostrophes, primes, backticks and spacing modifier letters (ʼ ʻ ˈ ´ …): KCNA and MR write
// them inside names (Kwangch'ŏl), other agencies drop them.
const APOSTROPHE_LIKE = /^['\u2018\u2019\u201b\u2032\u2035\u0060\u00b4\uff07\u02b9-\u02ff]$/u;
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\u00ad]$/u;
const HANGUL_OR_JAMO = /^[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]$/u;
const SPECIAL: Record<string, string> = { 'ß': 'ss', 'ẞ': 'ss', 'ς': 'σ', 'ſ': 's', 'ı': 'i', 'й': 'й', 'Й': 'й', '&': ' ' };

function compute(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return SINGLE_BASE + c;
  const s = String.fromCharCode(c);
  const special = SPECIAL[s];
  if (special !== undefined) return encode(special === ' ' ? '' : special, special === ' ');
  if (SPACE_LIKE.test(s)) return SPACE;
  if (APOSTROPHE_LIKE.test(s) || INVISIBLE.test(s)) return DELETE;
  let t = s.normalize('NFKC').toLowerCase();
  if (!HANGUL_OR_JAMO.test(s)) t = t.normalize('NFD').replace(/\p{M}/gu, '');
  // Fold the pieces again so that folding a folded text changes nothing (idempotence).
  let out = '';
  let space = false;
  for (const ch of t) {
    if (SPACE_LIKE.test(ch) || ch === '&') {
      if (!space) out += ' ';
      space = true;
    } else if (!(APOSTROPHE_LIKE.test(ch) || INVISIBLE.test(ch))) {
      out += SPECIAL[ch] ?? ch;
      space = false;
    }
  }
  if (out === ' ') return SPACE;
  return encode(out, false);
}

function encode(out: string, space: boolean): number {
  if (space) return SPACE;
  if (out.length === 0) return DELETE;
  if (out.length === 1) return SINGLE_BASE + out.charCodeAt(0);
  multi.push(out);
  return MULTI_BASE + multi.length - 1;
}

for (let c = 0; c < 128; c++) FOLD[c] = compute(c);

function foldCode(c: number): number {
  const f = FOLD[c]!;
  if (f !== UNKNOWN) return f;
  const g = compute(c);
  FOLD[c] = g;
  return g;
}

/**
 * A folded document: `chars[0..length)` is the folded text; `start[i]`/`end[i]` are the
 * UTF-16 offsets in the original text of the piece folded unit `i` came from.
 * Buffers are reused between calls of the same owner, so read them before folding again.
 */
export interface FoldedText {
  chars: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  length: number;
  /**
   * Folded offsets of capital ASCII letters written against a preceding letter
   * ("ComradeKim", "HEKim"): scrapers drop the spaces around names set in bold, so a
   * name may start there. Ascending; `seamCount` entries are valid.
   */
  seams: Int32Array;
  seamCount: number;
}

/** Reusable output buffers for {@link foldText}. */
export function createFoldBuffer(capacity = 8192): FoldedText {
  return {
    chars: new Uint16Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    length: 0,
    seams: new Int32Array(64),
    seamCount: 0,
  };
}

function grow(buf: FoldedText, need: number): void {
  let cap = buf.chars.length;
  while (cap < need) cap *= 2;
  const chars = new Uint16Array(cap);
  chars.set(buf.chars.subarray(0, buf.length));
  const start = new Int32Array(cap);
  start.set(buf.start.subarray(0, buf.length));
  const end = new Int32Array(cap);
  end.set(buf.end.subarray(0, buf.length));
  buf.chars = chars;
  buf.start = start;
  buf.end = end;
}

/**
 * Folds `text` into `buf` (see the module comment). Leading spaces are kept as one space,
 * so a match at offset 0 of the folded text is also at the start of the document.
 */
export function foldText(text: string, buf: FoldedText = createFoldBuffer(text.length + 16)): FoldedText {
  const n = text.length;
  // Folding never grows a text by more than a little (ß→ss, ligatures); grow lazily beyond that.
  if (buf.chars.length < n + 16) grow(buf, n + 16);
  let chars = buf.chars;
  let start = buf.start;
  let end = buf.end;
  let len = 0;
  let lastSpace = false;
  let prevLetter = false;
  let seams = buf.seams;
  let seamCount = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let f: number;
    if (c < 128) {
      const upper = c >= 65 && c <= 90;
      if (upper && prevLetter) {
        if (seamCount === seams.length) {
          const bigger = new Int32Array(seams.length * 2);
          bigger.set(seams);
          seams = bigger;
          buf.seams = seams;
        }
        seams[seamCount++] = len;
      }
      prevLetter = upper || (c >= 97 && c <= 122);
    } else prevLetter = false;
    let from = i;
    if (c === 38) {
      const ref = decodeEntityAt(text, i);
      if (ref) {
        i += ref.length - 1;
        const folded = normalizeString(ref.value);
        if (folded.length === 0 || folded === ' ') {
          // `&amp;` and `&nbsp;` separate words: fold them to a space like a raw `&`.
          if (!lastSpace && (folded === ' ' || ref.value === '&' || /\s/u.test(ref.value))) {
            chars[len] = 32;
            start[len] = from;
            end[len] = i + 1;
            len++;
            lastSpace = true;
          }
          continue;
        }
        if (len + folded.length + 1 >= chars.length) {
          buf.length = len;
          grow(buf, len + folded.length + n - i + 16);
          ({ chars, start, end } = buf);
        }
        for (let k = 0; k < folded.length; k++) {
          chars[len] = folded.charCodeAt(k);
          start[len] = from;
          end[len] = i + 1;
          len++;
        }
        lastSpace = folded.charCodeAt(folded.length - 1) === 32;
        continue;
      }
      f = SPACE;
    } else if (c < 128) {
      f = FOLD[c]!;
    } else {
      f = foldCode(c);
    }
    if (f >= SINGLE_BASE) {
      chars[len] = f - SINGLE_BASE;
      start[len] = from;
      end[len] = i + 1;
      len++;
      lastSpace = false;
    } else if (f === SPACE) {
      if (lastSpace) {
        end[len - 1] = i + 1;
      } else {
        chars[len] = 32;
        start[len] = from;
        end[len] = i + 1;
        len++;
        lastSpace = true;
      }
    } else if (f >= MULTI_BASE) {
      const s = multi[f - MULTI_BASE]!;
      if (len + s.length + 1 >= chars.length) {
        buf.length = len;
        grow(buf, len + s.length + n - i + 16);
        ({ chars, start, end } = buf);
      }
      for (let k = 0; k < s.length; k++) {
        chars[len] = s.charCodeAt(k);
        start[len] = from;
        end[len] = i + 1;
        len++;
      }
      lastSpace = false;
    }
    // DELETE: nothing to emit.
  }
  buf.length = len;
  buf.seamCount = seamCount;
  return buf;
}

/**
 * Folds a string (see the module comment) and trims it. Idempotent:
 * `normalize(normalize(s)) === normalize(s)`.
 */
export function normalize(text: string): string {
  return normalizeString(text).trim();
}

function normalizeString(text: string): string {
  let out = '';
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 38) {
      const ref = decodeEntityAt(text, i);
      if (ref) {
        const inner = normalizeString(ref.value);
        i += ref.length - 1;
        if (inner === '' || inner === ' ') {
          if (!lastSpace && (inner === ' ' || ref.value === '&')) {
            out += ' ';
            lastSpace = true;
          }
          continue;
        }
        out += inner;
        lastSpace = inner.endsWith(' ');
        continue;
      }
    }
    const f = foldCode(c);
    if (f >= SINGLE_BASE) {
      out += String.fromCharCode(f - SINGLE_BASE);
      lastSpace = false;
    } else if (f === SPACE) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
    } else if (f >= MULTI_BASE) {
      out += multi[f - MULTI_BASE]!;
      lastSpace = false;
    }
  }
  return out;
}
