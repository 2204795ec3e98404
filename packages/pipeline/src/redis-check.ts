import type { Redis } from 'ioredis';

/** Redis evicts keys under memory pressure; BullMQ would then lose jobs silently. */
export class RedisEvictionPolicyError extends Error {
  override name = 'RedisEvictionPolicyError';
  constructor(readonly policy: string) {
    super(
      `Redis has maxmemory-policy "${policy}", which can evict queued jobs; set "maxmemory-policy noeviction" (redis.conf or CONFIG SET) and start Tumen again`,
    );
  }
}

/** Redis did not answer at start. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/**
 * Refuses a Redis that may evict keys. Reads `INFO memory` rather than `CONFIG GET`
 * because managed Redis services often disable CONFIG but always answer INFO.
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown';
  if (policy !== 'noeviction') throw new RedisEvictionPolicyError(policy);
}

/** Pings Redis within `timeoutMs`; throws {@link RedisUnavailableError} with a plain sentence. */
export async function pingRedis(redis: Redis, timeoutMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    throw new RedisUnavailableError(`Cannot reach Redis at REDIS_URL (${(err as Error).message}); check that Redis is running and the URL is right`);
  } finally {
    clearTimeout(timer);
  }
}
