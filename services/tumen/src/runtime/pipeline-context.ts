import type { Db } from '@tumen/db';
import { syncSources } from '@tumen/db';
import { createFetcher, type Fetcher } from '@tumen/feeds';
import { InProcessRunner, type JobRunner, type Logger, type PipelineDeps } from '@tumen/pipeline';
import type { TumenEnv } from '../env.ts';
import { loadConfig, type ConfigPaths, type LoadedConfig } from './config-files.ts';
import { openDatabase } from './open-database.ts';

/** Everything a running pipeline holds; `close` releases it all. */
export interface PipelineContext {
  db: Db;
  fetcher: Fetcher;
  runner: JobRunner;
  deps: PipelineDeps;
  config: LoadedConfig;
  close(): Promise<void>;
}

/**
 * Loads configuration, opens the database (migrated, sources synced) and builds the
 * deps handlers receive. The runner is in-process here; distributed mode swaps it.
 */
export async function openPipeline(env: TumenEnv, paths: ConfigPaths, log: Logger, runner?: JobRunner): Promise<PipelineContext> {
  let config = await loadConfig(paths);
  const db = await openDatabase(env);
  await syncSources(db, config.sources);
  const fetcher = createFetcher({ allow: env.TUMEN_FETCH_ALLOW.split(',') });
  const jobs = runner ?? new InProcessRunner();
  const deps: PipelineDeps = {
    db,
    fetcher,
    config: () => ({ sources: config.sourceMap, matcher: config.matcher }),
    enqueue: jobs.enqueue,
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
      await fetcher.close();
      await db.close();
    },
  };
}
