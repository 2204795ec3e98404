/**
 * Postgres crashed and restarted mid-run (a throwaway cluster on its own port, never
 * the machine's shared one): failed jobs retry with backoff and complete, the
 * scheduler keeps ticking, and nothing is lost or doubled.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinDir, startPgCluster, type ThrowawayPostgres } from '../helpers/pg-cluster.ts';
import { deleteQueuePrefix } from '../helpers/redis-server.ts';
import { redisUp, REDIS_TEST_URL } from '../helpers/services.ts';
import { expectExactlyOnce, farmDone, openFarmDb, startFarm, startTumen, waitFor, writeFarmConfig, type Farm, type FarmDb, type TumenProcess } from './farm.ts';
import { distributedEnv, migrateOnce } from './farm.ts';

const pgBinaries = postgresBinDir() !== undefined;
if (!pgBinaries && process.env.TUMEN_TEST_REQUIRE_SERVICES === '1') {
  throw new Error('initdb and pg_ctl are not installed under /usr/lib/postgresql, and TUMEN_TEST_REQUIRE_SERVICES=1 requires them.');
}

describe.skipIf(!(redisUp && pgBinaries))('distributed: Postgres restarted mid-run', () => {
  let farm: Farm;
  let pg: ThrowawayPostgres;
  let fdb: FarmDb;
  let dir: string;
  let env: Record<string, string>;
  const prefix = `tumen-test-${randomBytes(4).toString('hex')}`;
  const procs: TumenProcess[] = [];

  beforeAll(async () => {
    farm = await startFarm(20, 80, 300);
    pg = await startPgCluster();
    dir = await mkdtemp(join(tmpdir(), 'tumen-pgr-'));
    const files = await writeFarmConfig(dir, farm, '10s');
    env = distributedEnv({ databaseUrl: pg.url, redisUrl: REDIS_TEST_URL, prefix, files, farm, lockMs: 5000 });
    await migrateOnce(env);
    fdb = openFarmDb(pg.url);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await fdb?.close().catch(() => {});
    await pg?.destroy();
    await farm?.close();
    await deleteQueuePrefix(REDIS_TEST_URL, prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('retries through the outage and stores everything exactly once', async () => {
    procs.push(startTumen('scheduler', ['scheduler'], env), startTumen('worker', ['worker', '--concurrency', '4'], env));
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
