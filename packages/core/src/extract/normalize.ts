import { decodeEntityAt } from './html-entities.ts';

/**
 * Folding: the one definition of "the same text" used for aliases, query terms and
 * documents alike. Per UTF-16 code unit: NFKC, lower case, diacritics and breves removed
 * (ŏ→o, é→e, ё→е; й is kept, it is a letter of its own in Russian), apostrophes and
 * modifier letters removed (Kwangch'ŏl = Kwangchol), every hyphen, dash and space
 * folded to one space and runs of them collapsed, invisible format characters removed,
 * HTML character references decoded.
 *
 * Folding is per code unit, so it is a lookup in a memoized table. The scan
 * (automaton.ts) folds a document on the fly while matching, so offsets are original
 * offsets and evidence always points at the original text; {@link foldText} folds into a
 * buffer with a map back to the original, used for the small windows the boundary rules
 * look at and by tests.
 */

export const UNKNOWN = 0;
export const DELETE = 1;
export const SPACE = 2;
/** Values from MULTI_BASE up to SINGLE_BASE index `multi`; values from SINGLE_BASE are one code unit. */
export const MULTI_BASE = 3;
export const SINGLE_BASE = 0x10000;

/** Fold table per code unit (see the constants above); filled lazily by {@link foldCode}. */
export const FOLD = new Int32Array(65536);
/** Multi-unit fold results, indexed by `value - MULTI_BASE`. */
export const multi: string[] = [];

const SPACE_LIKE = /^[\s\p{Pd}\u2212\u2043\u00a0\u2000-\u200a\u202f\u205f\u3000_]$/u;
// Apostrophes, primes, backticks and spacing modifier letters (ʼ ʻ ˈ ´ …): KCNA and MR write
// them inside names (Kwangch'ŏl), other agencies drop them.
const APOSTROPHE_LIKE = /^['\u2018\u2019\u201b\u2032\u2035\u0060\u00b4\uff07\u02b9-\u02ff]$/u;
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\u00ad]$/u;
const HANGUL_OR_JAMO = /^[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]$/u;
const SPECIAL: Record<string, string> = { 'ß': 'ss', 'ẞ': 'ss', 'ς': 'σ', 'ſ': 's', 'ı': 'i', 'й': 'й', 'Й': 'й', '&': ' ' };
// Greek letters that look like Cyrillic ones fold to them: some sites that rewrite Russian
// news mix them into words («Примοрсκий» with a Greek omicron and kappa) so that copies do
// not match. Capitals fold through their lower case. Greek text folds consistently too,
// so Greek aliases still match Greek text.
for (const [greek, cyrillic] of ['αа', 'βв', 'εе', 'ηн', 'κк', 'μм', 'οо', 'ρр', 'τт', 'υу', 'χх']) {
  SPECIAL[greek!] = cyrillic!;
  SPECIAL[greek!.toUpperCase()] = cyrillic!;
}

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
// The case bit: in folded documents (not in normalize()), a capital ASCII letter becomes
// its lower-case letter moved into the Private Use Area (U+E000 + code). The automaton
// maps both to the same symbol, so matching is case-blind, while the scan and the
// boundary rules can still see where a capital is written against a letter
// ("ComradeKim") and which names are written in title case. Real Private Use Area
// characters in that range are dropped so they cannot be mistaken for letters.
export const CASE_BIT_BASE = 0xe000;
/** ASCII fold table for documents: capitals carry the case bit. */
export const FOLD_DOC = new Int32Array(128);
for (let c = 0; c < 128; c++) FOLD_DOC[c] = c >= 65 && c <= 90 ? SINGLE_BASE + CASE_BIT_BASE + c + 32 : FOLD[c]!;
for (let c = CASE_BIT_BASE; c < CASE_BIT_BASE + 128; c++) FOLD[c] = DELETE;

/** Undoes the case bit of a folded document unit. */
export function withoutCaseBit(c: number): number {
  return c >= CASE_BIT_BASE + 97 && c <= CASE_BIT_BASE + 122 ? c - CASE_BIT_BASE : c;
}
// `&` may start a character reference: route it off the fast path (neither single nor space).
const AMPERSAND_MARK = MULTI_BASE + multi.push('&') - 1;
FOLD[38] = AMPERSAND_MARK;
FOLD_DOC[38] = AMPERSAND_MARK;

