import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { fixture } from '../fixtures.ts';
import { startLoopbackServer, streamBytes, type LoopbackServer } from './loopback-server.ts';

/**
 * The issue's "hostile internet on loopback": one real server on 127.0.0.1 serves
 * good feeds and every hostile case; a second one on 127.0.0.2 (never allowed)
 * stands for an internal address and counts connections, which must stay 0.
 * Shared by the fetcher tests and the CLI run over the same sites.
 */
const MB = 1024 * 1024;

export const oren = readFileSync(fixture('oren.ru', 'iconv.xml'));
const orenGz = readFileSync(fixture('oren.ru', 'compressed.xml'));
export const orenItems = (oren.toString('latin1').match(/<item>/g) ?? []).length;
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


/** Good feeds: path → what Tumen must read from it. */
export const GOOD_PATHS = ['/good/oren', '/good/oren-gzip', '/good/korean', '/good/json'] as const;

/** Expected outcome per hostile path: kind, and a pattern the reason must match. */
export const HOSTILE: [path: string, kind: 'retry' | 'broken', reason: RegExp, status?: number][] = [
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

export interface HostileInternet {
  server: LoopbackServer;
  forbidden: LoopbackServer;
  close(): Promise<void>;
}

/** Starts both servers. Good feeds answer 304 to a repeated conditional GET. */
export async function startHostileInternet(): Promise<HostileInternet> {
  // ~100 MB of zeros gzipped to ~100 KB, built by streaming so the test itself stays small.
  const gzipBomb = await new Promise<Buffer>((resolve, reject) => {
    const gz = createGzip({ level: 9 });
    const out: Buffer[] = [];
    gz.on('data', (c: Buffer) => out.push(c)).on('end', () => resolve(Buffer.concat(out))).on('error', reject);
    const zeros = Buffer.alloc(MB);
    for (let i = 0; i < 100; i++) gz.write(zeros);
    gz.end();
  });
  const forbidden = await startLoopbackServer({ '/feed': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>') }, '127.0.0.2');
  const xml = (body: string | Buffer, type = 'application/rss+xml', encoding?: string) => {
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    return (req: IncomingMessage, res: ServerResponse) => {
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': type, etag, ...(encoding ? { 'content-encoding': encoding } : {}) }).end(body);
    };
  };
  const server = await startLoopbackServer({
    '/good/oren': xml(oren, 'text/xml'),
    '/good/oren-gzip': xml(orenGz, 'application/rss+xml', 'gzip'),
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
  return {
    server,
    forbidden,
    async close() {
      await server.close();
      await forbidden.close();
    },
  };
}
