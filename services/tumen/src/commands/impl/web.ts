import { PipelineMetrics } from '@tumen/pipeline';
import { buildWebApp } from '@tumen/web';
import { UsageError, type CommandContext } from '../../command.ts';
import { openRunner, type DistributedRunner } from '../../runtime/distributed.ts';
import { createLogger } from '../../runtime/logger.ts';
import { openDatabase } from '../../runtime/open-database.ts';
import { untilSignal } from '../../runtime/signals.ts';
import { webOptions } from '../../runtime/web-options.ts';

/** Runs `tumen web` (see ../web.ts). */
export async function run(ctx: CommandContext): Promise<number> {
  if (!ctx.env.DATABASE_URL) {
    throw new UsageError('"tumen web" runs beside other Tumen processes and needs DATABASE_URL; set it, or use "tumen start" to run everything in one process.');
  }
  const log = createLogger(ctx.env.TUMEN_LOG_LEVEL).child({ role: 'web', pid: process.pid });
  const dist: DistributedRunner | undefined = ctx.env.REDIS_URL ? await openRunner(ctx.env, log) : undefined;
  const db = await openDatabase(ctx.env).catch(async (err: unknown) => {
    await dist?.quit();
    throw err;
  });
  const metrics = new PipelineMetrics({ role: 'web', queueStats: dist ? () => dist.runner.stats() : undefined });
  const app = await buildWebApp(webOptions(db, metrics, dist));
  try {
    const url = await app.listen({ host: ctx.env.TUMEN_HOST, port: ctx.env.TUMEN_PORT });
    log.info({ url }, 'web server started');
    ctx.stderr.write(`Tumen web is running: inbox at ${url}/. Ctrl-C stops it.\n`);
    const signal = await untilSignal();
    log.info({ signal }, 'web server shutting down');
  } finally {
    await app.close();
    await dist?.runner.close();
    await dist?.quit();
    await db.close();
  }
  return 0;
}
