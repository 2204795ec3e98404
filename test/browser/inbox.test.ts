/**
 * The inbox in a real browser (Debian's chromium driven by playwright-core): it shows
 * the matches with their evidence, and nothing a feed sent runs as script. With
 * TUMEN_UPDATE_SCREENSHOTS=1 it also refreshes docs/inbox.png for the README.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { compileWatchlist, parseWatchlist } from '@tumen/core';
import { insertArticles, insertMatches, migrate, openPglite, recordPoll, syncSources, type Db } from '@tumen/db';
import { buildWebApp } from '@tumen/web';
import { REPO_ROOT } from '../helpers/cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.TUMEN_TEST_REQUIRE_SERVICES === '1') {
  throw new Error(`${CHROMIUM} is missing, and TUMEN_TEST_REQUIRE_SERVICES=1 requires it; install Debian's chromium (see .ci/run).`);
}

const ARTICLES = [
  {
    source: 'kcna',
    title: 'Delegation of Supreme Prosecutor\'s Office of Russian Federation Arrives',
    body: 'Pyongyang, July 23 (KCNA) -- The delegation was greeted at Pyongyang International Airport by officials concerned, Alexandr Matsegora, Russian ambassador to the DPRK, and members of the Russian embassy here.',
  },
  {
    source: 'yonhap-en',
    title: 'N. Korea, Russia to open Tumen River road bridge next year <script>window.__pwned = 1</script>',
    body: 'North Korea and Russia agreed to complete the Tumen River road bridge linking Khasan and Tumangang, Yonhap said, citing the intergovernmental committee co-chaired by Alexander Kozlov.',
  },
  {
    source: 'tass-ru',
    title: 'Козлов: мост через Туманную будет открыт в срок',
    body: 'Министр природных ресурсов Александр Козлов заявил, что строительство автомобильного моста через реку Туманная в районе Хасана идет по графику.',
  },
];

describe.skipIf(!hasChromium)('inbox in a browser', () => {
  let db: Db;
  let app: Awaited<ReturnType<typeof buildWebApp>>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    const sources = [...new Set(ARTICLES.map((a) => a.source))];
    await syncSources(db, [...sources, 'rodong'].map((id) => ({ id, name: id, url: `https://example.org/${id}`, kind: 'feed' as const, everyMs: 600_000, enabled: true, fetchArticle: false, respectRobots: false })));
    await recordPoll(db, 'rodong', { outcome: 'broken', status: 403, error: 'the server refuses access (HTTP 403); the site may block automated readers', nextCheckAt: new Date(), at: new Date() });
    const watchlist = parseWatchlist(
      'entities:\n  - { id: matsegora, type: person, name: Alexander Matsegora, aliases: [Matsegora, Alexandr Matsegora] }\n' +
        '  - { id: kozlov, type: person, name: Alexander Kozlov, lang: ru, aliases: [Козлов, Александр Козлов] }\n' +
        '  - { id: tumen-river, type: place, name: Tumen River, aliases: [Туманная] }\n' +
        'stories:\n  - { id: tumen-road-bridge, name: Tumen River road bridge, query: \'("road bridge" OR "автомобильного моста" OR мост) NEAR/12 (Tumen OR Туманная OR Khasan OR Хасана)\' }\n',
    );
    const matcher = compileWatchlist(watchlist);
    const types = new Map(watchlist.entities.map((e) => [e.id, e.type]));
    for (const [i, a] of ARTICLES.entries()) {
      const [row] = await insertArticles(db, a.source, [{ itemKey: `k${i}`, url: `https://example.org/${a.source}/${i}`, title: a.title, body: a.body, contentHash: `h${i}`, publishedAt: new Date(Date.UTC(2026, 10, 28, 8 + i)) }]);
      const found = matcher.extract({ title: a.title, body: a.body });
      await insertMatches(db, found.map((m) => ({ articleId: row!.id, targetId: m.id, targetType: m.type === 'story' ? 'story' : types.get(m.id)!, targetName: m.name, evidence: m.evidence })));
    }
    app = await buildWebApp({ db });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('shows each match with its highlighted evidence, and runs no script from a feed', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(`${base}/`);
    const entries = page.locator('article.match');
    expect(await entries.count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('article.match', { hasText: 'Tumen River' }).first().locator('.type').textContent()).toMatch(/story|place/);
    const targets = await page.locator('article.match .target').allTextContents();
    expect(new Set(targets)).toEqual(new Set(['Alexander Matsegora', 'Alexander Kozlov', 'Tumen River', 'Tumen River road bridge']));
    expect(await page.locator('mark').first().textContent()).toBeTruthy();
    expect(await page.getByText('<script>window.__pwned = 1</script>', { exact: false }).count()).toBeGreaterThanOrEqual(1);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.warn').textContent()).toContain('HTTP 403');
    if (process.env.TUMEN_UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(REPO_ROOT, 'docs/inbox.png'), fullPage: true });
    await page.close();
  });
});
