import { runIn, type Command } from '../command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'create or upgrade the database schema',
  help: `Usage: tumen migrate

Applies every numbered migration not yet applied, to Postgres (DATABASE_URL) or to
the embedded database in TUMEN_DATA_DIR. Safe to run any number of times, from
several processes at once.`,
  run: runIn(() => import('./impl/migrate.ts')),
};
