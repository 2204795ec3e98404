import type { SourceConfig } from '@tumen/core';
import type { Db } from '../db.ts';

/** A source's polling state and health, as stored. */
export interface SourceRow {
  id: string;
  name: string;
  url: string;
  kind: 'feed' | 'html';
  enabled: boolean;
  etag: string | null;
  last_modified: string | null;
  last_attempt_at: Date | null;
  last_success_at: Date | null;
  last_status: number | null;
  last_outcome: string | null;
  last_error: string | null;
  consecutive_failures: number;
  next_check_at: Date | null;
}

/**
 * Makes the sources table reflect the configuration: inserts new sources, updates
 * name/url/kind/enabled of known ones, disables those no longer configured. Health and
 * validators survive; a changed URL forgets its validators.
 */
export async function syncSources(db: Db, sources: SourceConfig[]): Promise<void> {
  await db.query(
    `INSERT INTO sources (id, name, url, kind, enabled)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[])
     ON CONFLICT (id) DO UPDATE SET
       name = excluded.name, kind = excluded.kind, enabled = excluded.enabled,
       etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
       last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END,
       url = excluded.url, updated_at = now()`,
    [
      sources.map((s) => s.id),
      sources.map((s) => s.name),
      sources.map((s) => s.url),
      sources.map((s) => s.kind),
      sources.map((s) => s.enabled),
    ],
  );
  await db.query(`UPDATE sources SET enabled = false, updated_at = now() WHERE enabled AND NOT (id = ANY($1::text[]))`, [
    sources.map((s) => s.id),
  ]);
}

/** Every source, ordered by id. */
export async function listSources(db: Db): Promise<SourceRow[]> {
  return (await db.query<SourceRow>('SELECT * FROM sources ORDER BY id')).rows;
}

export async function getSource(db: Db, id: string): Promise<SourceRow | undefined> {
  return (await db.query<SourceRow>('SELECT * FROM sources WHERE id = $1', [id])).rows[0];
}

/** What one poll of a source ended with, as recorded for its health. */
export interface PollRecord {
  /** ok | not-modified | retry | broken */
  outcome: string;
  status?: number | undefined;
  error?: string | undefined;
  /** New validators after a 200 (undefined keeps the stored ones). */
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  /** When the source should next be polled. */
  nextCheckAt: Date;
  at: Date;
}

/** Records a poll: success resets the failure count, failure increments it. */
export async function recordPoll(db: Db, sourceId: string, poll: PollRecord): Promise<void> {
  const success = poll.outcome === 'ok' || poll.outcome === 'not-modified';
  await db.query(
    `UPDATE sources SET
       last_attempt_at = $2,
       last_success_at = CASE WHEN $3 THEN $2 ELSE last_success_at END,
       last_status = $4,
       last_outcome = $5,
       last_error = $6,
       consecutive_failures = CASE WHEN $3 THEN 0 ELSE consecutive_failures + 1 END,
       next_check_at = $7,
       etag = CASE WHEN $8 THEN $9 ELSE etag END,
       last_modified = CASE WHEN $10 THEN $11 ELSE last_modified END
     WHERE id = $1`,
    [
      sourceId,
      poll.at,
      success,
      poll.status ?? null,
      poll.outcome,
      poll.error ?? null,
      poll.nextCheckAt,
      poll.etag !== undefined,
      poll.etag ?? null,
      poll.lastModified !== undefined,
      poll.lastModified ?? null,
    ],
  );
}
