import { PipelineMetrics, pipelineBindings } from '@tumen/pipeline';
import { buildWebApp } from '@tumen/web';
import type { CommandContext, ParsedArgs } from '../../command.ts';
import { configPaths } from '../../runtime/config-files.ts';
import { openRunner, type DistributedRunner } from '../../runtime/distributed.ts';
import { createLogger } from '../../runtime/logger.ts';
import { openPipeline } from '../../runtime/pipeline-context.ts';
import { startScheduling } from '../../runtime/scheduling.ts';
import { untilSignal } from '../../runtime/signals.ts';
import { sourceSummary } from '../../runtime/source-summary.ts';
import { webOptions } from '../../runtime/web-options.ts';
import { configFlags } from '../config-flags.ts';

/** Runs `tumen start` (see ../start.ts). */
export async function run(ctx: CommandContext, args: ParsedArgs): Promise<number> {
  const log = createLogger(ctx.env.TUMEN_LOG_LEVEL).child({ role: 'start', pid: process.pid });
  const paths = configPaths(configFlags(args), ctx.env);
  const dist: DistributedRunner | undefined = ctx.env.REDIS_URL ? await openRunner(ctx.env, log) : undefined;
  const metrics = new PipelineMetrics({ role: 'start', queueStats: dist ? () => dist.runner.stats() : undefined });
  const pipeline = await openPipeline(ctx.env, paths, log, dist?.runner, { metrics, onClose: dist?.quit }).catch(async (err: unknown) => {
    await dist?.quit();
    throw err;
  });
  await pipeline.runner.start(pipelineBindings(), pipeline.deps, metrics.events());
  const scheduling = startScheduling({ pipeline, enqueue: pipeline.runner.enqueue, paths, metrics, log });
  const app = await buildWebApp(webOptions(pipeline.db, metrics, dist));
  try {
    const url = await app.listen({ host: ctx.env.TUMEN_HOST, port: ctx.env.TUMEN_PORT });
    const mode = dist ? 'distributed (BullMQ)' : 'embedded';
    const summary = sourceSummary(pipeline.config.sources);
    log.info({ url, mode, sources: summary.sources, disabled: summary.disabled, watchlist: pipeline.config.matcher.version }, 'Tumen is running');
    ctx.stderr.write(`Tumen is running in ${mode} mode: inbox at ${url}/ (${summary.text}). Ctrl-C stops it.\n`);
    const signal = await untilSignal({ SIGHUP: () => scheduling.reload() });
    log.info({ signal }, 'shutting down');
  } finally {
    await scheduling.stop();
    await app.close();
    await pipeline.close();
  }
  return 0;
}
