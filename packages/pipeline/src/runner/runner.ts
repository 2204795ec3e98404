import type { QueueContract } from '../contracts/contract.ts';
import type { Enqueue, PipelineDeps } from '../deps.ts';

/** A handler: a function of (payload, deps). The same handlers run in every mode. */
export type Handler<P = unknown, R = unknown> = (payload: P, deps: PipelineDeps) => Promise<R>;

/** A queue contract bound to its handler and worker concurrency. */
export interface Binding<P = unknown, R = unknown> {
  queue: QueueContract<P>;
  handler: Handler<P, R>;
  concurrency: number;
}

/** What a runner reports about each job, for summaries and metrics. */
export interface RunnerEvents {
  completed?(queue: string, payload: unknown, result: unknown, ms: number): void;
  /** `final` is true when no retry is left. */
  failed?(queue: string, payload: unknown, error: Error, final: boolean): void;
}

/**
 * Runs jobs: in-process (embedded mode) or on BullMQ (distributed mode). Both give
 * the same semantics: payload validated by the queue's schema, duplicate job ids
 * dropped, failures retried by the queue's policy, a worker loop that never dies.
 */
export interface JobRunner {
  readonly enqueue: Enqueue;
  /** Starts consuming the given queues with these handlers. */
  start(bindings: Binding<any, any>[], deps: PipelineDeps, events?: RunnerEvents): Promise<void>;
  /** Resolves when no job is queued, running or waiting for a retry (in-process only). */
  drain(): Promise<void>;
  /** Stops taking jobs and waits for running ones to finish. */
  close(): Promise<void>;
}
