import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Redis } from 'ioredis';
import { BullMQRunner, bullJobId, connectRedis, defineQueue, RedisEvictionPolicyError, silentLogger, type PipelineDeps } from '../src/index.ts';
import { deleteQueuePrefix, startRedisServer } from '../../../test/helpers/redis-server.ts';
import { redisUp, REDIS_TEST_URL } from '../../../test/helpers/services.ts';

const echoQueue = defineQueue({
  name: 'echo',
  schema: z.object({ n: z.number().int(), failTimes: z.number().int().default(0) }),
  retry: { attempts: 3, backoffMs: 50 },
  jobId: (p) => `echo:${p.n}`,
});

const deps = { log: silentLogger } as unknown as PipelineDeps;

describe.skipIf(!redisUp)('BullMQRunner', () => {
  let redis: Redis;
  const prefix = `tumen-test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    redis = await connectRedis(REDIS_TEST_URL);
  });
  afterAll(async () => {
    await deleteQueuePrefix(REDIS_TEST_URL, prefix);
    redis?.disconnect();
  });

  it('runs each job id once, retries with the contract policy, and fails an invalid payload without retry', async () => {
    const runner = new BullMQRunner({ redis, prefix, log: silentLogger });
    const runs = new Map<number, number>();
    const completed: number[] = [];
    const failed: { n: unknown; final: boolean; message: string }[] = [];
    await runner.start(
      [
        {
          queue: echoQueue,
          concurrency: 4,
          handler: async (p) => {
            const seen = (runs.get(p.n) ?? 0) + 1;
            runs.set(p.n, seen);
            if (seen <= p.failTimes) throw new Error(`fail ${seen}`);
            return p.n;
          },
        },
      ],
      deps,
      {
        completed: (_q, _p, result) => completed.push(result as number),
        failed: (_q, payload, err, final) => failed.push({ n: (payload as { n?: unknown })?.n, final, message: err.message }),
      },
    );
    await runner.enqueue(echoQueue, { n: 1, failTimes: 0 });
    await runner.enqueue(echoQueue, { n: 1, failTimes: 0 }); // same id: dropped
    await runner.enqueue(echoQueue, { n: 2, failTimes: 2 }); // succeeds on the 3rd attempt
    await runner.enqueue(echoQueue, { n: 3, failTimes: 5 }); // out of attempts
    // Bypass the contract, as a foreign or older producer might.
    await runner.queue('echo').add('echo', { n: 'not a number' }, { jobId: 'echo%3Abad', attempts: 3 });
    await runner.drain();
    await runner.close();

    expect(completed.sort()).toEqual([1, 2]);
    expect(runs.get(1)).toBe(1);
    expect(runs.get(2)).toBe(3);
    expect(runs.get(3)).toBe(3);
    expect(failed.filter((f) => f.n === 3).map((f) => f.final)).toEqual([false, false, true]);
    const bad = failed.filter((f) => f.n === 'not a number');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.final).toBe(true);
    expect(bad[0]!.message).toMatch(/invalid echo payload/);
  }, 30_000);

  it('runs a job that failed for good again when the same work is queued again', async () => {
    const runner = new BullMQRunner({ redis, prefix: `${prefix}-again`, log: silentLogger });
    let runs = 0;
    let healthy = false;
    const completed: number[] = [];
    const finals: boolean[] = [];
    await runner.start(
      [
        {
          queue: echoQueue,
          concurrency: 1,
          handler: async (p) => {
            runs++;
            if (!healthy) throw new Error('database is down');
            return p.n;
          },
        },
      ],
      deps,
      { completed: (_q, _p, r) => completed.push(r as number), failed: (_q, _p, _e, final) => finals.push(final) },
    );
    await runner.enqueue(echoQueue, { n: 7, failTimes: 0 });
    await runner.drain();
    expect(runs).toBe(3);
    expect(finals).toEqual([false, false, true]);
    expect(await runner.queue('echo').getJobState(bullJobId('echo:7'))).toBe('failed');

    healthy = true;
    await runner.enqueue(echoQueue, { n: 7, failTimes: 0 });
    await runner.drain();
    await runner.close();
    expect(runs).toBe(4);
    expect(completed).toEqual([7]);
    await deleteQueuePrefix(REDIS_TEST_URL, `${prefix}-again`);
  }, 30_000);

  it('escapes ":" in job ids, which BullMQ reserves', () => {
    expect(bullJobId('poll:src:2024-01-01T00:00:00.000Z')).toBe('poll%3Asrc%3A2024-01-01T00%3A00%3A00.000Z');
    expect(bullJobId('a%3A')).not.toBe(bullJobId('a:'));
  });

  it('refuses a Redis that may evict keys, saying why', async () => {
    const lru = await startRedisServer({ aof: false, maxmemoryPolicy: 'allkeys-lru' });
    try {
      const attempt = connectRedis(lru.url);
      await expect(attempt).rejects.toBeInstanceOf(RedisEvictionPolicyError);
      await expect(attempt).rejects.toThrow(/maxmemory-policy "allkeys-lru".*noeviction/);
    } finally {
      await lru.destroy();
    }
  }, 20_000);
});
