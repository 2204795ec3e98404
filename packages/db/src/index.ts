/**
 * @tumen/db: the database. One {@link Db} interface over Postgres (pg) and embedded
 * PGlite, numbered SQL migrations, and repositories that return only rows actually
 * inserted.
 */
export type { Db, QueryResult } from './db.ts';
export { openPostgres, type PostgresOptions } from './postgres.ts';
export { openPglite } from './pglite.ts';
export { migrate, loadMigrations, isMigrated, type Migration } from './migrate.ts';
export * from './repositories/sources.ts';
export * from './repositories/articles.ts';
export * from './repositories/matches.ts';
export * from './repositories/clusters.ts';
export * from './repositories/alerts.ts';
