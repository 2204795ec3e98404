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
 * band key, with their signatures so the caller can confirm the similarity.
 */
export async function findNearDuplicateCandidates(db: Db, prints: ArticleFingerprint[]): Promise<NearDuplicateCandidate[]> {
  if (prints.length === 0) return [];
  const ids: number[] = [];
  const keys: number[] = [];
  for (const p of prints) for (const key of p.lsh) (ids.push(p.articleId), keys.push(key));
  const { rows } = await db.query<{ new_id: number; id: number; cluster_id: number | null; minhash: number[] }>(
    `SELECT DISTINCT n.id AS new_id, a.id, a.cluster_id, a.minhash
       FROM unnest($1::bigint[], $2::int[]) AS n(id, key)
       JOIN articles a ON a.lsh @> ARRAY[n.key] AND a.id < n.id
      ORDER BY n.id, a.id`,
    [ids, keys],
  );
  return rows.map((r) => ({ newId: r.new_id, id: r.id, clusterId: r.cluster_id ?? r.id, minhash: r.minhash }));
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
    `UPDATE articles a SET extracted_at = now(), watchlist_version = $5, minhash = u.mh::int[], lsh = u.lsh::int[], cluster_id = u.c
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) AS u(id, mh, lsh, c)
      WHERE a.id = u.id`,
    [articles.map((a) => a.id), articles.map((a) => literal(a.minhash)), articles.map((a) => literal(a.lsh)), articles.map((a) => a.clusterId), watchlistVersion],
  );
}
