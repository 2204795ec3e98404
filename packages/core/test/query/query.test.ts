import { describe, expect, it } from 'vitest';
import { compileWatchlist, formatQuery, parseQuery, parseWatchlist, QuerySyntaxError, ConfigError } from '../../src/index.ts';
import { entity, wl } from '../extract/helpers.ts';

describe('parseQuery', () => {
  it.each([
    ['bridge', 'bridge'],
    ['"road bridge" Tumen', '"road bridge" AND Tumen'],
    ['a OR b c', 'a OR (b AND c)'],
    ['a b OR c', '(a AND b) OR c'],
    ['(a OR b) NEAR/5 c', '(a OR b) NEAR/5 c'],
    ['a NOT b', 'a AND NOT b'],
    ['bridg* AND @russia', 'bridg* AND @russia'],
    ['자동차다리 OR "автомобильный мост"', '자동차다리 OR "автомобильный мост"'],
    ['a AND NOT (b OR c)', 'a AND NOT (b OR c)'],
  ])('%s', (q, expected) => {
    expect(formatQuery(parseQuery(q))).toBe(expected);
  });

  it.each([
    ['(a OR b', 8, 'expected ")"'],
    ['a OR', 5, 'expected a word'],
    ['"road bridge', 1, 'unterminated phrase'],
    ['a NEAR b', 3, 'NEAR/n'],
    ['a NEAR/x b', 3, 'NEAR/n'],
    ['@Bad_Id', 1, 'entity reference'],
    ['b*dge', 1, 'wildcard'],
    ['a ) b', 3, 'unexpected ")"'],
    ['', 1, 'empty'],
    ['NOT a', 1, 'only says what must be absent'],
    ['a NEAR/3 NOT b', 3, 'NOT cannot be an operand of NEAR'],
    ['AND a', 1, 'expected a word'],
    ['(a OR b) # a comment line\n c', 10, 'move the comment above "query:"'],
  ])('syntax error in %j names position %i', (q, position, text) => {
    try {
      parseQuery(q);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(QuerySyntaxError);
      expect((err as QuerySyntaxError).position).toBe(position);
      expect((err as Error).message).toContain(text);
      expect((err as Error).message).toContain(`position ${position}`);
    }
  });
});

const base = wl([
  entity('russia', 'Russia', ['Россия', '러시아'], { type: 'place' }),
  entity('tumen-river', 'Tumen River', ['Tuman River', '두만강', 'Туманная'], { type: 'place' }),
]);

function storyMatches(query: string, body: string, title?: string): boolean {
  const w = { ...base, stories: [{ id: 's', name: 'S', query, tags: [] }] };
  return compileWatchlist(w).extract({ title, body }).some((m) => m.id === 's');
}

const BRIDGE = '("road bridge" OR "vehicular bridge" OR 자동차다리 OR "автомобильный мост") NEAR/20 (Tumen OR Khasan OR @russia)';

