import { migrate } from '@tumen/db';
import type { Command } from '../command.ts';
import { openDatabase } from '../runtime/open-database.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'create or upgrade the database schema',
  help: `Usage: tumen migrate

Applies every numbered migration not yet applied, to Postgres (DATABASE_URL) or to
the embedded database in TUMEN_DATA_DIR. Safe to run any number of times, from
several processes at once.`,
  async run(ctx) {
    const db = await openDatabase(ctx.env, { migrate: false });
    try {
      const applied = await migrate(db);
      ctx.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n');
      return 0;
    } finally {
      await db.close();
    }
  },
};
