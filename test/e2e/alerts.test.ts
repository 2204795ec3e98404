import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.ts';
import { startServer, staticFeed, type TestServer } from '../helpers/http-server.ts';
import { startSmtp } from '../helpers/smtp.ts';

let feeds: TestServer;
let hooks: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let dir: string;
const posts: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const SECRET = 'test-webhook-secret';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tumen-alerts-'));
  const xml = await readFile(join(REPO_ROOT, 'test/fixtures/e2e/kcna-russia.rss'), 'utf8');
  feeds = await startServer({ '/kcna.rss': staticFeed(xml) });
  hooks = await startServer({
    '/hook': (req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        posts.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    },
  });
  smtp = await startSmtp();
});
afterAll(async () => {
  await feeds?.close();
  await hooks?.close();
  await smtp?.close();
  await rm(dir, { recursive: true, force: true });
});

it('sends instant alerts by signed webhook and by email, each match once, filtered per channel', async () => {
  await writeFile(join(dir, 's.yaml'), `sources:\n  - { id: kcna, name: KCNA, url: "${feeds.url('/kcna.rss')}" }\n`);
  await writeFile(
    join(dir, 'w.yaml'),
    `entities:
  - { id: putin, type: person, name: Vladimir Putin, aliases: [Putin], tags: [russia-leaders] }
  - { id: matsegora, type: person, name: Alexander Matsegora, aliases: [Matsegora], tags: [embassy] }
  - { id: vladivostok, type: place, name: Vladivostok }
`,
  );
  await writeFile(
    join(dir, 'a.yaml'),
    `channels:
  - { id: hook, kind: webhook, url: "${hooks.url('/hook')}", secret_env: TEST_HOOK_SECRET }
  - { id: desk, kind: email, to: [desk@example.org], from: "Tumen <tumen@example.org>", smtp_url_env: TEST_SMTP_URL, tags: [embassy] }
`,
  );
  const env = {
    TUMEN_DATA_DIR: join(dir, 'data'),
    TUMEN_SOURCES: join(dir, 's.yaml'),
    TUMEN_WATCHLIST: join(dir, 'w.yaml'),
    TUMEN_ALERTS: join(dir, 'a.yaml'),
    TUMEN_FETCH_ALLOW: `127.0.0.1:${feeds.port},127.0.0.1:${hooks.port}`,
    TEST_HOOK_SECRET: SECRET,
    TEST_SMTP_URL: smtp.url,
  };
  const first = await runCli(['run', '--once', '--json'], env);
  expect(first.code, first.stderr).toBe(0);
  expect(JSON.parse(first.stdout).new_matches).toBe(4);

  // webhook: one signed POST carrying all four matches
  expect(posts).toHaveLength(1);
  const { headers, body } = posts[0]!;
  const sig = String(headers['x-tumen-signature']);
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig) ?? [];
  expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex'));
  expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(120);
  const payload = JSON.parse(body);
  expect(payload.channel).toBe('hook');
  expect(payload.alerts.map((a: { target: { id: string } }) => a.target.id).sort()).toEqual(['matsegora', 'putin', 'putin', 'vladivostok']);
  expect(payload.alerts[0].article.url).toMatch(/^http:\/\/www\.kcna\.kp\//);

  // email: only the channel's tag (embassy → Matsegora)
  expect(smtp.mails).toHaveLength(1);
  expect(smtp.mails[0]!.to).toEqual(['desk@example.org']);
  const mail = await simpleParser(smtp.mails[0]!.raw);
  expect(mail.subject).toBe('Tumen: Alexander Matsegora in “Delegation of Supreme Prosecutor\'s Office of Russian Federation Arrives”');
  expect(mail.text).toContain('Alexander Matsegora (person)');
  expect(mail.text).toContain('Alexandr Matsegora, Russian ambassador');
  expect(mail.text).not.toMatch(/Putin|Vladivostok/);
  expect(mail.html).toContain('<b>Alexander Matsegora</b>');

  // a second run over the same feed alerts nobody again
  const second = await runCli(['run', '--once', '--json'], env);
  expect(second.code, second.stderr).toBe(0);
  expect(posts).toHaveLength(1);
  expect(smtp.mails).toHaveLength(1);
});

it('refuses an alerts file with a bad channel, naming file, line and field', async () => {
  await writeFile(join(dir, 'bad.yaml'), 'channels:\n  - id: x\n    kind: email\n    to: [not-an-address]\n    from: a@b.c\n');
  const r = await runCli(['run', '--once', '--alerts', join(dir, 'bad.yaml')], { TUMEN_DATA_DIR: join(dir, 'data2'), TUMEN_SOURCES: join(dir, 's.yaml'), TUMEN_WATCHLIST: join(dir, 'w.yaml') });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/bad\.yaml:4: field "channels\[0\]\.to\[0\]"/);
});
