import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Db } from '@tumen/db';
import { runCli, REPO_ROOT } from '../helpers/cli.ts';
import { startServer, staticFeed, type TestServer } from '../helpers/http-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { postgresUp } from '../helpers/services.ts';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/e2e');

const WATCHLIST = `
entities:
  - id: putin
    type: person
    name: Vladimir Putin
    aliases: [Putin, Путин]
  - id: matsegora
    type: person
    name: Alexander Matsegora
    aliases: [Matsegora, Мацегора]
  - id: vladivostok
    type: place
    name: Vladivostok
    aliases: [Владивосток]
stories: []
`;

/** Which KCNA records name whom (checked by reading the fixture). */
const EXPECTED_MATCHES = [
  ['matsegora', '63aadc8fca1e33.kcmsf'],
  ['putin', 'caddd520d587d6.kcmsf'],
  ['putin', 'f4ccfcea9f3467.kcmsf'],
  ['vladivostok', '17f8c4eec7270f.kcmsf'],
];

let server: TestServer;
let kcnaXml: string;

beforeAll(async () => {
  kcnaXml = await readFile(join(FIXTURES, 'kcna-russia.rss'), 'utf8');
  const oren = await readFile(join(FIXTURES, 'oren-windows-1251.rss'));
  server = await startServer({
    '/kcna.rss': staticFeed(kcnaXml, 'application/rss+xml; charset=utf-8', '"kcna-v1"'),
    '/oren.rss': staticFeed(oren, 'application/rss+xml'),
    '/broken.rss': (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    },
    '/garbage.rss': staticFeed('this is {not} <a feed', 'application/rss+xml'),
  });
});
afterAll(() => server?.close());

async function writeConfig(dir: string): Promise<{ sources: string; watchlist: string }> {
  const sources = join(dir, 'sources.yaml');
  const watchlist = join(dir, 'watchlist.yaml');
  await writeFile(
    sources,
    `sources:
  - { id: kcna, name: KCNA, url: "${server.url('/kcna.rss')}", every: 10m, language: en }
  - { id: oren, name: Oren.ru, url: "${server.url('/oren.rss')}", every: 10m, language: ru }
  - { id: broken, name: Broken, url: "${server.url('/broken.rss')}", every: 10m }
  - { id: garbage, name: Garbage, url: "${server.url('/garbage.rss')}", every: 10m }
  - { id: off, name: Disabled, url: "${server.url('/kcna.rss')}", enabled: false }
`,
  );
  await writeFile(watchlist, WATCHLIST);
  return { sources, watchlist };
}

interface Mode {
  name: string;
  skip?: boolean;
  setup(dir: string): Promise<{ env: Record<string, string>; open(): Promise<Db>; teardown(): Promise<void> }>;
}

const modes: Mode[] = [
  {
    name: 'embedded (PGlite)',
    async setup(dir) {
      const dataDir = join(dir, 'data');
      return { env: { TUMEN_DATA_DIR: dataDir }, open: () => openPglite(join(dataDir, 'pglite')), teardown: async () => {} };
    },
  },
  {
    name: 'Postgres',
    skip: !postgresUp,
    async setup() {
      const db: TestDatabase = await createTestDatabase();
      return { env: { DATABASE_URL: db.url }, open: async () => openPostgres({ connectionString: db.url }), teardown: () => db.drop() };
    },
  },
];

