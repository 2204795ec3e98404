import { migrate } from '@tumen/db';
import type { CommandContext } from '../../command.ts';
import { openDatabase } from '../../runtime/open-database.ts';

/** Runs `tumen migrate` (see ../migrate.ts). */
export async function run(ctx: CommandContext): Promise<number> {
  const db = await openDatabase(ctx.env, { migrate: false });
  try {
    const applied = await migrate(db);
    ctx.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n');
    return 0;
  } finally {
    await db.close();
  }
}
