/**
 * Postgres crashed and restarted mid-run (a throwaway cluster on its own port, never
 * the machine's shared one): failed jobs retry with backoff and complete, the
 * scheduler keeps ticking, and nothing is lost or doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinDir, startPgCluster, type ThrowawayPostgres } from '../helpers/pg-cluster.ts';
import { redisUp, REDIS_TEST_URL } from '../helpers/services.ts';
import { expectExactlyOnce, farmDone, openDistributedRun, waitFor, type DistributedRun } from './farm.ts';

const pgBinaries = postgresBinDir() !== undefined;
if (!pgBinaries && process.env.TUMEN_TEST_REQUIRE_SERVICES === '1') {
  throw new Error('initdb and pg_ctl are not installed under /usr/lib/postgresql, and TUMEN_TEST_REQUIRE_SERVICES=1 requires them.');
}

describe.skipIf(!(redisUp && pgBinaries))('distributed: Postgres restarted mid-run', () => {
  let pg: ThrowawayPostgres;
  let run: DistributedRun;

  beforeAll(async () => {
    pg = await startPgCluster();
    run = await openDistributedRun({ farm: [20, 80, 300], databaseUrl: pg.url, redisUrl: REDIS_TEST_URL, isolateQueues: true, every: '10s', lockMs: 5000 });
  }, 90_000);

  afterAll(async () => {
    await run?.close();
    await pg?.destroy();
  }, 60_000);

  it('retries through the outage and stores everything exactly once', async () => {
    const { farm, fdb, procs } = run;
    run.start('scheduler', ['scheduler']);
    run.start('worker', ['worker', '--concurrency', '4']);
    const total = farm.expectedArticles().length;
    await waitFor(async () => (await fdb.counts()).articles >= total / 4, 60_000, 'the first articles', procs);

    await pg.crash();
    await new Promise((r) => setTimeout(r, 2_000));
    await pg.start();

    await waitFor(() => farmDone(fdb, farm), 90_000, 'every article stored and matched', procs);
    await expectExactlyOnce(fdb, farm);
    for (const p of procs) expect(p.child.exitCode, p.output()).toBeNull();
    // The outage was real: some job attempts failed and were retried.
    expect(procs.map((p) => p.output()).join('\n')).toMatch(/will retry|tick failed/);
  }, 150_000);
});
