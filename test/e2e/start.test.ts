import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, spawnCli } from '../helpers/cli.ts';
import { startServer, staticFeed, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  const xml = await readFile(join(REPO_ROOT, 'test/fixtures/e2e/kcna-russia.rss'), 'utf8');
  server = await startServer({ '/kcna.rss': staticFeed(xml) });
  dir = await mkdtemp(join(tmpdir(), 'tumen-start-'));
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as { port: number };
  s.close();
  return port;
}

it('tumen start serves the matches of the configured feed within a minute, then stops cleanly on SIGTERM', async () => {
  await writeFile(
    join(dir, 'sources.yaml'),
    `sources:\n  - { id: kcna, name: KCNA, url: "${server.url('/kcna.rss')}", every: 10m }\n` +
      `  - { id: paused, name: Paused, url: "${server.url('/paused.rss')}", every: 10m, enabled: false }\n`,
  );
  await writeFile(
    join(dir, 'watchlist.yaml'),
    'entities:\n  - { id: putin, type: person, name: Vladimir Putin, aliases: [Putin] }\n  - { id: matsegora, type: person, name: Alexander Matsegora, aliases: [Matsegora] }\n',
  );
  const port = await freePort();
  const child = spawnCli(['start'], {
    TUMEN_DATA_DIR: join(dir, 'data'),
    TUMEN_PORT: String(port),
    TUMEN_SOURCES: join(dir, 'sources.yaml'),
    TUMEN_WATCHLIST: join(dir, 'watchlist.yaml'),
    TUMEN_FETCH_ALLOW: `127.0.0.1:${server.port}`,
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit');
  try {
    const deadline = Date.now() + 60_000;
    let names: string[] = [];
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/matches?status=new&limit=100`);
        names = [...new Set(((await res.json()) as { matches: { target: { id: string } }[] }).matches.map((m) => m.target.id))].sort();
        if (names.length === 2) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(names, stderr).toEqual(['matsegora', 'putin']);
    // The start line counts the sources it polls and names the disabled one.
    expect(stderr).toContain(`inbox at http://127.0.0.1:${port}/ (1 source, 1 disabled)`);
    const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(page).toContain('Alexander Matsegora');
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await exited;
  expect(code, stderr).toBe(0);
}, 90_000);
