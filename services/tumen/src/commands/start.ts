import { syncSources } from '@tumen/db';
import { pipelineBindings, Scheduler } from '@tumen/pipeline';
import { buildWebApp } from '@tumen/web';
import type { Command } from '../command.ts';
import { configPaths, loadConfig } from '../runtime/config-files.ts';
import { createLogger } from '../runtime/logger.ts';
import { openPipeline } from '../runtime/pipeline-context.ts';
import { untilSignal } from '../runtime/signals.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP, configFlags } from './config-flags.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'run scheduler, workers and web server in one process',
  help: `Usage: tumen start [--sources FILE] [--watchlist FILE]

Starts everything in one process: the scheduler polls each source at its interval,
workers store and match new items, and the web inbox listens on
http://TUMEN_HOST:TUMEN_PORT (default http://127.0.0.1:8080). SIGHUP reloads the
sources and watchlist files; SIGINT or SIGTERM shuts down cleanly.

Options:
${CONFIG_FLAGS_HELP}`,
  options: { ...CONFIG_FLAGS },
  async run(ctx, args) {
    const log = createLogger(ctx.env.TUMEN_LOG_LEVEL);
    const paths = configPaths(configFlags(args), ctx.env);
    const pipeline = await openPipeline(ctx.env, paths, log);
    await pipeline.runner.start(pipelineBindings(), pipeline.deps, {
      failed: (queue, payload, error, final) => log.warn({ queue, payload, err: error.message, final }, 'job failed'),
    });
    const scheduler = new Scheduler({ db: pipeline.db, enqueue: pipeline.runner.enqueue, log, now: () => new Date() });
    scheduler.start();
    const app = await buildWebApp({ db: pipeline.db });
    const url = await app.listen({ host: ctx.env.TUMEN_HOST, port: ctx.env.TUMEN_PORT });
    log.info({ url, sources: pipeline.config.sources.length, watchlist: pipeline.config.matcher.version }, 'Tumen is running');
    ctx.stderr.write(`Tumen is running: inbox at ${url}/ (${pipeline.config.sources.filter((s) => s.enabled).length} sources). Ctrl-C stops it.\n`);

    const reload = async () => {
      try {
        const next = await loadConfig(paths);
        await syncSources(pipeline.db, next.sources);
        pipeline.config = next;
        log.info({ sources: next.sources.length, watchlist: next.matcher.version }, 'configuration reloaded');
      } catch (err) {
        log.error({ err: (err as Error).message }, 'configuration not reloaded; keeping the previous one');
      }
    };
    const signal = await untilSignal({ SIGHUP: reload });
    log.info({ signal }, 'shutting down');
    await scheduler.stop();
    await app.close();
    await pipeline.close();
    return 0;
  },
};
