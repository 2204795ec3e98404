/**
 * Extraction speed per MB against text length: the benchmark's 200 English articles
 * joined into one text of 1 to 20 MB, each size timed right after the articles
 * themselves (this machine's speed moves by 2× within minutes), at 100k aliases.
 *
 *     node --import tsx bench/extract/linearity.ts [--rounds N]
 *
 * Prints a Markdown table: MB/s of each long text, of the articles, and their ratio.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileWatchlist, documentText, parseWatchlist } from '../../packages/core/src/index.ts';
import { syntheticWatchlist } from './aliases.ts';
import { loadArticles, longText } from './corpus.ts';

const USAGE = 'Usage: node --import tsx bench/extract/linearity.ts [--rounds N]\n';
let rounds = 2;
try {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  rounds = Number(values.rounds);
  if (!(rounds >= 1)) throw new Error('--rounds must be a number of at least 1.');
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}

const base = parseWatchlist(readFileSync(new URL('../../config/watchlist.yaml', import.meta.url), 'utf8'));
process.stderr.write('compiling the 100k-alias watchlist…\n');
const compiled = compileWatchlist(syntheticWatchlist(100_000, base));
const articles = loadArticles(200).en.map((d) => documentText(d));
const texts = [1e6, 2.5e6, 5e6, 10e6, 20e6].map((units) => longText(articles, units));
const mb = (t: string): number => Buffer.byteLength(t, 'utf8') / 1e6;

/** MB/s of the articles over about a second. */
function articleSpeed(): number {
  const t0 = performance.now();
  let bytes = 0;
  while (performance.now() - t0 < 1000) {
    for (const t of articles) {
      compiled.extract({ body: t });
      bytes += Buffer.byteLength(t, 'utf8');
    }
  }
  return bytes / 1e6 / ((performance.now() - t0) / 1000);
}

const cells = texts.map(() => [] as string[]);
for (let r = 0; r < rounds; r++) {
  texts.forEach((text, k) => {
    const art = articleSpeed();
    const reps = Math.max(1, Math.round(20e6 / text.length)); // about 20 MB of text per cell
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) compiled.extract({ body: text });
    const long = (mb(text) * reps) / ((performance.now() - t0) / 1000);
    cells[k]!.push(`${long.toFixed(0)} vs ${art.toFixed(0)} (${(long / art).toFixed(2)})`);
    process.stderr.write(`round ${r + 1}: ${mb(text).toFixed(1)} MB done\n`);
  });
}
console.log(`| text | ${texts.map((t) => `${mb(t).toFixed(1)} MB`).join(' | ')} |`);
console.log(`| --- | ${texts.map(() => '---:').join(' | ')} |`);
for (let r = 0; r < rounds; r++) console.log(`| round ${r + 1}: MB/s vs articles (ratio) | ${cells.map((c) => c[r]).join(' | ')} |`);
