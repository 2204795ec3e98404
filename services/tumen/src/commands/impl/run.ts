import { pipelineBindings, runOnce, type PollResult } from '@tumen/pipeline';
import { UsageError, writeJson, type CommandContext, type ParsedArgs } from '../../command.ts';
import { configPaths } from '../../runtime/config-files.ts';
import { createLogger } from '../../runtime/logger.ts';
import { openPipeline } from '../../runtime/pipeline-context.ts';
import { configFlags } from '../config-flags.ts';

/** Runs `tumen run` (see ../run.ts). */
export async function run(ctx: CommandContext, args: ParsedArgs): Promise<number> {
  if (!args.values.once) throw new UsageError('"tumen run" needs --once (to keep running, use "tumen start").');
  const json = Boolean(args.values.json);
  const log = createLogger(json ? 'silent' : ctx.env.TUMEN_LOG_LEVEL === 'info' ? 'warn' : ctx.env.TUMEN_LOG_LEVEL);
  const pipeline = await openPipeline(ctx.env, configPaths(configFlags(args), ctx.env), log);
  try {
    const progress = ctx.interactive && !json ? progressLine(ctx.stderr) : undefined;
    const summary = await runOnce({
      sources: pipeline.config.sources,
      runner: pipeline.runner,
      bindings: pipelineBindings(),
      deps: pipeline.deps,
      onSource: progress,
    });
    if (progress) ctx.stderr.write('\r\x1b[K');
    if (json) writeJson(ctx.stdout, summary);
    else {
      for (const s of summary.sources) {
        ctx.stdout.write(s.ok ? `  ok    ${s.id}: ${s.items} items, ${s.new_articles} new\n` : `  FAIL  ${s.id}: ${s.error}\n`);
      }
      const failed = summary.sources.filter((s) => !s.ok).length;
      ctx.stdout.write(
        `${summary.sources.length} source(s) polled${failed ? `, ${failed} failed` : ''}; ${summary.new_articles} new article(s), ${summary.new_matches} new match(es).\n`,
      );
    }
    return 0;
  } finally {
    await pipeline.close();
  }
}

function progressLine(out: NodeJS.WritableStream) {
  return (r: PollResult, done: number, total: number) => {
    out.write(`\r\x1b[K[${done}/${total}] ${r.sourceId}: ${r.ok ? `${r.newArticles} new` : 'failed'}`);
  };
}
