/**
 * Deterministic benchmark data: a watchlist of 10k aliases (5,000 entities, each with
 * a name and one alias) and feeds whose items mention some of them.
 */
const SYLLABLES = ['ka', 'ro', 'min', 'tae', 'sok', 'vla', 'dim', 'ser', 'gei', 'pak', 'chol', 'yun', 'li', 'bor', 'ko', 'nam', 'han', 'dre', 'ev', 'zan'];
const WORDS = 'the of and to in a said on for with was that by at from as its will has were official ministry trade delegation talks port railway bridge cooperation meeting agreement economic region border visit project energy supply workers'.split(' ');

/** A pseudo-random generator with a seed, so every run sees the same data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function word(r: () => number, parts: number): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  return w[0]!.toUpperCase() + w.slice(1);
}

/** Entity i's name and alias (both matched). */
export function entityNames(i: number): [string, string] {
  const r = rng(1000 + i);
  return [`${word(r, 2)} ${word(r, 3)} ${i}`, `${word(r, 3)}${i}`];
}

export const ENTITIES = 5_000;

export function watchlistYaml(entities = ENTITIES): string {
  const lines = ['entities:'];
  for (let i = 0; i < entities; i++) {
    const [name, alias] = entityNames(i);
    lines.push(`  - { id: e${i}, type: person, name: "${name}", aliases: ["${alias}"] }`);
  }
  lines.push('stories: []');
  return `${lines.join('\n')}\n`;
}

/** One item's text: ~60 words; one item in five names an entity. */
export function itemText(feed: number, item: number): string {
  const r = rng(feed * 1000 + item);
  const words: string[] = [];
  for (let i = 0; i < 60; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]!);
  if (item % 5 === 0) words.splice(20, 0, entityNames((feed * 7 + item) % ENTITIES)[0]);
  return words.join(' ');
}

export function feedXml(feed: number, items: number): string {
  const parts: string[] = [];
  for (let j = 0; j < items; j++) {
    parts.push(
      `<item><title>Report ${feed}-${j}</title><link>http://news.example/${feed}/${j}</link><guid>f${feed}-i${j}</guid>` +
        `<pubDate>${new Date(Date.UTC(2024, 0, 1, 0, j)).toUTCString()}</pubDate><description>${itemText(feed, j)}</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>http://news.example/${feed}</link><description>bench</description>${parts.join('')}</channel></rss>`;
}

/** sources.yaml for `feeds` feeds spread over the farm's ports. */
export function sourcesYaml(feeds: number, ports: number[], every = '5m'): string {
  const lines = ['sources:'];
  for (let i = 0; i < feeds; i++) {
    lines.push(`  - { id: f${i}, name: Feed ${i}, url: "http://127.0.0.1:${ports[i % ports.length]}/f/${i}.rss", every: ${every} }`);
  }
  return `${lines.join('\n')}\n`;
}