/** The fold value of a code unit, computing and memoizing it on first sight. */
export function foldCode(c: number): number {
  const f = FOLD[c]!;
  if (f !== UNKNOWN) return f;
  const g = compute(c);
  FOLD[c] = g;
  return g;
}

/**
 * A folded document: `chars[0..length)` is the folded text. The way back to the original
 * is a list of checkpoints: from folded offset `ckFolded[k]` on, folded unit `j` came from
 * original offset `j + ckDelta[k]`. Most characters fold one to one, so checkpoints are
 * only written where that changes (a deleted apostrophe, collapsed spaces, an entity),
 * which keeps the folding loop to one read and one write per character.
 * Buffers are reused between calls of the same owner, so read them before folding again.
 */
export interface FoldedText {
  /** The original text. */
  text: string;
  chars: Uint16Array;
  length: number;
  ckFolded: Int32Array;
  ckDelta: Int32Array;
  ckCount: number;
}

/** Reusable output buffers for {@link foldText}. */
export function createFoldBuffer(capacity = 8192): FoldedText {
  return { text: '', chars: new Uint16Array(capacity), length: 0, ckFolded: new Int32Array(256), ckDelta: new Int32Array(256), ckCount: 0 };
}

/** The original offset where folded unit `j` starts. */
export function originalStart(f: FoldedText, j: number): number {
  const { ckFolded, ckDelta } = f;
  let lo = 0;
  let hi = f.ckCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ckFolded[mid]! <= j) lo = mid + 1;
    else hi = mid;
  }
  return j + ckDelta[lo - 1]!;
}

/** The original offset just after the piece folded unit `j` came from. */
export function originalEnd(f: FoldedText, j: number): number {
  const at = originalStart(f, j);
  const c = f.text.charCodeAt(at);
  if (c === 38) return at + (decodeEntityAt(f.text, at)?.length ?? 1);
  if (c >= 0xd800 && c <= 0xdbff) return at + 2;
  return at + 1;
}

/** The folded offset of original offset `i` (which must not be a deleted character). */
export function foldedOffset(f: FoldedText, i: number): number {
  const { ckFolded, ckDelta } = f;
  let lo = 0;
  let hi = f.ckCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ckFolded[mid]! + ckDelta[mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return i - ckDelta[lo - 1]!;
}

/** Records that from folded offset `len` on, the delta to the original is `d`; returns the new count. */
function pushCheckpoint(buf: FoldedText, ck: number, len: number, d: number): number {
  if (buf.ckFolded[ck - 1] === len) {
    buf.ckDelta[ck - 1] = d; // several events at one folded offset: the last one wins
    return ck;
  }
  if (ck === buf.ckFolded.length) {
    const f2 = new Int32Array(ck * 2);
    f2.set(buf.ckFolded);
    const d2 = new Int32Array(ck * 2);
    d2.set(buf.ckDelta);
    buf.ckFolded = f2;
    buf.ckDelta = d2;
  }
  buf.ckFolded[ck] = len;
  buf.ckDelta[ck] = d;
  return ck + 1;
}

/** Makes room for `extra` more folded units after `len`. */
function ensureRoom(buf: FoldedText, len: number, extra: number): Uint16Array {
  if (len + extra + 16 < buf.chars.length) return buf.chars;
  const bigger = new Uint16Array((len + extra + 16) * 2);
  bigger.set(buf.chars.subarray(0, len));
  buf.chars = bigger;
  return bigger;
}

/** Folds `text` into `buf` (see the module comment). Leading spaces are kept as one space. */
export function foldText(text: string, buf: FoldedText = createFoldBuffer(text.length + 16)): FoldedText {
  const n = text.length;
  buf.text = text;
  // Folding never grows a text by more than a little (ß→ss, ligatures); grow lazily beyond that.
  if (buf.chars.length < n + 16) buf.chars = new Uint16Array(n + (n >> 2) + 16);
  let chars = buf.chars;
  buf.ckFolded[0] = 0;
  buf.ckDelta[0] = 0;
  // Hot-loop state lives in locals only (no closures: captured variables would live on the heap).
  let ck = 1;
  let delta = 0;
  let len = 0;
  let lastSpace = false;
  const foldDoc = FOLD_DOC;
  const fold = FOLD;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const f = c < 128 ? foldDoc[c]! : fold[c]!;
    if (f >= SINGLE_BASE) {
      // The hot path: one code unit in, one out.
      if (i - len !== delta) {
        delta = i - len;
        ck = pushCheckpoint(buf, ck, len, delta);
      }
      chars[len++] = f - SINGLE_BASE;
      lastSpace = false;
    } else if (f === SPACE) {
      if (!lastSpace) {
        if (i - len !== delta) {
          delta = i - len;
          ck = pushCheckpoint(buf, ck, len, delta);
        }
        chars[len++] = 32;
        lastSpace = true;
      }
    } else if (f === DELETE) {
      // nothing to emit
    } else if (f === UNKNOWN) {
      fold[c] = compute(c);
      i--; // fold this character again, now that the table knows it
    } else {
      let piece: string;
      let pieceLength = 1;
      if (c === 38) {
        const ref = decodeEntityAt(text, i);
        if (ref) {
          piece = normalizeString(ref.value);
          pieceLength = ref.length;
          // `&amp;` and `&nbsp;` separate words: fold them to a space like a raw `&`.
          if (piece === '' && (ref.value === '&' || /\s/u.test(ref.value))) piece = ' ';
        } else piece = ' ';
      } else piece = multi[f - MULTI_BASE]!;
      if (piece === ' ') {
        if (!lastSpace) {
          if (i - len !== delta) {
            delta = i - len;
            ck = pushCheckpoint(buf, ck, len, delta);
          }
          chars[len++] = 32;
          lastSpace = true;
        }
      } else if (piece !== '') {
        chars = ensureRoom(buf, len, piece.length + n - i);
        for (let k = 0; k < piece.length; k++) {
          if (i - len !== delta) {
            delta = i - len;
            ck = pushCheckpoint(buf, ck, len, delta);
          }
          chars[len++] = piece.charCodeAt(k);
        }
        lastSpace = piece.charCodeAt(piece.length - 1) === 32;
      }
      i += pieceLength - 1;
    }
  }
  buf.length = len;
  buf.ckCount = ck;
  return buf;
}

