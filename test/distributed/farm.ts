/**
 * Shared pieces of the distributed tests: a farm of feeds on 127.0.0.1 whose items are
 * known in advance (so exactly-once can be checked against what the feeds contain),
 * the config files, Tumen child processes, the exactly-once assertion, and one test's
 * world of all these ({@link openDistributedRun}).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openPostgres, type Db } from '@tumen/db';
import { spawnCli } from '../helpers/cli.ts';
import { startServer, type TestServer } from '../helpers/http-server.ts';
import { deleteQueuePrefix } from '../helpers/redis-server.ts';

/** Watchlist targets and the rule that puts them in item texts. */
export const WATCHLIST = `entities:
  - { id: putin, type: person, name: Vladimir Putin, aliases: [Putin] }
  - { id: matsegora, type: person, name: Alexander Matsegora, aliases: [Matsegora] }
stories: []
`;
const mentions = (j: number): string[] => [...(j % 3 === 0 ? ['putin'] : []), ...(j % 4 === 0 ? ['matsegora'] : [])];
const NAMES: Record<string, string> = { putin: 'Putin', matsegora: 'Matsegora' };

/** Feeds /feed-S.rss with items 0..n-1 each; `setItems` publishes more. */
export interface Farm {
  server: TestServer;
  sources: number;
  items: number;
  setItems(n: number): void;
  /** Milliseconds each feed response takes (to keep work in flight). */
  delayMs: number;
  /** `source|item_key` of every item the feeds hold now. */
  expectedArticles(): string[];
  /** `source|item_key|target` of every match those items must produce. */
  expectedMatches(): string[];
  /** Requests per feed path, with their times (ms). */
  hits: Map<string, number[]>;
  close(): Promise<void>;
}

export function sourceId(s: number): string {
  return `src-${s}`;
}

