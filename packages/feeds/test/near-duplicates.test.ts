import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_MAX_DISTANCE, hammingDistance, isNearDuplicate, shingleJaccard, simhash64, simhashHalves, simhashHex } from '../src/index.ts';
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

describe('near-duplicate detection (SimHash over 3-word shingles)', () => {
  it('has enough real KCNA articles', () => expect(articles.length).toBeGreaterThan(150));

  it('calls the same KCNA text with another header, footer and whitespace a near-duplicate', () => {
    const misses = articles.filter((r) => !isNearDuplicate(r.story_text!, reprint(r)));
    // Measured: 6 of 185 reprints lie more than 12 bits away (short texts, where the wrapper is a large share).
    expect(misses.length / articles.length).toBeLessThan(0.05);
    expect(shingleJaccard(articles[0]!.story_text!, reprint(articles[0]!))).toBeGreaterThan(0.8);
  });

  it('keeps different KCNA articles apart (false-positive rate over all pairs)', () => {
    const hashes = articles.map((r) => simhash64(r.story_text!));
    let pairs = 0;
    let simhashOnly = 0;
    let confirmed = 0;
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        pairs++;
        if (hammingDistance(hashes[i]!, hashes[j]!) > NEAR_DUPLICATE_MAX_DISTANCE) continue;
        simhashOnly++;
        if (isNearDuplicate(articles[i]!.story_text!, articles[j]!.story_text!)) confirmed++;
      }
    }
    // 17,020 pairs: SimHash alone flags one templated pair (two "messages and letters from abroad"
    // lists, shingle Jaccard 0.36); the Jaccard confirmation drops it.
    expect(pairs).toBeGreaterThan(10_000);
    expect(simhashOnly / pairs).toBeLessThan(0.001);
    expect(confirmed).toBe(0);
  });

  it('works for Korean and Cyrillic (case and NFKC folded, punctuation dropped)', () => {
    const ko = '조선민주주의인민공화국과 로씨야련방사이의 포괄적인 전략적동반자관계에 관한 조약이 체결되였다. 두 나라 수뇌들은 평양에서 회담을 진행하였다. 회담에서는 쌍무관계발전문제들이 토의되였다. 조약은 두 나라 인민들의 리익에 부합된다.';
    const ru = 'Россия и КНДР подписали договор о всеобъемлющем стратегическом партнёрстве. Лидеры двух стран провели переговоры в Пхеньяне. Стороны обсудили развитие двусторонних отношений. Договор отвечает интересам народов двух стран.';
    expect(hammingDistance(simhash64(ko), simhash64(`  ${ko.replace(/\./g, '!')}  `))).toBe(0);
    expect(hammingDistance(simhash64(ru), simhash64(ru.toUpperCase()))).toBe(0);
    expect(hammingDistance(simhash64('ＡＢＣ ｄｅｆ ghi jkl'), simhash64('abc def ghi jkl'))).toBe(0);
    expect(hammingDistance(simhash64(ko), simhash64(ru))).toBeGreaterThan(10);
  });

  it('gives stable, well-formed hashes', () => {
    const h = simhash64('Kim Jong Un met Putin in Pyongyang on June 19');
    expect(h).toBe(simhash64('kim jong un met putin in pyongyang on june 19'));
    expect(h).toBeLessThan(1n << 64n);
    expect(simhashHex(h)).toMatch(/^[0-9a-f]{16}$/);
    const [hi, lo] = simhashHalves(h);
    expect((BigInt(hi) << 32n) | BigInt(lo)).toBe(h);
    expect(simhash64('')).toBe(0n);
    expect(isNearDuplicate('short', 'short')).toBe(false);
  });
});
