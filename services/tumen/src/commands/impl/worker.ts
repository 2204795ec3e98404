import { PipelineMetrics, selectBindings, UnknownQueueError } from '@tumen/pipeline';
import { UsageError, type CommandContext, type ParsedArgs } from '../../command.ts';
import { configPaths } from '../../runtime/config-files.ts';
import { ConfigReloader } from '../../runtime/config-reload.ts';
import { openRunner, requireSharedServices } from '../../runtime/distributed.ts';
import { createLogger } from '../../runtime/logger.ts';
import { serveMetrics, type MetricsServer } from '../../runtime/metrics-server.ts';
import { openPipeline } from '../../runtime/pipeline-context.ts';
import { untilSignal } from '../../runtime/signals.ts';
import { configFlags } from '../config-flags.ts';
import { parsePort, parsePositiveInt } from '../number-flags.ts';

/** Runs `tumen worker` (see ../worker.ts). */
export async function run(ctx: CommandContext, args: ParsedArgs): Promise<number> {
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
}
