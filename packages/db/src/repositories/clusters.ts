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
 * query per batch: every key of the batch in one `&&` against the GIN index (a join
 * per key let the planner scan the table once per key).
 */
export async function findNearDuplicateCandidates(db: Db, prints: ArticleFingerprint[], limit = 5_000): Promise<NearDuplicateCandidate[]> {
  if (prints.length === 0) return [];
  const keys = [...new Set(prints.flatMap((p) => [...p.lsh]))];
  const maxId = Math.max(...prints.map((p) => p.articleId));
  const { rows } = await db.query<{ id: number; cluster_id: number | null; minhash: number[]; lsh: number[] }>(
    // No ORDER BY: with one, the planner walks the primary key and tests every row;
    // without, it takes the GIN bitmap. Callers sort.
    `SELECT id, cluster_id, minhash, lsh FROM articles WHERE lsh && $1::int[] AND id < $2 LIMIT $3`,
    [keys, maxId, limit],
  );
  rows.sort((a, b) => a.id - b.id);
  const out: NearDuplicateCandidate[] = [];
  for (const p of prints) {
    const own = new Set(p.lsh);
    for (const r of rows) {
      if (r.id < p.articleId && r.lsh.some((k) => own.has(k))) {
        out.push({ newId: p.articleId, id: r.id, clusterId: r.cluster_id ?? r.id, minhash: r.minhash });
      }
    }
  }
  return out;
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