describe('story queries', () => {
  it.each([
    ['en', BRIDGE, 'A new road bridge will link the DPRK and Russia.', true],
    ['en', BRIDGE, 'The road bridge near Khasan opened.', true],
    ['en', BRIDGE, 'A bridge to Russia.', false],
    ['en', BRIDGE, `A road bridge ${'word '.repeat(25)} Russia.`, false],
    ['en', BRIDGE, `Russia ${'word '.repeat(20)} road bridge`, true],
    ['en', BRIDGE, `Russia ${'word '.repeat(21)} road bridge`, false],
    ['ko', BRIDGE, '조선과 러시아를 잇는 자동차다리 건설', true],
    ['ko', BRIDGE, '두만강 자동차다리를 러시아와 함께', true],
    ['ko', BRIDGE, '자동차다리공사', false],
    ['ru', BRIDGE, 'Строительство автомобильного моста в Россию', true],
    ['ru', BRIDGE, 'Автомобильный мост между КНДР и Россией', true],
    ['ru', BRIDGE, 'Автомобилист на мосту в Россию', false],
    ['ru', BRIDGE, 'Автомобильные мосты и Россия', true],
    ['en', 'bridg* AND @tumen-river', 'Bridges over the Tumen River', true],
    ['en', 'bridg* AND @tumen-river', 'Brigade on the Tumen River', false],
    ['ko', '다리* AND @tumen-river', '다리건설 두만강', true],
    ['ru', 'мост* AND @tumen-river', 'мостостроители на реке Туманной', true],
    ['en', 'pipeline NOT oil', 'gas pipeline', true],
    ['en', 'pipeline NOT oil', 'oil pipeline', false],
    ['ko', '가스관 NOT 석유', '가스관 석유', false],
    ['ru', 'газопровод* AND NOT нефть', 'газопровода, не нефть', false],
    ['ru', 'газопровод* AND NOT нефть', 'газопроводом', true],
    ['en', 'ferry Vladivostok', 'Vladivostok ferry', true],
    ['en', 'ferry Vladivostok', 'Vladivostok', false],
    ['en', '@russia', 'Title mentions Russia', true],
  ])('[%s] %s ~ %s → %s', (_s, query, body, expected) => {
    expect(storyMatches(query, body)).toBe(expected);
  });

  it('matches over title and body, and NEAR does not cross into nothing', () => {
    expect(storyMatches('bridge AND Russia', 'to Russia', 'Bridge plans')).toBe(true);
  });

  it('counts words the same way through every fold: NEAR/20 holds at 20 words between and not at 21', () => {
    const w = { ...base, stories: [{ id: 's', name: 'Bridge', query: BRIDGE, tags: [] }] };
    const compiled = compileWatchlist(w);
    const holds = (body: string): boolean => compiled.extract({ body }).some((m) => m.id === 's');
    // Words as the scan sees them: apostrophes, soft hyphens and ligatures are inside a word;
    // dashes, slashes, dots and character references for spaces are between words; a Hangul
    // or Cyrillic word counts as one.
    const fillers: [string, number][] = [
      ['word', 1], ['Kim’s', 1], ['co\u00adop', 1], ['ﬁve', 1], ['평양', 1], ['мост', 1],
      ['well-known', 2], ['a&nbsp;b', 2], ['north/south', 2], ['x.y', 2],
    ];
    for (const [filler, size] of fillers) {
      // n words between: fillers, and a plain word to make up an odd count.
      const words = (n: number): string => [...Array<string>(Math.floor(n / size)).fill(filler), ...Array<string>(n % size).fill('word')].join(' ');
      expect(holds(`The road bridge ${words(20)} Russia.`), `${filler}: 20`).toBe(true);
      expect(holds(`The road bridge ${words(21)} Russia.`), `${filler}: 21`).toBe(false);
      expect(holds(`Russia ${words(20)} road bridge’s opening`), `${filler}: 20, reversed`).toBe(true);
      expect(holds(`Russia ${words(21)} road bridge’s opening`), `${filler}: 21, reversed`).toBe(false);
    }
    // A prefix that ends in punctuation: the letters it runs on into are a word of their own.
    const dotted = compileWatchlist({ ...base, stories: [{ id: 'd', name: 'Dotted', query: 'U.S.* NEAR/0 embassy', tags: [] }] });
    const dots = (body: string): boolean => dotted.extract({ body }).some((m) => m.id === 'd');
    expect(dots('the U.S.A embassy')).toBe(true);
    expect(dots('the U.S.A new embassy')).toBe(false);
    expect(dots('the embassy U.S.A')).toBe(true);
    // The same through the original text's folds around the hits themselves.
    expect(holds(`Russia ${'word '.repeat(20)}road&nbsp;bridge’s opening`)).toBe(true);
    expect(holds(`Russia ${'word '.repeat(21)}road&nbsp;bridge’s opening`)).toBe(false);
    expect(holds('두만강 자동차다리를 러시아와 함께')).toBe(true);
    expect(holds('Автомобильный мост между КНДР и Россией')).toBe(true);
  });

  it('story evidence covers the contributing clauses', () => {
    const w = { ...base, stories: [{ id: 's', name: 'Bridge', query: BRIDGE, tags: [] }] };
    const m = compileWatchlist(w).extract({ body: 'The road bridge to Russia.' }).find((x) => x.id === 's')!;
    expect(m.type).toBe('story');
    expect(m.evidence.map((e) => e.text)).toEqual(['road bridge', 'Russia']);
  });
});

describe('watchlist validation of queries', () => {
  it('names the file, the query line and the position', () => {
    const yaml = `entities:\n  - id: russia\n    type: place\n    name: Russia\nstories:\n  - id: s\n    name: S\n    query: '(bridge OR @russia'\n`;
    expect(() => parseWatchlist(yaml, 'w.yaml')).toThrowError(ConfigError);
    try {
      parseWatchlist(yaml, 'w.yaml');
    } catch (err) {
      expect((err as ConfigError).message).toMatch(/^w\.yaml:8: field "stories\[0\]\.query": query syntax error: .*position 19/);
      expect((err as ConfigError).line).toBe(8);
    }
  });
  it('rejects a comment line inside a folded query, which YAML keeps as query text', () => {
    const yaml = `stories:\n  - id: s\n    name: S\n    query: >-\n      # bridges only\n      bridge OR ferry\n`;
    expect(() => parseWatchlist(yaml, 'w.yaml')).toThrowError(/w\.yaml:4: .*not a comment.*position 1/);
  });
  it('rejects an unknown @entity', () => {
    const yaml = `stories:\n  - id: s\n    name: S\n    query: 'bridge AND @nobody'\n`;
    expect(() => parseWatchlist(yaml, 'w.yaml')).toThrowError(/w\.yaml:4: .*@nobody at position 12 is not an entity id/);
  });
  it('accepts the default watchlist', async () => {
    const { readFileSync } = await import('node:fs');
    const w = parseWatchlist(readFileSync(new URL('../../../../config/watchlist.yaml', import.meta.url), 'utf8'));
    expect(w.entities.length).toBeGreaterThanOrEqual(40);
    expect(w.stories.length).toBeGreaterThanOrEqual(8);
    expect(() => compileWatchlist(w)).not.toThrow();
  });
});