// A mode whose server is down is reported as skipped (CI requires the servers: see services.ts).
for (const mode of modes) describe.skipIf(mode.skip === true)(`tumen run --once, ${mode.name}`, () => {
  let dir: string;
  let env: Record<string, string>;
  let ctx: Awaited<ReturnType<Mode['setup']>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tumen-e2e-'));
    ctx = await mode.setup(dir);
    const files = await writeConfig(dir);
    env = { ...ctx.env, TUMEN_SOURCES: files.sources, TUMEN_WATCHLIST: files.watchlist, TUMEN_FETCH_ALLOW: `127.0.0.1:${server.port}` };
  });
  afterAll(async () => {
    await ctx?.teardown();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every item, the matches with evidence, and reports failing sources', async () => {
    const first = await runCli(['run', '--once', '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    const byId = Object.fromEntries(summary.sources.map((s: { id: string }) => [s.id, s]));
    expect(Object.keys(byId).sort()).toEqual(['broken', 'garbage', 'kcna', 'oren']);
    expect(byId.kcna).toEqual({ id: 'kcna', ok: true, error: null, items: 28, new_articles: 28 });
    expect(byId.oren).toEqual({ id: 'oren', ok: true, error: null, items: 10, new_articles: 10 });
    expect(byId.broken.ok).toBe(false);
    expect(byId.broken.error).toMatch(/HTTP 500/);
    expect(byId.garbage.ok).toBe(false);
    expect(byId.garbage.error).toMatch(/not a (readable )?(RSS|feed)/);
    expect(summary.new_articles).toBe(38);
    expect(summary.new_matches).toBe(EXPECTED_MATCHES.length);

    const db = await ctx.open();
    try {
      const { rows: articles } = await db.query<{ source_id: string; url: string; title: string }>(
        'SELECT source_id, url, title FROM articles ORDER BY source_id, url',
      );
      const feedLinks = [...kcnaXml.matchAll(/<link>([^<]+)<\/link>/g)].map((m) => m[1]!).slice(1);
      expect(articles.filter((a) => a.source_id === 'kcna').map((a) => a.url)).toEqual([...feedLinks].sort());
      // windows-1251 decoded, not mojibake
      expect(articles.map((a) => a.title)).toContain('В Бузулуке главные стройплощадки – детсад и Ледовый дворец');

      const { rows: matches } = await db.query<{ target_id: string; url: string; evidence: { text: string; start: number; end: number; snippet: string }[] }>(
        'SELECT m.target_id, a.url, m.evidence FROM matches m JOIN articles a ON a.id = m.article_id ORDER BY m.target_id, a.url',
      );
      const found = matches.map((m) => [m.target_id, m.url.slice(-EXPECTED_MATCHES[0]![1]!.length)]);
      expect(found.sort()).toEqual([...EXPECTED_MATCHES].sort());
      // KCNA files one story under several topics with different links: one cluster each.
      const { rows: clusters } = await db.query<{ title: string; n: number; clusters: number }>(
        `SELECT title, count(*)::int AS n, count(DISTINCT cluster_id)::int AS clusters FROM articles
          WHERE source_id = 'kcna' AND length(body) > 200 GROUP BY title HAVING count(*) > 1 ORDER BY title`,
      );
      expect(clusters.length).toBeGreaterThanOrEqual(4);
      for (const c of clusters) expect(c, c.title).toMatchObject({ clusters: 1 });
      const { rows: distinct } = await db.query<{ clusters: number; titles: number }>(
        `SELECT count(DISTINCT cluster_id)::int AS clusters, count(DISTINCT title)::int AS titles FROM articles WHERE source_id = 'kcna' AND length(body) > 200`,
      );
      expect(distinct[0]!.clusters).toBe(distinct[0]!.titles);
      const putin = matches.find((m) => m.target_id === 'putin')!;
      expect(putin.evidence[0]!.text).toBe('Putin');
      expect(putin.evidence[0]!.snippet).toContain('Putin');
    } finally {
      await db.close();
    }

    const listed = await runCli(['matches', '--status', 'new', '--json'], env);
    expect(listed.code).toBe(0);
    const { matches: apiMatches } = JSON.parse(listed.stdout);
    expect(apiMatches).toHaveLength(EXPECTED_MATCHES.length);
    expect(Object.keys(apiMatches[0]).sort()).toEqual(['article', 'cluster', 'created_at', 'evidence', 'id', 'status', 'target']);
    expect(Object.keys(apiMatches[0].article).sort()).toEqual(['id', 'published_at', 'source_id', 'title', 'url']);
  });

  it("shows each source's health: last status, a readable error, failures, next check", async () => {
    const result = await runCli(['sources', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const { sources } = JSON.parse(result.stdout) as { sources: Record<string, unknown>[] };
    const byId = Object.fromEntries(sources.map((s) => [s.id, s]));
    expect(byId.kcna).toMatchObject({ enabled: true, last_status: 200, last_outcome: 'ok', last_error: null, consecutive_failures: 0 });
    expect(byId.broken).toMatchObject({ last_status: 500, last_outcome: 'retry', consecutive_failures: 1 });
    expect(byId.broken!.last_error).toMatch(/HTTP 500/);
    expect(byId.off).toMatchObject({ enabled: false, last_attempt_at: null });
    // a failing source backs off: its next check is later than the healthy one's
    expect(Date.parse(byId.broken!.next_check_at as string)).toBeGreaterThan(Date.parse(byId.kcna!.next_check_at as string));
    const text = await runCli(['sources'], env);
    expect(text.stdout).toMatch(/broken\s+FAILING ×1/);
  });

  it('stores nothing twice on a second run, and conditional GET skips the unchanged feed', async () => {
    const before = server.requests.filter((r) => r.path === '/kcna.rss').length;
    const second = await runCli(['run', '--once', '--json'], env);
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout);
    expect(summary.new_articles).toBe(0);
    expect(summary.new_matches).toBe(0);
    const kcnaRequests = server.requests.filter((r) => r.path === '/kcna.rss').slice(before);
    expect(kcnaRequests).toHaveLength(1);
    expect(kcnaRequests[0]!.headers['if-none-match']).toBe('"kcna-v1"');

    const db = await ctx.open();
    try {
      const { rows } = await db.query<{ a: number; m: number }>('SELECT (SELECT count(*)::int FROM articles) AS a, (SELECT count(*)::int FROM matches) AS m');
      expect(rows[0]).toEqual({ a: 38, m: EXPECTED_MATCHES.length });
    } finally {
      await db.close();
    }
  });

  it('extracts again, on a 304, articles whose extraction was lost', async () => {
    const db = await ctx.open();
    try {
      // As if the extraction jobs had failed for good during a database outage.
      await db.exec("DELETE FROM matches WHERE article_id IN (SELECT id FROM articles WHERE source_id = 'kcna')");
      await db.exec("UPDATE articles SET extracted_at = NULL WHERE source_id = 'kcna'");
    } finally {
      await db.close();
    }
    const before = server.requests.filter((r) => r.path === '/kcna.rss').length;
    const run = await runCli(['run', '--once', '--json'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).new_articles).toBe(0);
    expect(server.requests.filter((r) => r.path === '/kcna.rss').slice(before)[0]!.headers['if-none-match']).toBe('"kcna-v1"');
    const again = await ctx.open();
    try {
      const { rows } = await again.query<{ m: number; pending: number }>(
        'SELECT (SELECT count(*)::int FROM matches) AS m, (SELECT count(*)::int FROM articles WHERE extracted_at IS NULL) AS pending',
      );
      expect(rows[0]).toEqual({ m: EXPECTED_MATCHES.length, pending: 0 });
    } finally {
      await again.close();
    }
  });
});

describe('configuration errors', () => {
  it('exits 2 with a message naming the file, line and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tumen-cfg-'));
    try {
      const sources = join(dir, 'sources.yaml');
      await writeFile(sources, 'sources:\n  - id: a\n    name: A\n    url: ftp://example.org/feed\n');
      const result = await runCli(['run', '--once', '--json', '--sources', sources], { TUMEN_DATA_DIR: join(dir, 'data') });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(`tumen: ${sources}:4: field "sources[0].url": must be an http or https URL.`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
