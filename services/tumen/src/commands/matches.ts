import { runIn, type Command } from '../command.ts';

export const matchesCommand: Command = {
  name: 'matches',
  summary: 'list stored matches, newest first',
  help: `Usage: tumen matches [--status new|read|starred|dismissed] [--limit N] [--json]

Lists matches newest first: the entity or story, the article, and the evidence.

Options:
  --status S   only matches with this review status
  --limit N    at most N matches (default 50, at most 1000)
  --json       print {"matches":[…]} in the HTTP API's shape`,
  options: { status: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  run: runIn(() => import('./impl/matches.ts')),
};
