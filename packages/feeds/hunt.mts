import { readFileSync } from 'node:fs';
import { decodeBody, parseFeed } from './src/index.ts';
const dir = '../../test/fixtures/feeds/rss-parser/input/';
const corpus = [...['rss-1.rss', 'heise.atom', 'content-encoded.rss', 'narro.rss', 'reddit-atom.rss', 'many-links.rss'].map((n) => readFileSync(dir + n)), readFileSync('../../test/fixtures/feeds/oren.ru/iconv.xml')].map((b) => b.subarray(0, 24 * 1024));
const TAGS = ['<item>', '</item>', '<entry>', '</channel>', '<![CDATA[', ']]>', '<!DOCTYPE x [', '&amp;', '&#0;', '&#xD800;', '<__proto__>', '<?xml version="1.0"?>', '\u0000', '{', '"items":', '<title>', '</rss>'];
let rnd = Number(process.argv[2] ?? 1); const R = (n: number) => { rnd = (rnd * 1103515245 + 12345) & 0x7fffffff; return rnd % n; };
let worst = 0;
for (let i = 0; i < 3000; i++) {
  let b = corpus[R(corpus.length)]!;
  for (let k = 0; k <= R(6); k++) {
    const at = b.length ? R(b.length) : 0; const m = R(4);
    if (m === 0) { b = Buffer.from(b); b[at] = R(256); }
    else if (m === 1) b = b.subarray(0, at);
    else if (m === 2) b = Buffer.concat([b.subarray(0, at), Buffer.from(TAGS[R(TAGS.length)]!), b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + R(64))]);
  }
  const t = performance.now();
  const r = await Promise.race([parseFeed(decodeBody(b, 'application/xml')).then(() => 'ok', (e) => e.name), new Promise((res) => setTimeout(() => res('HANG'), 3000))]);
  const dt = performance.now() - t;
  if (dt > worst) { worst = dt; console.log(i, r, dt.toFixed(0), 'ms', JSON.stringify(b.toString('latin1').slice(0, 120))); }
}
