/**
 * The distributed deployment as separate processes: two schedulers, two workers and a
 * web server on one Postgres database and one Redis queue prefix of the test's own.
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { postgresUp, redisUp, REDIS_TEST_URL } from '../helpers/services.ts';
import { expectExactlyOnce, farmDone, openDistributedRun, waitFor, WATCHLIST, type DistributedRun, type Farm, type FarmDb, type TumenProcess } from './farm.ts';

const up = postgresUp && redisUp;

describe.skipIf(!up)('distributed: two schedulers, two workers and web as separate processes', () => {
  let database: TestDatabase;
  let run: DistributedRun;
  let farm: Farm;
  let fdb: FarmDb;
  let procs: TumenProcess[];
  let webPort: number;
  let workerMetricsPort: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    webPort = await freePort();
    workerMetricsPort = await freePort();
    run = await openDistributedRun({
      farm: [12, 40],
      databaseUrl: database.url,
      redisUrl: REDIS_TEST_URL,
      isolateQueues: true,
      every: '10s',
      lockMs: 5000,
      extra: { TUMEN_LOG_LEVEL: 'info', TUMEN_PORT: String(webPort) },
    });
    ({ farm, fdb, procs } = run);
    run.start('scheduler-1', ['scheduler']);
    run.start('scheduler-2', ['scheduler']);
    run.start('worker-1', ['worker', '--metrics-port', String(workerMetricsPort)]);
    run.start('worker-2', ['worker', '--queues', 'poll,extract', '--concurrency', '4']);
    run.start('web', ['web']);
  }, 60_000);

  afterAll(async () => {
    await run?.close();
    await database?.drop();
  }, 60_000);

  it('stores every article and match exactly once', async () => {
    await waitFor(() => farmDone(fdb, farm), 60_000, 'every article stored and matched', procs);
    await expectExactlyOnce(fdb, farm);
  }, 90_000);

  it('polls each source once per interval although two schedulers run', async () => {
    // Wait for a second poll of every source: the interval is 10 s, plus up to 10 s jitter.
    await waitFor(async () => [...farm.hits.values()].filter((h) => h.length >= 2).length === farm.sources, 45_000, 'two polls of every source', procs);
    for (const [path, times] of farm.hits) {
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!, `${path} polled twice within one interval`).toBeGreaterThanOrEqual(9_900);
      }
    }
    // The second polls were conditional and found nothing new.
    await expectExactlyOnce(fdb, farm);
  }, 60_000);

  it('serves /healthz with Redis and Postgres, /metrics, and the queue dashboard', async () => {
    const base = `http://127.0.0.1:${webPort}`;
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ ok: true, checks: { database: 'ok', redis: 'ok' } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/tumen_queue_jobs\{[^}]*queue="poll"/);
    expect(metrics).toContain('tumen_queue_oldest_waiting_seconds');
    const workerMetrics = await (await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`)).text();
    expect(workerMetrics).toMatch(/tumen_polls_total\{[^}]*source="src-\d+"/);
    expect(workerMetrics).toMatch(/tumen_matches_created_total\{role="worker"\} \d+/);
    expect(workerMetrics).toContain('tumen_job_duration_seconds_bucket');
    expect(workerMetrics).toContain('tumen_fetch_duration_seconds_bucket');
    const board = await fetch(`${base}/admin/queues`);
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<html');
    const api = (await (await fetch(`${base}/admin/queues/api/queues`)).json()) as { queues: { name: string }[] };
    expect(api.queues.map((q) => q.name).sort()).toEqual(expect.arrayContaining(['extract', 'poll']));
  }, 30_000);

  it('switches workers to an edited watchlist without a restart', async () => {
    const before = farm.items;
    await writeFile(run.env.TUMEN_WATCHLIST!, `${WATCHLIST.replace('stories: []', '')}  - { id: trade, type: other, name: Trade figures, aliases: [trade figures] }\nstories: []\n`);
    await waitFor(
      async () => procs.filter((p) => p.name.startsWith('worker')).every((p) => p.output().includes('configuration reloaded')),
      15_000,
      'both workers to reload the watchlist',
      procs,
    );
    farm.setItems(before + 3);
    await waitFor(async () => (await fdb.counts()).extracted === farm.sources * (before + 3), 45_000, 'the new items to be matched', procs);
    const { rows } = await fdb.db.query<{ item_key: string; n: number }>(
      `SELECT a.item_key, count(m.id)::int AS n FROM articles a LEFT JOIN matches m ON m.article_id = a.id AND m.target_id = 'trade'
        GROUP BY a.item_key`,
    );
    const withTrade = rows.filter((r) => r.n > 0).map((r) => Number(/-i(\d+)$/.exec(r.item_key)![1]));
    // Only items published after the edit were matched with the new watchlist, each once.
    expect(rows.every((r) => r.n <= 1)).toBe(true);
    expect(new Set(withTrade)).toEqual(new Set([before, before + 1, before + 2]));
    const versions = await fdb.db.query<{ v: number }>('SELECT count(DISTINCT watchlist_version)::int AS v FROM articles');
    expect(versions.rows[0]!.v).toBe(2);
  }, 75_000);

  it('stops every process cleanly on SIGTERM', async () => {
    const codes = await Promise.all(procs.map((p) => p.stop('SIGTERM')));
    expect(codes, procs.map((p) => p.output()).join('\n')).toEqual(procs.map(() => 0));
  }, 45_000);
});
