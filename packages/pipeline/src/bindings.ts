import { extractQueue, pollQueue } from './contracts/queues.ts';
import { handleExtract } from './handlers/extract-articles.ts';
import { handlePoll } from './handlers/poll-source.ts';
import type { Binding } from './runner/runner.ts';

export interface ConcurrencyOptions {
  /** Polls run at once (requests to one host are still serialized). */
  poll?: number;
  /** Extraction batches at once (CPU-bound: about one per core). */
  extract?: number;
}

/** Every queue bound to its handler: what a worker that takes all queues runs. */
export function pipelineBindings(c: ConcurrencyOptions = {}): Binding<any, any>[] {
  return [
    { queue: pollQueue, handler: handlePoll, concurrency: c.poll ?? 8 },
    { queue: extractQueue, handler: handleExtract, concurrency: c.extract ?? 1 },
  ];
}
