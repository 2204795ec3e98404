/**
 * Redis killed and restarted mid-run (a throwaway redis-server with AOF, never the
 * machine's shared one): workers and the scheduler reconnect by themselves, queued
 * jobs survive, and later polls still happen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { startRedisServer, type ThrowawayRedis } from '../helpers/redis-server.ts';
import { postgresUp } from '../helpers/services.ts';
import { expectExactlyOnce, farmDone, openDistributedRun, waitFor, type DistributedRun } from './farm.ts';

describe.skipIf(!postgresUp)('distributed: Redis restarted mid-run', () => {
  let database: TestDatabase;
  let redis: ThrowawayRedis;
  let run: DistributedRun;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startRedisServer({ aof: true });
    run = await openDistributedRun({ farm: [16, 60, 300], databaseUrl: database.url, redisUrl: redis.url, isolateQueues: false, every: '10s', lockMs: 5000 });
  }, 60_000);

  afterAll(async () => {
    await run?.close();
    await database?.drop();
    await redis?.destroy();
  }, 60_000);

  it('resumes by itself and stores everything exactly once', async () => {
    const { farm, fdb, procs } = run;
    run.start('scheduler', ['scheduler']);
    run.start('worker', ['worker', '--concurrency', '4']);
    const total = farm.expectedArticles().length;
    await waitFor(async () => (await fdb.counts()).articles >= total / 4, 60_000, 'the first articles', procs);

    await redis.kill();
    await new Promise((r) => setTimeout(r, 2_000));
    // New items appear while Redis is down: only a scheduler and workers that came back find them.
    farm.setItems(farm.items + 5);
    await redis.start();

    await waitFor(() => farmDone(fdb, farm), 90_000, 'every article, old and new, stored and matched', procs);
    await expectExactlyOnce(fdb, farm);
    for (const p of procs) expect(p.child.exitCode, p.output()).toBeNull();
  }, 150_000);
});
