import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, normalize } from '../../src/index.ts';
import { normalizeString, originalEnd, originalStart, withoutCaseBit } from '../../src/extract/normalize.ts';

describe('normalize: one table per script', () => {
  it.each([
    // English / romanized Korean
    ['KIM Jong Un', 'kim jong un'],
    ["Kwangch'ŏl", 'kwangchol'],
    ['Kwangchʼŏl', 'kwangchol'],
    ['Ch’ŏllima', 'chollima'],
    ['Tu-chol', 'tu chol'],
    ['Tu–chol — Tu‑chol', 'tu chol tu chol'],
    ['Pyŏngyang  \n\t Sŭngri', 'pyongyang sungri'],
    ['Café Pérez', 'cafe perez'],
    ['Ｋｉｍ　Ｊｏｎｇ', 'kim jong'],
    ['Rason&nbsp;City', 'rason city'],
    ['Lavrov&#8217;s &amp; Shoigu&#x2019;s', 'lavrovs shoigus'],
    ['Ko\u00adzlov', 'kozlov'],
    ['ﬁnance', 'finance'],
    // Korean: Hangul syllables are kept whole (NFKC only), spacing collapsed
    ['김정은  동지', '김정은 동지'],
    ['ﾛｼｱ', 'ロシア'],
    ['\u1100\u1161', '\u1100\u1161'],
    // Russian: case folded, ё→е, й kept
    ['ВЛАДИВОСТОК', 'владивосток'],
    ['Ёлкин Шойгу', 'елкин шойгу'],
    ['Хасан—Раджин', 'хасан раджин'],
    // Greek look-alikes inside Russian words fold to the Cyrillic letters
    ['Примοрсκий ΚΡΑЙ', 'приморский край'],
  ])('%s → %s', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => normalize(normalize(s)) === normalize(s)),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on text built from the tricky pieces', () => {
    const piece = fc.constantFrom('Kim', 'ŏ', "'", '’', '-', '—', ' ', '\n', '&amp;', '&', 'amp;', '&#39;', 'ß', 'İ', 'Ё', 'й', '김', '은', 'ﬁ', '\u0301', '\u00ad', 'ʼ', '½', '¨');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        return normalize(normalize(s)) === normalize(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps an offset map back to the original text', () => {
    const text = "Ro Tu-ch'ŏl &amp; Kozlov";
    const f = foldText(text);
    const folded = String.fromCharCode(...Array.from(f.chars.subarray(0, f.length), withoutCaseBit));
    expect(folded).toBe('ro tu chol kozlov');
    const i = folded.indexOf('chol');
    expect(text.slice(originalStart(f, i), originalEnd(f, i + 3))).toBe("ch'ŏl");
    const k = folded.indexOf('kozlov');
    expect(text.slice(originalStart(f, k), originalEnd(f, k + 5))).toBe('Kozlov');
    // Every folded unit maps into the original, in order.
    for (let j = 1; j < f.length; j++) expect(originalStart(f, j)).toBeGreaterThanOrEqual(originalStart(f, j - 1));
  });
});

describe('normalizeString runs', () => {
  // normalizeString folds runs of units with one toLowerCase call; this is the plain
  // per-unit definition it must agree with (character references aside).
  const perUnit = async (): Promise<(text: string) => string> => {
    const { foldCode, multi, SINGLE_BASE, SPACE, MULTI_BASE } = await import('../../src/extract/normalize.ts');
    return (text) => {
      let out = '';
      let lastSpace = false;
      for (let i = 0; i < text.length; i++) {
        const f = foldCode(text.charCodeAt(i));
        if (f === SPACE) {
          if (!lastSpace) out += ' ';
          lastSpace = true;
        } else if (f >= SINGLE_BASE) {
          out += String.fromCharCode(f - SINGLE_BASE);
          lastSpace = false;
        } else if (f >= MULTI_BASE) {
          out += multi[f - MULTI_BASE]!;
          lastSpace = false;
        }
      }
      return out;
    };
  };

  it('folds plain ASCII names as the per-unit fold does', async () => {
    const reference = await perUnit();
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 ]{0,30}$/), (s) => {
        expect(normalizeString(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds names in any script as the per-unit fold does, where lower case and fold differ too', async () => {
    const reference = await perUnit();
    // Σ lower-cases by context (word-final ς), İ to two units, Deseret 𐐀 as a surrogate
    // pair, ё folds to е, é and ŏ lose their marks: each must leave the toLowerCase runs.
    const piece = fc.constantFrom('Kim', 'KIM', 'Jong', ' ', '  ', 'Ро', 'ДУ', 'Ё', 'ё', 'й', 'Й', 'ΟΔΟΣ', 'Σ', 'σ', 'ς', 'İ', 'ı', '𐐀', '𐐨', '\ud801', '김', '정은', 'ß', 'ẞ', 'ﬁ', 'é', 'ŏ', "'", '’', '-', '—', '\u00a0', '\u0301', '\u00ad', '.', 'No.', '№', '1', 'Ⅻ', 'Ａ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const s = parts.join('');
        expect(normalizeString(s)).toBe(reference(s));
      }),
      { numRuns: 3000 },
    );
  });
});
