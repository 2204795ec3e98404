import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { migrate, openPglite, openPostgres, type Db } from '@tumen/db';
import type { TumenEnv } from '../env.ts';

/** Opens the database the environment names (Postgres, else PGlite in the data folder) and migrates it. */
export async function openDatabase(env: TumenEnv, options: { migrate?: boolean } = {}): Promise<Db> {
  let db: Db;
  if (env.DATABASE_URL) {
    db = openPostgres({ connectionString: env.DATABASE_URL });
    try {
      await db.query('SELECT 1');
    } catch (err) {
      await db.close().catch(() => {});
      throw new Error(`Cannot connect to the database at DATABASE_URL (${(err as Error).message}); check that Postgres is running and the URL is right.`);
    }
  } else {
    const dir = resolve(env.TUMEN_DATA_DIR, 'pglite');
    await mkdir(dir, { recursive: true });
    try {
      db = await openPglite(dir);
    } catch (err) {
      throw new Error(`Cannot open the embedded database in ${dir} (${(err as Error).message}); is another Tumen process using this data folder?`);
    }
  }
  if (options.migrate !== false) await migrate(db);
  return db;
}
