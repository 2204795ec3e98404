import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant works: it only has to be the same for every Tumen process on one database.
const MIGRATION_LOCK = 7_262_024_001;

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Reads the numbered migrations (`0001-init.sql`, …) in order. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      id: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: await readFile(dir + file, 'utf8'),
    })),
  );
}

/**
 * Applies every migration not yet applied, each in its own transaction, under an
 * advisory lock so that several processes starting at once migrate exactly once.
 * Returns the names of the migrations applied now.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.query(`CREATE TABLE IF NOT EXISTS tumen_migrations (
    id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const migration of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const { rows } = await tx.query('SELECT 1 FROM tumen_migrations WHERE id = $1', [migration.id]);
      if (rows.length) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO tumen_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

/** True when every known migration has been applied. */
export async function isMigrated(db: Db): Promise<boolean> {
  const all = await loadMigrations();
  try {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tumen_migrations');
    return rows[0]!.n >= all.length;
  } catch {
    return false;
  }
}
