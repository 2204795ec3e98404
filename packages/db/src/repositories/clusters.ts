import type { Db } from '../db.ts';

/** An article's SimHash (signed 64-bit) and its four 16-bit bands. */
export interface ArticleFingerprint {
  articleId: number;
  simhash: bigint;
  bands: [number, number, number, number];
}

/**
 * For each fingerprint, the earliest stored article (lower id) within `maxDistance`
 * bits, and that article's cluster. Candidates come from the band indexes; the
 * distance is checked in SQL with bit_count.
 */
export async function findNearDuplicates(
  db: Db,
  prints: ArticleFingerprint[],
  maxDistance = 3,
): Promise<Map<number, { id: number; clusterId: number }>> {
  const found = new Map<number, { id: number; clusterId: number }>();
  if (prints.length === 0) return found;
  const { rows } = await db.query<{ new_id: number; id: number; cluster_id: number | null }>(
    `SELECT DISTINCT ON (n.id) n.id AS new_id, a.id, a.cluster_id
       FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::int[]) AS n(id, h, b0, b1, b2, b3)
       JOIN articles a ON a.id < n.id AND a.simhash IS NOT NULL
        AND (a.sh_b0 = n.b0 OR a.sh_b1 = n.b1 OR a.sh_b2 = n.b2 OR a.sh_b3 = n.b3)
        AND bit_count((a.simhash # n.h)::bit(64)) <= $7
      ORDER BY n.id, a.id`,
    [
      prints.map((p) => p.articleId),
      prints.map((p) => p.simhash.toString()),
      prints.map((p) => p.bands[0]),
      prints.map((p) => p.bands[1]),
      prints.map((p) => p.bands[2]),
      prints.map((p) => p.bands[3]),
      maxDistance,
    ],
  );
  for (const r of rows) found.set(r.new_id, { id: r.id, clusterId: r.cluster_id ?? r.id });
  return found;
}

/** What extraction learned about an article, stored when its matches are. */
export interface ExtractedArticle {
  id: number;
  simhash: bigint | null;
  bands: [number, number, number, number] | null;
  clusterId: number;
}

/** Marks articles extracted with a watchlist version, storing fingerprints and clusters. */
export async function markExtracted(db: Db, articles: ExtractedArticle[], watchlistVersion: string): Promise<void> {
  if (articles.length === 0) return;
  await db.query(
    `UPDATE articles a SET extracted_at = now(), watchlist_version = $8, simhash = u.h,
            sh_b0 = u.b0, sh_b1 = u.b1, sh_b2 = u.b2, sh_b3 = u.b3, cluster_id = u.c
       FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[]) AS u(id, h, b0, b1, b2, b3, c)
      WHERE a.id = u.id`,
    [
      articles.map((a) => a.id),
      articles.map((a) => a.simhash?.toString() ?? null),
      articles.map((a) => a.bands?.[0] ?? null),
      articles.map((a) => a.bands?.[1] ?? null),
      articles.map((a) => a.bands?.[2] ?? null),
      articles.map((a) => a.bands?.[3] ?? null),
      articles.map((a) => a.clusterId),
      watchlistVersion,
    ],
  );
}
