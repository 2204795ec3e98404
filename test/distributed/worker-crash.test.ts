/**
 * A worker killed with SIGKILL in the middle of a batch: its jobs stay locked in Redis
 * until the lock expires, then another worker runs them again. Handlers are
 * idempotent, so every article and match ends up stored exactly once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { deleteQueuePrefix } from '../helpers/redis-server.ts';
import { postgresUp, redisUp, REDIS_TEST_URL } from '../helpers/services.ts';
import { expectExactlyOnce, farmDone, openFarmDb, startFarm, startTumen, waitFor, writeFarmConfig, type Farm, type FarmDb, type TumenProcess } from './farm.ts';
import { distributedEnv, migrateOnce } from './farm.ts';

describe.skipIf(!(postgresUp && redisUp))('distributed: a worker killed with SIGKILL mid-batch', () => {
  let farm: Farm;
  let database: TestDatabase;
  let fdb: FarmDb;
  let dir: string;
  let env: Record<string, string>;
  const prefix = `tumen-test-${randomBytes(4).toString('hex')}`;
  const procs: TumenProcess[] = [];

  beforeAll(async () => {
    // Slow feeds keep polls in flight, so the kill lands inside running jobs.
    farm = await startFarm(30, 150, 400);
    database = await createTestDatabase();
    fdb = openFarmDb(database.url);
    dir = await mkdtemp(join(tmpdir(), 'tumen-kill-'));
    const files = await writeFarmConfig(dir, farm, '10m');
    env = distributedEnv({ databaseUrl: database.url, redisUrl: REDIS_TEST_URL, prefix, files, farm, lockMs: 3000 });
    await migrateOnce(env);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await fdb?.close();
    await database?.drop();
    await farm?.close();
    await deleteQueuePrefix(REDIS_TEST_URL, prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('recovers the killed worker\'s jobs and stores everything exactly once', async () => {
    procs.push(startTumen('scheduler', ['scheduler'], env));
    const victim = startTumen('worker-victim', ['worker', '--concurrency', '4'], env);
    procs.push(victim);
    const total = farm.expectedArticles().length;
    // Kill once part of the work is stored: some polls done, others still fetching.
    await waitFor(async () => (await fdb.counts()).articles >= total / 5, 60_000, 'the first articles', procs);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const atKill = await fdb.counts();
    expect(atKill.articles, 'the kill came too late to interrupt anything').toBeLessThan(total);

    const rescuer = startTumen('worker-rescuer', ['worker'], env);
    procs.push(rescuer);
    await waitFor(() => farmDone(fdb, farm), 90_000, 'the rescuer to finish the work', procs);
    await expectExactlyOnce(fdb, farm);
    // Every source was polled to completion: its health was recorded.
    const { rows } = await fdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sources WHERE last_outcome = 'ok'`);
    expect(rows[0]!.n).toBe(farm.sources);
  }, 150_000);
});
