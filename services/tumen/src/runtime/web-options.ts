import type { Db } from '@tumen/db';
import { ALL_QUEUES, pingRedis, type PipelineMetrics } from '@tumen/pipeline';
import type { WebAppOptions } from '@tumen/web';
import type { DistributedRunner } from './distributed.ts';

/**
 * The web server's options in either mode: /metrics always; with Redis, the queue
 * dashboard at /admin/queues and a Redis check in /healthz.
 */
export function webOptions(db: Db, metrics: PipelineMetrics, dist?: DistributedRunner): WebAppOptions {
  if (!dist) return { db, metrics: metrics.registry };
  return {
    db,
    metrics: metrics.registry,
    adminQueues: dist.runner.declare(ALL_QUEUES),
    // A bounded ping: with maxRetriesPerRequest null a plain PING would wait for Redis forever.
    healthChecks: { redis: () => pingRedis(dist.redis, 2_000) },
  };
}
