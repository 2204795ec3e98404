import Parser from 'rss-parser';
import type { FeedItem } from '@tumen/core';
import { htmlToText } from './html-text.ts';

/** A parsed feed: its items, and the refresh hint (RSS `<ttl>`, minutes) if any. */
export interface ParsedFeed {
  title?: string | undefined;
  items: FeedItem[];
  ttlMinutes?: number | undefined;
}

/** A document could not be read as a feed. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

const parser = new Parser({ customFields: { feed: ['ttl'] } });

/** Parses RSS 0.9x/1.0/2.0 or Atom text into items (rss-parser only parses; it never fetches). */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch (err) {
    throw new FeedParseError(`the document is not a readable RSS or Atom feed (${firstLine((err as Error).message)})`);
  }
  const items: FeedItem[] = [];
  for (const raw of feed.items ?? []) {
    const html = raw['content:encoded'] ?? raw.content ?? raw.summary ?? raw.contentSnippet ?? '';
    const title = htmlToText(String(raw.title ?? '')).trim();
    const url = typeof raw.link === 'string' ? raw.link.trim() || undefined : undefined;
    const date = raw.isoDate ?? raw.pubDate;
    const published = date ? new Date(date) : undefined;
    items.push({
      guid: typeof raw.guid === 'string' ? raw.guid.trim() || undefined : (raw as { id?: string }).id,
      url,
      title,
      text: htmlToText(String(html)),
      publishedAt: published && !Number.isNaN(published.getTime()) ? published : undefined,
      author: typeof raw.creator === 'string' ? raw.creator : typeof raw.author === 'string' ? raw.author : undefined,
    });
  }
  const ttl = Number((feed as { ttl?: string }).ttl);
  return { title: feed.title, items, ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 200);
}
