import { listSources, syncSources } from '@tumen/db';
import { sourceView } from '@tumen/web';
import { writeJson, type Command } from '../command.ts';
import { configPaths, loadConfig } from '../runtime/config-files.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP, configFlags } from './config-flags.ts';

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'show every source and its health',
  help: `Usage: tumen sources [--json] [--sources FILE]

Shows each configured source: last attempt, last success, HTTP status, the last
error in plain words, consecutive failures and the next check.

Options:
  --json   print {"sources":[…]} as GET /api/sources does
${CONFIG_FLAGS_HELP}`,
  options: { json: { type: 'boolean' }, ...CONFIG_FLAGS },
  async run(ctx, args) {
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
  },
};