describe('story programs', () => {
  it('hold, with the same hits in the same order, exactly where evaluateQuery does, for any query and hits', async () => {
    const fc = (await import('fast-check')).default;
    const { evaluateQuery } = await import('../../src/query/evaluate.ts');
    const { compileProgram, runProgram } = await import('../../src/query/program.ts');
    type Node = Parameters<typeof evaluateQuery>[0];
    type ClauseTrace = import('../../src/query/evaluate.ts').ClauseTrace;
    const decidedByNear = (t: ClauseTrace): boolean =>
      (/ NEAR\/\d+ /.test(t.clause) && t.children.length === 2 && t.children.every((c) => c.matched)) || t.children.some(decidedByNear);
    const { node } = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('a', 'b', 'c', 'd').map((text): Node => ({ kind: 'term', text, phrase: false, position: 1 })),
        fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((children): Node => ({ kind: 'and', children })),
        fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((children): Node => ({ kind: 'or', children })),
        tie('node').map((child): Node => ({ kind: 'not', child, position: 1 })),
        fc
          .tuple(tie('node'), tie('node'), fc.nat(3))
          .map(([left, right, distance]): Node => ({ kind: 'near', left, right, distance, position: 1 })),
      ),
    }));
    // Hits of each term: word positions 0–9, some spanning two words (a term without hits is absent).
    const hitsOf = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.array(fc.tuple(fc.nat(9), fc.boolean()), { maxLength: 3 }));
    const TERMS = ['a', 'b', 'c', 'd'];
    let held = 0;
    let nears = 0;
    const runs = Number(process.env.TUMEN_PROPERTY_RUNS ?? 3000);
    fc.assert(
      fc.property(node, hitsOf, (q, words) => {
        type Hit = { start: number; end: number; firstWord: number; lastWord: number };
        // One list per term, shared by both evaluations.
        const lists = TERMS.map((t) => (words[t] ?? []).map(([w, two]): Hit => ({ start: 10 * w, end: 10 * w + (two ? 15 : 5), firstWord: w, lastWord: two ? w + 1 : w })));
        const trace: ClauseTrace[] = [];
        const want = evaluateQuery(q, (leaf) => (leaf.kind === 'term' ? lists[TERMS.indexOf(leaf.text)]! : []), trace);
        const program = compileProgram(q, (leaf) => TERMS.indexOf(leaf.kind === 'term' ? leaf.text : ''));
        const got = runProgram(program, (t) => (lists[t]!.length > 0 ? lists[t] : undefined));
        expect(got !== undefined).toBe(want.matched);
        if (got) {
          held++;
          expect(got.map((h) => [h.start, h.end])).toEqual(want.hits.map((h) => [h.start, h.end]));
        }
        if (decidedByNear(trace[0]!)) nears++;
      }),
      { numRuns: runs },
    );
    // Both outcomes, and NEARs that compared positions (both sides held), must have come up often.
    expect(held).toBeGreaterThan(runs / 10);
    expect(held).toBeLessThan(runs - runs / 10);
    expect(nears).toBeGreaterThan(runs / 20);
  });
});

describe('nearPairs', () => {
  const at = (w: number) => ({ start: 10 * w, end: 10 * w + 5, firstWord: w, lastWord: w });
  it('lists each hit once per side, the left side first, each in the order first found near the other', async () => {
    const { nearPairs } = await import('../../src/query/evaluate.ts');
    const [a1, a2, b1, b2, far] = [at(0), at(5), at(1), at(2), at(30)];
    // a1 twice on the left (an OR naming one target twice): still once.
    expect(nearPairs([a1, a2, a1], [b2, far, b1], 3)).toEqual([a1, a2, b1, b2]);
    // Again on the same hits: marks of the last call do not carry over.
    expect(nearPairs([a1, a2, a1], [b2, far, b1], 3)).toEqual([a1, a2, b1, b2]);
    expect(nearPairs([far], [a1, b1], 3)).toBeUndefined();
  });
  it('keeps a hit that is on both sides once on each', async () => {
    const { nearPairs } = await import('../../src/query/evaluate.ts');
    const [a, b] = [at(0), at(1)];
    const hits = nearPairs([a], [a, b], 0)!;
    expect(hits).toHaveLength(3);
    expect(hits[0]).toBe(a);
    expect(hits[1]).toBe(a);
    expect(hits[2]).toBe(b);
  });
});
