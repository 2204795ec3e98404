/**
 * Extraction engine benchmark: build time, retained memory and throughput at
 * 100, 1k, 10k and 100k aliases, on English, Korean and Russian articles, against
 * a naive RegExp-per-alias matcher, the npm `ahocorasick` package and a loop that only
 * reads every character (the floor), all in the same run.
 *
 *     node --expose-gc --import tsx bench/extract.ts [--quick]
 *
 * Throughput is MB/s of article text as UTF-8 (1 MB = 10^6 bytes), normalization and
 * evidence included for Tumen. Results are printed as Markdown tables.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileWatchlist, documentText, parseWatchlist, watchlistStats, type CompiledWatchlist, type Watchlist } from '../packages/core/src/index.ts';
import { loadArticles, longText } from './extract/corpus.ts';
import { allAliases, syntheticWatchlist } from './extract/aliases.ts';

const require = createRequire(import.meta.url);
const AhoCorasick = require('ahocorasick') as new (keys: string[]) => { search(text: string): unknown[] };

const quick = process.argv.includes('--quick');
const SIZES = quick ? [100, 1000, 10_000] : [100, 1000, 10_000, 100_000];
const REGEX_MAX_ALIASES = 10_500; // the 10k row (10,000 synthetic + the default watchlist) is the last one measured
const MIN_MS = quick ? 600 : 1500;
const ROUNDS = 5;

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
};
const mem = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/**
 * Build time as the median of three builds (this shared VM stalls for whole fractions of a
 * second now and then), and memory retained by the last one.
 */
function measureBuild<T>(fn: () => T, runs = 3): { ms: number; best: number; mb: number; value: T } {
  const times: number[] = [];
  let value: T | undefined;
  let mb = 0;
  for (let r = 0; r < runs; r++) {
    value = undefined;
    gc();
    const m0 = mem();
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
    gc();
    mb = (mem() - m0) / 1e6;
  }
  return { ms: median(times), best: Math.min(...times), mb, value: value! };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

interface Text {
  text: string;
  bytes: number;
}

/**
 * MB/s of each function over the texts, as the median of ROUNDS rounds in which every
 * function runs once in turn, so that a slow patch of the machine hits all of them alike.
 */
function throughputs(texts: Text[], fns: ((t: string) => unknown)[], minMs = MIN_MS / ROUNDS): number[] {
  const runs: number[][] = fns.map(() => []);
  for (let r = 0; r < ROUNDS; r++) fns.forEach((fn, k) => runs[k]!.push(throughput(texts, fn, minMs)));
  return runs.map(median);
}

/** MB/s of running `fn` over every text, repeated for at least `minMs`. */
function throughput(texts: Text[], fn: (t: string) => unknown, minMs = MIN_MS): number {
  for (const t of texts.slice(0, 5)) fn(t.text); // warm-up
  let bytes = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const t of texts) {
      fn(t.text);
      bytes += t.bytes;
    }
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  return bytes / 1e6 / (elapsed / 1000);
}

function floor(text: string): number {
  let s = 0;
  for (let i = 0; i < text.length; i++) s = (s + text.charCodeAt(i)) | 0;
  return s;
}

