import { createHash } from 'node:crypto';
import { getArticles, recordPageFetch } from '@tumen/db';
import { extractQueue, type FetchArticlePayload } from '../contracts/queues.ts';
import type { PipelineDeps } from '../deps.ts';

/** The page could not be fetched this time; the queue's retry policy tries again. */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
}

export interface FetchArticleResult {
  articleId: number;
  outcome: 'ok' | 'broken' | 'skipped';
  error?: string | undefined;
}

/**
 * Fetches an article's page and replaces the feed's summary with the page's main text,
 * then queues the article's extraction. A page that is broken (404, refused, too
 * large…) keeps the summary, records why, and is extracted anyway; a page that should
 * be retried throws {@link RetryLaterError}.
 */
export async function handleFetchArticle(payload: FetchArticlePayload, deps: PipelineDeps): Promise<FetchArticleResult> {
  const [article] = await getArticles(deps.db, [payload.articleId]);
  if (!article || article.fetch_state !== 'pending' || !article.url) {
    return { articleId: payload.articleId, outcome: 'skipped' };
  }
  const source = deps.config().sources.get(article.source_id);
  const outcome = await deps.fetcher.fetchArticle(article.url, { respectRobots: source?.respectRobots ?? true });
  if (outcome.kind === 'retry') throw new RetryLaterError(`fetching ${article.url} failed: ${outcome.reason}`);
  if (outcome.kind === 'ok' && outcome.text.trim()) {
    const body = outcome.text;
    await recordPageFetch(deps.db, article.id, {
      ok: true,
      body,
      contentHash: createHash('sha256').update(`${article.title}\n${body}`).digest('hex'),
      canonicalUrl: outcome.canonicalUrl,
    });
  } else {
    const error = outcome.kind === 'broken' ? outcome.reason : 'the page has no readable main text';
    await recordPageFetch(deps.db, article.id, { ok: false, error });
    deps.log.warn({ articleId: article.id, sourceId: article.source_id, url: article.url, err: error }, 'article page not used');
  }
  await deps.enqueue(extractQueue, { articleIds: [article.id] });
  return { articleId: article.id, outcome: outcome.kind === 'ok' ? 'ok' : 'broken', error: outcome.kind === 'broken' ? outcome.reason : undefined };
}
