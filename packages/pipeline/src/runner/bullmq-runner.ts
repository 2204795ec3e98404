import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueContract } from '../contracts/contract.ts';
import type { Logger, PipelineDeps } from '../deps.ts';
import { assertNoEviction, pingRedis } from '../redis-check.ts';
import type { Binding, JobRunner, RunnerEvents } from './runner.ts';

/** One queue's counts and the age of its oldest waiting job, for metrics and drain. */
export interface QueueStats {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Milliseconds the oldest waiting job has waited; 0 when none waits. */
  oldestWaitingMs: number;
}

/** Options of {@link BullMQRunner}. */
export interface BullMQRunnerOptions {
  /** An ioredis connection made by {@link connectRedis} (maxRetriesPerRequest: null). */
  redis: Redis;
  /** Key prefix of every queue (TUMEN_QUEUE_PREFIX), so several Tumens can share a Redis. */
  prefix: string;
  log: Logger;
  /**
   * How long a worker's lock on a job lasts without renewal. A worker that dies
   * (SIGKILL, lost machine) holds its jobs this long before another worker takes them.
   */
  lockDurationMs?: number;
  /** Completed jobs are kept this long so that their ids still dedupe repeated enqueues. */
  keepCompletedSeconds?: number;
  /** Failed jobs are kept this long for inspection in /admin/queues. */
  keepFailedSeconds?: number;
  /** How long `close()` waits for running jobs before leaving them to be taken over. */
  closeTimeoutMs?: number;
}

/**
 * Opens the Redis connection distributed mode uses and checks it: it must answer and
 * must not evict keys. `maxRetriesPerRequest: null` makes commands wait through a Redis
 * restart instead of failing, which BullMQ workers require.
 */
export async function connectRedis(url: string, options: { check?: boolean } = {}): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  // Connection errors are retried by ioredis forever; without a listener they would be
  // thrown as unhandled 'error' events and kill the process during a Redis restart.
  redis.on('error', () => {});
  try {
    await redis.connect();
    await pingRedis(redis);
    if (options.check !== false) await assertNoEviction(redis);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  return redis;
}

/** BullMQ job ids may not contain ':' (it separates Redis key parts); escape it reversibly. */
export function bullJobId(id: string): string {
  return id.replaceAll('%', '%25').replaceAll(':', '%3A');
}

/**
 * The distributed-mode runner: one BullMQ queue per contract and one worker per bound
 * queue. Same contracts, handlers and retry policy as the in-process runner; jobs are
 * durable in Redis, so a process that dies loses nothing: its jobs' locks expire and
 * another worker runs them again (handlers are idempotent).
 */
export class BullMQRunner implements JobRunner {
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly bound = new Set<string>();
  private closed = false;

  constructor(private readonly options: BullMQRunnerOptions) {}

  readonly enqueue = async <P>(contract: QueueContract<P>, payload: P): Promise<void> => {
    const parsed = contract.schema.parse(payload);
    const queue = this.queue(contract.name);
    const job = await queue.add(contract.name, parsed, this.jobOptions(contract, parsed));
    // BullMQ ignores an add whose id is held by a job that failed for good (kept for the
    // dashboard), but the caller is asking for that work again, as after a long database
    // outage: run it again, as the in-process runner does.
    if (job.id && (await queue.getJobState(job.id)) === 'failed') {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(() => {
        // Another process retried it first.
      });
    }
  };

