/**
 * A worker killed with SIGKILL in the middle of a batch: its jobs stay locked in Redis
 * until the lock expires, then another worker runs them again. Handlers are
 * idempotent, so every article and match ends up stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { postgresUp, redisUp, REDIS_TEST_URL } from '../helpers/services.ts';
import { expectExactlyOnce, farmDone, openDistributedRun, waitFor, type DistributedRun } from './farm.ts';

describe.skipIf(!(postgresUp && redisUp))('distributed: a worker killed with SIGKILL mid-batch', () => {
  let database: TestDatabase;
  let run: DistributedRun;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Slow feeds keep polls in flight, so the kill lands inside running jobs.
    run = await openDistributedRun({ farm: [30, 150, 400], databaseUrl: database.url, redisUrl: REDIS_TEST_URL, isolateQueues: true, every: '10m', lockMs: 3000 });
  }, 60_000);

  afterAll(async () => {
    await run?.close();
    await database?.drop();
  }, 60_000);

  it('recovers the killed worker\'s jobs and stores everything exactly once', async () => {
    const { farm, fdb, procs } = run;
    run.start('scheduler', ['scheduler']);
    const victim = run.start('worker-victim', ['worker', '--concurrency', '4']);
    const total = farm.expectedArticles().length;
    // Kill once part of the work is stored: some polls done, others still fetching.
    await waitFor(async () => (await fdb.counts()).articles >= total / 5, 60_000, 'the first articles', procs);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const atKill = await fdb.counts();
    expect(atKill.articles, 'the kill came too late to interrupt anything').toBeLessThan(total);

    run.start('worker-rescuer', ['worker']);
    await waitFor(() => farmDone(fdb, farm), 90_000, 'the rescuer to finish the work', procs);
    await expectExactlyOnce(fdb, farm);
    // Every source was polled to completion: its health was recorded.
    const { rows } = await fdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sources WHERE last_outcome = 'ok'`);
    expect(rows[0]!.n).toBe(farm.sources);
  }, 150_000);
});
