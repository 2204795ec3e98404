import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { insertArticles, insertMatches, migrate, openPglite, recordPoll, syncSources, type Db } from '@tumen/db';
import { buildWebApp } from '../src/index.ts';

let db: Db;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await syncSources(db, [
    { id: 'evil', name: 'Evil <b>feed</b>', url: 'http://example.org/feed', kind: 'feed', everyMs: 600_000, enabled: true, fetchArticle: false, respectRobots: false },
  ]);
  await recordPoll(db, 'evil', { outcome: 'broken', status: 404, error: 'the address no longer exists (HTTP 404)', nextCheckAt: new Date(), at: new Date() });
  const [a, b] = await insertArticles(db, 'evil', [
    { itemKey: 'k1', url: 'javascript:alert(1)', title: '<script>alert("x")</script> Putin & Kim', body: 'b', contentHash: 'h1' },
    { itemKey: 'k2', url: 'https://example.org/a?x=1&y=2', title: 'Second', body: 'b', contentHash: 'h2' },
  ]);
  await insertMatches(db, [
    { articleId: a!.id, targetId: 'putin', targetType: 'person', targetName: 'Vladimir <i>Putin</i>', evidence: [{ text: 'Putin', start: 40, end: 45, snippet: '<img src=x onerror=alert(1)> Putin & Kim' }] },
    { articleId: b!.id, targetId: 'kim', targetType: 'person', targetName: 'Kim', evidence: [] },
  ]);
  app = await buildWebApp({ db });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('web', () => {
  it('answers /healthz with the database check', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, checks: { database: 'ok' } });
  });

  it('lists matches newest first in the API shape, filtered by status and limit', async () => {
    const res = await fetch(`${base}/api/matches?status=new&limit=1`);
    const body = await res.json();
    expect(body.matches).toHaveLength(1);
    expect(body.matches[0].target).toEqual({ id: 'kim', type: 'person', name: 'Kim' });
    expect(body.matches[0].article.url).toBe('https://example.org/a?x=1&y=2');
    expect((await (await fetch(`${base}/api/matches?status=read`)).json()).matches).toEqual([]);
    expect((await fetch(`${base}/api/matches?status=bogus`)).status).toBe(400);
  });

  it('escapes everything that came from a feed and never links javascript: URLs', async () => {
    const res = await fetch(`${base}/`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<i>Putin</i>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Putin &amp; Kim');
    expect(html).toContain('<mark>Putin</mark>');
    expect(html).toContain('href="https://example.org/a?x=1&amp;y=2"');
    expect(html).toContain('Evil &lt;b&gt;feed&lt;/b&gt;');
    expect(html).toContain('HTTP 404');
  });

  it('reports source health on /api/sources', async () => {
    const { sources } = await (await fetch(`${base}/api/sources`)).json();
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatchObject({ id: 'evil', last_status: 404, consecutive_failures: 1, last_outcome: 'broken' });
  });
});
