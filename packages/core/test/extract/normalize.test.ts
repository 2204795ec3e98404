import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, normalize } from '../../src/index.ts';
import { originalEnd, originalStart, withoutCaseBit } from '../../src/extract/normalize.ts';

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

describe('normalizeString fast path', () => {
  it('folds plain ASCII names as the per-character fold does', async () => {
    const { normalizeString, foldCode, SINGLE_BASE, SPACE } = await import('../../src/extract/normalize.ts');
    const perCharacter = (text: string): string => {
      let out = '';
      let lastSpace = false;
      for (const ch of text) {
        const f = foldCode(ch.charCodeAt(0));
        if (f === SPACE) {
          if (!lastSpace) out += ' ';
          lastSpace = true;
        } else {
          out += String.fromCharCode(f - SINGLE_BASE);
          lastSpace = false;
        }
      }
      return out;
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 ]{0,30}$/), (s) => {
        expect(normalizeString(s)).toBe(perCharacter(s));
      }),
      { numRuns: 2000 },
    );
  });
});