function naiveRegex(aliases: string[]): (text: string) => number {
  const res = aliases.map((a) => new RegExp(`(?<![\\p{L}\\p{N}])${a.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'));
  return (text) => {
    const lower = text.toLowerCase();
    let n = 0;
    for (const re of res) {
      re.lastIndex = 0;
      while (re.exec(lower)) n++;
    }
    return n;
  };
}

const base: Watchlist = parseWatchlist(readFileSync(new URL('../config/watchlist.yaml', import.meta.url), 'utf8'));
const articles = loadArticles(quick ? 40 : 200);
const langs = ['en', 'ko', 'ru'] as const;
const texts: Record<(typeof langs)[number], Text[]> = { en: [], ko: [], ru: [] };
for (const l of langs) {
  texts[l] = articles[l].map((d) => {
    const text = documentText(d);
    return { text, bytes: Buffer.byteLength(text, 'utf8') };
  });
}
const docs = Object.fromEntries(langs.map((l) => [l, articles[l]])) as typeof articles;

const fmt = (n: number, d = 0): string => (Number.isFinite(n) ? n.toFixed(d) : '—');
console.log(`# Extraction benchmark\n\nNode ${process.version}, ${process.platform}/${process.arch}; ${texts.en.length} articles per language of ~5 KB; gc exposed: ${typeof (globalThis as { gc?: unknown }).gc === 'function'}\n`);

// Warm-up: let V8 optimize every code path before anything is measured, so the first
// row of the table is not penalized.
{
  const warm = compileWatchlist(syntheticWatchlist(1000, base));
  const warmAc = new AhoCorasick(allAliases(base).map((a) => a.toLowerCase()));
  for (const l of langs) {
    throughput(texts[l], (s) => warm.extract({ body: s }), 500);
    throughput(texts[l], (s) => warmAc.search(s.toLowerCase()), 300);
    throughput(texts[l], floor, 200);
  }
}

const rows: string[] = [];
const buildRows: string[] = [];
let tumenAt100: Record<string, number> = {};
let compiled100k: CompiledWatchlist | undefined;
for (const size of SIZES) {
  const wl = syntheticWatchlist(size, base);
  const aliases = allAliases(wl);
  const ours = measureBuild(() => compileWatchlist(wl));
  const stats = watchlistStats(ours.value)!;
  const ac = measureBuild(() => new AhoCorasick(aliases.map((a) => a.toLowerCase())));
  const rx = aliases.length <= REGEX_MAX_ALIASES ? measureBuild(() => naiveRegex(aliases)) : undefined;
  buildRows.push(
    `| ${aliases.length.toLocaleString('en')} | ${stats.keys.toLocaleString('en')} | ${fmt(ours.ms)} / ${fmt(ours.best)} | ${fmt(ours.mb, 1)} | ${fmt(ac.ms)} / ${fmt(ac.best)} | ${fmt(ac.mb, 1)} | ${rx ? fmt(rx.ms) : 'skipped'} |`,
  );
  for (const l of langs) {
    const c = ours.value;
    const [t, a, f] = throughputs(texts[l], [(s) => c.extract({ body: s }), (s) => ac.value.search(s.toLowerCase()), floor]) as [number, number, number];
    const r = rx ? throughput(texts[l].slice(0, size >= 10_000 ? 10 : texts[l].length), rx.value, 300) : NaN;
    if (size === SIZES[0]) tumenAt100[l] = t;
    rows.push(
      `| ${aliases.length.toLocaleString('en')} | ${l} | **${fmt(t)}** | ${fmt(a, 1)} | ${rx ? fmt(r, 2) : 'skipped'} | ${fmt(f)} | ${fmt(t / a, 1)}× | ${rx ? `${fmt(t / r)}×` : '—'} | ${fmt((t / f) * 100)}% | ${fmt((t / tumenAt100[l]!) * 100)}% |`,
    );
  }
  if (size === SIZES[SIZES.length - 1]) compiled100k = ours.value;
  console.error(`done ${size}`);
}

console.log('## Build\n');
console.log('| aliases | automaton keys (with variants) | Tumen build ms (median / best of 3) | Tumen retained MB | ahocorasick build ms (median / best) | ahocorasick retained MB | RegExp build ms |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(buildRows.join('\n'));
console.log('\n## Throughput (MB/s, UTF-8)\n');
console.log('| aliases | lang | Tumen | ahocorasick | RegExp per alias | floor | Tumen ÷ ahocorasick | Tumen ÷ RegExp | % of floor | % of Tumen at 100 |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(rows.join('\n'));

// Linearity: one ~20 MB text against the same compiled watchlist as the largest size.
const huge = longText(texts.en.map((t) => t.text), 20_000_000);
const hugeBytes = Buffer.byteLength(huge, 'utf8');
const c = compiled100k!;
c.extract({ body: huge.slice(0, 100_000) });
let found: unknown[] = [];
const hugeRuns: number[] = [];
const smallRuns: number[] = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  found = c.extract({ body: huge });
  hugeRuns.push(hugeBytes / 1e6 / ((performance.now() - t0) / 1000));
  smallRuns.push(throughput(texts.en, (s) => c.extract({ body: s }), MIN_MS / ROUNDS));
}
const hugeMBs = median(hugeRuns);
const small = median(smallRuns);
console.log(
  `\n## Linearity\n\nOne ${fmt(hugeBytes / 1e6, 1)} MB English text at ${SIZES[SIZES.length - 1]!.toLocaleString('en')} aliases: ${fmt(hugeMBs)} MB/s (${found.length} ids matched) vs ${fmt(small)} MB/s on 5 KB articles (ratio ${fmt(hugeMBs / small, 2)}).`,
);

// The effect of romanization variants: the same 100k-alias list with no `lang: ko`.
if (!quick) {
  const plain = syntheticWatchlist(SIZES[SIZES.length - 1]!, base, false);
  const p = measureBuild(() => compileWatchlist(plain));
  console.log(
    `\nWithout \`lang: ko\` on the synthetic Korean names (no romanization variants): ${watchlistStats(p.value)!.keys.toLocaleString('en')} keys, build ${fmt(p.ms)} ms (best ${fmt(p.best)}), retained ${fmt(p.mb, 1)} MB.`,
  );
}
void docs;
