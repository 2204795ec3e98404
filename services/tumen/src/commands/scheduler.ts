import { ALL_QUEUES, PipelineMetrics } from '@tumen/pipeline';
import type { Command } from '../command.ts';
import { configPaths } from '../runtime/config-files.ts';
import { openRunner, requireSharedServices } from '../runtime/distributed.ts';
import { createLogger } from '../runtime/logger.ts';
import { serveMetrics, type MetricsServer } from '../runtime/metrics-server.ts';
import { openPipeline } from '../runtime/pipeline-context.ts';
import { startScheduling, type Scheduling } from '../runtime/scheduling.ts';
import { sourceSummary } from '../runtime/source-summary.ts';
import { untilSignal } from '../runtime/signals.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP, configFlags } from './config-flags.ts';
import { parsePort, parsePositiveInt } from './number-flags.ts';

export const schedulerCommand: Command = {
  name: 'scheduler',
  summary: 'queue a poll of each source at its interval (distributed mode)',
  help: `Usage: tumen scheduler [--tick-ms N] [--metrics-port N] [--sources FILE] [--watchlist FILE]

Queues a poll of each enabled source when it is due: at its interval (plus a small
fixed jitter per source), later after failures (backoff). Several schedulers may run
at once, for availability: each due source is claimed in the database by exactly
one of them, so no source is polled twice in an interval. Writes the sources file to
the database at start and whenever the file changes (file watch or SIGHUP). Needs
DATABASE_URL and REDIS_URL. SIGINT or SIGTERM stops it.

Options:
  --tick-ms N         how often to look for due sources (default 1000)
  --metrics-port N    serve Prometheus metrics at http://TUMEN_HOST:N/metrics
${CONFIG_FLAGS_HELP}`,
  options: { 'tick-ms': { type: 'string' }, 'metrics-port': { type: 'string' }, ...CONFIG_FLAGS },
  async run(ctx, args) {
    requireSharedServices(ctx.env, 'scheduler');
    const tickMs = parsePositiveInt(args.values['tick-ms'], '--tick-ms') ?? 1000;
    const metricsPort = parsePort(args.values['metrics-port'], '--metrics-port');
    const log = createLogger(ctx.env.TUMEN_LOG_LEVEL).child({ role: 'scheduler', pid: process.pid });
    const paths = configPaths(configFlags(args), ctx.env);
    const dist = await openRunner(ctx.env, log);
    dist.runner.declare(ALL_QUEUES);
    const metrics = new PipelineMetrics({ role: 'scheduler', queueStats: () => dist.runner.stats() });
    const pipeline = await openPipeline(ctx.env, paths, log, dist.runner, { onClose: dist.quit }).catch(async (err: unknown) => {
      await dist.quit();
      throw err;
    });
    let scheduling: Scheduling | undefined;
    let metricsServer: MetricsServer | undefined;
    try {
      scheduling = startScheduling({ pipeline, enqueue: dist.runner.enqueue, paths, metrics, log, tickMs });
      if (metricsPort !== undefined) metricsServer = await serveMetrics(metrics.registry, ctx.env.TUMEN_HOST, metricsPort);
      const summary = sourceSummary(pipeline.config.sources);
      log.info({ sources: summary.sources, disabled: summary.disabled, metrics: metricsServer?.url }, 'scheduler started');
      ctx.stderr.write(`Tumen scheduler is running (${summary.text}). Ctrl-C stops it.\n`);
      const running = scheduling;
      const signal = await untilSignal({ SIGHUP: () => running.reload() });
      log.info({ signal }, 'scheduler shutting down');
    } finally {
      await scheduling?.stop();
      await metricsServer?.close();
      await pipeline.close();
    }
    return 0;
  },
};
