import { z } from 'zod';
import { defineQueue } from './contract.ts';

/** Poll one source once. `tick` identifies the scheduling slot, so a repeated tick enqueues nothing twice. */
export const pollQueue = defineQueue({
  name: 'poll',
  schema: z.object({ sourceId: z.string().min(1), tick: z.string().min(1) }),
  // A failed poll is recorded in source health and rescheduled with backoff by the
  // scheduler, so the job itself retries only a transient database failure.
  retry: { attempts: 3, backoffMs: 2_000 },
  jobId: (p) => `poll:${p.sourceId}:${p.tick}`,
});
export type PollPayload = z.infer<typeof pollQueue.schema>;

/** Match a batch of stored articles against the current watchlist and store the matches. */
export const extractQueue = defineQueue({
  name: 'extract',
  schema: z.object({ articleIds: z.array(z.number().int().positive()).min(1).max(1000) }),
  retry: { attempts: 5, backoffMs: 1_000 },
  jobId: (p) => `extract:${p.articleIds[0]}:${p.articleIds.length}:${p.articleIds[p.articleIds.length - 1]}`,
});
export type ExtractPayload = z.infer<typeof extractQueue.schema>;

/**
 * Fetch one article's page (sources with `fetch_article: true`) and extract its main
 * text, then queue its extraction. A page that is gone leaves the feed's summary.
 */
export const fetchArticleQueue = defineQueue({
  name: 'fetch-article',
  schema: z.object({ articleId: z.number().int().positive() }),
  retry: { attempts: 4, backoffMs: 30_000 },
  jobId: (p) => `fetch-article:${p.articleId}`,
});
export type FetchArticlePayload = z.infer<typeof fetchArticleQueue.schema>;

/**
 * Send alerts to one channel: the given alert ids (instant), or every unsent alert of
 * the channel (a digest period, or a sweep of alerts whose instant job was lost).
 */
export const deliverQueue = defineQueue({
  name: 'deliver',
  schema: z.object({
    channelId: z.string().min(1),
    alertIds: z.array(z.number().int().positive()).min(1).max(1000).optional(),
    /** Digest period or sweep id, when `alertIds` is absent. */
    slot: z.string().min(1).optional(),
  }),
  retry: { attempts: 6, backoffMs: 10_000 },
  jobId: (p) =>
    p.alertIds ? `deliver:${p.channelId}:${p.alertIds[0]}:${p.alertIds.length}:${p.alertIds[p.alertIds.length - 1]}` : `deliver:${p.channelId}:slot:${p.slot ?? 'all'}`,
});
export type DeliverPayload = z.infer<typeof deliverQueue.schema>;

/** Every queue, for workers that take them all. */
export const ALL_QUEUES = [pollQueue, fetchArticleQueue, extractQueue, deliverQueue] as const;
