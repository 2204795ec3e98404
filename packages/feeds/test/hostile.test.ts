import { readFileSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type PollOutcome } from '../src/index.ts';
import { fixture } from './fixtures.ts';
import { measurePeakRss, startLoopbackServer, streamBytes, type LoopbackServer } from './helpers/loopback-server.ts';
import { feedSource, isReadableReason } from './helpers/sources.ts';

/**
 * The issue's "hostile internet on loopback": one real server on 127.0.0.1 serves
 * good feeds and every hostile case; a second one on 127.0.0.2 (not in the allow
 * list) stands for the internal address and counts connections, which must stay 0.
 */
const DEADLINE_MS = 2000;
const SLACK_MS = 1000;
const MB = 1024 * 1024;

let server: LoopbackServer;
let forbidden: LoopbackServer;
let fetcher: Fetcher;
let gzipBomb: Buffer;

const oren = readFileSync(fixture('oren.ru', 'iconv.xml'));
const orenGz = readFileSync(fixture('oren.ru', 'compressed.xml'));
const orenItems = (oren.toString('latin1').match(/<item>/g) ?? []).length;
const koreanFeed = iconv.encode(
  `<?xml version="1.0" encoding="euc-kr"?><rss version="2.0"><channel><title>연합뉴스 북한</title>` +
    `<item><title>북·러 정상회담 개최</title><link>https://www.yna.co.kr/view/AKR1</link><description>평양에서 회담</description></item>` +
    `<item><title>러시아 국방장관 방북</title><link>https://www.yna.co.kr/view/AKR2</link></item></channel></rss>`,
  'euc-kr',
);
const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON',
  items: [{ id: '1', url: 'https://example.org/1', title: 'Lavrov in Pyongyang', content_text: 'Talks.' }],
});

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><link>https://e.org/1</link></item></channel></rss>`;
const PROTO = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t</title><__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor></item></channel></rss>`;
const MALFORMED = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>unclosed</item></channel>`;

beforeAll(async () => {
  // ~100 MB of zeros gzipped to ~100 KB, built by streaming so the test itself stays small.
  gzipBomb = await new Promise<Buffer>((resolve, reject) => {
    const gz = createGzip({ level: 9 });
    const out: Buffer[] = [];
    gz.on('data', (c: Buffer) => out.push(c)).on('end', () => resolve(Buffer.concat(out))).on('error', reject);
    const zeros = Buffer.alloc(MB);
    for (let i = 0; i < 100; i++) gz.write(zeros);
    gz.end();
  });
  forbidden = await startLoopbackServer({ '/feed': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>') }, '127.0.0.2');
  const xml = (body: string | Buffer, type = 'application/rss+xml') => (_req: unknown, res: import('node:http').ServerResponse) =>
    res.writeHead(200, { 'content-type': type }).end(body);
  server = await startLoopbackServer({
    '/good/oren': xml(oren, 'text/xml'),
    '/good/oren-gzip': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(orenGz),
    '/good/korean': xml(koreanFeed, 'application/rss+xml; charset=EUC-KR'),
    '/good/json': xml(jsonFeed, 'application/feed+json'),
    '/redirect-refused': (_req, res) => res.writeHead(302, { location: `${forbidden.origin}/feed` }).end(),
    '/redirect-refused-mapped': (_req, res) => res.writeHead(301, { location: `http://[::ffff:127.0.0.2]:${forbidden.port}/feed` }).end(),
    '/redirect-refused-decimal': (_req, res) => res.writeHead(307, { location: `http://2130706434:${forbidden.port}/feed` }).end(),
    '/redirect-loop': (_req, res) => res.writeHead(302, { location: '/redirect-loop' }).end(),
    '/redirect-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/gzip-bomb': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipBomb),
    '/huge-with-length': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(200 * MB) });
      streamBytes(res, 200 * MB);
    },
    '/huge-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      streamBytes(res, 200 * MB);
    },
    '/drip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<');
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('r')), 1000);
      res.on('close', () => clearInterval(t));
    },
    '/no-headers': () => {
      // Accepts the request and never answers.
    },
    '/billion-laughs': xml(BILLION_LAUGHS),
    '/xxe': xml(XXE),
    '/proto': xml(PROTO),
    '/malformed': xml(MALFORMED),
    '/410': (_req, res) => res.writeHead(410).end('gone'),
    '/500': (_req, res) => res.writeHead(500).end('oops'),
    '/429': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end('slow down'),
    '/503': (_req, res) => res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end(),
  });
  fetcher = createFetcher({ allow: ['127.0.0.1/32'], timeoutMs: DEADLINE_MS, perHostDelayMs: 0 });
});

afterAll(async () => {
  await fetcher?.close();
  await server?.close();
  await forbidden?.close();
});

