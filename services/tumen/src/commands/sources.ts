import { runIn, type Command } from '../command.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP } from './config-flags.ts';

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
  run: runIn(() => import('./impl/sources.ts')),
};
