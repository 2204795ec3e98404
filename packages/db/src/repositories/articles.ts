import type { Db } from '../db.ts';

/** An article about to be stored. */
export interface NewArticle {
  itemKey: string;
  url?: string | undefined;
  title: string;
  body: string;
  author?: string | undefined;
  publishedAt?: Date | undefined;
  contentHash: string;
  /** True when the page must be fetched (fetch_article) before extraction. */
  fetchPage?: boolean | undefined;
}

export interface ArticleRow {
  id: number;
  source_id: string;
  item_key: string;
  url: string | null;
  title: string;
  body: string;
  author: string | null;
  published_at: Date | null;
  fetched_at: Date;
  content_hash: string;
  extracted_at: Date | null;
  watchlist_version: string | null;
  canonical_url: string | null;
  fetch_state: 'pending' | 'done' | 'failed' | null;
  fetch_error: string | null;
  cluster_id: number | null;
}

/**
 * Stores a batch of one source's articles in one statement and returns only the rows
 * actually inserted (already-known items are skipped), so callers act on new ones only.
 */
export async function insertArticles(db: Db, sourceId: string, articles: NewArticle[]): Promise<{ id: number; item_key: string }[]> {
  if (articles.length === 0) return [];
  const { rows } = await db.query<{ id: number; item_key: string }>(
    `INSERT INTO articles (source_id, item_key, url, title, body, author, published_at, content_hash, fetch_state)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
     ON CONFLICT (source_id, item_key) DO NOTHING
     RETURNING id, item_key`,
    [
      sourceId,
      articles.map((a) => a.itemKey),
      articles.map((a) => a.url ?? null),
      articles.map((a) => a.title),
      articles.map((a) => a.body),
      articles.map((a) => a.author ?? null),
      articles.map((a) => a.publishedAt ?? null),
      articles.map((a) => a.contentHash),
      articles.map((a) => (a.fetchPage ? 'pending' : null)),
    ],
  );
  return rows;
}

/** Loads articles by id (in id order). */
export async function getArticles(db: Db, ids: number[]): Promise<ArticleRow[]> {
  if (ids.length === 0) return [];
  return (await db.query<ArticleRow>('SELECT * FROM articles WHERE id = ANY($1::bigint[]) ORDER BY id', [ids])).rows;
}

/** Ids of a source's articles whose page is still to be fetched, oldest first. */
export async function pendingPageFetch(db: Db, sourceId: string, limit = 10_000): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM articles WHERE source_id = $1 AND fetch_state = 'pending' ORDER BY id LIMIT $2`,
    [sourceId, limit],
  );
  return rows.map((r) => r.id);
}

/** Stores the outcome of fetching an article's page: its main text, or why it failed. */
export async function recordPageFetch(
  db: Db,
  id: number,
  result: { ok: true; body: string; contentHash: string; canonicalUrl: string } | { ok: false; error: string },
): Promise<void> {
  if (result.ok) {
    await db.query(
      `UPDATE articles SET body = $2, content_hash = $3, canonical_url = $4, fetch_state = 'done', fetch_error = NULL WHERE id = $1`,
      [id, result.body, result.contentHash, result.canonicalUrl],
    );
  } else {
    await db.query(`UPDATE articles SET fetch_state = 'failed', fetch_error = $2 WHERE id = $1`, [id, result.error]);
  }
}

export async function countArticles(db: Db, sourceId?: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM articles WHERE $1::text IS NULL OR source_id = $1',
    [sourceId ?? null],
  );
  return rows[0]!.n;
}

/** Ids of a source's articles still owed an extraction (and not waiting for their page), oldest first. */
export async function pendingExtraction(db: Db, sourceId: string, limit = 10_000): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM articles WHERE source_id = $1 AND extracted_at IS NULL
        AND fetch_state IS DISTINCT FROM 'pending' ORDER BY id LIMIT $2`,
    [sourceId, limit],
  );
  return rows.map((r) => r.id);
}