  /** The BullMQ queue of a contract (made on first use); web uses these for /admin/queues. */
  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.options.redis, prefix: this.options.prefix });
      queue.on('error', (err) => this.options.log.warn({ queue: name, err: err.message }, 'queue connection error; retrying'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Makes sure these queues exist locally (for stats and the dashboard) without consuming them. */
  declare(contracts: readonly QueueContract<any>[]): Queue[] {
    return contracts.map((c) => this.queue(c.name));
  }

  private jobOptions<P>(contract: QueueContract<P>, payload: P): JobsOptions {
    return {
      jobId: bullJobId(contract.jobId(payload)),
      attempts: contract.retry.attempts,
      backoff: { type: 'exponential', delay: contract.retry.backoffMs },
      removeOnComplete: { age: this.options.keepCompletedSeconds ?? 3600, count: 100_000 },
      removeOnFail: { age: this.options.keepFailedSeconds ?? 7 * 24 * 3600, count: 100_000 },
    };
  }

  async start(bindings: Binding<any, any>[], deps: PipelineDeps, events: RunnerEvents = {}): Promise<void> {
    const { log } = this.options;
    for (const binding of bindings) {
      const name = binding.queue.name;
      this.queue(name);
      this.bound.add(name);
      const worker = new Worker(name, (job: Job) => this.process(binding, job, deps), {
        connection: this.options.redis,
        prefix: this.options.prefix,
        concurrency: binding.concurrency,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        // Look for stalled jobs (their worker died) about twice per lock period.
        stalledInterval: Math.max(1_000, Math.floor((this.options.lockDurationMs ?? 30_000) / 2)),
        maxStalledCount: 2,
      });
      worker.on('completed', (job, result) => {
        safely(log, () => events.completed?.(name, job.data, result, (job.finishedOn ?? Date.now()) - (job.processedOn ?? Date.now())));
      });
      worker.on('failed', (job, err) => {
        const attempts = job?.opts.attempts ?? 1;
        const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || (job?.attemptsMade ?? attempts) >= attempts;
        log.warn({ queue: name, jobId: job?.id, attempt: job?.attemptsMade, final, err: err.message }, final ? 'job failed for good' : 'job failed; will retry');
        safely(log, () => events.failed?.(name, job?.data, err, final));
      });
      // The worker reconnects by itself; an error here must never end the process.
      worker.on('error', (err) => log.warn({ queue: name, err: err.message }, 'worker error; continuing'));
      this.workers.push(worker);
    }
  }

  private async process(binding: Binding<any, any>, job: Job, deps: PipelineDeps): Promise<unknown> {
    const parsed = binding.queue.schema.safeParse(job.data);
    if (!parsed.success) {
      // A payload that does not fit the contract will never fit it: do not retry.
      throw new UnrecoverableError(`invalid ${binding.queue.name} payload: ${parsed.error.issues[0]?.message ?? 'schema mismatch'}`);
    }
    // Every line a handler logs carries the queue and job id, next to its own source id.
    return binding.handler(parsed.data, { ...deps, log: withFields(deps.log, { queue: binding.queue.name, jobId: job.id }) });
  }

  /** Counts per queue (every queue this runner knows). */
  async stats(): Promise<QueueStats[]> {
    return Promise.all(
      [...this.queues.entries()].map(async ([name, queue]) => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
        const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
        return {
          queue: name,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
          oldestWaitingMs: oldest ? Math.max(0, Date.now() - oldest.timestamp) : 0,
        };
      }),
    );
  }

  /**
   * Resolves when no queue this runner knows has a job waiting, running or delayed for
   * a retry (seen twice in a row, so a job handing work to another queue is not missed).
   */
  async drain(pollMs = 100): Promise<void> {
    let quiet = 0;
    while (!this.closed && quiet < 2) {
      const stats = await this.stats();
      quiet = stats.every((s) => s.waiting + s.active + s.delayed === 0) ? quiet + 1 : 0;
      if (quiet < 2) await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /**
   * Stops taking jobs and waits for running ones to finish; after `closeTimeoutMs` the
   * rest are left locked, and another worker takes them when their lock expires.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const timeout = this.options.closeTimeoutMs ?? 30_000;
    await Promise.all(
      this.workers.map(async (w) => {
        let timer: NodeJS.Timeout | undefined;
        const graceful = w.close().then(() => true);
        const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeout)));
        const finished = await Promise.race([graceful, late]);
        clearTimeout(timer);
        if (!finished) await w.close(true);
      }),
    );
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

/** A logger that adds `fields` to every line. */
function withFields(log: Logger, fields: object): Logger {
  return {
    info: (obj, msg) => log.info({ ...fields, ...obj }, msg),
    warn: (obj, msg) => log.warn({ ...fields, ...obj }, msg),
    error: (obj, msg) => log.error({ ...fields, ...obj }, msg),
    debug: (obj, msg) => log.debug({ ...fields, ...obj }, msg),
  };
}

function safely(log: Logger, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    log.error({ err: (err as Error).message }, 'runner event listener failed');
  }
}
