import type { Db } from '@tumen/db';
import { syncSources } from '@tumen/db';
import { createFetcher, type Fetcher } from '@tumen/feeds';
import { createNotifier, InProcessRunner, type JobRunner, type Logger, type PipelineDeps, type PipelineMetrics } from '@tumen/pipeline';
import type { TumenEnv } from '../env.ts';
import { loadConfig, type ConfigPaths, type LoadedConfig } from './config-files.ts';
import { openDatabase } from './open-database.ts';

/** Everything a running pipeline holds; `close` releases it all. */
export interface PipelineContext {
  db: Db;
  fetcher: Fetcher;
  runner: JobRunner;
  deps: PipelineDeps;
  /** The current configuration. Assigning it swaps it atomically: a job reads it once. */
  config: LoadedConfig;
  close(): Promise<void>;
}

/** Options of {@link openPipeline} beyond the runner. */
export interface OpenPipelineOptions {
  /** Metrics to time fetches with (the fetcher is wrapped). */
  metrics?: PipelineMetrics | undefined;
  /**
   * Write the configured sources to the database (default true). Workers pass false:
   * in distributed mode the scheduler owns the sources table, so many workers starting
   * at once do not all rewrite it.
   */
  syncSources?: boolean | undefined;
  /** Called after the runner closed and before the database closes (e.g. quit Redis). */
  onClose?: (() => Promise<void>) | undefined;
}

/**
 * Loads configuration, opens the database (migrated, sources synced) and builds the
 * deps handlers receive. The runner is in-process unless one is given (BullMQ in
 * distributed mode: see `openRunner`).
 */
export async function openPipeline(
  env: TumenEnv,
  paths: ConfigPaths,
  log: Logger,
  runner?: JobRunner,
  options: OpenPipelineOptions = {},
): Promise<PipelineContext> {
  let config = await loadConfig(paths);
  const db = await openDatabase(env);
  if (options.syncSources !== false) await syncSources(db, config.sources);
  const raw = createFetcher({ allow: env.TUMEN_FETCH_ALLOW.split(','), perHostDelayMs: env.TUMEN_FETCH_HOST_DELAY_MS });
  const fetcher = options.metrics ? options.metrics.instrumentFetcher(raw) : raw;
  const jobs = runner ?? new InProcessRunner();
  const notifier = createNotifier({ secret: env.secret });
  const deps: PipelineDeps = {
    db,
    fetcher,
    // One object per read: a handler that calls config() once sees one consistent
    // version of sources and watchlist even if a reload lands mid-job.
    config: () => ({ sources: config.sourceMap, matcher: config.matcher, alerts: config.alerts }),
    enqueue: jobs.enqueue,
    notifier,
    log,
    now: () => new Date(),
  };
  return {
    db,
    fetcher,
    runner: jobs,
    deps,
    get config() {
      return config;
    },
    set config(next: LoadedConfig) {
      config = next;
    },
    async close() {
      await jobs.close();
      await options.onClose?.();
      await fetcher.close();
      await notifier.close();
      await db.close();
    },
  };
}
