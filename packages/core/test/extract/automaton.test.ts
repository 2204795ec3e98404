import { describe, expect, it } from 'vitest';
import { compileWatchlist, normalize, watchlistStats, type Entity } from '../../src/index.ts';

/** Deterministic pseudo-random generator for the smoke test. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('automaton smoke test at 1k aliases (correctness, not speed)', () => {
  it('finds exactly the whole-word occurrences a naive matcher finds', () => {
    const next = rng(7);
    const syl = ['ka', 'ri', 'son', 'nam', 'chol', 'do', 'mi', 'lo', 'va', 'pet', 'rov', 'in', 'sky', 'ta'];
    const word = (): string => Array.from({ length: 2 + Math.floor(next() * 2) }, () => syl[Math.floor(next() * syl.length)]).join('');
    const names = new Set<string>();
    while (names.size < 1000) names.add(next() < 0.5 ? word() : `${word()} ${word()}`);
    const list = [...names];
    const entities: Entity[] = list.map((name, i) => ({ id: `e${i}`, type: 'other', name, aliases: [], tags: [] }));
    const compiled = compileWatchlist({ entities, stories: [] });
    expect(watchlistStats(compiled)!.keys).toBe(1000);
    const words = Array.from({ length: 3000 }, () => (next() < 0.3 ? list[Math.floor(next() * list.length)]! : word()));
    const text = words.map((w) => (next() < 0.2 ? w.toUpperCase() : w)).join(next() < 0.5 ? ' ' : ', ');
    const got = new Map(compiled.extract({ body: text }).map((m) => [m.id, m.evidence.map((e) => e.start)]));
    // Naive: every whole-word, case-insensitive occurrence of every name.
    const lower = text.toLowerCase();
    list.forEach((name, i) => {
      const want: number[] = [];
      for (let at = lower.indexOf(name); at !== -1; at = lower.indexOf(name, at + 1)) {
        const before = lower[at - 1] ?? ' ';
        const after = lower[at + name.length] ?? ' ';
        if (!/[a-z]/.test(before) && !/[a-z]/.test(after)) want.push(at);
      }
      // A shorter name inside a longer name of the same entity is one match; names are distinct entities here.
      expect(got.get(`e${i}`) ?? [], `${name}`).toEqual(want);
    });
    expect(normalize('X')).toBe('x');
  });
});