/** Expected outcome per hostile path: kind, and a pattern the reason must match. */
const HOSTILE: [path: string, kind: 'retry' | 'broken', reason: RegExp, status?: number][] = [
  ['/redirect-refused', 'broken', /^refused to connect to 127\.0\.0\.2: 127\.0\.0\.2 is a loopback address/],
  ['/redirect-refused-mapped', 'broken', /^refused to connect to ::ffff:7f00:2: .* is an IPv4-mapped IPv6 address/],
  ['/redirect-refused-decimal', 'broken', /^refused to connect to 127\.0\.0\.2/],
  ['/redirect-loop', 'broken', /^gave up after 5 redirects/],
  ['/redirect-file', 'broken', /^only http and https URLs are fetched, not file:/],
  ['/gzip-bomb', 'broken', /^the response exceeds the 10485760-byte limit after decompression$/],
  ['/huge-with-length', 'broken', /^the response is 209715200 bytes, over the 10485760-byte limit$/],
  ['/huge-chunked', 'broken', /^the response exceeds the 10485760-byte limit$/],
  ['/drip', 'retry', /^no complete response( to 127\.0\.0\.1:\d+)? within 2 s$/],
  ['/no-headers', 'retry', /^no complete response( to 127\.0\.0\.1:\d+)? within 2 s$/],
  ['/billion-laughs', 'broken', /declares its own XML entities/],
  ['/xxe', 'broken', /declares its own XML entities/],
  ['/proto', 'broken', /element named "__proto__"/],
  ['/malformed', 'broken', /^the document is not a readable RSS, Atom or JSON feed \(/],
  ['/missing', 'broken', /^the address no longer exists \(HTTP 404\)/, 404],
  ['/410', 'broken', /gone for good \(HTTP 410\)/, 410],
  ['/500', 'retry', /HTTP 500/, 500],
  ['/429', 'retry', /HTTP 429.*retrying in 120 s/, 429],
  ['/503', 'retry', /HTTP 503/, 503],
];

describe('hostile internet on loopback', () => {
  for (const [path, kind, reason, status] of HOSTILE) {
    it(`${path} ends ${kind} with a readable reason, within the deadline and bounded memory`, async () => {
      const started = Date.now();
      const { result, peakGrowth } = await measurePeakRss(() => fetcher.poll(feedSource(path.slice(1), server.origin + path), {}));
      const elapsed = Date.now() - started;
      expect(result.kind).toBe(kind);
      const outcome = result as Extract<PollOutcome, { kind: 'retry' | 'broken' }>;
      expect(outcome.reason).toMatch(reason);
      expect(isReadableReason(outcome.reason)).toBe(true);
      if (status) expect(outcome.status).toBe(status);
      expect(elapsed).toBeLessThan(DEADLINE_MS + SLACK_MS);
      expect(peakGrowth).toBeLessThan(100 * MB);
    });
  }

  it('honors Retry-After on 429 (seconds) and 503 (HTTP date)', async () => {
    const r429 = await fetcher.poll(feedSource('r429', `${server.origin}/429`), {});
    const r503 = await fetcher.poll(feedSource('r503', `${server.origin}/503`), {});
    expect(r429).toMatchObject({ kind: 'retry', retryAfterMs: 120_000 });
    expect(r503.kind === 'retry' && r503.retryAfterMs).toBeGreaterThan(55_000);
  });

  it('never pollutes Object.prototype', async () => {
    await fetcher.poll(feedSource('proto', `${server.origin}/proto`), {});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('runs good and hostile sources in one batch: good ones stored in full, the refused address never contacted', async () => {
    const good = [
      feedSource('oren', `${server.origin}/good/oren`),
      feedSource('oren-gzip', `${server.origin}/good/oren-gzip`),
      feedSource('korean', `${server.origin}/good/korean`),
      feedSource('json', `${server.origin}/good/json`),
    ];
    const hostile = HOSTILE.map(([path]) => feedSource(`h${path.replace(/\W/g, '-')}`, server.origin + path));
    const started = Date.now();
    const { result: outcomes, peakGrowth } = await measurePeakRss(() => Promise.all([...good, ...hostile].map((s) => fetcher.poll(s, {}))));
    const elapsed = Date.now() - started;
    const [oren1, oren2, korean, json] = outcomes;

    for (const o of [oren1, oren2]) {
      expect(o?.kind).toBe('ok');
      if (o?.kind !== 'ok') continue;
      expect(o.items).toHaveLength(orenItems);
      expect(o.items[0]!.title).toBe('В Бузулуке главные стройплощадки – детсад и Ледовый дворец');
      expect(o.refreshAfterMs).toBe(30 * 60_000); // <ttl>30</ttl>
    }
    expect(korean).toMatchObject({ kind: 'ok', items: [{ title: '북·러 정상회담 개최', text: '평양에서 회담' }, { title: '러시아 국방장관 방북' }] });
    expect(json).toMatchObject({ kind: 'ok', items: [{ title: 'Lavrov in Pyongyang', url: 'https://example.org/1' }] });
    for (const o of outcomes.slice(good.length)) {
      expect(['retry', 'broken']).toContain(o.kind);
      expect(o.kind !== 'ok' && o.kind !== 'not-modified' && isReadableReason(o.reason)).toBe(true);
      expect(o).not.toHaveProperty('items');
    }
    // One request at a time per host: the two 2 s deadlines run back to back, everything else is quick.
    expect(elapsed).toBeLessThan(2 * DEADLINE_MS + 3 * SLACK_MS);
    expect(peakGrowth).toBeLessThan(100 * MB);
    expect(forbidden.connections()).toBe(0);
  });

  it('refuses a hostname that resolves to a refused address, checked at lookup (no connection made)', async () => {
    // A counting server on 127.0.0.1 whose port is not allowed: only host:port entries for the main server are.
    const counter = await startLoopbackServer({ '/feed': (_req, res) => res.end('<rss/>') });
    const strict = createFetcher({ allow: [`127.0.0.1:${server.port}`], timeoutMs: DEADLINE_MS, perHostDelayMs: 0 });
    try {
      const viaName = await strict.poll(feedSource('name', `http://localhost:${counter.port}/feed`), {});
      const viaLiteral = await strict.poll(feedSource('literal', `http://127.0.0.1:${counter.port}/feed`), {});
      const allowed = await strict.poll(feedSource('allowed', `${server.origin}/good/json`), {});
      expect(viaName).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/^refused to connect to localhost: (127\.0\.0\.1|::1) is a loopback address/) });
      expect(viaLiteral).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/^refused to connect to 127\.0\.0\.1/) });
      expect(allowed.kind).toBe('ok');
      expect(counter.connections()).toBe(0);
    } finally {
      await strict.close();
      await counter.close();
    }
  });
});
