/**
 * Near-duplicate detection for story clustering: MinHash over word shingles, with
 * locality-sensitive hashing (LSH) bands for finding candidates by index lookup.
 *
 * Why MinHash and not SimHash: a reprint (KCNA on kcna.kp and on KCNA Watch, a wire
 * story on three sites) keeps the text but changes header, footer and spacing. On 185
 * real KCNA articles such a reprint lies 3–15 SimHash bits away, so a SimHash index
 * must accept ~12 bits, which no small set of band indexes can find. MinHash estimates
 * the shingle Jaccard directly, and its bands find pairs above ~0.6 with >90 %
 * probability with one indexed lookup per band.
 */

/** Default shingle size (words). */
export const SHINGLE_WORDS = 3;
/** MinHash slots per signature. */
export const MINHASH_SLOTS = 64;
/** LSH bands (of MINHASH_SLOTS / LSH_BANDS = 4 slots each): P(candidate) = 1 − (1 − J⁴)¹⁶: 0.92 at J = 0.62, 0.99 at 0.7, 0.0001 at 0.05. */
export const LSH_BANDS = 16;
/** Estimated shingle Jaccard at or above which two texts are one story. */
export const NEAR_DUPLICATE_MIN_JACCARD = 0.5;
/** Texts with fewer words are never called duplicates: short texts (a headline, "Photo") collide too easily. */
export const NEAR_DUPLICATE_MIN_WORDS = 20;

const ROWS = MINHASH_SLOTS / LSH_BANDS;
// Slot i hashes a (well-mixed) shingle hash x as (A[i]·x + B[i]) mod 2³², the
// multiply-add family MinHash implementations commonly use: two operations per slot.
const MUL = Int32Array.from({ length: MINHASH_SLOTS }, (_, i) => fmix32(0x9e3779b9 * (i + 1)) | 1);
const ADD = Int32Array.from({ length: MINHASH_SLOTS }, (_, i) => fmix32(0x7f4a7c15 * (i + 7)));

/**
 * The words of a text for comparison: NFKC, case-folded, punctuation and symbols
 * dropped. Letters of any script count (Hangul, Cyrillic, Latin), so it works for
 * Korean and Russian text too.
 */
export function normalizedWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** murmur3's 32-bit finalizer: spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** 32-bit FNV-1a over the UTF-16 code units of words[from..to), separated by spaces. */
function shingleHash(words: string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let w = from; w < to; w++) {
    const word = words[w]!;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x20, 0x01000193);
  }
  return h | 0;
}

/** The distinct shingle hashes of a text (a text shorter than one shingle counts as one). */
export function shingleSet(text: string, shingleWords = SHINGLE_WORDS): Set<number> {
  const words = normalizedWords(text);
  const n = Math.max(1, Math.min(shingleWords, words.length));
  const out = new Set<number>();
  for (let i = 0; i + n <= words.length; i++) out.add(shingleHash(words, i, i + n));
  return out;
}

/**
 * The MinHash signature of a text: for each of {@link MINHASH_SLOTS} hash functions,
 * the smallest hash over its shingles. Null for texts under {@link NEAR_DUPLICATE_MIN_WORDS} words.
 */
export function minhashSignature(text: string, minWords = NEAR_DUPLICATE_MIN_WORDS): Int32Array | null {
  const words = normalizedWords(text);
  if (words.length < minWords) return null;
  const sig = new Int32Array(MINHASH_SLOTS).fill(0x7fffffff);
  const n = Math.min(SHINGLE_WORDS, words.length);
  // A repeated shingle changes no minimum, so no set is needed.
  for (let w = 0; w + n <= words.length; w++) {
    const x = fmix32(shingleHash(words, w, w + n));
    for (let i = 0; i < MINHASH_SLOTS; i++) {
      const h = (Math.imul(MUL[i]!, x) + ADD[i]!) | 0;
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** The LSH band keys of a signature: one 32-bit hash per band of 4 slots. Two texts sharing any band are candidates. */
export function lshBands(signature: ArrayLike<number>): Int32Array {
  const bands = new Int32Array(LSH_BANDS);
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(h, 31) ^ signature[b * ROWS + r]!);
    bands[b] = h;
  }
  return bands;
}

/** The Jaccard similarity of two texts estimated from their signatures: the share of equal slots. */
export function estimatedJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SLOTS; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SLOTS;
}

/** Exact Jaccard similarity of the two texts' word-shingle sets, 0..1. */
export function shingleJaccard(a: string, b: string, shingleWords = SHINGLE_WORDS): number {
  const sa = shingleSet(a, shingleWords);
  const sb = shingleSet(b, shingleWords);
  if (sa.size === 0 && sb.size === 0) return 1;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / (sa.size + sb.size - shared);
}

/** Whether two texts are near-duplicates: long enough, and estimated Jaccard at least `minJaccard`. */
export function isNearDuplicate(a: string, b: string, minJaccard = NEAR_DUPLICATE_MIN_JACCARD): boolean {
  const sa = minhashSignature(a);
  const sb = minhashSignature(b);
  return sa !== null && sb !== null && estimatedJaccard(sa, sb) >= minJaccard;
}
