import Parser from 'rss-parser';
import type { FeedItem } from '@tumen/core';
import { htmlToText } from './html-text.ts';
import { FeedParseError } from './parse/feed-parse-error.ts';
import type { ParsedFeed } from './parse/parsed-feed.ts';
import { guardXml } from './parse/xml-guard.ts';
import { looksLikeJson, parseJsonFeed } from './parse/json-feed.ts';

export { FeedParseError, type ParsedFeed };

/**
 * A fresh parser per document: rss-parser keeps one stateful xml2js parser per
 * instance, and after a malformed document its late sax events leak into the next
 * parse on the same instance (the fuzz test found parses that then never settle).
 * defaultRSS 2: an <rss> without a version attribute (e.g. uolNoticias) is read as RSS 2.0.
 */
function newParser(): Parser {
  return new Parser({ customFields: { feed: ['ttl'] }, defaultRSS: 2 });
}

/**
 * Parses RSS 0.9x/1.0/2.0, Atom or JSON Feed text into items. XML goes through
 * rss-parser's `parseString` only (it never fetches), after {@link guardXml} has
 * refused entity declarations and prototype-key elements. Throws only
 * {@link FeedParseError}, whose message is one readable sentence.
 */
export async function parseFeed(text: string): Promise<ParsedFeed> {
  if (looksLikeJson(text)) return parseJsonFeed(text);
  guardXml(text);
  let feed: Parser.Output<Record<string, unknown>>;
  try {
    feed = await withDeadline(newParser().parseString(text), PARSE_DEADLINE_MS);
  } catch (err) {
    // rss-parser's own TypeErrors ("reading '0'") describe its code, not the document.
    const why = err instanceof TypeError ? 'its structure is not RSS or Atom' : firstLine((err as Error)?.message ?? String(err));
    throw new FeedParseError(`the document is not a readable RSS, Atom or JSON feed (${why})`);
  }
  const items: FeedItem[] = [];
  for (const raw of feed.items ?? []) {
    const html = raw['content:encoded'] ?? raw.content ?? raw.summary ?? raw.contentSnippet ?? '';
    const date = raw.isoDate ?? raw.pubDate;
    const published = typeof date === 'string' ? new Date(date) : undefined;
    items.push({
      guid: stringOrUndefined(raw.guid) ?? stringOrUndefined((raw as { id?: unknown }).id),
      url: stringOrUndefined(raw.link),
      title: htmlToText(asText(raw.title)).trim(),
      text: htmlToText(asText(html)),
      publishedAt: published && !Number.isNaN(published.getTime()) ? published : undefined,
      author: stringOrUndefined(raw.creator) ?? stringOrUndefined(raw.author),
    });
  }
  const ttl = Number((feed as { ttl?: unknown }).ttl);
  return { title: typeof feed.title === 'string' ? feed.title : undefined, items, ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined };
}

/**
 * rss-parser's promise never settles for some inputs (found by the fuzz test: a
 * document that is only an XML declaration, i.e. a feed cut off after its first
 * line). guardXml refuses that case; this deadline covers any other such input so a
 * poll can never hang.
 */
const PARSE_DEADLINE_MS = 20_000;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the parser did not finish within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** rss-parser hands back xml2js shapes for odd markup (objects with `_`, arrays); keep only text. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return asText(value[0]);
  if (value && typeof value === 'object' && typeof (value as { _?: unknown })._ === 'string') return (value as { _: string })._;
  return '';
}

function stringOrUndefined(value: unknown): string | undefined {
  const text = asText(value).trim();
  return text || undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 200);
}
