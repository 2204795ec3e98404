import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWatchlist, explainMatch, keysForEntity, keysForForm, watchlistStats, type Entity } from '../../src/index.ts';
import { buildAutomaton } from '../../src/extract/automaton.ts';
import { romanizedKoreanVariants, romanizedSpacings, syllableVariants } from '../../src/extract/korean-romanization.ts';
import { TrieBuilder } from '../../src/extract/trie.ts';

// The compiler adds a romanized Korean name's keys from its syllables' spellings, and a
// Cyrillic name's from its heads and tail, without making each key as a string (see
// TrieBuilder.addCombinations); `explain` and keysForForm make the strings. These tests
// hold the two to the same keys.

/** Syllables of the romanization table, ones outside it, and pairs whose joined spellings collide (son+gil, so+ngil). */
const SYLLABLES = ['kim', 'ro', 'tu', 'chol', 'jong', 'son', 'gil', 'so', 'ngil', 'pak', 'kwang', 'ri', 'il', 'choe', 'du', 'xo'];

/** Every hit of `keys` on `text`, as (key, start, end). */
function hitsOf(builder: TrieBuilder, text: string): number[] {
  const hits: number[] = [];
  buildAutomaton(builder).scan(text, (k, s, e) => hits.push(k, s, e));
  return hits;
}

describe('keys added from their parts', () => {
  it('a romanized name: the same keys, numbered alike, as adding romanizedKoreanVariants one by one', () => {
    const name = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 4 }).map((t) => t.join(' '));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 6 }), fc.array(fc.constantFrom('kim jong', 'son', 'ro tu chol'), { maxLength: 3 }), (names, before) => {
        const strings = new TrieBuilder();
        const parts = new TrieBuilder();
        // Keys added one by one before and between, so that the names meet a trie in use.
        for (const k of before) {
          strings.add(k);
          parts.add(k);
        }
        const spacingOf: number[] = [];
        for (const n of names) {
          const variants = romanizedKoreanVariants(n);
          for (const v of variants) strings.add(v);
          const options = n.split(' ').map((t) => syllableVariants(t));
          const spacings = romanizedSpacings(options.length);
          const first = parts.count;
          const added = parts.addCombinations(options, spacings, first);
          expect(added).toBe(variants.length);
          for (let k = 0; k < added; k++) {
            spacingOf.push(parts.spacingOf[k]!);
            // The way of writing it says where its spaces are.
            expect(variants[k]!.split(' ').length).toBe(1 + spacings[parts.spacingOf[k]!]!.filter(Boolean).length);
          }
          strings.add('kim');
          parts.add('kim');
        }
        expect(parts.count).toBe(strings.count);
        const text = names.flatMap((n) => romanizedKoreanVariants(n)).join(', ');
        expect(hitsOf(parts, text)).toEqual(hitsOf(strings, text));
        expect(spacingOf.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a key whose spelling the combinations already gave is left out', () => {
    const options = [['pak'], ['son', 'so'], ['gil', 'ngil']];
    // Joined after the surname: pak songil, pak sonngil, pak sogil, and pak so+ngil = pak songil again.
    const joined = new TrieBuilder();
    expect(joined.addCombinations(options, [[false, true, false]], 0)).toBe(3);
    expect(hitsOf(joined, 'pak songil')).toEqual([0, 0, 10]);
    // Spaced, every combination is its own spelling: 4, then the 3 joined.
    const both = new TrieBuilder();
    expect(both.addCombinations(options, romanizedSpacings(3), 0)).toBe(7);
    expect([...both.spacingOf.subarray(0, 7)]).toEqual([0, 1, 0, 1, 0, 1, 0]);
    // Keys of an earlier call below `distinctFrom` are not looked at: a spelling may be the key of two entities.
    expect(both.addCombinations([['pak'], ['songil']], [[false, true]], both.count)).toBe(1);
    expect(hitsOf(both, 'pak songil')).toEqual([7, 0, 10, 1, 0, 10]); // a node's newest key first
  });

  it('the compiler makes as many keys as keysForEntity lists, and finds what explain finds', () => {
    const entities: Entity[] = [
      { id: 'ro-tu-chol', type: 'person', name: 'Ro Tu Chol', lang: 'ko', aliases: ['로두철', 'Ро Ду Чхоль', 'Pak Son Gil'], tags: [] },
      { id: 'kim', type: 'person', name: 'Kim Jong Un', lang: 'ko', aliases: ['Ким Чен Ын'], tags: [], exclude: ['Kim Jong Un University'] },
      // Past MAX_ROMANIZED_VARIANTS combinations: made as strings, cut short.
      { id: 'long', type: 'person', name: 'Ro Tu Chol Jong Son Gil Kwang', lang: 'ko', aliases: [], tags: [] },
      { id: 'kozlov', type: 'person', name: 'Alexander Kozlov', aliases: ['Александр Вадимович Козлов'], tags: [] },
      { id: 'rzd', type: 'organization', name: 'Russian Railways', aliases: ['Российские железные дороги', 'РЖД'], tags: [] },
      { id: 'tumannaya', type: 'place', name: 'Tumen River', aliases: ['река Туманная'], tags: [] },
    ];
    const w = { entities, stories: [] };
    let listed = 0;
    for (const e of entities) {
      for (const f of keysForEntity(e)) listed += f.keys.length;
      for (const x of e.exclude ?? []) listed += keysForForm(x, { lang: e.lang, person: e.type === 'person' }).length;
    }
    expect(watchlistStats(compileWatchlist(w))!.keys).toBe(listed);
    const body = [
      'Premier Ro Du-cheol met Roh Tu-chol and No Tuchol; KCNA wrote ComradeRoTuChol.',
      'Встреча с Ро Ду Чхолем и Ро Ду Чхолю. Пак Сон Гиль; Pak Songil, Park Seon-gil, Bak Sungil.',
      'Kim Jong-un, Kim Jongun, Kim Chong Un at Kim Jong Un University; Ким Чен Ына.',
      'Ro Tu Chol Jong Son Gil Kwang, Roh Du Cheol Chong Sun Kil Gwang.',
      'Александра Вадимовича Козлова, Александру Вадимовичу Козлову; Alexander Kozlov.',
      'Российских железных дорог, РЖД; по реке Туманной, через реку Туманная.',
    ].join('\n');
    const found = new Map(compileWatchlist(w).extract({ body }).map((m) => [m.id, m.evidence.map((e) => [e.start, e.end])]));
    for (const e of entities) {
      const x = explainMatch(w, e.id, { body });
      expect(x?.kind).toBe('entity');
      const explained = x!.kind === 'entity' ? x!.hits.map((h) => [h.evidence.start, h.evidence.end]) : [];
      expect(found.get(e.id) ?? [], e.id).toEqual(explained);
    }
    expect(found.get('ro-tu-chol')!.length).toBeGreaterThan(5);
    expect(found.get('kozlov')!.length).toBe(3);
  });
});
