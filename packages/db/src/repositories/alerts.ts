import type { Evidence } from '@tumen/core';
import type { Db } from '../db.ts';

/**
 * Queues alerts for newly inserted matches: one row per (match, channel), skipping a
 * match whose target was already matched in an earlier article of the same
 * near-duplicate cluster (a reprint alerts nobody twice). Returns only rows inserted.
 */
export async function insertAlerts(db: Db, wanted: { matchId: number; channelId: string }[]): Promise<{ id: number; channel_id: string }[]> {
  if (wanted.length === 0) return [];
  const { rows } = await db.query<{ id: number; channel_id: string }>(
    `INSERT INTO alerts (match_id, channel_id)
     SELECT w.match_id, w.channel_id
       FROM unnest($1::bigint[], $2::text[]) AS w(match_id, channel_id)
       JOIN matches m ON m.id = w.match_id
       JOIN articles a ON a.id = m.article_id
      WHERE a.cluster_id IS NULL OR NOT EXISTS (
              SELECT 1 FROM matches m2 JOIN articles a2 ON a2.id = m2.article_id
               WHERE a2.cluster_id = a.cluster_id AND m2.target_id = m.target_id AND m2.id < m.id)
     ORDER BY w.match_id
     ON CONFLICT (match_id, channel_id) DO NOTHING
     RETURNING id, channel_id`,
    [wanted.map((w) => w.matchId), wanted.map((w) => w.channelId)],
  );
  return rows;
}

/** One alert with what a message needs to show. */
export interface AlertView {
  id: number;
  match_id: number;
  channel_id: string;
  target: { id: string; type: string; name: string };
  article: { id: number; title: string; url: string | null; source_id: string; published_at: string | null };
  evidence: Evidence[];
  /** Other sources that carried the same story (near-duplicates). */
  also_in: string[];
}

/** Unsent alerts of a channel (all of them, or those with the given ids), oldest first. */
export async function unsentAlerts(db: Db, channelId: string, ids?: number[], limit = 500): Promise<AlertView[]> {
  const { rows } = await db.query<{
    id: number; match_id: number; channel_id: string; target_id: string; target_type: string; target_name: string;
    evidence: Evidence[]; article_id: number; title: string; url: string | null; source_id: string; published_at: Date | null; also_in: string[] | null;
  }>(
    `SELECT al.id, al.match_id, al.channel_id, m.target_id, m.target_type, m.target_name, m.evidence,
            a.id AS article_id, a.title, a.url, a.source_id, a.published_at,
            (SELECT array_agg(DISTINCT x.source_id ORDER BY x.source_id) FROM articles x
              WHERE x.cluster_id = a.cluster_id AND x.source_id <> a.source_id) AS also_in
       FROM alerts al JOIN matches m ON m.id = al.match_id JOIN articles a ON a.id = m.article_id
      WHERE al.channel_id = $1 AND al.sent_at IS NULL AND ($2::bigint[] IS NULL OR al.id = ANY($2))
      ORDER BY al.id LIMIT $3`,
    [channelId, ids ?? null, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    match_id: r.match_id,
    channel_id: r.channel_id,
    target: { id: r.target_id, type: r.target_type, name: r.target_name },
    article: { id: r.article_id, title: r.title, url: r.url, source_id: r.source_id, published_at: r.published_at?.toISOString() ?? null },
    evidence: r.evidence,
    also_in: r.also_in ?? [],
  }));
}

/** Marks alerts sent (only those not already marked); returns how many changed. */
export async function markAlertsSent(db: Db, ids: number[]): Promise<number> {
  const { rows } = await db.query('UPDATE alerts SET sent_at = now() WHERE id = ANY($1::bigint[]) AND sent_at IS NULL RETURNING id', [ids]);
  return rows.length;
}

/** Records a failed delivery attempt. */
export async function recordAlertFailure(db: Db, ids: number[], error: string): Promise<void> {
  await db.query('UPDATE alerts SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])', [ids, error]);
}

/** Channels with alerts unsent for longer than `olderThanMs` (their instant job was lost). */
export async function channelsWithStaleAlerts(db: Db, olderThan: Date): Promise<{ channel_id: string; first_id: number; n: number }[]> {
  const { rows } = await db.query<{ channel_id: string; first_id: number; n: number }>(
    `SELECT channel_id, min(id)::bigint AS first_id, count(*)::int AS n FROM alerts
      WHERE sent_at IS NULL AND created_at <= $1 GROUP BY channel_id`,
    [olderThan],
  );
  return rows;
}

/**
 * Claims digest period `slot` for a channel; true for exactly one caller per period,
 * however many schedulers ask.
 */
export async function claimDigestSlot(db: Db, channelId: string, slot: number): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO alert_digests (channel_id, last_slot) VALUES ($1, $2)
     ON CONFLICT (channel_id) DO UPDATE SET last_slot = excluded.last_slot WHERE alert_digests.last_slot < excluded.last_slot
     RETURNING channel_id`,
    [channelId, slot],
  );
  return rows.length > 0;
}
