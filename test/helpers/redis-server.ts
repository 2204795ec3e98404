import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.ts';

/** A throwaway redis-server of a test's own (never the machine's shared one). */
export interface ThrowawayRedis {
  url: string;
  port: number;
  /** Kills the server without warning (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder (AOF replays the queues). */
  start(): Promise<void>;
  /** Stops it for good and deletes its folder. */
  destroy(): Promise<void>;
}

export interface RedisServerOptions {
  /** Append-only file with fsync on every write, so a SIGKILL loses nothing (default true). */
  aof?: boolean;
  maxmemoryPolicy?: string;
}

/** Starts `redis-server` on a free port in a temporary folder. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<ThrowawayRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'tumen-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const aof = options.aof ?? true;
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
    '--appendonly', aof ? 'yes' : 'no', '--appendfsync', 'always',
    '--maxmemory-policy', options.maxmemoryPolicy ?? 'noeviction',
  ];
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await probe.connect();
        // Loading the AOF answers LOADING errors until it is done.
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start within 10 s.`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const kill = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    port,
    kill,
    start,
    async destroy() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key of one queue prefix (tests share the machine's Redis). */
export async function deleteQueuePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
