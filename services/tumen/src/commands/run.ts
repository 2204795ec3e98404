import { runIn, type Command } from '../command.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP } from './config-flags.ts';

export const runCommand: Command = {
  name: 'run',
  summary: 'poll every enabled source once and process everything new',
  help: `Usage: tumen run --once [--json] [--sources FILE] [--watchlist FILE]

Polls every enabled source once, stores new items as articles, finds watchlist
entities and stories in them, stores the matches, prints a summary and exits.
Exits 0 even if some sources failed (each is reported with its error); exits 2 on
invalid configuration.

Options:
  --once             required: run one pass and exit (use "tumen start" to keep running)
  --json             print one JSON object: {"sources":[…],"new_articles":N,"new_matches":N}
${CONFIG_FLAGS_HELP}`,
  options: { once: { type: 'boolean' }, json: { type: 'boolean' }, ...CONFIG_FLAGS },
  run: runIn(() => import('./impl/run.ts')),
};
