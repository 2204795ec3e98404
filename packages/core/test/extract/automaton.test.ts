import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWatchlist, normalize, watchlistStats, type Entity } from '../../src/index.ts';
import type { Automaton } from '../../src/extract/automaton.ts';
import { charClass, OTHER } from '../../src/extract/char-class.ts';
import { foldText, originalStart } from '../../src/extract/normalize.ts';

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

describe('fast scan equals the general (reference) scan', () => {
  // Pieces chosen to hit every fold case: capitals (seams), apostrophes (deleted), space
  // runs and dashes, character references, multi-unit folds (ß, ﬁ, …), Hangul, Cyrillic,
  // punctuation that occurs in keys, and astral characters.
  const pieces = [
    'ki', 'm', 'Kim', 'KIM', 'jong', 'Un', 'o', 'ro', 'tu', 'chol', "'", '’', ' ', '  ', '-', ' – ', '\n', '\t', '\u00a0', '.', ',', 'No.', '5',
    '&amp;', '&', '&#x4B;', '&nbsp;', '&bogus', 'ß', 'ss', 'ﬁ', 'fi', '…', '김', '정', '은', '로', '두', '철', '동지', '은', '에서',
    'Ко', 'зл', 'ов', 'а', 'у', 'ым', 'ё', 'е', '😀', 'é', 'e\u0301', '\u00ad', 'A', 'b',
  ];
  const fragment = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));

  it('reports the same hits in the same order, with the same word counts', async () => {
    const { buildAutomaton } = await import('../../src/extract/automaton.ts');
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 12 }), fc.array(fragment, { maxLength: 60 }), fc.boolean(), (rawKeys, parts, seams) => {
        const keys = rawKeys.map((k) => normalize(k));
        const a = buildAutomaton(keys);
        const { fast, reference } = bothScans(a, parts.join(''), seams);
        expectSame(fast.hits, reference.hits);
        expectSame(fast.spaces, reference.spaces);
      }),
      { numRuns: Number(process.env.TUMEN_PROPERTY_RUNS ?? 3000) },
    );
  });

  // The pieces above hand over to the exact scan every few characters. Prose keeps the
  // gate running for hundreds: what it does over long runs (word counts
  // across many words, walks across spaces) needs texts like these.
  // Korean words too: the fast scan skips Hangul syllables and the spaces between them in
  // one loop, walking from inside a word only after a title (외무상김정은) and never
  // after any other syllable (박김정은).
  const words = ['kim', 'Kim', 'KIM', 'jong', 'un', 'ro', 'tu', 'chol', 'rason', 'Rasonal', 'the', 'talks', 'in', 'and', 'a', 'b', 'Ko', 'козлов', 'Козлову', 'мост', '김정은', '김치를', '동지는', '동무', '라선', '라면', '러시아와', '회담을', '했다', '외무상김정은에서', '박김정은', '대사라선', '사라선'];
  const prose = fc
    .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ' ', ' ', ' ', ', ', '. ', '  ', '-', '\n', ' \u00a0', ' - ')), { minLength: 20, maxLength: 400 })
    .map((ws) => ws.map(([w, sep]) => w + sep).join(''));
  const proseKey = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((ws) => normalize(ws.join(' ')));

  it('reports the same hits and word counts over long stretches of prose', async () => {
    const { buildAutomaton } = await import('../../src/extract/automaton.ts');
    fc.assert(
      fc.property(fc.array(proseKey, { minLength: 1, maxLength: 12 }), prose, fc.boolean(), (keys, text, seams) => {
        const a = buildAutomaton(keys);
        const { fast, reference } = bothScans(a, text, seams);
        expectSame(fast.hits, reference.hits);
        expectSame(fast.spaces, reference.spaces);
      }),
      { numRuns: Number(process.env.TUMEN_PROPERTY_RUNS ?? 1000) },
    );
  });
});

/**
 * Both scans of `a` over `text`: hits as (key, start, end, wordsTo, wordsThrough) records,
 * and the whitespace marks. The reference scan's word counts must equal a plain count of
 * the word starts in the folded text (a letter of any script after anything else):
 * checked here for every caller.
 */
function bothScans(a: Automaton, text: string, seams: boolean): Record<'fast' | 'reference', { hits: number[]; spaces: Int32Array }> {
  const scans = scanBoth(a, text, seams);
  const wordsTo = wordStartsThrough(text);
  const hits = scans.reference.hits;
  const got: number[] = [];
  const want: number[] = [];
  for (let i = 0; i < hits.length; i += 5) {
    got.push(hits[i + 3]!, hits[i + 4]!);
    want.push(wordsTo(hits[i + 1]!), wordsTo(hits[i + 2]! - 1));
  }
  expectSame(got, want);
  return scans;
}

/**
 * `expect(got).toEqual(want)` for long lists of numbers, showing only the first few that
 * differ: a diff of a million numbers would take vitest minutes to print.
 */
function expectSame(got: ArrayLike<number>, want: ArrayLike<number>): void {
  let k = 0;
  while (k < got.length && k < want.length && got[k] === want[k]) k++;
  if (k === got.length && k === want.length) return;
  const from = Math.max(0, k - 10);
  expect({ at: k, length: got.length, items: Array.from(got).slice(from, k + 10) }).toEqual({ at: k, length: want.length, items: Array.from(want).slice(from, k + 10) });
}

