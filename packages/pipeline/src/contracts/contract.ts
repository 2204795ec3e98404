import type { z } from 'zod';

/** How a failed job is retried: `attempts` in all, waiting `delayMs · 2^(n-1)` before retry n. */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * Everything about one queue in one place: its name, its payload schema, its retry
 * policy, and the deterministic job id that makes a repeated enqueue a no-op.
 */
export interface QueueContract<P> {
  name: string;
  schema: z.ZodType<P>;
  retry: RetryPolicy;
  /** Same payload → same id; BullMQ and the in-process runner both drop duplicates by it. */
  jobId(payload: P): string;
}

/** Defines a queue contract (identity function, for inference). */
export function defineQueue<P>(contract: QueueContract<P>): QueueContract<P> {
  return contract;
}
