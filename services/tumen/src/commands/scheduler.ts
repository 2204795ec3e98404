import { runIn, type Command } from '../command.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP } from './config-flags.ts';

export const schedulerCommand: Command = {
  name: 'scheduler',
  summary: 'queue a poll of each source at its interval (distributed mode)',
  help: `Usage: tumen scheduler [--tick-ms N] [--metrics-port N] [--sources FILE] [--watchlist FILE]

Queues a poll of each enabled source when it is due: at its interval (plus a small
fixed jitter per source), later after failures (backoff). Several schedulers may run
at once, for availability: each due source is claimed in the database by exactly
one of them, so no source is polled twice in an interval. Writes the sources file to
the database at start and whenever the file changes (file watch or SIGHUP). Needs
DATABASE_URL and REDIS_URL. SIGINT or SIGTERM stops it.

Options:
  --tick-ms N         how often to look for due sources (default 1000)
  --metrics-port N    serve Prometheus metrics at http://TUMEN_HOST:N/metrics
${CONFIG_FLAGS_HELP}`,
  options: { 'tick-ms': { type: 'string' }, 'metrics-port': { type: 'string' }, ...CONFIG_FLAGS },
  run: runIn(() => import('./impl/scheduler.ts')),
};
