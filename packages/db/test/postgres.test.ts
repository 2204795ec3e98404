/**
 * The pg adapter under a lost connection: a backend killed while a transaction holds
 * its client between two queries (what a server restart does) must fail that
 * transaction, not the process, and the pool must hand out a working client after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/postgres.ts';
import { postgresUp } from '../../../test/helpers/services.ts';

describe.skipIf(!postgresUp)('openPostgres', () => {
  let tdb: TestDatabase;
  let db: Db;
  let admin: Db;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = openPostgres({ connectionString: tdb.url, max: 2 });
    admin = openPostgres({ connectionString: tdb.url, max: 1 });
  });
  afterAll(async () => {
    await db?.close();
    await admin?.close();
    await tdb?.drop();
  });

  it('survives a connection lost between two queries of a transaction', async () => {
    const uncaught: Error[] = [];
    const onUncaught = (err: Error): void => {
      uncaught.push(err);
    };
    process.on('uncaughtException', onUncaught);
    try {
      const attempt = db.transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        // The client is checked out and idle while its connection goes away.
        await new Promise((r) => setTimeout(r, 300));
        await tx.query('SELECT 1');
      });
      await expect(attempt).rejects.toThrow(/terminat|connection/i);
      expect(uncaught).toEqual([]);
      // The broken client was discarded: both pooled clients work.
      const results = await Promise.all([
        db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one')),
        db.query<{ one: number }>('SELECT 1 AS one'),
      ]);
      expect(results.map((r) => r.rows[0]!.one)).toEqual([1, 1]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
