import type { AlertChannel, CompiledWatchlist, SourceConfig } from '@tumen/core';
import type { Db } from '@tumen/db';
import type { Fetcher } from '@tumen/feeds';
import type { QueueContract } from './contracts/contract.ts';
import type { Notifier } from './alerts/notifier.ts';

/** Puts a job on a queue; resolves once it is durably queued. Duplicate job ids are dropped. */
export type Enqueue = <P>(queue: QueueContract<P>, payload: P) => Promise<void>;

/** A minimal structured logger (pino's shape). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** One consistent version of the configuration, as a handler sees it. */
export interface PipelineConfig {
  sources: ReadonlyMap<string, SourceConfig>;
  matcher: CompiledWatchlist;
  /** Alert channels (empty: no alerts). */
  alerts: readonly AlertChannel[];
}

/** What handlers are given. Handlers read nothing else: no env, no globals. */
export interface PipelineDeps {
  db: Db;
  fetcher: Fetcher;
  /** The current configuration; reloaded sources/watchlist are seen by the next job. */
  config(): PipelineConfig;
  enqueue: Enqueue;
  /** Sends alert messages (webhook, email). */
  notifier: Notifier;
  log: Logger;
  now(): Date;
}

/** A logger that drops everything (tests, --json runs). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
