/**
 * Two versions of the extraction engine in one process, interleaved round by round, on
 * the benchmark's 100k-alias watchlist and articles: the fair way to compare them on a
 * machine whose speed changes by 2× within minutes. Checks first that both give the same
 * output (ids, offsets, snippets).
 *
 *     git worktree add /tmp/tumen-old <commit>
 *     ln -s "$PWD/node_modules" /tmp/tumen-old/node_modules
 *     ln -s "$PWD/packages/core/node_modules" /tmp/tumen-old/packages/core/node_modules
 *     node --import tsx bench/extract/compare.ts /tmp/tumen-old [en,ko,ru] [--builds N]
 *
 * `--builds N` (default 3) alternates N builds of each engine; with N > 3 the first two of
 * each (JIT warm-up) are left out of the median. `--rounds N` (default 5) alternates N
 * rounds of 400 ms per engine and language; on a noisy machine more rounds steady the
 * median. A language list of `-` compares builds only. `--allow-different` compares speed
 * even when the outputs differ (a change to the matching rules), saying on how many articles.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as NEW from '../../packages/core/src/index.ts';
import { syntheticWatchlist } from './aliases.ts';
import { loadArticles } from './corpus.ts';

const USAGE = 'Usage: node --import tsx bench/extract/compare.ts OLD_CHECKOUT [en,ko,ru | -] [--builds N] [--rounds N] [--allow-different]\n';
let parsed: ReturnType<typeof parseCompareArgs>;
try {
  parsed = parseCompareArgs();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const buildRounds = Number(values.builds);
const speedRounds = Number(values.rounds);
const allowDifferent = values['allow-different'];
const [oldRoot, langList = 'en,ko,ru'] = positionals;
if (values.help || !oldRoot || !(buildRounds >= 1) || !(speedRounds >= 1)) {
  process.stdout.write(USAGE);
  process.exit(values.help ? 0 : 2);
}

function parseCompareArgs() {
  return parseArgs({
    allowPositionals: true,
    options: {
      builds: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '5' },
      'allow-different': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
}
const oldEntry = join(resolve(oldRoot), 'packages/core/src/index.ts');
if (!existsSync(oldEntry)) {
  process.stderr.write(`${oldRoot} holds no packages/core/src/index.ts: check the old commit out there first (git worktree add ${oldRoot} COMMIT).\n`);
  process.exit(2);
}
const OLD = (await import(pathToFileURL(oldEntry).href)) as typeof NEW;

type Compiled = ReturnType<typeof NEW.compileWatchlist>;
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const base = NEW.parseWatchlist(readFileSync(new URL('../../config/watchlist.yaml', import.meta.url), 'utf8'));
const articles = loadArticles(200);
const watchlist = syntheticWatchlist(100_000, base);

const engines: [string, typeof NEW][] = [
  ['old', OLD],
  ['new', NEW],
];
const compiled = new Map<string, Compiled>();
const builds = new Map<string, number[]>(engines.map(([name]) => [name, []]));
for (let r = 0; r < buildRounds; r++) {
  for (const [name, core] of engines) {
    const t0 = performance.now();
    compiled.set(name, core.compileWatchlist(watchlist));
    builds.get(name)!.push(performance.now() - t0);
  }
}
for (const [name] of engines) console.log(`build ms, ${name}: ${builds.get(name)!.map((x) => x.toFixed(0)).join(' / ')}`);
if (buildRounds > 3) {
  const warm = (name: string): number => median(builds.get(name)!.slice(2));
  console.log(`build, median after warm-up: old ${warm('old').toFixed(0)} ms, new ${warm('new').toFixed(0)} ms, old ÷ new ${(warm('old') / warm('new')).toFixed(2)}`);
}

const shape = (c: Compiled, body: string): string =>
  JSON.stringify(c.extract({ body }).map((m) => [m.id, m.evidence.map((e) => [e.start, e.end, e.snippet])]));

for (const lang of (langList === '-' ? [] : langList.split(',')) as ('en' | 'ko' | 'ru')[]) {
  const texts = articles[lang].map((d) => NEW.documentText(d));
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const differing = texts.slice(0, 50).filter((t) => shape(compiled.get('old')!, t) !== shape(compiled.get('new')!, t)).length;
  if (differing > 0 && !allowDifferent) {
    console.log(`${lang}: the two engines give different output on ${differing} of 50 articles; not comparing speed (--allow-different compares anyway).`);
    process.exit(1);
  }
  if (differing > 0) console.log(`${lang}: output differs on ${differing} of 50 articles.`);
  const speeds = new Map<string, number[]>(engines.map(([name]) => [name, []]));
  for (let r = 0; r < speedRounds; r++) {
    for (const [name] of engines) {
      const c = compiled.get(name)!;
      const t0 = performance.now();
      let done = 0;
      while (performance.now() - t0 < 400) {
        for (const t of texts) c.extract({ body: t });
        done += bytes;
      }
      speeds.get(name)!.push(done / 1e6 / ((performance.now() - t0) / 1000));
    }
  }
  const o = median(speeds.get('old')!);
  const n = median(speeds.get('new')!);
  console.log(`${lang}: old ${o.toFixed(1)} MB/s, new ${n.toFixed(1)} MB/s, new ÷ old ${(n / o).toFixed(2)}`);
}
