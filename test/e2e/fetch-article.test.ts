import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPglite } from '@tumen/db';
import { runCli } from '../helpers/cli.ts';
import { startServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
let dir: string;

const page = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title>
<link rel="canonical" href="/news/${encodeURIComponent(title)}"></head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> Matsegora in the menu</nav>
<article><h1>${title}</h1>${body}</article>
<footer>Copyright. Contact us. Matsegora footer link.</footer><script>var Matsegora = 1;</script></body></html>`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tumen-fetch-article-'));
  server = await startServer({
    '/robots.txt': (_q, s) => s.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'),
    '/feed.rss': (_q, s) => {
      const item = (path: string, title: string) =>
        `<item><title>${title}</title><link>${server.url(path)}?utm_source=rss#top</link><description>Summary only.</description></item>`;
      s.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
${item('/news/1', 'Embassy reception')}${item('/news/gone', 'Gone page')}${item('/private/3', 'Private page')}
</channel></rss>`,
      );
    },
    '/news/1': (_q, s) =>
      s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        page('Embassy reception', '<p>Russian Ambassador Alexander Matsegora hosted a reception in Pyongyang on the occasion of the anniversary.</p><p>Officials of the Ministry of Foreign Affairs attended the event and exchanged toasts.</p>'),
      ),
    '/private/3': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end(page('Private page', '<p>Matsegora met officials privately and discussed the bridge.</p>')),
  });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

it('fetch_article: matches the page main text, not its navigation; keeps the summary of a page that is gone or disallowed by robots.txt', async () => {
  await writeFile(join(dir, 's.yaml'), `sources:\n  - { id: emb, name: Embassy, url: "${server.url('/feed.rss')}", fetch_article: true }\n`);
  await writeFile(join(dir, 'w.yaml'), 'entities:\n  - { id: matsegora, type: person, name: Alexander Matsegora, aliases: [Matsegora] }\n');
  const env = {
    TUMEN_DATA_DIR: join(dir, 'data'),
    TUMEN_SOURCES: join(dir, 's.yaml'),
    TUMEN_WATCHLIST: join(dir, 'w.yaml'),
    TUMEN_FETCH_ALLOW: `127.0.0.1:${server.port}`,
  };
  const result = await runCli(['run', '--once', '--json'], env);
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ new_articles: 3, new_matches: 1 });
  expect(server.requests.some((r) => r.path === '/private/3')).toBe(false);

  const db = await openPglite(join(dir, 'data', 'pglite'));
  try {
    const { rows } = await db.query<{ url: string; body: string; fetch_state: string; fetch_error: string | null; extracted: boolean }>(
      'SELECT url, body, fetch_state, fetch_error, extracted_at IS NOT NULL AS extracted FROM articles ORDER BY url',
    );
    const byPath = Object.fromEntries(rows.map((r) => [new URL(r.url).pathname, r]));
    // tracking parameters and fragment dropped from the stored link
    expect(rows.map((r) => r.url)).toContain(server.url('/news/1'));
    expect(byPath['/news/1']).toMatchObject({ fetch_state: 'done', extracted: true });
    expect(byPath['/news/1']!.body).toContain('Russian Ambassador Alexander Matsegora hosted a reception');
    expect(byPath['/news/1']!.body).not.toMatch(/menu|footer|var Matsegora/);
    expect(byPath['/news/gone']).toMatchObject({ fetch_state: 'failed', body: 'Summary only.', extracted: true });
    expect(byPath['/news/gone']!.fetch_error).toMatch(/404/);
    expect(byPath['/private/3']).toMatchObject({ fetch_state: 'failed', body: 'Summary only.', extracted: true });
    expect(byPath['/private/3']!.fetch_error).toMatch(/robots\.txt/);
  } finally {
    await db.close();
  }
});
