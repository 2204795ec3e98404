/** A row-returning query result, the common shape of pg and PGlite. */
export interface QueryResult<R> {
  rows: R[];
}

/**
 * The one database interface every repository takes. Implemented over a pg Pool
 * (distributed mode) and over PGlite (embedded mode); the SQL is the same on both.
 */
export interface Db {
  /** Which engine this is, for messages and metrics only; SQL must not branch on it. */
  readonly engine: 'postgres' | 'pglite';
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
