import { runIn, type Command } from '../command.ts';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP } from './config-flags.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'run scheduler, workers and web server in one process',
  help: `Usage: tumen start [--sources FILE] [--watchlist FILE]

Starts everything in one process: the scheduler polls each source at its interval,
workers store and match new items, and the web inbox listens on
http://TUMEN_HOST:TUMEN_PORT (default http://127.0.0.1:8080), with /metrics and
/healthz. Without REDIS_URL jobs run in this process (embedded mode); with REDIS_URL
they go through BullMQ queues in Redis, so "tumen worker" processes elsewhere can
share the work (and /admin/queues shows the queues). Edits to the sources and
watchlist files are picked up without a restart (file watch or SIGHUP); SIGINT or
SIGTERM shuts down cleanly.

Options:
${CONFIG_FLAGS_HELP}`,
  options: { ...CONFIG_FLAGS },
  run: runIn(() => import('./impl/start.ts')),
};
