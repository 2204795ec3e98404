/**
 * Pipeline benchmark: a local farm of feeds × items on 127.0.0.1, a watchlist of 10k
 * aliases, Postgres and Redis on this machine. Measures articles per second fetched,
 * parsed, matched and stored end to end (embedded vs distributed, 1 vs 2 worker
 * processes), where the time goes (fetch, parse, match, database), and the CPU the
 * scheduler uses holding 10,000 sources at a 5-minute interval.
 *
 *   npx tsx bench/pipeline/run.ts [--feeds 1000] [--items 50] [--workers 1,2]
 *                                 [--scheduler-sources 10000] [--scheduler-seconds 60]
 *
 * Needs Postgres (TUMEN_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * and Redis (TUMEN_BENCH_REDIS_URL, default redis://127.0.0.1:6379). Creates and drops
 * its own databases and queue prefixes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { compileWatchlist, parseSources, parseWatchlist, type SourceConfig } from '@tumen/core';
import { insertArticles, insertMatches, migrate, openPostgres, syncSources, type Db, type NewMatch } from '@tumen/db';
import { createFetcher, parseFeed } from '@tumen/feeds';
import { BullMQRunner, connectRedis, createNotifier, fingerprint, InProcessRunner, pipelineBindings, pollQueue, runOnce, silentLogger, type PipelineDeps } from '@tumen/pipeline';
import { sourcesYaml, watchlistYaml } from './data.ts';
import { deleteQueuePrefix } from '../../test/helpers/redis-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'services/tumen/src/main.ts');
const PG_URL = process.env.TUMEN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TUMEN_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const { values: flags } = parseArgs({
  options: {
    feeds: { type: 'string', default: '1000' },
    items: { type: 'string', default: '50' },
    workers: { type: 'string', default: '1,2' },
    'scheduler-sources': { type: 'string', default: '10000' },
    'scheduler-seconds': { type: 'string', default: '60' },
    only: { type: 'string' },
  },
});
const FEEDS = Number(flags.feeds);
const ITEMS = Number(flags.items);
const TOTAL = FEEDS * ITEMS;
const only = new Set((flags.only ?? 'stages,embedded,distributed,scheduler').split(','));
const log = (msg: string) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------- helpers

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tumen_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, stream: 'stdout' | 'stderr' = 'stderr'): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child[stream]!.on('data', (d) => {
      buf += d;
      const m = pattern.exec(buf);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before printing ${pattern}: ${buf.slice(-2000)}`)));
  });
}

function cpuSeconds(pid: number): Promise<number> {
  return readFile(`/proc/${pid}/stat`, 'utf8').then((s) => {
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  });
}

async function counts(db: Db): Promise<{ articles: number; extracted: number; matches: number }> {
  const { rows } = await db.query<{ articles: number; extracted: number; matches: number }>(
    `SELECT (SELECT count(*)::int FROM articles) AS articles,
            (SELECT count(*)::int FROM articles WHERE extracted_at IS NOT NULL) AS extracted,
            (SELECT count(*)::int FROM matches) AS matches`,
  );
  return rows[0]!;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const results: string[] = [];
const row = (...cells: (string | number)[]) => results.push(`| ${cells.join(' | ')} |`);

// ---------------------------------------------------------------- setup

const dir = await mkdtemp(join(tmpdir(), 'tumen-bench-'));
const farm = spawnNode([join(ROOT, 'bench/pipeline/farm.ts'), String(Math.max(FEEDS, Number(flags['scheduler-sources']))), String(ITEMS), '32'], {});
const { ports } = JSON.parse(await waitForOutput(farm, /\{"ports":\[[^\]]*\]\}/, 'stdout')) as { ports: number[] };
const watchlistFile = join(dir, 'watchlist.yaml');
const sourcesFile = join(dir, 'sources.yaml');
await writeFile(watchlistFile, watchlistYaml());
await writeFile(sourcesFile, sourcesYaml(FEEDS, ports));
let t = performance.now();
const watchlist = parseWatchlist(await readFile(watchlistFile, 'utf8'), watchlistFile);
const matcher = compileWatchlist(watchlist);
const compileMs = performance.now() - t;
const sources: SourceConfig[] = parseSources(await readFile(sourcesFile, 'utf8'), sourcesFile);
const sourceMap = new Map(sources.map((s) => [s.id, s]));
log(`farm on ${ports.length} ports; watchlist ${watchlist.entities.length} entities compiled in ${compileMs.toFixed(0)} ms`);
const baseEnv = {
  REDIS_URL,
  TUMEN_SOURCES: sourcesFile,
  TUMEN_WATCHLIST: watchlistFile,
  TUMEN_FETCH_ALLOW: '127.0.0.1',
  TUMEN_FETCH_HOST_DELAY_MS: '0',
  TUMEN_LOG_LEVEL: 'warn',
};

try {
  // -------------------------------------------------------------- stages
  if (only.has('stages')) {
    log('stages: fetch, parse, match, store, each alone');
    t = performance.now();
    const bodies: string[] = new Array(FEEDS);
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < FEEDS) {
          const i = next++;
          bodies[i] = await (await fetch(sources[i]!.url)).text();
        }
      }),
    );
    const fetchMs = performance.now() - t;
    t = performance.now();
    const feeds = [];
    for (const body of bodies) feeds.push(await parseFeed(body));
    const parseMs = performance.now() - t;
    const items = feeds.flatMap((f, i) => f.items.map((it) => ({ source: sources[i]!.id, it })));
    t = performance.now();
    let found = 0;
    const perArticle = items.map(({ it }) => {
      const m = matcher.extract({ title: it.title, body: it.text });
      found += m.length;
      return m;
    });
    const matchMs = performance.now() - t;
    // The near-duplicate fingerprint (MinHash + LSH bands) the extract stage computes per article.
    t = performance.now();
    for (const { it } of items) fingerprint(`${it.title}\n${it.text}`);
    const fingerprintMs = performance.now() - t;
    const database = await createDatabase();
    const db = openPostgres({ connectionString: database.url });
    try {
      await migrate(db);
      await syncSources(db, sources);
      t = performance.now();
      const ids: number[] = [];
      for (let i = 0; i < FEEDS; i++) {
        const batch = items.slice(i * ITEMS, (i + 1) * ITEMS).map(({ it }, j) => ({
          itemKey: `guid:${it.guid ?? j}`, url: it.url, title: it.title, body: it.text, publishedAt: it.publishedAt, contentHash: String(j),
        }));
        for (const r of await insertArticles(db, sources[i]!.id, batch)) ids.push(r.id);
      }
      const insertMs = performance.now() - t;
      t = performance.now();
      const rows: NewMatch[] = [];
      perArticle.forEach((ms, k) => ms.forEach((m) => rows.push({ articleId: ids[k]!, targetId: m.id, targetType: 'person', targetName: m.name, evidence: m.evidence })));
      for (let i = 0; i < rows.length; i += 1000) await insertMatches(db, rows.slice(i, i + 1000));
      const matchInsertMs = performance.now() - t;
      row('fetch (HTTP, 32 at once)', `${fetchMs.toFixed(0)} ms`, rate(TOTAL, fetchMs));
      row('parse (rss-parser, via parseFeed)', `${parseMs.toFixed(0)} ms`, rate(TOTAL, parseMs));
      row(`match (10k aliases; ${found} matches)`, `${matchMs.toFixed(0)} ms`, rate(TOTAL, matchMs));
      row('near-duplicate fingerprint (MinHash + LSH bands)', `${fingerprintMs.toFixed(0)} ms`, rate(TOTAL, fingerprintMs));
      row('store articles (one UNNEST insert per feed)', `${insertMs.toFixed(0)} ms`, rate(TOTAL, insertMs));
      row('store matches (UNNEST, 1000 per statement)', `${matchInsertMs.toFixed(0)} ms`, rate(TOTAL, matchInsertMs));
    } finally {
      await db.close();
      await database.drop();
    }
  }

  // -------------------------------------------------------------- embedded
  if (only.has('embedded')) {
    log('embedded: in-process runner, same process');
    const database = await createDatabase();
    const db = openPostgres({ connectionString: database.url });
    const fetcher = createFetcher({ allow: ['127.0.0.1'], perHostDelayMs: 0 });
    try {
      await migrate(db);
      await syncSources(db, sources);
      const runner = new InProcessRunner();
      const deps: PipelineDeps = { db, fetcher, config: () => ({ sources: sourceMap, matcher, alerts: [] }), enqueue: runner.enqueue, notifier: createNotifier({ secret: () => undefined }), log: silentLogger, now: () => new Date() };
      const cpu0 = process.cpuUsage();
      t = performance.now();
      const summary = await runOnce({ sources, runner, bindings: pipelineBindings({ poll: 32 }), deps });
      const ms = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      const c = await counts(db);
      if (c.articles !== TOTAL || c.extracted !== TOTAL) throw new Error(`embedded run stored ${c.articles}/${TOTAL} articles`);
      row('embedded (1 process, poll concurrency 32)', `${(ms / 1000).toFixed(1)} s`, rate(TOTAL, ms), `${summary.new_matches} matches; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
      await runner.close();
    } finally {
      await fetcher.close();
      await db.close();
      await database.drop();
    }
  }

  // -------------------------------------------------------------- distributed
  if (only.has('distributed')) {
    for (const n of flags.workers!.split(',').map(Number)) {
      log(`distributed: ${n} worker process(es)`);
      const database = await createDatabase();
      const db = openPostgres({ connectionString: database.url });
      const prefix = `tumen-bench-${randomBytes(4).toString('hex')}`;
      const env = { ...baseEnv, DATABASE_URL: database.url, TUMEN_QUEUE_PREFIX: prefix };
      const workers: ChildProcess[] = [];
      const redis = await connectRedis(REDIS_URL);
      const producer = new BullMQRunner({ redis, prefix, log: silentLogger });
      try {
        await migrate(db);
        await syncSources(db, sources);
        for (let i = 0; i < n; i++) workers.push(spawnNode([MAIN, 'worker', '--queues', 'poll,extract'], env));
        await Promise.all(workers.map((w) => waitForOutput(w, /worker is running/)));
        const cpu0 = await Promise.all(workers.map((w) => cpuSeconds(w.pid!)));
        t = performance.now();
        // What a scheduler tick does for 1,000 due sources.
        for (const s of sources) await producer.enqueue(pollQueue, { sourceId: s.id, tick: 'bench' });
        let c = await counts(db);
        while (c.extracted < TOTAL) {
          await new Promise((r) => setTimeout(r, 100));
          c = await counts(db);
        }
        const ms = performance.now() - t;
        const cpu = (await Promise.all(workers.map((w) => cpuSeconds(w.pid!)))).reduce((a, b, i) => a + b - cpu0[i]!, 0);
        if (c.articles !== TOTAL) throw new Error(`distributed run stored ${c.articles}/${TOTAL} articles`);
        row(`distributed, ${n} worker process${n > 1 ? 'es' : ''}`, `${(ms / 1000).toFixed(1)} s`, rate(TOTAL, ms), `${c.matches} matches; worker CPU ${cpu.toFixed(1)} s`);
      } finally {
        await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : (w.once('exit', r), w.kill('SIGTERM'))))));
        await producer.close();
        redis.disconnect();
        await deleteQueuePrefix(REDIS_URL, prefix);
        await db.close();
        await database.drop();
      }
    }
  }

  // -------------------------------------------------------------- scheduler
  if (only.has('scheduler')) {
    const count = Number(flags['scheduler-sources']);
    const seconds = Number(flags['scheduler-seconds']);
    log(`scheduler: ${count} sources at 5m, steady state, ${seconds} s`);
    const file = join(dir, 'sources-10k.yaml');
    await writeFile(file, sourcesYaml(count, ports, '5m'));
    const database = await createDatabase();
    const db = openPostgres({ connectionString: database.url });
    const prefix = `tumen-bench-${randomBytes(4).toString('hex')}`;
    const env = { ...baseEnv, TUMEN_SOURCES: file, DATABASE_URL: database.url, TUMEN_QUEUE_PREFIX: prefix };
    const procs: ChildProcess[] = [];
    try {
      await migrate(db);
      await syncSources(db, parseSources(await readFile(file, 'utf8'), file));
      // Steady state: every source was polled before (its ETag is known, so polls are
      // 304s) and next checks are spread over the 5-minute interval.
      await db.query(
        `UPDATE sources SET etag = '"f' || substr(id, 2) || '-v1"', last_success_at = now(),
                next_check_at = now() + (abs(hashtext(id)) % 300000) * interval '1 millisecond'`,
      );
      const scheduler = spawnNode([MAIN, 'scheduler'], env);
      const worker = spawnNode([MAIN, 'worker', '--queues', 'poll'], env);
      procs.push(scheduler, worker);
      await Promise.all([waitForOutput(scheduler, /scheduler is running/), waitForOutput(worker, /worker is running/)]);
      await new Promise((r) => setTimeout(r, 5_000)); // past start-up work
      const [s0, w0] = await Promise.all([cpuSeconds(scheduler.pid!), cpuSeconds(worker.pid!)]);
      const polled0 = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sources WHERE last_attempt_at > now() - interval '1 hour'`)).rows[0]!.n;
      const started = performance.now();
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const elapsed = (performance.now() - started) / 1000;
      const [s1, w1] = await Promise.all([cpuSeconds(scheduler.pid!), cpuSeconds(worker.pid!)]);
      const { rows } = await db.query<{ n: number; n304: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE last_status = 304)::int AS n304 FROM sources WHERE last_attempt_at > now() - interval '1 hour'`,
      );
      const polls = rows[0]!.n - polled0;
      row(
        `scheduler, ${count} sources at 5 min (${polls} polls in ${elapsed.toFixed(0)} s, ${rows[0]!.n304} were 304)`,
        `${((s1 - s0) / elapsed).toFixed(3)} cores`,
        `${(polls / elapsed).toFixed(1)} polls/s`,
        `worker doing the 304 polls: ${((w1 - w0) / elapsed).toFixed(3)} cores`,
      );
    } finally {
      await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : (p.once('exit', r), p.kill('SIGTERM'))))));
      await deleteQueuePrefix(REDIS_URL, prefix);
      await db.close();
      await database.drop();
    }
  }
} finally {
  farm.kill();
  await rm(dir, { recursive: true, force: true });
}

process.stdout.write(`\n${FEEDS} feeds × ${ITEMS} items = ${TOTAL} articles; watchlist ${watchlist.entities.length * 2} aliases (compiled in ${compileMs.toFixed(0)} ms)\n\n`);
process.stdout.write(`| run | time | articles/s (or polls/s) | notes |\n| --- | --- | --- | --- |\n${results.join('\n')}\n`);
process.exit(0);
