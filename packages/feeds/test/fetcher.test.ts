import { readFileSync } from 'node:fs';
import type { SourceConfig } from '@tumen/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, HostLimiter, type Fetcher } from '../src/index.ts';
import { fixture } from './fixtures.ts';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopback-server.ts';
import { feedSource, isReadableReason } from './helpers/sources.ts';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><ttl>90</ttl><item><title>Shoigu in Pyongyang</title><link>https://e.org/1</link></item></channel></rss>`;
const ETAG = '"v1"';
const LISTING = readFileSync(fixture('html', 'kcna-listing.html'));
const ARTICLE = readFileSync(fixture('html', 'article.html'));
const orenGz = readFileSync(fixture('oren.ru', 'compressed.xml'));

let site: LoopbackServer;
let blocked: LoopbackServer;
let brokenRobots: LoopbackServer;
let fetcher: Fetcher;

const htmlSource = (origin: string, path: string, extra: Partial<SourceConfig> = {}): SourceConfig =>
  feedSource(`html${path.replace(/\W/g, '-')}`, origin + path, { kind: 'html', respectRobots: true, selectors: { item: 'ul.article-link li', date: '.publish-time' }, ...extra });

beforeAll(async () => {
  site = await startLoopbackServer({
    '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n\nUser-agent: Tumen\nDisallow: /no-tumen/\n'),
    '/feed': (req, res) => {
      if (req.headers['if-none-match'] === ETAG) return res.writeHead(304, { etag: ETAG, 'cache-control': 'max-age=600' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG, 'last-modified': 'Sun, 04 Aug 2024 10:00:00 GMT', 'cache-control': 'public, max-age=300' }).end(RSS);
    },
    '/gz-no-header': (_req, res) => res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(orenGz),
    '/list': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(LISTING),
    '/empty-list': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Redesigned!</p></body></html>'),
    '/no-tumen/list': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(LISTING),
    '/no-tumen/article': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE),
    '/article': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE),
    '/html-instead-of-feed': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Log in</body></html>'),
    '/slow': (_req, res) => setTimeout(() => res.writeHead(200).end(RSS), 1500),
  });
  blocked = await startLoopbackServer({ '/list': (_req, res) => res.end(LISTING) }); // no robots.txt: 404 → allowed
  brokenRobots = await startLoopbackServer({
    '/robots.txt': (_req, res) => res.writeHead(503).end(),
    '/list': (_req, res) => res.end(LISTING),
  });
  fetcher = createFetcher({ allow: ['127.0.0.1/32'], timeoutMs: 5000, perHostDelayMs: 0 });
});
afterAll(async () => {
  await fetcher?.close();
  await Promise.all([site?.close(), blocked?.close(), brokenRobots?.close()]);
});

describe('conditional GET and refresh hints', () => {
  it('stores validators, sends them back, and a 304 carries no items', async () => {
    const first = await fetcher.poll(feedSource('f', `${site.origin}/feed`), {});
    expect(first).toMatchObject({ kind: 'ok', etag: ETAG, lastModified: 'Sun, 04 Aug 2024 10:00:00 GMT', items: [{ title: 'Shoigu in Pyongyang' }] });
    // max(max-age 300 s, <ttl> 90 min)
    expect(first.kind === 'ok' && first.refreshAfterMs).toBe(90 * 60_000);
    const second = await fetcher.poll(feedSource('f', `${site.origin}/feed`), { etag: ETAG, lastModified: 'Sun, 04 Aug 2024 10:00:00 GMT' });
    expect(second).toEqual({ kind: 'not-modified', status: 304, refreshAfterMs: 600_000 });
    const sent = site.requests.filter((r) => r.path === '/feed').at(-1)!.headers;
    expect(sent['if-none-match']).toBe(ETAG);
    expect(sent['if-modified-since']).toBe('Sun, 04 Aug 2024 10:00:00 GMT');
  });

  it('names Tumen and a URL in the User-Agent and asks for compression', () => {
    const headers = site.requests.find((r) => r.path === '/feed')!.headers;
    expect(headers['user-agent']).toMatch(/^Tumen\/\S+ \(\+https?:\/\/\S+/);
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
  });
});

describe('bodies and limits', () => {
  it('unpacks a gzip file served without Content-Encoding (windows-1251 inside)', async () => {
    const out = await fetcher.poll(feedSource('gz', `${site.origin}/gz-no-header`), {});
    expect(out.kind === 'ok' && out.items[0]!.title).toMatch(/^В Бузулуке/);
  });
  it('applies a per-source timeout', async () => {
    const started = Date.now();
    const out = await fetcher.poll(feedSource('slow', `${site.origin}/slow`, { limits: { timeoutMs: 300 } }), {});
    expect(out).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/within 0\.3 s$/) });
    expect(Date.now() - started).toBeLessThan(1200);
  });
  it('applies a per-source size limit', async () => {
    const out = await fetcher.poll(feedSource('small', `${site.origin}/feed`, { limits: { maxBytes: 100 } }), {});
    expect(out).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/100-byte limit/) });
  });
  it('says plainly when a feed URL serves an HTML page', async () => {
    const out = await fetcher.poll(feedSource('h', `${site.origin}/html-instead-of-feed`), {});
    expect(out).toEqual({ kind: 'broken', reason: 'the address returned an HTML page, not a feed; the feed may have moved' });
  });
});

