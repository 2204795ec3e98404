import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Fetcher } from '@tumen/feeds';
import { extractQueue, pollQueue } from './contracts/queues.ts';
import type { ExtractResult } from './handlers/extract-articles.ts';
import type { PollResult } from './handlers/poll-source.ts';
import type { RunnerEvents } from './runner/runner.ts';
import type { QueueStats } from './runner/bullmq-runner.ts';

/** Options of {@link PipelineMetrics}. */
export interface PipelineMetricsOptions {
  /** Queue counts, read on each scrape (distributed mode); absent in embedded mode. */
  queueStats?: () => Promise<QueueStats[]>;
  /** Process metrics (CPU, memory, event loop lag); default true. */
  defaultMetrics?: boolean;
  /** A label on every series: which role this process plays (worker, scheduler, web, start). */
  role?: string;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The Prometheus metrics of one Tumen process, in their own registry (never the global
 * one, so tests and several pipelines in one process do not collide). Fed by runner
 * events and by an instrumented fetcher; queue depth and age are read on scrape.
 */
export class PipelineMetrics {
  readonly registry = new Registry();
  readonly polls: Counter<'source' | 'outcome'>;
  readonly fetchSeconds: Histogram<'kind'>;
  readonly fetchBytes: Counter;
  readonly jobSeconds: Histogram<'queue'>;
  readonly jobFailures: Counter<'queue' | 'final'>;
  readonly articlesCreated: Counter;
  readonly matchesCreated: Counter;
  readonly schedulerQueued: Counter;

  constructor(options: PipelineMetricsOptions = {}) {
    const registers = [this.registry];
    if (options.role) this.registry.setDefaultLabels({ role: options.role });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'tumen_' });
    this.polls = new Counter({ name: 'tumen_polls_total', help: 'Source polls by source and outcome (ok, not-modified, retry, broken, skipped, error).', labelNames: ['source', 'outcome'], registers });
    this.fetchSeconds = new Histogram({ name: 'tumen_fetch_duration_seconds', help: 'Time to fetch and read a feed (poll) or an article page.', labelNames: ['kind'], buckets: SECONDS, registers });
    this.fetchBytes = new Counter({ name: 'tumen_fetch_bytes_total', help: 'Response bytes read from sources.', registers });
    this.jobSeconds = new Histogram({ name: 'tumen_job_duration_seconds', help: 'Time a job took in its handler, by queue.', labelNames: ['queue'], buckets: SECONDS, registers });
    this.jobFailures = new Counter({ name: 'tumen_job_failures_total', help: 'Failed job attempts by queue; final="true" when no retry is left.', labelNames: ['queue', 'final'], registers });
    this.articlesCreated = new Counter({ name: 'tumen_articles_created_total', help: 'Articles stored (new items only).', registers });
    this.matchesCreated = new Counter({ name: 'tumen_matches_created_total', help: 'Matches stored (new matches only).', registers });
    this.schedulerQueued = new Counter({ name: 'tumen_scheduler_polls_queued_total', help: 'Polls the scheduler queued.', registers });
    const stats = options.queueStats;
    if (stats) {
      // One scrape reads the counts once and fills both gauges from the same snapshot.
      let snapshot: Promise<QueueStats[]> | undefined;
      const read = (): Promise<QueueStats[]> => {
        snapshot ??= stats().finally(() => setTimeout(() => (snapshot = undefined), 200).unref());
        return snapshot;
      };
      new Gauge({
        name: 'tumen_queue_jobs',
        help: 'Jobs per queue and state (waiting, active, delayed, failed).',
        labelNames: ['queue', 'state'],
        registers,
        async collect() {
          this.reset();
          for (const s of await read()) {
            for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ queue: s.queue, state }, s[state]);
          }
        },
      });
      new Gauge({
        name: 'tumen_queue_oldest_waiting_seconds',
        help: 'Age of the oldest waiting job per queue (0 when none waits).',
        labelNames: ['queue'],
        registers,
        async collect() {
          this.reset();
          for (const s of await read()) this.set({ queue: s.queue }, s.oldestWaitingMs / 1000);
        },
      });
    }
  }

  /** Runner events that feed the job, poll and match metrics. */
  events(next: RunnerEvents = {}): RunnerEvents {
    return {
      completed: (queue, payload, result, ms) => {
        this.jobSeconds.observe({ queue }, ms / 1000);
        if (queue === pollQueue.name) {
          const r = result as PollResult;
          this.polls.inc({ source: r.sourceId, outcome: r.outcome });
          this.articlesCreated.inc(r.newArticles);
        } else if (queue === extractQueue.name) {
          this.matchesCreated.inc((result as ExtractResult).newMatches);
        }
        next.completed?.(queue, payload, result, ms);
      },
      failed: (queue, payload, error, final) => {
        this.jobFailures.inc({ queue, final: String(final) });
        if (queue === pollQueue.name && final) {
          this.polls.inc({ source: (payload as { sourceId?: string } | undefined)?.sourceId ?? 'unknown', outcome: 'error' });
        }
        next.failed?.(queue, payload, error, final);
      },
    };
  }

  /** Wraps a fetcher so every poll and article fetch is timed and its bytes counted. */
  instrumentFetcher(fetcher: Fetcher): Fetcher {
    return {
      poll: async (source, validators) => {
        const end = this.fetchSeconds.startTimer({ kind: 'poll' });
        try {
          const outcome = await fetcher.poll(source, validators);
          if (outcome.kind === 'ok') this.fetchBytes.inc(outcome.bytes);
          return outcome;
        } finally {
          end();
        }
      },
      fetchArticle: async (url, request) => {
        const end = this.fetchSeconds.startTimer({ kind: 'article' });
        try {
          return await fetcher.fetchArticle(url, request);
        } finally {
          end();
        }
      },
      close: () => fetcher.close(),
    };
  }
}
