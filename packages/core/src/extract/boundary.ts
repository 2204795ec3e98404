import { charClass, CYRILLIC, HANGUL, LATIN, OTHER } from './char-class.ts';
import { endsWithTitle, startsWithParticleOrTitle } from './hangul.ts';
import { CASE_BIT_BASE, originalEnd, originalStart, type FoldedText } from './normalize.ts';
import { RUSSIAN_ENDING_SETS } from './russian-endings.ts';
import { BoundaryRule } from './variants.ts';

/** Why a candidate hit was rejected (negative results of {@link checkBoundary}). */
export const Rejection = {
  WordContinues: -1,
  HangulSuffix: -2,
  HangulPrefix: -3,
  NoRussianEnding: -4,
} as const;

/** A sentence per rejection, for `watchlist explain`. */
export const REJECTION_REASONS: Record<number, string> = {
  [-1]: 'the word continues (not a whole word)',
  [-2]: 'followed by more Hangul that is not a particle or title',
  [-3]: 'starts inside a longer Hangul word (no title before it)',
  [-4]: 'followed by letters that are not a Russian case ending of this word',
};

// Endings as code-unit arrays, longest first, so the longest valid ending wins.
const ENDINGS: Uint16Array[][] = RUSSIAN_ENDING_SETS.map((set) =>
  [...set].sort((a, b) => b.length - a.length).map((e) => Uint16Array.from(e, (ch) => ch.charCodeAt(0))),
);

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x2bc, 0x60, 0xb4, 0x2032]);

function continuesWord(cls: number): boolean {
  return cls === LATIN || cls === CYRILLIC;
}

/**
 * Checks a candidate hit `[start, end)` (folded offsets) of a key with `rule` against its
 * surroundings. Returns the folded end of the accepted match (a Russian ending or a
 * prefix's word continuation extends it) or a negative {@link Rejection}.
 */
export function checkBoundary(
  rule: number,
  paradigm: number,
  f: FoldedText,
  start: number,
  end: number,
  original: string,
  gluable = false,
): number {
  const chars = f.chars;
  const length = f.length;
  const next = end < length ? charClass(chars[end]!) : OTHER;
  // A start inside a word (a seam such as "ComradeKim") is only a boundary for names
  // that may be glued (see gluedName); every other rule needs a real word start.
  const gluedLeft = start > 0 && continuesWord(charClass(chars[start - 1]!)) && charClass(chars[start]!) !== HANGUL;
  if (gluedLeft && !(gluable && gluedName(f, start, end, original))) return Rejection.WordContinues;
  switch (rule) {
    case BoundaryRule.Word: {
      if (!continuesWord(next)) return end;
      if (gluable && gluedName(f, start, end, original)) return end;
      if (charClass(chars[end - 1]!) === OTHER) return end;
      // English possessive: Kozlov's, Kozlov’s (the apostrophe was folded away).
      if (
        (chars[end] === 0x73 || chars[end] === CASE_BIT_BASE + 0x73) &&
        (end + 1 >= length || !continuesWord(charClass(chars[end + 1]!))) &&
        APOSTROPHES.has(original.charCodeAt(originalEnd(f, end - 1)))
      ) {
        return end;
      }
      return Rejection.WordContinues;
    }
    case BoundaryRule.Hangul: {
      if (start > 0 && charClass(chars[start - 1]!) === HANGUL && !endsWithTitle(chars, start)) return Rejection.HangulPrefix;
      if (next === HANGUL && !startsWithParticleOrTitle(chars, end, length)) return Rejection.HangulSuffix;
      if (continuesWord(next) && charClass(chars[end - 1]!) !== HANGUL) return Rejection.WordContinues;
      return end;
    }
    case BoundaryRule.Cyrillic: {
      for (const e of ENDINGS[paradigm]!) {
        const after = end + e.length;
        if (after > length) continue;
        let ok = true;
        for (let k = 0; k < e.length; k++) {
          if (chars[end + k] !== e[k]) {
            ok = false;
            break;
          }
        }
        if (ok && (after >= length || !continuesWord(charClass(chars[after]!)))) return after;
      }
      return Rejection.NoRussianEnding;
    }
    default: {
      // Prefix: a Hangul prefix must start its word like any Hangul key.
      if (charClass(chars[start]!) === HANGUL && start > 0 && charClass(chars[start - 1]!) === HANGUL && !endsWithTitle(chars, start)) {
        return Rejection.HangulPrefix;
      }
      // Extend to the end of the word so evidence shows the whole word.
      let e = end;
      while (e < length && continuesWord(charClass(chars[e]!))) e++;
      return e;
    }
  }
}

/**
 * KCNA pages set the leader's name in bold and scrapers drop the spaces around it
 * ("ComradeKim Jong Unexpressed"). A romanized Korean name of three or more words
 * (always a full name: a two-syllable given name with a surname) is accepted glued to
 * letters when every word of the matched text is in title case, as a name is.
 */
function gluedName(f: FoldedText, start: number, end: number, original: string): boolean {
  const text = original.slice(originalStart(f, start), originalEnd(f, end - 1));
  const words = text.split(/[\s\p{Pd}]+/u);
  // Title case exactly (Kim Jong Un), so all-caps headlines (KIM JONG UNITED) do not qualify.
  return words.length >= 3 && words.every((w) => /^\p{Lu}[\p{Ll}\p{M}'’ʼ]*$/u.test(w));
}
