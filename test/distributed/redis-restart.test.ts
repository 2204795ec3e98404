/**
 * Redis killed and restarted mid-run (a throwaway redis-server with AOF, never the
 * machine's shared one): workers and the scheduler reconnect by themselves, queued
 * jobs survive, and later polls still happen.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { startRedisServer, type ThrowawayRedis } from '../helpers/redis-server.ts';
import { postgresUp } from '../helpers/services.ts';
import { expectExactlyOnce, farmDone, openFarmDb, startFarm, startTumen, waitFor, writeFarmConfig, type Farm, type FarmDb, type TumenProcess } from './farm.ts';
import { distributedEnv, migrateOnce } from './farm.ts';

describe.skipIf(!postgresUp)('distributed: Redis restarted mid-run', () => {
  let farm: Farm;
  let database: TestDatabase;
  let fdb: FarmDb;
  let redis: ThrowawayRedis;
  let dir: string;
  let env: Record<string, string>;
  const procs: TumenProcess[] = [];

  beforeAll(async () => {
    farm = await startFarm(16, 60, 300);
    database = await createTestDatabase();
    fdb = openFarmDb(database.url);
    redis = await startRedisServer({ aof: true });
    dir = await mkdtemp(join(tmpdir(), 'tumen-redis-'));
    const files = await writeFarmConfig(dir, farm, '10s');
    env = distributedEnv({ databaseUrl: database.url, redisUrl: redis.url, files, farm, lockMs: 5000 });
    await migrateOnce(env);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await fdb?.close();
    await database?.drop();
    await redis?.destroy();
    await farm?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('resumes by itself and stores everything exactly once', async () => {
    procs.push(startTumen('scheduler', ['scheduler'], env), startTumen('worker', ['worker', '--concurrency', '4'], env));
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
