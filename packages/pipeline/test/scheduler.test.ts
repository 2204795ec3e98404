import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openPostgres, syncSources, type Db } from '@tumen/db';
import type { SourceConfig } from '@tumen/core';
import { Scheduler, silentLogger, type Enqueue } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/postgres.ts';
import { postgresUp } from '../../../test/helpers/services.ts';

const sources: SourceConfig[] = Array.from({ length: 200 }, (_, i) => ({
  id: `s-${i}`,
  name: `S ${i}`,
  url: `http://example.org/${i}`,
  kind: 'feed',
  everyMs: 60_000,
  enabled: true,
  fetchArticle: false,
  respectRobots: false,
}));

describe.skipIf(!postgresUp)('Scheduler on Postgres', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = openPostgres({ connectionString: database.url, max: 6 });
    await migrate(db);
    await syncSources(db, sources);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('lets several schedulers ticking at once claim each due source exactly once per interval', async () => {
    const queued: string[] = [];
    const enqueue: Enqueue = async (_q, p) => void queued.push((p as { sourceId: string }).sourceId);
    let now = new Date('2030-01-01T00:00:00Z');
    const map = new Map(sources.map((s) => [s.id, s]));
    const make = () => new Scheduler({ db, enqueue, log: silentLogger, now: () => now, sources: () => map, batch: 37, jitterMs: 5_000 });
    const schedulers = [make(), make(), make(), make()];
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(queued.sort()).toEqual(sources.map((s) => s.id).sort());

    // Within the interval nothing is due again, however often they tick.
    queued.length = 0;
    now = new Date(now.getTime() + 59_000);
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(queued).toEqual([]);

    // After the lease (one interval) plus the jitter, each is due once more, and still only once.
    now = new Date(now.getTime() + 7_000);
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(queued.sort()).toEqual(sources.map((s) => s.id).sort());
  }, 30_000);

  it('spreads sources with the same interval by a fixed per-source offset', async () => {
    const queued: string[] = [];
    const enqueue: Enqueue = async (_q, p) => void queued.push((p as { sourceId: string }).sourceId);
    const at = new Date('2031-01-01T00:00:00Z');
    await db.query('UPDATE sources SET next_check_at = $1', [at]);
    const s = new Scheduler({ db, enqueue, log: silentLogger, now: () => new Date(at.getTime() + 2_500), jitterMs: 10_000 });
    await s.tick();
    // About a quarter of the sources fall in the first 2.5 s of a 10 s jitter window.
    expect(queued.length).toBeGreaterThan(20);
    expect(queued.length).toBeLessThan(100);
  }, 30_000);
});
