import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWatchlist, parseAlerts, parseWatchlist, type AlertChannel } from '@tumen/core';
import { insertArticles, migrate, openPglite, syncSources, type Db } from '@tumen/db';
import { createFetcher } from '@tumen/feeds';
import {
  createNotifier,
  extractQueue,
  InProcessRunner,
  pipelineBindings,
  silentLogger,
  sweepAlerts,
  type PipelineDeps,
} from '../src/index.ts';

let db: Db;
let hook: Server;
let hookUrl: string;
let hookStatus = 204;
const received: { alerts: { target: { id: string }; also_in: string[] }[]; mode: string }[] = [];

const TEXT = (lead: string) =>
  `${lead} Pyongyang, July 23 (KCNA) -- A delegation of the Supreme Prosecutor's Office of the Russian Federation arrived here on Tuesday. ` +
  'The delegation was greeted at Pyongyang International Airport by officials concerned and by Alexandr Matsegora, Russian ambassador to the DPRK, ' +
  'and members of the Russian embassy here. The two sides discussed cooperation in the field of law enforcement and signed documents.';

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (hookStatus < 300) received.push(JSON.parse(body));
      res.writeHead(hookStatus).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  db = await openPglite();
  await migrate(db);
  await syncSources(db, ['kcna', 'kcna-watch'].map((id) => ({ id, name: id, url: `http://example.org/${id}`, kind: 'feed' as const, everyMs: 600_000, enabled: true, fetchArticle: false, respectRobots: false })));
});
afterAll(async () => {
  await db?.close();
  await new Promise((r) => hook?.close(r));
});

function pipeline(channels: AlertChannel[]) {
  const runner = new InProcessRunner();
  const matcher = compileWatchlist(parseWatchlist('entities:\n  - { id: matsegora, type: person, name: Alexander Matsegora, aliases: [Matsegora] }\n'));
  const deps: PipelineDeps = {
    db,
    fetcher: createFetcher(),
    config: () => ({ sources: new Map(), matcher, alerts: channels }),
    enqueue: runner.enqueue,
    notifier: createNotifier({ secret: () => undefined }),
    log: silentLogger,
    now: () => new Date(),
  };
  const failures: Error[] = [];
  void runner.start(pipelineBindings(), deps, { failed: (_q, _p, e) => failures.push(e) });
  return { runner, deps, failures };
}

describe('alerts', () => {
  it('alerts once per story: a reprint in another source joins the cluster and names it, but does not alert again', async () => {
    const channels = parseAlerts(`channels:\n  - { id: hook, kind: webhook, url: "${hookUrl}" }\n`);
    const { runner, deps } = pipeline(channels);
    const [a] = await insertArticles(db, 'kcna', [{ itemKey: 'a', title: 'Delegation arrives', body: TEXT(''), contentHash: 'a' }]);
    const [b] = await insertArticles(db, 'kcna-watch', [{ itemKey: 'b', title: 'Delegation arrives', body: TEXT('KCNA Watch —'), contentHash: 'b' }]);
    await deps.enqueue(extractQueue, { articleIds: [a!.id, b!.id] });
    await runner.drain();
    expect(received).toHaveLength(1);
    expect(received[0]!.alerts).toHaveLength(1);
    expect(received[0]!.alerts[0]!.target.id).toBe('matsegora');
    expect(received[0]!.alerts[0]!.also_in).toEqual(['kcna-watch']);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM matches');
    expect(rows[0]!.n).toBe(2);
    await runner.close();
  });

  it('keeps a failed delivery unsent with its reason, and the retry sends it once', async () => {
    received.length = 0;
    hookStatus = 503;
    const channels = parseAlerts(`channels:\n  - { id: flaky, kind: webhook, url: "${hookUrl}" }\n`);
    const { runner, deps, failures } = pipeline(channels);
    const [c] = await insertArticles(db, 'kcna', [{ itemKey: 'c', title: 'Matsegora meets minister', body: 'Ambassador Matsegora met the minister.', contentHash: 'c' }]);
    await deps.enqueue(extractQueue, { articleIds: [c!.id] });
    await new Promise((r) => setTimeout(r, 500));
    expect(failures.map((f) => f.message)).toEqual(['channel "flaky": the webhook answered HTTP 503']);
    const { rows } = await db.query<{ attempts: number; last_error: string; sent_at: Date | null }>("SELECT attempts, last_error, sent_at FROM alerts WHERE channel_id = 'flaky'");
    expect(rows).toEqual([{ attempts: 1, last_error: 'channel "flaky": the webhook answered HTTP 503', sent_at: null }]);
    hookStatus = 204;
    // the sweep finds it once it is stale, whatever happened to its job
    const queued = await sweepAlerts(db, deps.enqueue, channels, new Date(Date.now() + 10 * 60_000));
    expect(queued).toBe(1);
    await runner.drain();
    expect(received).toHaveLength(1);
    await sweepAlerts(db, deps.enqueue, channels, new Date(Date.now() + 20 * 60_000));
    await runner.close();
    expect(received).toHaveLength(1);
  });

  it('sends a digest once per period, however many schedulers sweep', async () => {
    received.length = 0;
    const channels = parseAlerts(`channels:\n  - { id: daily, kind: webhook, url: "${hookUrl}", mode: digest, every: 1h }\n`);
    const { runner, deps } = pipeline(channels);
    const rows = await insertArticles(db, 'kcna', [
      { itemKey: 'd1', title: 'Matsegora at reception', body: 'Matsegora attended.', contentHash: 'd1' },
      { itemKey: 'd2', title: 'Matsegora visits factory', body: 'Matsegora toured.', contentHash: 'd2' },
    ]);
    await deps.enqueue(extractQueue, { articleIds: rows.map((r) => r.id) });
    await runner.drain();
    expect(received).toHaveLength(0); // digest channels wait for their period
    const t = new Date('2030-01-01T10:00:00Z');
    const sweeps = await Promise.all([1, 2, 3].map(() => sweepAlerts(db, deps.enqueue, channels, t)));
    expect(sweeps.reduce((a, b) => a + b, 0)).toBe(1);
    await runner.drain();
    expect(received).toHaveLength(1);
    expect(received[0]!.mode).toBe('digest');
    expect(received[0]!.alerts).toHaveLength(2);
    expect(await sweepAlerts(db, deps.enqueue, channels, new Date('2030-01-01T10:59:00Z'))).toBe(0);
    expect(await sweepAlerts(db, deps.enqueue, channels, new Date('2030-01-01T11:00:01Z'))).toBe(1);
    await runner.drain();
    expect(received).toHaveLength(1); // nothing new to send in the next period
    await runner.close();
  });
});
