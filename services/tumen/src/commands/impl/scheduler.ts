import { ALL_QUEUES, PipelineMetrics } from '@tumen/pipeline';
import type { CommandContext, ParsedArgs } from '../../command.ts';
import { configPaths } from '../../runtime/config-files.ts';
import { openRunner, requireSharedServices } from '../../runtime/distributed.ts';
import { createLogger } from '../../runtime/logger.ts';
import { serveMetrics, type MetricsServer } from '../../runtime/metrics-server.ts';
import { openPipeline } from '../../runtime/pipeline-context.ts';
import { startScheduling, type Scheduling } from '../../runtime/scheduling.ts';
import { untilSignal } from '../../runtime/signals.ts';
import { sourceSummary } from '../../runtime/source-summary.ts';
import { configFlags } from '../config-flags.ts';
import { parsePort, parsePositiveInt } from '../number-flags.ts';

/** Runs `tumen scheduler` (see ../scheduler.ts). */
export async function run(ctx: CommandContext, args: ParsedArgs): Promise<number> {
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
}
