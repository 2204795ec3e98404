import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../src/index.ts';

describe('JSON Feed', () => {
  it('reads version 1.1 items: id, url, title, text, date, author', async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'NK Watch',
        items: [
          { id: 1, url: 'https://e.org/a ', title: 'Shoigu &amp; Kim', content_html: '<p>Met in <b>Pyongyang</b>.</p>', date_published: '2024-06-19T10:00:00+09:00', authors: [{ name: 'A' }] },
          { id: 'b', external_url: 'https://e.org/b', content_text: 'Plain.' },
        ],
      }),
    );
    expect(feed.title).toBe('NK Watch');
    expect(feed.items).toEqual([
      { guid: '1', url: 'https://e.org/a', title: 'Shoigu & Kim', text: 'Met in Pyongyang.', publishedAt: new Date('2024-06-19T01:00:00Z'), author: 'A' },
      { guid: 'b', url: 'https://e.org/b', title: '', text: 'Plain.', publishedAt: undefined, author: undefined },
    ]);
  });
  it('reads version 1.0', async () => {
    const feed = await parseFeed('{"version":"https://jsonfeed.org/version/1","items":[{"id":"x","title":"t"}]}');
    expect(feed.items[0]!.title).toBe('t');
  });
  it.each([
    ['{"version":"https://jsonfeed.org/version/1.1","items":[', /^the document is not valid JSON/],
    ['{"items":[]}', /^the JSON is not a JSON Feed: version/],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"no id"}]}', /^the JSON is not a JSON Feed: items\.0\.id/],
  ])('refuses %s with a readable reason', async (text, reason) => {
    const err = await parseFeed(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect((err as Error).message).toMatch(reason);
  });
});

describe('documents rss-parser cannot finish', () => {
  it.each([
    ['<?xml version="1.0"?>', /nothing after its XML declaration/],
    ['<?xml version="1.0"?>\n<!-- cut here -->\n', /nothing after its XML declaration/],
    ['', /empty/],
    ['garbage', /does not start with an XML element/],
  ])('%j ends with a FeedParseError at once instead of hanging', async (text, reason) => {
    const started = Date.now();
    const err = await import('../src/index.ts').then(({ parseFeed }) => parseFeed(text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect((err as Error).message).toMatch(reason);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
