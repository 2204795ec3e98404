import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

/** A throwaway Postgres cluster of a test's own, on its own port (never the shared one). */
export interface ThrowawayPostgres {
  url: string;
  port: number;
  /** `pg_ctl stop -m immediate`: every connection dropped at once, as a crash would. */
  crash(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** Where initdb and pg_ctl are (the newest installed major version). */
export function postgresBinDir(): string | undefined {
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    return versions[0] ? `/usr/lib/postgresql/${versions[0]}/bin` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Postgres refuses to run as root, so as root the cluster belongs to the `postgres`
 * OS user and every command runs as that user.
 */
async function asPostgres(bin: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await run(cmd, argv, { timeout: 60_000 });
}

/** initdb + pg_ctl start in a temporary folder on a free port, trust auth, user postgres. */
export async function startPgCluster(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('No Postgres binaries under /usr/lib/postgresql; install postgresql to run this test.');
  const dir = await mkdtemp(join(tmpdir(), 'tumen-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const start = () =>
    asPostgres(join(bin, 'pg_ctl'), [
      '-D', data, '-l', join(dir, 'log'), '-w', '-t', '30',
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    crash: () => asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']),
    async destroy() {
      await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
