import pg from 'pg';
import type { Db, QueryResult } from './db.ts';

// int8 (bigserial ids, counts) as JS numbers: ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface PostgresOptions {
  connectionString: string;
  /** search_path schema; tests give each run its own. */
  schema?: string | undefined;
  max?: number | undefined;
}

/** Opens a pooled Postgres connection as a {@link Db}. */
export function openPostgres(options: PostgresOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle client losing its connection (server restart) must not crash the process;
  // the next query gets a fresh connection.
  pool.on('error', () => {});
  return wrapPool(pool);
}

function wrapPool(pool: pg.Pool): Db {
  return {
    engine: 'postgres',
    async query<R>(sql: string, params?: unknown[]) {
      return (await pool.query(sql, params as unknown[])) as unknown as QueryResult<R>;
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      // The pool listens for errors only on idle clients: a connection lost while this one
      // is checked out but between queries (server restart) would otherwise be an
      // unhandled 'error' event, which ends the process.
      let lost: Error | undefined;
      const onError = (err: Error): void => {
        lost = err;
      };
      client.on('error', onError);
      let failed: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn(wrapClient(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        failed = err;
        if (!lost) await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.off('error', onError);
        // A client whose connection broke is destroyed, not returned to the pool.
        client.release(lost ?? (failed !== undefined && isConnectionError(failed) ? (failed as Error) : undefined));
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Errors after which a connection cannot be reused. */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', '57P01', '57P02', '57P03'].includes(e?.code ?? '') ||
    /Connection terminated|Client has encountered a connection error/.test(e?.message ?? '')
  );
}

function wrapClient(client: pg.PoolClient): Db {
  const db: Db = {
    engine: 'postgres',
    async query<R>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params as unknown[])) as unknown as QueryResult<R>;
    },
    async exec(sql) {
      await client.query(sql);
    },
    transaction: (fn) => fn(db),
    close: async () => {},
  };
  return db;
}
