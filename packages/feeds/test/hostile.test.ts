import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type PollOutcome } from '../src/index.ts';
import { HOSTILE, orenItems, startHostileInternet, type HostileInternet } from './helpers/hostile-internet.ts';
import { measurePeakRss, startLoopbackServer, type LoopbackServer } from './helpers/loopback-server.ts';
import { feedSource, isReadableReason } from './helpers/sources.ts';

/**
 * The "hostile internet on loopback": one real server on 127.0.0.1 serves
 * good feeds and every hostile case; a second one on 127.0.0.2 (not in the allow
 * list) stands for the internal address and counts connections, which must stay 0.
 */
const DEADLINE_MS = 2000;
const SLACK_MS = 1000;
const MB = 1024 * 1024;

let server: LoopbackServer;
let forbidden: LoopbackServer;
let fetcher: Fetcher;

let net: HostileInternet;

beforeAll(async () => {
  net = await startHostileInternet();
  server = net.server;
  forbidden = net.forbidden;
  fetcher = createFetcher({ allow: ['127.0.0.1/32'], timeoutMs: DEADLINE_MS, perHostDelayMs: 0 });
});

afterAll(async () => {
  await fetcher?.close();
  await net?.close();
});

describe('hostile internet on loopback', () => {
  for (const [path, kind, reason, status] of HOSTILE) {
    it(`${path} ends ${kind} with a readable reason, within the deadline and bounded memory`, async () => {
      const started = Date.now();
      const { result, peakGrowth } = await measurePeakRss(() => fetcher.poll(feedSource(path.slice(1), server.origin + path), {}));
      const elapsed = Date.now() - started;
      expect(result.kind).toBe(kind);
      const outcome = result as Extract<PollOutcome, { kind: 'retry' | 'broken' }>;
      expect(outcome.reason).toMatch(reason);
      expect(isReadableReason(outcome.reason)).toBe(true);
      if (status) expect(outcome.status).toBe(status);
      expect(elapsed).toBeLessThan(DEADLINE_MS + SLACK_MS);
      expect(peakGrowth).toBeLessThan(100 * MB);
    });
  }

  it('honors Retry-After on 429 (seconds) and 503 (HTTP date)', async () => {
    const r429 = await fetcher.poll(feedSource('r429', `${server.origin}/429`), {});
    const r503 = await fetcher.poll(feedSource('r503', `${server.origin}/503`), {});
    expect(r429).toMatchObject({ kind: 'retry', retryAfterMs: 120_000 });
    expect(r503.kind === 'retry' && r503.retryAfterMs).toBeGreaterThan(55_000);
  });

  it('never pollutes Object.prototype', async () => {
    await fetcher.poll(feedSource('proto', `${server.origin}/proto`), {});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('runs good and hostile sources in one batch: good ones stored in full, the refused address never contacted', async () => {
    const good = [
      feedSource('oren', `${server.origin}/good/oren`),
      feedSource('oren-gzip', `${server.origin}/good/oren-gzip`),
      feedSource('korean', `${server.origin}/good/korean`),
      feedSource('json', `${server.origin}/good/json`),
    ];
    const hostile = HOSTILE.map(([path]) => feedSource(`h${path.replace(/\W/g, '-')}`, server.origin + path));
    const started = Date.now();
    const { result: outcomes, peakGrowth } = await measurePeakRss(() => Promise.all([...good, ...hostile].map((s) => fetcher.poll(s, {}))));
    const elapsed = Date.now() - started;
    const [oren1, oren2, korean, json] = outcomes;

    for (const o of [oren1, oren2]) {
      expect(o?.kind).toBe('ok');
      if (o?.kind !== 'ok') continue;
      expect(o.items).toHaveLength(orenItems);
      expect(o.items[0]!.title).toBe('В Бузулуке главные стройплощадки – детсад и Ледовый дворец');
      expect(o.refreshAfterMs).toBe(30 * 60_000); // <ttl>30</ttl>
    }
    expect(korean).toMatchObject({ kind: 'ok', items: [{ title: '북·러 정상회담 개최', text: '평양에서 회담' }, { title: '러시아 국방장관 방북' }] });
    expect(json).toMatchObject({ kind: 'ok', items: [{ title: 'Lavrov in Pyongyang', url: 'https://example.org/1' }] });
    for (const o of outcomes.slice(good.length)) {
      expect(['retry', 'broken']).toContain(o.kind);
      expect(o.kind !== 'ok' && o.kind !== 'not-modified' && isReadableReason(o.reason)).toBe(true);
      expect(o).not.toHaveProperty('items');
    }
    // One request at a time per host: the two 2 s deadlines run back to back, everything else is quick.
    expect(elapsed).toBeLessThan(2 * DEADLINE_MS + 3 * SLACK_MS);
    expect(peakGrowth).toBeLessThan(100 * MB);
    expect(forbidden.connections()).toBe(0);
  });

  it('refuses a hostname that resolves to a refused address, checked at lookup (no connection made)', async () => {
    // A counting server on 127.0.0.1 whose port is not allowed: only host:port entries for the main server are.
    const counter = await startLoopbackServer({ '/feed': (_req, res) => res.end('<rss/>') });
    const strict = createFetcher({ allow: [`127.0.0.1:${server.port}`], timeoutMs: DEADLINE_MS, perHostDelayMs: 0 });
    try {
      const viaName = await strict.poll(feedSource('name', `http://localhost:${counter.port}/feed`), {});
      const viaLiteral = await strict.poll(feedSource('literal', `http://127.0.0.1:${counter.port}/feed`), {});
      const allowed = await strict.poll(feedSource('allowed', `${server.origin}/good/json`), {});
      expect(viaName).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/^refused to connect to localhost: (127\.0\.0\.1|::1) is a loopback address/) });
      expect(viaLiteral).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/^refused to connect to 127\.0\.0\.1/) });
      expect(allowed.kind).toBe('ok');
      expect(counter.connections()).toBe(0);
    } finally {
      await strict.close();
      await counter.close();
    }
  });
});
