import { listMatches, MATCH_STATUSES, type MatchStatus } from '@tumen/db';
import { UsageError, writeJson, type Command } from '../command.ts';
import { openDatabase } from '../runtime/open-database.ts';

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
  async run(ctx, args) {
    const status = args.values.status as string | undefined;
    if (status && !MATCH_STATUSES.includes(status as MatchStatus)) {
      throw new UsageError(`--status must be one of ${MATCH_STATUSES.join(', ')}, not "${status}".`);
    }
    const limit = args.values.limit === undefined ? 50 : Number(args.values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${String(args.values.limit)}".`);
    const db = await openDatabase(ctx.env);
    try {
      const matches = await listMatches(db, { status: status as MatchStatus | undefined, limit });
      if (args.values.json) writeJson(ctx.stdout, { matches });
      else if (matches.length === 0) ctx.stdout.write('No matches.\n');
      else {
        for (const m of matches) {
          const when = (m.article.published_at ?? m.created_at).slice(0, 16).replace('T', ' ');
          ctx.stdout.write(`#${m.id} [${m.status}] ${m.target.name} (${m.target.type}) — ${m.article.title}\n    ${m.article.source_id} · ${when} · ${m.article.url ?? ''}\n`);
          if (m.evidence[0]) ctx.stdout.write(`    “${m.evidence[0].snippet}”\n`);
        }
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
