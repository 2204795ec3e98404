import type { Evidence } from '@tumen/core';
import type { Db } from '../db.ts';

export type MatchStatus = 'new' | 'read' | 'starred' | 'dismissed';
export const MATCH_STATUSES: readonly MatchStatus[] = ['new', 'read', 'starred', 'dismissed'];

/** A match about to be stored. */
export interface NewMatch {
  articleId: number;
  targetId: string;
  /** Entity type (person, organization…) or `story`. */
  targetType: string;
  targetName: string;
  evidence: Evidence[];
}

/** A stored match with its article, in the API's shape. */
export interface MatchView {
  id: number;
  status: MatchStatus;
  created_at: string;
  target: { id: string; type: string; name: string };
  article: { id: number; title: string; url: string | null; source_id: string; published_at: string | null };
  evidence: Evidence[];
  /** The near-duplicate cluster the article belongs to: one story, N sources. */
  cluster: { id: number; size: number; sources: string[] } | null;
}

/**
 * Stores matches in one statement and returns only those actually inserted; a match
 * already stored for the same article and target is skipped. Alerts are built from the
 * returned rows only, so a replayed job alerts nobody twice.
 */
export async function insertMatches(db: Db, matches: NewMatch[]): Promise<{ id: number; article_id: number; target_id: string }[]> {
  if (matches.length === 0) return [];
  const { rows } = await db.query<{ id: number; article_id: number; target_id: string }>(
    `INSERT INTO matches (article_id, target_id, target_type, target_name, evidence)
     SELECT a, t, ty, n, e::jsonb FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(a, t, ty, n, e)
     ON CONFLICT (article_id, target_id) DO NOTHING
     RETURNING id, article_id, target_id`,
    [
      matches.map((m) => m.articleId),
      matches.map((m) => m.targetId),
      matches.map((m) => m.targetType),
      matches.map((m) => m.targetName),
      matches.map((m) => JSON.stringify(m.evidence)),
    ],
  );
  return rows;
}

export interface ListMatchesOptions {
  status?: MatchStatus | undefined;
  limit?: number | undefined;
  /** Only matches with an id below this (for paging newest-first). */
  beforeId?: number | undefined;
  ids?: number[] | undefined;
}

/** Newest matches first, joined with their article. */
export async function listMatches(db: Db, options: ListMatchesOptions = {}): Promise<MatchView[]> {
  const { rows } = await db.query<{
    id: number; status: MatchStatus; created_at: Date; target_id: string; target_type: string; target_name: string;
    evidence: Evidence[]; article_id: number; title: string; url: string | null; source_id: string; published_at: Date | null;
    cluster_id: number | null; cluster_size: number | null; cluster_sources: string[] | null;
  }>(
    `SELECT m.id, m.status, m.created_at, m.target_id, m.target_type, m.target_name, m.evidence,
            a.id AS article_id, a.title, a.url, a.source_id, a.published_at, a.cluster_id, c.size AS cluster_size, c.sources AS cluster_sources
       FROM matches m JOIN articles a ON a.id = m.article_id
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS size, array_agg(DISTINCT x.source_id ORDER BY x.source_id) AS sources
           FROM articles x WHERE x.cluster_id = a.cluster_id
       ) c ON a.cluster_id IS NOT NULL
      WHERE ($1::text IS NULL OR m.status = $1)
        AND ($2::bigint IS NULL OR m.id < $2)
        AND ($4::bigint[] IS NULL OR m.id = ANY($4))
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT $3`,
    [options.status ?? null, options.beforeId ?? null, Math.min(Math.max(options.limit ?? 50, 1), 1000), options.ids ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    created_at: r.created_at.toISOString(),
    target: { id: r.target_id, type: r.target_type, name: r.target_name },
    article: {
      id: r.article_id,
      title: r.title,
      url: r.url,
      source_id: r.source_id,
      published_at: r.published_at ? r.published_at.toISOString() : null,
    },
    evidence: r.evidence,
    cluster: r.cluster_id === null ? null : { id: r.cluster_id, size: r.cluster_size ?? 1, sources: r.cluster_sources ?? [r.source_id] },
  }));
}

/** Sets the review status of matches; returns how many changed. */
export async function setMatchStatus(db: Db, ids: number[], status: MatchStatus): Promise<number> {
  const { rows } = await db.query('UPDATE matches SET status = $2 WHERE id = ANY($1::bigint[]) AND status <> $2 RETURNING id', [ids, status]);
  return rows.length;
}

export async function countMatches(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM matches');
  return rows[0]!.n;
}
