import { PipelineMetrics, pipelineBindings } from '@tumen/pipeline';
import { buildWebApp } from '@tumen/web';
import type { Command } from '../command.ts';
import { configPaths } from '../runtime/config-files.ts';
import { openRunner, type DistributedRunner } from '../runtime/distributed.ts';
import { createLogger } from '../runtime/logger.ts';
import { openPipeline } from '../runtime/pipeline-context.ts';
import { startScheduling } from '../runtime/scheduling.ts';
import { sourceSummary } from '../runtime/source-summary.ts';
import { untilSignal } from '../runtime/signals.ts';
import { webOptions } from '../runtime/web-options.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP, configFlags } from './config-flags.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'run scheduler, workers and web server in one process',
  help: `Usage: tumen start [--sources FILE] [--watchlist FILE]

Starts everything in one process: the scheduler polls each source at its interval,
workers store and match new items, and the web inbox listens on
http://TUMEN_HOST:TUMEN_PORT (default http://127.0.0.1:8080), with /metrics and
/healthz. Without REDIS_URL jobs run in this process (embedded mode); with REDIS_URL
they go through BullMQ queues in Redis, so "tumen worker" processes elsewhere can
share the work (and /admin/queues shows the queues). Edits to the sources and
watchlist files are picked up without a restart (file watch or SIGHUP); SIGINT or
SIGTERM shuts down cleanly.

Options:
${CONFIG_FLAGS_HELP}`,
  options: { ...CONFIG_FLAGS },
  async run(ctx, args) {
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
  },
};
