import { createHash } from 'node:crypto';
import type { FeedItem } from '@tumen/core';
import { getSource, insertArticles, pendingExtraction, pendingPageFetch, recordPoll, type NewArticle } from '@tumen/db';
import { canonicalUrl, nextPollDelay, type PollOutcome } from '@tumen/feeds';
import { extractQueue, fetchArticleQueue, type PollPayload } from '../contracts/queues.ts';
import type { PipelineDeps } from '../deps.ts';

/** What one poll did, for summaries, logs and metrics. */
export interface PollResult {
  sourceId: string;
  outcome: PollOutcome['kind'] | 'skipped';
  ok: boolean;
  status?: number | undefined;
  error?: string | undefined;
  items: number;
  newArticles: number;
  bytes: number;
}

const INSERT_BATCH = 500;
const EXTRACT_BATCH = 200;

/**
 * Polls one source: fetch, store new items as articles, queue their extraction, and
 * record the source's health and next check. Safe to run twice: known items are not
 * stored again, and articles still owed an extraction are queued again.
 */
export async function handlePoll(payload: PollPayload, deps: PipelineDeps): Promise<PollResult> {
  const source = deps.config().sources.get(payload.sourceId);
  const row = await getSource(deps.db, payload.sourceId);
  if (!source || !source.enabled || !row) {
    return { sourceId: payload.sourceId, outcome: 'skipped', ok: true, items: 0, newArticles: 0, bytes: 0 };
  }
  const outcome = await deps.fetcher.poll(source, { etag: row.etag, lastModified: row.last_modified });
  let newArticles = 0;
  if (outcome.kind === 'ok') {
    const articles = dedupeByKey(outcome.items.map((item) => toArticle(item, source.fetchArticle)));
    for (let i = 0; i < articles.length; i += INSERT_BATCH) {
      newArticles += (await insertArticles(deps.db, source.id, articles.slice(i, i + INSERT_BATCH))).length;
    }
  }
  if (outcome.kind === 'ok' || outcome.kind === 'not-modified') {
    // Also after a 304: work owed from an earlier poll (its job failed for good during a
    // database outage, or was lost with a crashed worker) is queued again by the next poll.
    if (source.fetchArticle) {
      for (const articleId of await pendingPageFetch(deps.db, source.id)) await deps.enqueue(fetchArticleQueue, { articleId });
    }
    const pending = await pendingExtraction(deps.db, source.id);
    for (let i = 0; i < pending.length; i += EXTRACT_BATCH) {
      await deps.enqueue(extractQueue, { articleIds: pending.slice(i, i + EXTRACT_BATCH) });
    }
  }
  const now = deps.now();
  await recordPoll(deps.db, source.id, {
    outcome: outcome.kind,
    status: outcome.status,
    error: outcome.kind === 'retry' || outcome.kind === 'broken' ? outcome.reason : undefined,
    etag: outcome.kind === 'ok' ? outcome.etag : undefined,
    lastModified: outcome.kind === 'ok' ? outcome.lastModified : undefined,
    nextCheckAt: new Date(now.getTime() + nextPollDelay(outcome, source.everyMs, row.consecutive_failures)),
    at: now,
  });
  const ok = outcome.kind === 'ok' || outcome.kind === 'not-modified';
  deps.log.info(
    { sourceId: source.id, outcome: outcome.kind, status: outcome.status, newArticles },
    ok ? 'polled source' : `source failed: ${outcome.kind === 'retry' || outcome.kind === 'broken' ? outcome.reason : ''}`,
  );
  return {
    sourceId: source.id,
    outcome: outcome.kind,
    ok,
    status: outcome.status,
    error: ok ? undefined : (outcome as { reason: string }).reason,
    items: outcome.kind === 'ok' ? outcome.items.length : 0,
    newArticles,
    bytes: outcome.kind === 'ok' ? outcome.bytes : 0,
  };
}

/** An item's identity within its source: its guid, else its canonical link, else a hash of its title and text. */
export function itemKey(item: FeedItem): string {
  if (item.guid) return `guid:${item.guid}`;
  if (item.url) return `url:${canonicalUrl(item.url)}`;
  return `hash:${sha256(`${item.title}\n${item.text}`)}`;
}

function toArticle(item: FeedItem, fetchPage: boolean): NewArticle {
  return {
    itemKey: itemKey(item),
    url: item.url ? canonicalUrl(item.url) : undefined,
    fetchPage: fetchPage && Boolean(item.url),
    title: item.title,
    body: item.text,
    author: item.author,
    publishedAt: item.publishedAt,
    contentHash: sha256(`${item.title}\n${item.text}`),
  };
}

/** A feed listing one item twice must not make one INSERT conflict with itself. */
function dedupeByKey(articles: NewArticle[]): NewArticle[] {
  const seen = new Map<string, NewArticle>();
  for (const a of articles) if (!seen.has(a.itemKey)) seen.set(a.itemKey, a);
  return [...seen.values()];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
