import { charClass, CYRILLIC, HANGUL, LATIN, OTHER } from './char-class.ts';
import { endsWithTitle, startsWithParticleOrTitle } from './hangul.ts';
import type { FoldedText } from './normalize.ts';
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
): number {
  const chars = f.chars;
  const length = f.length;
  const next = end < length ? charClass(chars[end]!) : OTHER;
  switch (rule) {
    case BoundaryRule.Word: {
      if (!continuesWord(next)) return end;
      if (charClass(chars[end - 1]!) === OTHER) return end;
      // English possessive: Kozlov's, Kozlov’s (the apostrophe was folded away).
      if (
        chars[end] === 0x73 &&
        (end + 1 >= length || !continuesWord(charClass(chars[end + 1]!))) &&
        APOSTROPHES.has(original.charCodeAt(f.end[end - 1]!))
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
