import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWatchlist, parseWatchlist } from '../../src/index.ts';

interface LabeledDoc {
  id: string;
  lang: string;
  title: string;
  body: string;
  entities: string[];
  stories: string[];
}

const root = new URL('../../../../', import.meta.url);
const watchlist = parseWatchlist(readFileSync(new URL('config/watchlist.yaml', root), 'utf8'));
const { docs } = JSON.parse(readFileSync(new URL('test/fixtures/labeled/labeled-set.json', root), 'utf8')) as { docs: LabeledDoc[] };
const compiled = compileWatchlist(watchlist);

/** Precision and recall over (document, id) pairs. */
function score(kind: 'entity' | 'story', filter: (d: LabeledDoc) => boolean = () => true) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errors: string[] = [];
  for (const d of docs.filter(filter)) {
    const got = new Set(compiled.extract({ title: d.title, body: d.body }).filter((m) => m.type === kind).map((m) => m.id));
    const want = new Set(kind === 'entity' ? d.entities : d.stories);
    for (const id of got) {
      if (want.has(id)) tp++;
      else {
        fp++;
        errors.push(`${d.id}: false positive ${id}`);
      }
    }
    for (const id of want) {
      if (!got.has(id)) {
        fn++;
        errors.push(`${d.id}: missed ${id}`);
      }
    }
  }
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), tp, fp, fn, errors };
}

describe('labeled set (config/watchlist.yaml against test/fixtures/labeled)', () => {
  it('has documents in all three languages', () => {
    for (const lang of ['en', 'ko', 'ru']) expect(docs.filter((d) => d.lang === lang).length).toBeGreaterThanOrEqual(10);
  });

  it.each([['entity'], ['story']] as const)('%s precision and recall are at least 0.95', (kind) => {
    const s = score(kind);
    console.log(`${kind}: precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`, s.errors);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
  });

  it.each(['en', 'ko', 'ru'])('entity precision and recall per language (%s) are at least 0.9', (lang) => {
    const s = score('entity', (d) => d.lang === lang);
    expect(s.precision, s.errors.join('; ')).toBeGreaterThanOrEqual(0.9);
    expect(s.recall, s.errors.join('; ')).toBeGreaterThanOrEqual(0.9);
  });
});
