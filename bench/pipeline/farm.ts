/**
 * The benchmark's feed farm, run as its own process so serving feeds does not steal
 * the measured process's event loop: `feeds` feeds of `items` items on `ports` ports
 * of 127.0.0.1 (Tumen serializes requests per host:port, as it would per real site).
 * Honors If-None-Match, so a second poll is a 304. Prints {"ports":[…]} when ready.
 *
 *   node --import tsx bench/pipeline/farm.ts FEEDS ITEMS PORTS
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { feedXml } from './data.ts';

const [feeds = 1000, items = 50, portCount = 32] = process.argv.slice(2).map(Number);
const cache = new Map<number, Buffer>();

const ports: number[] = [];
for (let p = 0; p < portCount; p++) {
  const server = createServer((req, res) => {
    const m = /^\/f\/(\d+)\.rss$/.exec(req.url ?? '');
    const i = m ? Number(m[1]) : -1;
    if (i < 0 || i >= feeds) {
      res.writeHead(404).end();
      return;
    }
    const etag = `"f${i}-v1"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    let body = cache.get(i);
    if (!body) {
      body = Buffer.from(feedXml(i, items));
      cache.set(i, body);
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports.push((server.address() as AddressInfo).port);
}
process.stdout.write(`${JSON.stringify({ ports })}\n`);
