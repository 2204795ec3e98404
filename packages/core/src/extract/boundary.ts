import { charClass, CYRILLIC, HANGUL, LATIN, OTHER } from './char-class.ts';
import { endsWithTitle, startsWithParticleOrTitle } from './hangul.ts';
import { CASE_BIT_BASE, FOLD_DOC, foldCode, originalEnd, originalStart, SINGLE_BASE, SPACE, type FoldedText } from './normalize.ts';
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
  if (gluedLeft && !(gluable && gluedName(originalSpan(f, start, end, original)))) return Rejection.WordContinues;
  switch (rule) {
    case BoundaryRule.Word: {
      if (!continuesWord(next)) return end;
      if (gluable && gluedName(originalSpan(f, start, end, original))) return end;
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
export function gluedName(matched: string): boolean {
  // ASCII names (nearly all candidates) are checked word by word without the Unicode
  // expression, which cost 3 % of an English extraction at 100k aliases.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < matched.length; i++) {
    const c = matched.charCodeAt(i);
    if (c >= 128) return GLUED_NAME.test(matched);
    if (c >= 65 && c <= 90) {
      if (inWord) return false;
      inWord = true;
      words++;
    } else if ((c >= 97 && c <= 122) || c === 39) {
      if (!inWord) return false;
    } else if (c === 32 || c === 45 || (c >= 9 && c <= 13)) {
      if (words === 0) return false;
      inWord = false;
    } else return false;
  }
  return inWord && words >= 3;
}
// Three or more words split by whitespace or dashes, each in title case exactly (Kim Jong
// Un), so that all-caps headlines (KIM JONG UNITED) do not qualify.
const GLUED_NAME = /^\p{Lu}[\p{Ll}\p{M}'’ʼ]*(?:[\s\p{Pd}]+\p{Lu}[\p{Ll}\p{M}'’ʼ]*){2,}$/u;

/** The original text of the folded span `[start, end)`. */
function originalSpan(f: FoldedText, start: number, end: number, original: string): string {
  return original.slice(originalStart(f, start), originalEnd(f, end - 1));
}

/**
 * The folded unit of an original code unit when it folds to exactly one unit on its own
 * (a space for spaces and dashes), or -1 (deleted, several units, `&`, `;` that may end a
 * character reference): the fast paths below then leave the decision to the window path.
 */
function plainFold(c: number): number {
  if (c === 59) return -1;
  const f = c < 128 ? FOLD_DOC[c]! : foldCode(c);
  if (f >= SINGLE_BASE) return f - SINGLE_BASE;
  return f === SPACE && c !== 38 ? 32 : -1;
}

/** True if the folded unit before original offset `start` continues a word; undefined if unsure. */
function wordBefore(text: string, start: number): boolean | undefined {
  if (start === 0) return false;
  const b = plainFold(text.charCodeAt(start - 1));
  if (b < 0) return undefined;
  return continuesWord(charClass(b));
}

/**
 * {@link checkBoundary} for the Word, Cyrillic and Prefix rules computed on the original
 * text, when the characters it has to look at each fold to one unit on their own (most
 * hits). Returns the original end of the accepted match, a negative Rejection, or
 * undefined when the caller must fold a window and ask checkBoundary. Same answers as
 * checkBoundary by construction: it reads the same folded units.
 */
export function boundaryFast(rule: number, paradigm: number, text: string, start: number, end: number, gluable: boolean): number | undefined {
  const first = plainFold(text.charCodeAt(start));
  if (first < 0 || charClass(first) === HANGUL) return undefined;
  const before = wordBefore(text, start);
  if (before === undefined) return undefined;
  if (gluable && rule !== BoundaryRule.Word) return undefined;
  // Glued to a word on the left: only a name that may be glued, and is, holds.
  if (before && !(gluable && gluedName(text.slice(start, end)))) return Rejection.WordContinues;
  const n = text.length;
  if (rule === BoundaryRule.Word) {
    if (end === n) return end;
    const a = plainFold(text.charCodeAt(end));
    if (a < 0) return undefined;
    if (!continuesWord(charClass(a))) return end;
    // A letter follows ("Russia" in "Russian"): only a glued name, or a key ending in
    // punctuation, may still hold (a possessive has an apostrophe here, not a letter).
    if (gluable && gluedName(text.slice(start, end))) return end;
    const last = plainFold(text.charCodeAt(end - 1));
    if (last < 0) return undefined;
    return charClass(last) === OTHER ? end : Rejection.WordContinues;
  }
  if (rule === BoundaryRule.Cyrillic) {
    // The next four folded units (endings have at most three), -2 past the end of the text.
    let f0 = -2;
    let f1 = -2;
    let f2 = -2;
    let f3 = -2;
    for (let j = 0; j < 4 && end + j < n; j++) {
      const f = plainFold(text.charCodeAt(end + j));
      if (f < 0) return undefined;
      if (j === 0) f0 = f;
      else if (j === 1) f1 = f;
      else if (j === 2) f2 = f;
      else f3 = f;
    }
    for (const e of ENDINGS[paradigm]!) {
      const len = e.length;
      if ((len > 0 && e[0] !== f0) || (len > 1 && e[1] !== f1) || (len > 2 && e[2] !== f2)) continue;
      if (len > 3) return undefined;
      const after = len === 0 ? f0 : len === 1 ? f1 : len === 2 ? f2 : f3;
      if (after === -2 || !continuesWord(charClass(after))) return end + len;
    }
    return Rejection.NoRussianEnding;
  }
  if (rule === BoundaryRule.Prefix) {
    // Extend to the end of the word, as far as the window would reach.
    const limit = Math.min(n, end + 256);
    let e = end;
    for (; e < limit; e++) {
      const f = plainFold(text.charCodeAt(e));
      if (f < 0) return undefined;
      if (!continuesWord(charClass(f))) break;
    }
    return e === limit && limit < n ? undefined : e;
  }
  return undefined;
}
