import { BullMQRunner, connectRedis, type BullMQRunnerOptions, type Logger } from '@tumen/pipeline';
import { UsageError } from '../command.ts';
import type { TumenEnv } from '../env.ts';

type Redis = BullMQRunnerOptions['redis'];

/** A BullMQ runner and the Redis connection it runs on. */
export interface DistributedRunner {
  runner: BullMQRunner;
  redis: Redis;
  /** Quits Redis; call after the runner (and everything using it) closed. */
  quit(): Promise<void>;
}

/**
 * Connects to REDIS_URL (refusing a Redis that may evict keys) and builds the BullMQ
 * runner with the queue prefix and lock duration from the environment.
 */
export async function openRunner(env: TumenEnv, log: Logger): Promise<DistributedRunner> {
  if (!env.REDIS_URL) throw new UsageError('REDIS_URL is not set; distributed mode needs Redis (or use "tumen start" for embedded mode).');
  const redis = await connectRedis(env.REDIS_URL);
  const runner = new BullMQRunner({ redis, prefix: env.TUMEN_QUEUE_PREFIX, log, lockDurationMs: env.TUMEN_JOB_LOCK_MS });
  return {
    runner,
    redis,
    async quit() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * Separate worker, scheduler and web processes share one database and one Redis: the
 * embedded database lives inside a single process, so they need DATABASE_URL too.
 */
export function requireSharedServices(env: TumenEnv, command: string): void {
  const missing = [!env.DATABASE_URL && 'DATABASE_URL', !env.REDIS_URL && 'REDIS_URL'].filter(Boolean);
  if (missing.length) {
    throw new UsageError(
      `"tumen ${command}" runs beside other Tumen processes and needs ${missing.join(' and ')}; set ${missing.length > 1 ? 'them' : 'it'}, or use "tumen start" to run everything in one process.`,
    );
  }
}
