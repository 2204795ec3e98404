import { createConnection } from 'node:net';
import { ADMIN_URL } from './postgres.ts';

export const REDIS_TEST_URL = process.env.TUMEN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether a TCP service answers. Tests that need Postgres or Redis are skipped when it
 * does not, so the suite runs on a machine with only Node; CI sets
 * TUMEN_TEST_REQUIRE_SERVICES=1, which turns a missing service into a failure.
 */
export async function serviceUp(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const up = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (!up && process.env.TUMEN_TEST_REQUIRE_SERVICES === '1') {
    throw new Error(`${url} does not answer, and TUMEN_TEST_REQUIRE_SERVICES=1 requires it; start it (see .ci/run).`);
  }
  return up;
}

export const postgresUp = await serviceUp(ADMIN_URL);
export const redisUp = await serviceUp(REDIS_TEST_URL);