function scanBoth(a: Automaton, text: string, seams: boolean): Record<'fast' | 'reference', { hits: number[]; spaces: Int32Array }> {
  const run = (scan: Automaton['scan']): { hits: number[]; spaces: Int32Array } => {
    const hits: number[] = [];
    const spaces = { data: new Int32Array(1), length: 0 };
    scan(text, (k, s, e, w0, w1) => hits.push(k, s, e, w0, w1), seams, spaces);
    return { hits, spaces: spaces.data.subarray(0, spaces.length) };
  };
  return { fast: run(a.scan), reference: run(a.scanReference) };
}

/** How many word starts of `text` lie at or before an original offset, counted on foldText's output. */
function wordStartsThrough(text: string): (offset: number) => number {
  const f = foldText(text);
  const starts: number[] = [];
  let before = false;
  for (let j = 0; j < f.length; j++) {
    const letter = charClass(f.chars[j]!) !== OTHER;
    if (letter && !before) starts.push(originalStart(f, j));
    before = letter;
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

describe('the gate over long texts', () => {
  it('gives the same hits and word counts as the general scan over a long text, one too big to keep a buffer for', async () => {
    const { buildAutomaton } = await import('../../src/extract/automaton.ts');
    const keys = ['kim jong un', 'kim', 'ro tu chol', 'no. 5', 'козлов', 'and', 'andrei', 'rason', '라선', 'o chol'].map((k) => normalize(k));
    const a = buildAutomaton(keys);
    const sentence =
      'Kim Jong Un met Ro Tu  Chol and Andrei in Rason, ComradeKim Jong Un said; Company No. 5 and Козлову o chol 라선에서 &amp; the talks’ end.\n';
    // About 1.3 M units: long runs of the gate, and past the 1 Mi units the
    // scan keeps a reusable buffer for.
    const text = sentence.repeat(Math.ceil(1_300_000 / sentence.length));
    for (const seams of [false, true]) {
      const { fast, reference } = bothScans(a, text, seams);
      expect(fast.hits.length).toBeGreaterThan(100_000);
      expectSame(fast.hits, reference.hits);
      const bytes = (x: Int32Array): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
      expect(fast.spaces.length).toBeGreaterThan(10_000);
      expect(bytes(fast.spaces).equals(bytes(reference.spaces))).toBe(true);
    }
    // A short text afterwards still scans right (the big buffer was not kept, the small one was).
    const hits: number[] = [];
    a.scan('Kim Jong Un.', (k, s, e) => hits.push(k, s, e));
    expect(hits).toEqual([1, 0, 3, 0, 0, 11]);
  }, 60_000);
});

describe('boundary fast path equals the folded-window path', () => {
  const pieces = [
    'Козлов', 'козлов', 'а', 'у', 'ым', 'ом', 'ов', 'ого', 'ими', 'ах', 'ЫМ', 'ё', 'е', 'й', 'ь', 'ия', 'ская', 'мост', 'санкци', 'и',
    'Kim', 'kim', 'Jong Un', 'KIM JONG', 'Comrade', 'Il', 'Sung', 'Kim Jong Un', 'visited', 's', "'s", '’s', 'bridge', 'B', '5', ' ', '  ', '\n', '-', '—', '«', '»', '.', ',', ';', '&amp;', '&#1082;', '&eacute;',
    "'", '\u00ad', '\u0301', 'ß', 'ﬁ', '김', '은', '😀', 'é',
  ];
  it('returns the same end or rejection whenever it answers', async () => {
    const { boundaryFast, checkBoundary } = await import('../../src/extract/boundary.ts');
    const { foldText, foldedOffset, originalEnd } = await import('../../src/extract/normalize.ts');
    let answered = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(0, 2, 3),
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        (parts, a, b, rule, paradigm, glue) => {
          const gluable = glue && rule === 0;
          const bounds = [0];
          for (const p of parts) bounds.push(bounds[bounds.length - 1]! + p.length);
          const text = parts.join('');
          const i = a % parts.length;
          const j = i + 1 + (b % (parts.length - i));
          const s0 = bounds[i]!;
          const e0 = bounds[j]!;
          // Hits start and end on a unit of the key: never on a space, a dash or a deleted character.
          const edge = /^[\s\-—'\u00ad\u0301]$/;
          if (edge.test(text[s0]!) || edge.test(text[e0 - 1]!) || parts[i] === '&amp;' || parts[j - 1] === '&amp;') return;
          const fast = boundaryFast(rule, rule === 2 ? paradigm : 0, text, s0, e0, gluable);
          if (fast === undefined) return;
          answered++;
          // The window path of Compiled.check.
          let w0 = Math.max(0, s0 - 24);
          const limit = Math.max(0, w0 - 40);
          while (w0 > limit && !/[ \n\t\r]/.test(text[w0 - 1]!)) w0--;
          const w1 = Math.min(text.length, e0 + (rule === 3 ? 256 : 40));
          const fw = foldText(text.slice(w0, w1));
          const fs = foldedOffset(fw, s0 - w0);
          const fe = e0 - w0 >= fw.text.length ? fw.length : foldedOffset(fw, e0 - w0);
          const r = checkBoundary(rule, rule === 2 ? paradigm : 0, fw, fs, fe, fw.text, gluable);
          const want = r < 0 ? r : r === fe ? e0 : w0 + originalEnd(fw, r - 1);
          expect(fast, JSON.stringify({ text, s0, e0, rule, paradigm, gluable })).toBe(want);
        },
      ),
      { numRuns: 5000 },
    );
    expect(answered).toBeGreaterThan(500);
  });
});
