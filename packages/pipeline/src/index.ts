/**
 * @tumen/pipeline: queue contracts, handlers (functions of payload and deps), and the
 * runners that execute them in-process (embedded) or on BullMQ (distributed).
 */
export { defineQueue, type QueueContract, type RetryPolicy } from './contracts/contract.ts';
export {
  pollQueue,
  fetchArticleQueue,
  extractQueue,
  ALL_QUEUES,
  type PollPayload,
  type FetchArticlePayload,
  type ExtractPayload,
  deliverQueue,
  type DeliverPayload,
} from './contracts/queues.ts';
export { type PipelineDeps, type PipelineConfig, type Enqueue, type Logger, silentLogger } from './deps.ts';
export { handleDeliver, type DeliverResult } from './handlers/deliver-alerts.ts';
export { createNotifier, signWebhook, DeliveryError, type Notifier, type NotifierOptions } from './alerts/notifier.ts';
export { buildAlertMessage, type AlertMessage } from './alerts/message.ts';
export { sweepAlerts, STALE_ALERT_MS } from './alerts/sweep.ts';
export { handlePoll, itemKey, type PollResult } from './handlers/poll-source.ts';
export { handleExtract, type ExtractResult } from './handlers/extract-articles.ts';
export { handleFetchArticle, RetryLaterError, type FetchArticleResult } from './handlers/fetch-article.ts';
export { fingerprint, sameStory } from './handlers/fingerprint.ts';
export { pipelineBindings, selectBindings, UnknownQueueError, type ConcurrencyOptions } from './bindings.ts';
export { type JobRunner, type Binding, type Handler, type RunnerEvents } from './runner/runner.ts';
export { InProcessRunner } from './runner/in-process-runner.ts';
export { Scheduler, type SchedulerOptions } from './scheduler.ts';
export { runOnce, type RunSummary, type RunOnceOptions } from './run-once.ts';
export { BullMQRunner, connectRedis, bullJobId, type BullMQRunnerOptions, type QueueStats } from './runner/bullmq-runner.ts';
export { assertNoEviction, pingRedis, RedisEvictionPolicyError, RedisUnavailableError } from './redis-check.ts';
export { PipelineMetrics, type PipelineMetricsOptions } from './metrics.ts';
