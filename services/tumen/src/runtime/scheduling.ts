import { syncSources } from '@tumen/db';
import { Scheduler, type Enqueue, type Logger, type PipelineMetrics } from '@tumen/pipeline';
import type { ConfigPaths } from './config-files.ts';
import { ConfigReloader } from './config-reload.ts';
import type { PipelineContext } from './pipeline-context.ts';

/** A running scheduler and the config reloader that feeds it; `stop` ends both. */
export interface Scheduling {
  reload(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts what `tumen scheduler` and `tumen start` share: the scheduler (polls due
 * sources, digests and lost alerts) and the config reloader (file watch; SIGHUP calls
 * `reload`), which writes new sources to the database before swapping the config in.
 */
export function startScheduling(o: {
  pipeline: PipelineContext;
  enqueue: Enqueue;
  paths: ConfigPaths;
  metrics: PipelineMetrics;
  log: Logger;
  tickMs?: number | undefined;
}): Scheduling {
  const { pipeline } = o;
  const scheduler = new Scheduler({
    db: pipeline.db,
    enqueue: o.enqueue,
    log: o.log,
    now: () => new Date(),
    sources: () => pipeline.config.sourceMap,
    alertChannels: () => pipeline.config.alerts,
    tickMs: o.tickMs,
    onTick: (queued) => o.metrics.schedulerQueued.inc(queued),
  });
  const reloader = new ConfigReloader(
    o.paths,
    async (next) => {
      await syncSources(pipeline.db, next.sources);
      pipeline.config = next;
    },
    o.log,
  );
  scheduler.start();
  reloader.watch();
  return {
    reload: () => reloader.reload(),
    async stop() {
      await scheduler.stop();
      await reloader.close();
    },
  };
}
