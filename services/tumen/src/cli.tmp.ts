import { extractCommand } from './commands/extract.ts';
import { watchlistCheckCommand, watchlistExplainCommand } from './commands/watchlist.ts';
import { parseCommandArgs } from './command.ts';
const [name, ...argv] = process.argv.slice(2);
const cmd = { extract: extractCommand, check: watchlistCheckCommand, explain: watchlistExplainCommand }[name!]!;
const ctx = { argv, env: {} as any, stdout: process.stdout, stderr: process.stderr, interactive: false };
process.exitCode = await cmd.run(ctx, parseCommandArgs(cmd, argv));
