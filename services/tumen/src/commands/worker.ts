import { runIn, type Command } from '../command.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP } from './config-flags.ts';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'take jobs from the Redis queues (distributed mode; run as many as needed)',
  help: `Usage: tumen worker [--queues poll,extract,…] [--concurrency N] [--metrics-port N]
                   [--sources FILE] [--watchlist FILE]

Takes jobs from the BullMQ queues in Redis and runs them: polls sources, stores new
articles, fetches article pages, matches articles against the watchlist. Start as
many workers as you need, on as many machines as you need; each job runs once. Needs
DATABASE_URL and REDIS_URL. Edits to the sources and watchlist files are picked up
without a restart (file watch or SIGHUP). SIGINT or SIGTERM stops taking jobs and
finishes the running ones (a job still running after 30 s is left to another worker).

Options:
  --queues LIST       only these queues, comma-separated (default: all)
  --concurrency N     jobs run at once per queue (default: each queue's own)
  --metrics-port N    serve Prometheus metrics at http://TUMEN_HOST:N/metrics
${CONFIG_FLAGS_HELP}`,
  options: { queues: { type: 'string' }, concurrency: { type: 'string' }, 'metrics-port': { type: 'string' }, ...CONFIG_FLAGS },
  run: runIn(() => import('./impl/worker.ts')),
};
