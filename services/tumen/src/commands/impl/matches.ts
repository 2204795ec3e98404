import { listMatches, MATCH_STATUSES, type MatchStatus } from '@tumen/db';
import { UsageError, writeJson, type CommandContext, type ParsedArgs } from '../../command.ts';
import { openDatabase } from '../../runtime/open-database.ts';

/** Runs `tumen matches` (see ../matches.ts). */
export async function run(ctx: CommandContext, args: ParsedArgs): Promise<number> {
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
}
