import { syncSources } from '@tumen/db';
import { ALL_QUEUES, PipelineMetrics, Scheduler } from '@tumen/pipeline';
import type { Command } from '../command.ts';
import { configPaths } from '../runtime/config-files.ts';
import { ConfigReloader } from '../runtime/config-reload.ts';
import { openRunner, requireSharedServices } from '../runtime/distributed.ts';
import { createLogger } from '../runtime/logger.ts';
import { serveMetrics, type MetricsServer } from '../runtime/metrics-server.ts';
import { openPipeline } from '../runtime/pipeline-context.ts';
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
    const scheduler = new Scheduler({
      db: pipeline.db,
      enqueue: dist.runner.enqueue,
      log,
      now: () => new Date(),
      sources: () => pipeline.config.sourceMap,
      alertChannels: () => pipeline.config.alerts,
      tickMs,
      onTick: (queued) => metrics.schedulerQueued.inc(queued),
    });
    const reloader = new ConfigReloader(
      paths,
      async (next) => {
        await syncSources(pipeline.db, next.sources);
        pipeline.config = next;
      },
      log,
    );
    let metricsServer: MetricsServer | undefined;
    try {
      scheduler.start();
      reloader.watch();
      if (metricsPort !== undefined) metricsServer = await serveMetrics(metrics.registry, ctx.env.TUMEN_HOST, metricsPort);
      log.info({ sources: pipeline.config.sources.length, metrics: metricsServer?.url }, 'scheduler started');
      ctx.stderr.write(`Tumen scheduler is running (${pipeline.config.sources.filter((s) => s.enabled).length} sources). Ctrl-C stops it.\n`);
      const signal = await untilSignal({ SIGHUP: () => reloader.reload() });
      log.info({ signal }, 'scheduler shutting down');
    } finally {
      await scheduler.stop();
      await reloader.close();
      await metricsServer?.close();
      await pipeline.close();
    }
    return 0;
  },
};
