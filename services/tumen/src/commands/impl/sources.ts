import { listSources, syncSources } from '@tumen/db';
import { sourceView } from '@tumen/web';
import { writeJson, type CommandContext, type ParsedArgs } from '../../command.ts';
import { configPaths, loadConfig } from '../../runtime/config-files.ts';
import { openDatabase } from '../../runtime/open-database.ts';
import { configFlags } from '../config-flags.ts';

/** Runs `tumen sources` (see ../sources.ts). */
export async function run(ctx: CommandContext, args: ParsedArgs): Promise<number> {
  const config = await loadConfig(configPaths(configFlags(args), ctx.env));
  const db = await openDatabase(ctx.env);
  try {
    await syncSources(db, config.sources);
    const sources = (await listSources(db)).map(sourceView);
    if (args.values.json) writeJson(ctx.stdout, { sources });
    else {
      for (const s of sources) {
        const state = !s.enabled ? 'disabled' : s.last_attempt_at === null ? 'never polled' : s.consecutive_failures ? `FAILING ×${s.consecutive_failures}` : 'ok';
        ctx.stdout.write(`${s.id.padEnd(24)} ${state.padEnd(14)} ${s.url}\n`);
        if (s.last_error) ctx.stdout.write(`${''.padEnd(24)} last error: ${s.last_error}\n`);
        if (s.enabled && s.next_check_at) ctx.stdout.write(`${''.padEnd(24)} next check: ${s.next_check_at}\n`);
      }
    }
    return 0;
  } finally {
    await db.close();
  }
}
