import Fastify, { type FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { z } from 'zod';
import { listMatches, listSources, MATCH_STATUSES, type Db, type SourceRow } from '@tumen/db';
import { renderInbox } from './routes/inbox-page.ts';

export interface WebAppOptions {
  db: Db;
  /** Extra health checks (Redis in distributed mode); each resolves or throws. */
  healthChecks?: Record<string, () => Promise<void>>;
  logger?: boolean;
  /** A Prometheus registry (prom-client's shape) served at `/metrics`. */
  metrics?: { contentType: string; metrics(): Promise<string> };
  /** BullMQ queues shown by the dashboard at `/admin/queues` (distributed mode). */
  adminQueues?: Queue[];
}

const matchesQuery = z.object({
  status: z.enum(MATCH_STATUSES as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/** Builds the web server: the inbox page and the JSON API. Does not listen. */
export async function buildWebApp(options: WebAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  const { db } = options;

  app.get('/healthz', async (_req, reply) => {
    const checks: Record<string, string> = {};
    let ok = true;
    const all = { database: async () => void (await db.query('SELECT 1')), ...options.healthChecks };
    for (const [name, check] of Object.entries(all)) {
      try {
        await check();
        checks[name] = 'ok';
      } catch (err) {
        ok = false;
        checks[name] = (err as Error).message;
      }
    }
    return reply.code(ok ? 200 : 503).send({ ok, checks });
  });

  if (options.metrics) {
    const registry = options.metrics;
    app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  }

  if (options.adminQueues?.length) await registerQueueDashboard(app, options.adminQueues);

  app.get('/api/matches', async (req, reply) => {
    const q = matchesQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: `invalid query: ${q.error.issues[0]!.message}` });
    const matches = await listMatches(db, { status: q.data.status as never, limit: q.data.limit, beforeId: q.data.before });
    return { matches };
  });

  app.get('/api/sources', async () => ({ sources: (await listSources(db)).map(sourceView) }));

  app.get('/', async (req, reply) => {
    const q = matchesQuery.safeParse(req.query);
    const status = q.success ? q.data.status : undefined;
    const [matches, sources] = await Promise.all([listMatches(db, { status: status as never, limit: 100 }), listSources(db)]);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'")
      .send(renderInbox(matches, sources, status));
  });

  return app;
}

/** Mounts bull-board at /admin/queues. Like the rest of the app it has no login: keep it on a private network. */
async function registerQueueDashboard(app: FastifyInstance, queues: Queue[]): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath('/admin/queues');
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Tumen queues' } } });
  await app.register(serverAdapter.registerPlugin(), { prefix: '/admin/queues' });
}

/** A source's health in the API's shape. */
export function sourceView(s: SourceRow) {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    kind: s.kind,
    enabled: s.enabled,
    last_attempt_at: s.last_attempt_at?.toISOString() ?? null,
    last_success_at: s.last_success_at?.toISOString() ?? null,
    last_status: s.last_status,
    last_outcome: s.last_outcome,
    last_error: s.last_error,
    consecutive_failures: s.consecutive_failures,
    next_check_at: s.next_check_at?.toISOString() ?? null,
  };
}