/**
 * Folds a string (see the module comment) and trims it. Idempotent:
 * `normalize(normalize(s)) === normalize(s)`.
 */
export function normalize(text: string): string {
  return normalizeString(text).trim();
}

/**
 * Per code unit: 1 if its fold is what `toLowerCase` makes of it, one unit for one, so
 * that a run of such units folds with one native `toLowerCase` call (2: it does not; 0:
 * not known yet). Excluded: Σ, the one unit whose lower case depends on its neighbours
 * (word-final ς), and surrogates, whose pairs lower-case as one character.
 */
const LOWER_FOLDS = new Uint8Array(65536);

function lowerFolds(c: number): boolean {
  let v = LOWER_FOLDS[c]!;
  if (v === 0) {
    const f = foldCode(c);
    const lower = String.fromCharCode(c).toLowerCase();
    const same = f >= SINGLE_BASE && lower.length === 1 && lower.charCodeAt(0) === f - SINGLE_BASE;
    v = LOWER_FOLDS[c] = same && c !== 0x3a3 && (c < 0xd800 || c > 0xdfff) ? 1 : 2;
  }
  return v === 1;
}

/** Folds a string without trimming (see {@link normalize}). */
export function normalizeString(text: string): string {
  // Names are mostly runs of letters, digits and single spaces whose fold is their lower
  // case: each run is one native toLowerCase of a slice, not a string built unit by unit
  // (the first cost of a 100k-alias build).
  let out = '';
  let run = 0; // start of the pending run
  let lastSpace = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 ? !lastSpace : lowerFolds(c)) {
      lastSpace = c === 32;
      continue;
    }
    if (run < i) out += text.slice(run, i).toLowerCase();
    if (c === 38) {
      const ref = decodeEntityAt(text, i);
      if (ref) {
        const inner = normalizeString(ref.value);
        i += ref.length - 1;
        run = i + 1;
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
      run = i + 1;
      if (!lastSpace) out += ' ';
      lastSpace = true;
      continue;
    }
    run = i + 1;
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
  if (run === 0) return text.toLowerCase();
  if (run < n) out += text.slice(run).toLowerCase();
  return out;
}
