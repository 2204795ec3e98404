import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimatedJaccard, isNearDuplicate, lshBands, minhashSignature, shingleJaccard, LSH_BANDS, MINHASH_SLOTS } from '../src/index.ts';
import { fixture } from './fixtures.ts';

interface KcnaRecord {
  headline: string;
  link: string;
  story_text?: string;
}
const records = JSON.parse(readFileSync(fixture('kcna', 'headlines_2024-08-04.json'), 'utf8')) as KcnaRecord[];
/** Distinct articles: KCNA repeats one article under several topics, so dedupe by text. */
const articles = [...new Map(records.filter((r) => (r.story_text ?? '').split(/\s+/).length >= 60).map((r) => [r.story_text!.trim(), r])).values()];

/** How a reprint site (KCNA Watch) wraps the same text: its own header, footer, spacing. */
function reprint(r: KcnaRecord): string {
  return `KCNA Watch | ${r.headline}\n\n  Published by KCNA Watch — ${r.link}\n\n${r.story_text!.replace(/\n/g, '\n\n').replace(/ /g, '  ')}\n\nShare this article: Twitter Facebook | Subscribe to KCNA Watch`;
}

describe('near-duplicate detection (MinHash over 3-word shingles, LSH bands)', () => {
  it('has enough real KCNA articles', () => expect(articles.length).toBeGreaterThan(150));

  const shareBand = (a: Int32Array, b: Int32Array) => {
    const ba = lshBands(a);
    const bb = lshBands(b);
    return ba.some((v, i) => v === bb[i]);
  };

  it('finds the same KCNA text with another header, footer and whitespace: a shared band, and Jaccard ≥ 0.5', () => {
    const misses = articles.filter((r) => {
      const a = minhashSignature(r.story_text!)!;
      const b = minhashSignature(reprint(r))!;
      return !(shareBand(a, b) && estimatedJaccard(a, b) >= 0.5);
    });
    // Measured: 0 of 185 reprints missed with 16 bands of 4 slots (8 bands of 4: 7; SimHash at 12 bits: 6, at 3 bits: 79 %).
    expect(misses.length / articles.length).toBeLessThan(0.02);
    expect(shingleJaccard(articles[0]!.story_text!, reprint(articles[0]!))).toBeGreaterThan(0.8);
    expect(isNearDuplicate(articles[0]!.story_text!, reprint(articles[0]!))).toBe(true);
  });

  it('keeps different KCNA articles apart (false-positive rate over all pairs)', () => {
    const sigs = articles.map((r) => minhashSignature(r.story_text!)!);
    let pairs = 0;
    let candidates = 0;
    let confirmed = 0;
    for (let i = 0; i < sigs.length; i++) {
      for (let j = i + 1; j < sigs.length; j++) {
        pairs++;
        if (!shareBand(sigs[i]!, sigs[j]!)) continue;
        candidates++;
        if (estimatedJaccard(sigs[i]!, sigs[j]!) >= 0.5) confirmed++;
      }
    }
    expect(pairs).toBeGreaterThan(10_000);
    // Candidates are what the band index returns to the database query: few.
    expect(candidates / pairs).toBeLessThan(0.002);
    expect(confirmed).toBe(0);
  });

  it('works for Korean and Cyrillic (case and NFKC folded, punctuation dropped)', () => {
    const ko = '조선민주주의인민공화국과 로씨야련방사이의 포괄적인 전략적동반자관계에 관한 조약이 체결되였다. 두 나라 수뇌들은 평양에서 회담을 진행하였다. 회담에서는 쌍무관계발전문제들이 토의되였다. 조약은 두 나라 인민들의 리익에 부합된다. 회담은 따뜻하고 친선적인 분위기속에서 진행되였다.';
    const ru = 'Россия и КНДР подписали договор о всеобъемлющем стратегическом партнёрстве. Лидеры двух стран провели переговоры в Пхеньяне. Стороны обсудили развитие двусторонних отношений. Договор отвечает интересам народов двух стран.';
    expect(estimatedJaccard(minhashSignature(ko)!, minhashSignature(`  ${ko.replace(/\./g, '!')}  `)!)).toBe(1);
    expect(estimatedJaccard(minhashSignature(ru)!, minhashSignature(ru.toUpperCase())!)).toBe(1);
    expect(estimatedJaccard(minhashSignature(ko)!, minhashSignature(ru)!)).toBe(0);
  });

  it('gives stable signatures, and none for short texts', () => {
    const text = articles[1]!.story_text!;
    const sig = minhashSignature(text)!;
    expect(sig).toHaveLength(MINHASH_SLOTS);
    expect(minhashSignature(text)).toEqual(sig);
    expect(lshBands(sig)).toHaveLength(LSH_BANDS);
    expect(minhashSignature('Kim Jong Un met Putin in Pyongyang on June 19')).toBeNull();
  });
});
