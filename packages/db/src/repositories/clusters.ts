import { groupBy } from '@tumen/core';
import type { Db } from '../db.ts';

/** An article's MinHash signature and LSH band keys. */
export interface ArticleFingerprint {
  articleId: number;
  minhash: Int32Array;
  lsh: Int32Array;
}

/** A stored article that shares an LSH band with a new one: a near-duplicate candidate. */
export interface NearDuplicateCandidate {
  newId: number;
  id: number;
  clusterId: number;
  minhash: number[];
}

/**
 * For each fingerprint, the stored articles (with lower ids) sharing at least one LSH
 * band key, with their signatures so the caller can confirm the similarity. One
 * indexed query per batch.
 */
export async function findNearDuplicateCandidates(db: Db, prints: ArticleFingerprint[], limit = 5_000): Promise<NearDuplicateCandidate[]> {
  if (prints.length === 0) return [];
  const keys = [...new Set(prints.flatMap((p) => [...p.lsh]))];
  const maxId = Math.max(...prints.map((p) => p.articleId));
  const { rows } = await db.query<{ key: number; id: number; cluster_id: number | null; minhash: number[] }>(
    `SELECT b.key, a.id, a.cluster_id, a.minhash
       FROM article_bands b JOIN articles a ON a.id = b.article_id
      WHERE b.key = ANY($1::int[]) AND b.article_id < $2
      LIMIT $3`,
    [keys, maxId, limit],
  );
  const byKey = groupBy(rows, (r) => r.key);
  const out: NearDuplicateCandidate[] = [];
  for (const p of prints) {
    const seen = new Set<number>();
    for (const key of p.lsh) {
      for (const r of byKey.get(key) ?? []) {
        if (r.id >= p.articleId || seen.has(r.id)) continue;
        seen.add(r.id);
        out.push({ newId: p.articleId, id: r.id, clusterId: r.cluster_id ?? r.id, minhash: r.minhash });
      }
    }
  }
  return out.sort((a, b) => a.newId - b.newId || a.id - b.id);
}

/** What extraction learned about an article, stored when its matches are. */
export interface ExtractedArticle {
  id: number;
  minhash: Int32Array | null;
  lsh: Int32Array | null;
  clusterId: number;
}

/** Marks articles extracted with a watchlist version, storing fingerprints and clusters. */
export async function markExtracted(db: Db, articles: ExtractedArticle[], watchlistVersion: string): Promise<void> {
  if (articles.length === 0) return;
  // Arrays travel as text literals ('{1,2,3}'): unnest cannot take an array of arrays of varying nullness.
  const literal = (a: Int32Array | null) => (a ? `{${a.join(',')}}` : null);
  await db.query(
    `UPDATE articles a SET extracted_at = now(), watchlist_version = $4, minhash = u.mh::int[], cluster_id = u.c
       FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS u(id, mh, c)
      WHERE a.id = u.id`,
    [articles.map((a) => a.id), articles.map((a) => literal(a.minhash)), articles.map((a) => a.clusterId), watchlistVersion],
  );
  const ids: number[] = [];
  const keys: number[] = [];
  for (const a of articles) for (const key of a.lsh ?? []) (ids.push(a.id), keys.push(key));
  if (keys.length) {
    await db.query(
      'INSERT INTO article_bands (key, article_id) SELECT * FROM unnest($1::int[], $2::bigint[]) ON CONFLICT DO NOTHING',
      [keys, ids],
    );
  }
}