describe('html sources and robots.txt', () => {
  it('reads an html listing when robots.txt allows it', async () => {
    const out = await fetcher.poll(htmlSource(site.origin, '/list'), {});
    expect(out.kind === 'ok' && out.items.map((i) => i.url)).toEqual([
      `${site.origin}/en/article/q/a713c2df6798b0f051a4fac14e5953be.kcmsf`,
      `${site.origin}/en/article/q/0c5f9d1e5d8a4d8e9e2b7f3f0a1b2c3d.kcmsf`,
    ]);
  });
  it('refuses a path robots.txt disallows for Tumen, without fetching it', async () => {
    const out = await fetcher.poll(htmlSource(site.origin, '/no-tumen/list'), {});
    expect(out).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/^robots\.txt of 127\.0\.0\.1:\d+ does not allow Tumen to read \/no-tumen\/list/) });
    expect(site.requests.some((r) => r.path === '/no-tumen/list')).toBe(false);
  });
  it('fetches it anyway when the source sets respect_robots: false', async () => {
    const out = await fetcher.poll(htmlSource(site.origin, '/no-tumen/list', { respectRobots: false }), {});
    expect(out.kind).toBe('ok');
  });
  it('caches robots.txt per host', () => {
    expect(site.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
  });
  it('treats a missing robots.txt (404) as no rules', async () => {
    expect((await fetcher.poll(htmlSource(blocked.origin, '/list'), {})).kind).toBe('ok');
  });
  it('retries later when robots.txt fails with a server error', async () => {
    const out = await fetcher.poll(htmlSource(brokenRobots.origin, '/list'), {});
    expect(out).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/robots\.txt .* could not be read \(HTTP 503\)/) });
    expect(brokenRobots.requests.some((r) => r.path === '/list')).toBe(false);
  });
  it('calls a listing whose selectors match nothing broken, in words', async () => {
    const out = await fetcher.poll(htmlSource(site.origin, '/empty-list'), {});
    expect(out).toMatchObject({ kind: 'broken', reason: 'the page has no items matching "ul.article-link li"; the site layout may have changed' });
  });
});

describe('fetchArticle', () => {
  it('returns the main text, title and canonical URL', async () => {
    const out = await fetcher.fetchArticle(`${site.origin}/article`);
    expect(out).toMatchObject({ kind: 'ok', title: 'Russian Military Delegation Arrives in Pyongyang', canonicalUrl: 'https://news.example.com/2024/07/19/russian-delegation' });
    expect(out.kind === 'ok' && out.text).toMatch(/^Russian Military Delegation Arrives in Pyongyang\n+A military delegation/);
  });
  it('honors robots.txt for article pages (the Tumen group, not the * group, applies to Tumen)', async () => {
    expect((await fetcher.fetchArticle(`${site.origin}/private/article`)).kind).not.toBe('ok'); // allowed by robots, then 404
    expect(site.requests.some((r) => r.path === '/private/article')).toBe(true);
    const out = await fetcher.fetchArticle(`${site.origin}/no-tumen/article`);
    expect(out.kind).toBe('broken');
    expect(out.kind !== 'ok' && isReadableReason(out.reason)).toBe(true);
    expect(site.requests.some((r) => r.path === '/no-tumen/article')).toBe(false);
    expect((await fetcher.fetchArticle(`${site.origin}/no-tumen/article`, { respectRobots: false })).kind).toBe('ok');
  });
  it('classifies failures like polls and never throws', async () => {
    expect(await fetcher.fetchArticle(`${site.origin}/missing`)).toMatchObject({ kind: 'broken', status: 404 });
    expect(await fetcher.fetchArticle('ftp://example.org/x')).toMatchObject({ kind: 'broken', reason: 'only http and https URLs are fetched, not ftp:' });
    expect(await fetcher.fetchArticle('http://169.254.169.254/latest/meta-data/')).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/link-local or cloud-metadata/) });
  });
});

describe('politeness per host', () => {
  it('runs one request at a time per host, with the minimum delay between them; other hosts are not held up', async () => {
    const limiter = new HostLimiter(200);
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name} ${Date.now()}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name} ${Date.now()}`);
    };
    const t0 = Date.now();
    await Promise.all([limiter.run('a', task('a1', 100)), limiter.run('a', task('a2', 100)), limiter.run('b', task('b1', 50))]);
    const at = (what: string) => Number(log.find((l) => l.startsWith(what))!.split(' ')[2]) - t0;
    expect(at('start a2')).toBeGreaterThanOrEqual(at('end a1') + 190);
    expect(at('start b1')).toBeLessThan(50);
  });

  it('slows to the Crawl-delay robots.txt asks of Tumen', async () => {
    const slow = await startLoopbackServer({
      '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nCrawl-delay: 1\n'),
      '/a': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE),
      '/b': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE),
    });
    const polite = createFetcher({ allow: ['127.0.0.1/32'], perHostDelayMs: 0 });
    try {
      await polite.fetchArticle(`${slow.origin}/a`);
      await polite.fetchArticle(`${slow.origin}/b`);
      const at = (path: string) => slow.requests.find((r) => r.path === path)!.at;
      expect(at('/b') - at('/a')).toBeGreaterThanOrEqual(950);
    } finally {
      await polite.close();
      await slow.close();
    }
  });

  it('spaces requests to one server through the fetcher', async () => {
    const polite = createFetcher({ allow: ['127.0.0.1/32'], perHostDelayMs: 150 });
    try {
      const before = site.requests.length;
      await Promise.all([1, 2, 3].map((n) => polite.poll(feedSource(`p${n}`, `${site.origin}/feed`), {})));
      const times = site.requests.slice(before).map((r) => r.at);
      expect(times).toHaveLength(3);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(140);
    } finally {
      await polite.close();
    }
  });
});
