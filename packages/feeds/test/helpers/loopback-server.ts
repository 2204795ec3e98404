import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on a loopback address, counting connections, closable even with hung responses. */
export interface LoopbackServer {
  /** `http://host:port` without a trailing slash. */
  origin: string;
  host: string;
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Paths requested so far, with the headers of each request. */
  requests: { path: string; headers: IncomingMessage['headers']; at: number }[];
  close(): Promise<void>;
}

/** Starts a server on `host` (127.0.0.1 by default) routing by exact path; unknown paths get 404. */
export async function startLoopbackServer(routes: Record<string, Handler>, host = '127.0.0.1'): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const requests: LoopbackServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path: req.url ?? '/', headers: req.headers, at: Date.now() });
    const handler = routes[path];
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // The client hangs up on purpose (limits); that must not crash the test process.
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    host,
    port,
    connections: () => connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes `total` bytes of `fill` in 64 KiB chunks, respecting backpressure, stopping when the client leaves. */
export function streamBytes(res: ServerResponse, total: number, fill = 0x61): void {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (sent = total));
  pump();
}

/** Samples process memory while `task` runs; returns the task's result and the peak RSS growth in bytes. */
export async function measurePeakRss<T>(task: () => Promise<T>): Promise<{ result: T; peakGrowth: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await task();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakGrowth: peak - before };
  } finally {
    clearInterval(timer);
  }
}
