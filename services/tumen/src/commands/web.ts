import { runIn, type Command } from '../command.ts';

export const webCommand: Command = {
  name: 'web',
  summary: 'serve the inbox, API, /metrics and /admin/queues (distributed mode)',
  help: `Usage: tumen web

Serves the inbox and JSON API on http://TUMEN_HOST:TUMEN_PORT, Prometheus metrics at
/metrics (queue depth and age included), the BullMQ dashboard at /admin/queues, and
/healthz (database and Redis). Runs no jobs: start "tumen scheduler" and
"tumen worker" beside it. Needs DATABASE_URL; REDIS_URL adds the queue views. The
dashboard has no login: keep the port on a private network. SIGINT or SIGTERM stops it.`,
  options: {},
  run: runIn(() => import('./impl/web.ts')),
};
