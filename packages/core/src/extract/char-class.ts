/**
 * Character classes of folded text, used for word boundaries and for choosing the
 * boundary rule of an alias. One lazily filled table for the BMP keeps the hot loop
 * to a single typed-array read per character.
 */

/** Not part of a word: spaces, punctuation, symbols. */
export const OTHER = 0;
/** A letter or digit of any script except Hangul and Cyrillic (Latin, Greek, digits…). */
export const LATIN = 1;
/** A Hangul syllable or jamo: Korean words run into particles, so Hangul has its own rules. */
export const HANGUL = 2;
/** A Cyrillic letter: Russian words take case endings, so Cyrillic has its own rules. */
export const CYRILLIC = 3;

/** Class per code unit; 255 = not computed yet (call {@link charClass}). */
export const CLASS_UNKNOWN = 255;
export const CLASS_TABLE = new Uint8Array(65536).fill(CLASS_UNKNOWN);
const UNKNOWN = CLASS_UNKNOWN;
const table = CLASS_TABLE;
const WORDISH = /[\p{L}\p{N}]/u;

function compute(c: number): number {
  // Capital ASCII letters carry the case bit in folded documents (see normalize.ts).
  if (c >= 0xe061 && c <= 0xe07a) return LATIN;
  if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) return HANGUL;
  if (c >= 0x0400 && c <= 0x052f) return CYRILLIC;
  // Surrogates: treat astral letters (rare in news) as word characters so they never split a word.
  if (c >= 0xd800 && c <= 0xdfff) return LATIN;
  return WORDISH.test(String.fromCharCode(c)) ? LATIN : OTHER;
}

for (let c = 0; c < 128; c++) table[c] = compute(c);

/** The class of a UTF-16 code unit (memoized; pure). */
export function charClass(c: number): number {
  const v = table[c]!;
  if (v !== UNKNOWN) return v;
  const k = compute(c);
  table[c] = k;
  return k;
}

/** True for letters and digits of every script. */
export function isWordClass(cls: number): boolean {
  return cls !== OTHER;
}

/** The class that decides an alias's boundary rule: the class of its last word character. */
export function scriptOf(folded: string): number {
  for (let i = folded.length - 1; i >= 0; i--) {
    const k = charClass(folded.charCodeAt(i));
    if (k !== OTHER) return k;
  }
  return OTHER;
}
