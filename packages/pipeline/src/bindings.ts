import { deliverQueue, extractQueue, fetchArticleQueue, pollQueue } from './contracts/queues.ts';
import { handleDeliver } from './handlers/deliver-alerts.ts';
import { handleFetchArticle } from './handlers/fetch-article.ts';
import { handleExtract } from './handlers/extract-articles.ts';
import { handlePoll } from './handlers/poll-source.ts';
import type { Binding } from './runner/runner.ts';

export interface ConcurrencyOptions {
  /** Polls run at once (requests to one host are still serialized). */
  poll?: number;
  /** Article pages fetched at once (requests to one host are still serialized). */
  fetchArticle?: number;
  /** Extraction batches at once: two, so one batch's database round trips overlap the other's matching. */
  extract?: number;
  /** Alert messages sent at once. */
  deliver?: number;
}

/** Every queue bound to its handler: what a worker that takes all queues runs. */
export function pipelineBindings(c: ConcurrencyOptions = {}): Binding<any, any>[] {
  return [
    { queue: pollQueue, handler: handlePoll, concurrency: c.poll ?? 8 },
    { queue: fetchArticleQueue, handler: handleFetchArticle, concurrency: c.fetchArticle ?? 8 },
    { queue: extractQueue, handler: handleExtract, concurrency: c.extract ?? 2 },
    { queue: deliverQueue, handler: handleDeliver, concurrency: c.deliver ?? 2 },
  ];
}

/** A `--queues` name that is not a queue. */
export class UnknownQueueError extends Error {
  override name = 'UnknownQueueError';
}

/**
 * The bindings of the named queues only (`tumen worker --queues poll,extract`), with an
 * optional concurrency that replaces each queue's default.
 */
export function selectBindings(names: readonly string[] | undefined, concurrency?: number): Binding<any, any>[] {
  const all = pipelineBindings();
  const known = all.map((b) => b.queue.name);
  const unknown = (names ?? []).filter((n) => !known.includes(n));
  if (unknown.length) throw new UnknownQueueError(`Unknown queue "${unknown[0]}"; the queues are ${known.join(', ')}.`);
  const chosen = names?.length ? all.filter((b) => names.includes(b.queue.name)) : all;
  return concurrency ? chosen.map((b) => ({ ...b, concurrency })) : chosen;
}
