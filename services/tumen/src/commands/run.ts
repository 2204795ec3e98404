import { pipelineBindings, runOnce, type PollResult } from '@tumen/pipeline';
import { UsageError, writeJson, type Command } from '../command.ts';
import { configPaths } from '../runtime/config-files.ts';
import { createLogger } from '../runtime/logger.ts';
import { openPipeline } from '../runtime/pipeline-context.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP, configFlags } from './config-flags.ts';

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
  async run(ctx, args) {
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
  },
};

function progressLine(out: NodeJS.WritableStream) {
  return (r: PollResult, done: number, total: number) => {
    out.write(`\r\x1b[K[${done}/${total}] ${r.sourceId}: ${r.ok ? `${r.newArticles} new` : 'failed'}`);
  };
}
