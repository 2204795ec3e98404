import { PipelineMetrics, selectBindings, UnknownQueueError } from '@tumen/pipeline';
import { UsageError, type Command } from '../command.ts';
import { configPaths } from '../runtime/config-files.ts';
import { ConfigReloader } from '../runtime/config-reload.ts';
import { openRunner, requireSharedServices } from '../runtime/distributed.ts';
import { createLogger } from '../runtime/logger.ts';
import { serveMetrics, type MetricsServer } from '../runtime/metrics-server.ts';
import { openPipeline } from '../runtime/pipeline-context.ts';
import { untilSignal } from '../runtime/signals.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP, configFlags } from './config-flags.ts';
import { parsePort, parsePositiveInt } from './number-flags.ts';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'take jobs from the Redis queues (distributed mode; run as many as needed)',
  help: `Usage: tumen worker [--queues poll,extract,…] [--concurrency N] [--metrics-port N]
                   [--sources FILE] [--watchlist FILE]

Takes jobs from the BullMQ queues in Redis and runs them: polls sources, stores new
articles, fetches article pages, matches articles against the watchlist. Start as
many workers as you need, on as many machines as you need; each job runs once. Needs
DATABASE_URL and REDIS_URL. Edits to the sources and watchlist files are picked up
without a restart (file watch or SIGHUP). SIGINT or SIGTERM stops taking jobs and
finishes the running ones (a job still running after 30 s is left to another worker).

Options:
  --queues LIST       only these queues, comma-separated (default: all)
  --concurrency N     jobs run at once per queue (default: each queue's own)
  --metrics-port N    serve Prometheus metrics at http://TUMEN_HOST:N/metrics
${CONFIG_FLAGS_HELP}`,
  options: { queues: { type: 'string' }, concurrency: { type: 'string' }, 'metrics-port': { type: 'string' }, ...CONFIG_FLAGS },
  async run(ctx, args) {
    requireSharedServices(ctx.env, 'worker');
    const names = (args.values.queues as string | undefined)?.split(',').map((q) => q.trim()).filter(Boolean);
    const concurrency = parsePositiveInt(args.values.concurrency, '--concurrency');
    const metricsPort = parsePort(args.values['metrics-port'], '--metrics-port');
    let bindings;
    try {
      bindings = selectBindings(names, concurrency);
    } catch (err) {
      if (err instanceof UnknownQueueError) throw new UsageError(err.message);
      throw err;
    }
    const log = createLogger(ctx.env.TUMEN_LOG_LEVEL).child({ role: 'worker', pid: process.pid });
    const paths = configPaths(configFlags(args), ctx.env);
    const dist = await openRunner(ctx.env, log);
    const metrics = new PipelineMetrics({ role: 'worker', queueStats: () => dist.runner.stats() });
    const pipeline = await openPipeline(ctx.env, paths, log, dist.runner, { metrics, syncSources: false, onClose: dist.quit }).catch(
      async (err: unknown) => {
        await dist.quit();
        throw err;
      },
    );
    let metricsServer: MetricsServer | undefined;
    const reloader = new ConfigReloader(paths, (next) => void (pipeline.config = next), log);
    try {
      await dist.runner.start(bindings, pipeline.deps, metrics.events());
      reloader.watch();
      if (metricsPort !== undefined) metricsServer = await serveMetrics(metrics.registry, ctx.env.TUMEN_HOST, metricsPort);
      const queues = bindings.map((b) => `${b.queue.name}×${b.concurrency}`).join(', ');
      log.info({ queues, metrics: metricsServer?.url, watchlist: pipeline.config.matcher.version }, 'worker started');
      ctx.stderr.write(`Tumen worker is running (queues ${queues}). Ctrl-C stops it.\n`);
      const signal = await untilSignal({ SIGHUP: () => reloader.reload() });
      log.info({ signal }, 'worker shutting down; finishing running jobs');
    } finally {
      await reloader.close();
      await metricsServer?.close();
      await pipeline.close();
    }
    return 0;
  },
};