function feedXml(s: number, n: number): string {
  const items: string[] = [];
  for (let j = n - 1; j >= 0; j--) {
    const names = mentions(j).map((t) => NAMES[t]).join(' and ');
    const text = `Dispatch ${j} from desk ${s}: regional trade figures were published today.${names ? ` ${names} spoke at the forum.` : ''}`;
    items.push(
      `<item><title>Dispatch ${s}-${j}</title><link>http://news.example/${s}/${j}</link><guid isPermaLink="false">s${s}-i${j}</guid>` +
        `<description>${text}</description><pubDate>${new Date(Date.UTC(2024, 0, 1, 0, j)).toUTCString()}</pubDate></item>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk ${s}</title><link>http://news.example/${s}</link><description>d</description>${items.join('')}</channel></rss>`;
}

export async function startFarm(sources: number, items: number, delayMs = 0): Promise<Farm> {
  const routes: Parameters<typeof startServer>[0] = {};
  const hits = new Map<string, number[]>();
  const farm = { sources, items, delayMs, hits } as Farm;
  for (let s = 0; s < sources; s++) {
    const path = `/feed-${s}.rss`;
    routes[path] = (req, res) => {
      hits.set(path, [...(hits.get(path) ?? []), Date.now()]);
      const etag = `"v${farm.items}"`;
      setTimeout(() => {
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
        res.end(feedXml(s, farm.items));
      }, farm.delayMs);
    };
  }
  farm.server = await startServer(routes);
  farm.setItems = (n) => void (farm.items = n);
  farm.expectedArticles = () => {
    const out: string[] = [];
    for (let s = 0; s < sources; s++) for (let j = 0; j < farm.items; j++) out.push(`${sourceId(s)}|guid:s${s}-i${j}`);
    return out.sort();
  };
  farm.expectedMatches = () => {
    const out: string[] = [];
    for (let s = 0; s < sources; s++) {
      for (let j = 0; j < farm.items; j++) for (const t of mentions(j)) out.push(`${sourceId(s)}|guid:s${s}-i${j}|${t}`);
    }
    return out.sort();
  };
  farm.close = () => farm.server.close();
  return farm;
}

/** Writes sources.yaml (every source at `every`) and watchlist.yaml into `dir`. */
export async function writeFarmConfig(dir: string, farm: Farm, every = '10s'): Promise<{ sources: string; watchlist: string }> {
  const sources = join(dir, 'sources.yaml');
  const watchlist = join(dir, 'watchlist.yaml');
  const lines = ['sources:'];
  for (let s = 0; s < farm.sources; s++) {
    lines.push(`  - { id: ${sourceId(s)}, name: Desk ${s}, url: "${farm.server.url(`/feed-${s}.rss`)}", every: ${every} }`);
  }
  await writeFile(sources, `${lines.join('\n')}\n`);
  await writeFile(watchlist, WATCHLIST);
  return { sources, watchlist };
}

/** A Tumen child process with its stderr kept for failure messages. */
export interface TumenProcess {
  child: ChildProcess;
  name: string;
  output(): string;
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startTumen(name: string, args: string[], env: Record<string, string>): TumenProcess {
  const child = spawnCli(args, env);
  let out = '';
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    name,
    output: () => `--- ${name} ---\n${out}`,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls `check` until it returns true; fails with `what` and the processes' output. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, procs: TumenProcess[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}\n${procs.map((p) => p.output()).join('\n')}`);
}

/** Database views the tests check. */
export interface FarmDb {
  db: Db;
  counts(): Promise<{ articles: number; extracted: number; matches: number }>;
  close(): Promise<void>;
}

export function openFarmDb(url: string): FarmDb {
  const db = openPostgres({ connectionString: url, max: 2 });
  return {
    db,
    async counts() {
      const { rows } = await db.query<{ articles: number; extracted: number; matches: number }>(
        `SELECT (SELECT count(*)::int FROM articles) AS articles,
                (SELECT count(*)::int FROM articles WHERE extracted_at IS NOT NULL) AS extracted,
                (SELECT count(*)::int FROM matches) AS matches`,
      );
      return rows[0]!;
    },
    close: () => db.close(),
  };
}

/** True when every article the feeds hold is stored and extracted, with all its matches. */
export async function farmDone(fdb: FarmDb, farm: Farm): Promise<boolean> {
  const c = await fdb.counts();
  return c.articles >= farm.expectedArticles().length && c.extracted === c.articles && c.matches >= farm.expectedMatches().length;
}

/** Every article and every match stored exactly once: same count, no duplicates, same set as the feeds. */
export async function expectExactlyOnce(fdb: FarmDb, farm: Farm): Promise<void> {
  const articles = (await fdb.db.query<{ k: string }>(`SELECT source_id || '|' || item_key AS k FROM articles`)).rows.map((r) => r.k).sort();
  const matches = (
    await fdb.db.query<{ k: string }>(
      `SELECT a.source_id || '|' || a.item_key || '|' || m.target_id AS k FROM matches m JOIN articles a ON a.id = m.article_id`,
    )
  ).rows
    .map((r) => r.k)
    .sort();
  const expectedArticles = farm.expectedArticles();
  const expectedMatches = farm.expectedMatches();
  expect(articles.length).toBe(expectedArticles.length);
  expect(new Set(articles).size).toBe(articles.length);
  expect(articles).toEqual(expectedArticles);
  expect(matches.length).toBe(expectedMatches.length);
  expect(new Set(matches).size).toBe(matches.length);
  expect(matches).toEqual(expectedMatches);
}

/** The environment of every Tumen process in a distributed test: its own database, Redis prefix and farm. */
export function distributedEnv(o: {
  databaseUrl: string;
  redisUrl: string;
  prefix?: string;
  files: { sources: string; watchlist: string };
  farm: Farm;
  lockMs: number;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    ...(o.prefix ? { TUMEN_QUEUE_PREFIX: o.prefix } : {}),
    TUMEN_SOURCES: o.files.sources,
    TUMEN_WATCHLIST: o.files.watchlist,
    TUMEN_FETCH_ALLOW: `127.0.0.1:${o.farm.server.port}`,
    TUMEN_FETCH_HOST_DELAY_MS: '0',
    TUMEN_JOB_LOCK_MS: String(o.lockMs),
    TUMEN_LOG_LEVEL: 'warn',
    ...o.extra,
  };
}

/** Runs `tumen migrate` once, as the compose file's migrate step does, and expects success. */
export async function migrateOnce(env: Record<string, string>): Promise<void> {
  const migrate = startTumen('migrate', ['migrate'], env);
  const code = await migrate.exited;
  if (code !== 0) throw new Error(`tumen migrate failed (${code}):\n${migrate.output()}`);
}

/**
 * One distributed test's world: a feed farm, its config files, the processes'
 * environment (migrated), the database views, and the processes started in it. The
 * database and Redis are the caller's (a test database or a throwaway server), and so is
 * closing them, after {@link DistributedRun.close}.
 */
export interface DistributedRun {
  farm: Farm;
  fdb: FarmDb;
  env: Record<string, string>;
  procs: TumenProcess[];
  /** Starts `tumen ARGS` in this world; it is killed by close(). */
  start(name: string, args: string[]): TumenProcess;
  /** Kills the processes, closes the farm and the database views, deletes the queue prefix and the files. */
  close(): Promise<void>;
}

export async function openDistributedRun(o: {
  /** Feeds, items per feed, response delay in ms. */
  farm: [number, number, number?];
  databaseUrl: string;
  redisUrl: string;
  /** A queue prefix of the test's own (on the shared Redis); none on a throwaway Redis. */
  isolateQueues: boolean;
  every: string;
  lockMs: number;
  extra?: Record<string, string>;
}): Promise<DistributedRun> {
  const farm = await startFarm(...o.farm);
  const dir = await mkdtemp(join(tmpdir(), 'tumen-dist-'));
  const prefix = o.isolateQueues ? `tumen-test-${randomBytes(4).toString('hex')}` : undefined;
  const fdb = openFarmDb(o.databaseUrl);
  const procs: TumenProcess[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    // After an outage test the pool may hold a broken connection: closing must not fail the run.
    await fdb.close().catch(() => {});
    await farm.close();
    if (prefix) await deleteQueuePrefix(o.redisUrl, prefix);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const files = await writeFarmConfig(dir, farm, o.every);
    const env = distributedEnv({ databaseUrl: o.databaseUrl, redisUrl: o.redisUrl, prefix, files, farm, lockMs: o.lockMs, extra: o.extra });
    await migrateOnce(env);
    const start = (name: string, args: string[]): TumenProcess => {
      const p = startTumen(name, args, env);
      procs.push(p);
      return p;
    };
    return { farm, fdb, env, procs, start, close };
  } catch (err) {
    await close();
    throw err;
  }
}
