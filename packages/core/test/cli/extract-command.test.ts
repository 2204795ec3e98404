import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWatchlist } from '../../src/index.ts';
import { runExtract } from '../../../../services/tumen/src/commands/extract.ts';
import { formatExplanation, summarizeWatchlist } from '../../../../services/tumen/src/commands/watchlist.ts';
import { explainMatch } from '../../src/index.ts';

const watchlist = parseWatchlist(readFileSync(new URL('../../../../config/watchlist.yaml', import.meta.url), 'utf8'));

describe('tumen extract (pure core)', () => {
  it('prints {"matches":[{id,type,name,evidence:[{text,start,end,snippet}]}]} for plain text', () => {
    const out = JSON.parse(JSON.stringify(runExtract(watchlist, 'Choe Son Hui met Lavrov in Moscow.', { title: 'DPRK FM in Russia' })));
    expect(Object.keys(out)).toEqual(['matches']);
    const ids = out.matches.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['choe-son-hui', 'lavrov', 'moscow', 'dprk', 'russia']));
    for (const m of out.matches) {
      expect(Object.keys(m)).toEqual(['id', 'type', 'name', 'evidence']);
      expect(['entity', 'story']).toContain(m.type);
      for (const e of m.evidence) {
        expect(Object.keys(e)).toEqual(['text', 'start', 'end', 'snippet']);
        expect(`DPRK FM in Russia\n\nChoe Son Hui met Lavrov in Moscow.`.slice(e.start, e.end)).toBe(e.text);
        expect(typeof e.snippet).toBe('string');
      }
    }
  });

  it('turns HTML into visible text before matching; offsets index that text', () => {
    const html = '<html><head><title>x</title><script>var Kozlov = 1;</script></head><body><p>Talks with Alexander&nbsp;Kozlov</p></body></html>';
    const out = runExtract(watchlist, html);
    const kozlov = out.matches.find((m) => m.id === 'kozlov-alexander')!;
    expect(kozlov.evidence).toHaveLength(1);
    expect(kozlov.evidence[0]!.text).toMatch(/^Alexander.Kozlov$/);
  });

  it('returns no matches for unrelated text', () => {
    expect(runExtract(watchlist, 'The weather in Busan was mild.').matches).toEqual([]);
  });
});

describe('tumen watchlist check / explain (pure parts)', () => {
  it('summarizes the default watchlist', () => {
    const s = summarizeWatchlist(watchlist);
    expect(s.entities).toBeGreaterThanOrEqual(40);
    expect(s.stories).toBeGreaterThanOrEqual(8);
    expect(s.spellings).toBeGreaterThan(s.aliases);
    expect(s.excludes).toBe(watchlist.entities.reduce((n, e) => n + (e.exclude?.length ?? 0), 0));
    expect(s.excludes).toBeGreaterThan(0);
  });
  it('warns of aliases that will match ordinary words, and not of the default watchlist', () => {
    expect(summarizeWatchlist(watchlist).warnings).toEqual([]);
    const w = parseWatchlist(
      'entities:\n  - id: river\n    type: place\n    name: River\n    aliases: [Туманная, река Туманная, РЖД]\n  - id: k\n    type: person\n    name: Козловский\n',
    );
    const warnings = summarizeWatchlist(w).warnings;
    expect(warnings.map((x) => [x.entity, x.alias])).toEqual([['river', 'Туманная']]);
    expect(warnings[0]!.message).toContain('река Туманная');
  });
  it('explains which variant matched and which candidate was rejected', () => {
    const x = explainMatch(watchlist, 'kozlov-alexander', { body: 'Alexander Kozlovsky is not Alexander Kozlov; Александром Козловым' })!;
    const text = formatExplanation(x);
    expect(text).toContain('MATCHED');
    expect(text).toContain('via "alexander kozlov"');
    expect(text).toContain('the word continues');
    expect(text).toContain('Russian case endings');
  });
  it('explains which exclude phrase dropped a match', () => {
    const text = formatExplanation(explainMatch(watchlist, 'moscow', { body: 'The train left at 8:30 am Moscow time.' })!);
    expect(text).toContain('not matched');
    expect(text).toContain('"moscow" (in "Moscow time")');
    expect(text).not.toContain('no spelling of this entity occurs');
  });
  it('explains a story clause by clause', () => {
    const x = explainMatch(watchlist, 'tumen-road-bridge', { body: 'A road bridge over the Tumen River.' })!;
    expect(x.kind).toBe('story');
    expect(x.matched).toBe(true);
    const text = formatExplanation(x);
    expect(text).toMatch(/\[yes\] "road bridge"/);
    expect(text).toMatch(/\[no \] "vehicular bridge"/);
    // `watchlist explain --json` prints the trace: its hits carry offsets and word indices only.
    const hits = JSON.parse(JSON.stringify(x.kind === 'story' ? x.clauses : {})) as { hits: object[]; children: unknown[] };
    const all: object[] = [];
    const collect = (c: { hits: object[]; children: unknown[] }): void => {
      all.push(...c.hits);
      for (const child of c.children) collect(child as typeof c);
    };
    collect(hits);
    expect(all.length).toBeGreaterThan(0);
    for (const h of all) expect(Object.keys(h)).toEqual(['start', 'end', 'firstWord', 'lastWord']);
  });
  it('returns undefined for an unknown id', () => {
    expect(explainMatch(watchlist, 'nobody', { body: '' })).toBeUndefined();
  });
});
