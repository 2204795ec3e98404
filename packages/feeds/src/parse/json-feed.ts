import { z } from 'zod';
import type { FeedItem } from '@tumen/core';
import { htmlToText } from '../html-text.ts';
import { FeedParseError } from './feed-parse-error.ts';
import type { ParsedFeed } from './parsed-feed.ts';

const author = z.looseObject({ name: z.string().optional() });

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), only the fields Tumen uses. */
const jsonFeedSchema = z.looseObject({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/, 'is not a JSON Feed version URL'),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  items: z.array(
    z.looseObject({
      id: z.union([z.string(), z.number()]).transform(String),
      url: z.string().optional(),
      external_url: z.string().optional(),
      title: z.string().optional(),
      content_html: z.string().optional(),
      content_text: z.string().optional(),
      summary: z.string().optional(),
      date_published: z.string().optional(),
      date_modified: z.string().optional(),
      author: author.optional(),
      authors: z.array(author).optional(),
    }),
  ),
});

/** True when the text is (or starts like) a JSON document rather than XML. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text.slice(0, 64));
}

/** Parses a JSON Feed into items; throws {@link FeedParseError} with a readable reason. */
export function parseJsonFeed(text: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FeedParseError(`the document is not valid JSON (${(err as Error).message.slice(0, 120)})`);
  }
  const parsed = jsonFeedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the document';
    throw new FeedParseError(`the JSON is not a JSON Feed: ${where} ${issue.message.toLowerCase()}`);
  }
  const feed = parsed.data;
  const items: FeedItem[] = feed.items.map((raw) => {
    const html = raw.content_html ?? raw.summary ?? '';
    const text = raw.content_text ?? htmlToText(html);
    const date = parseDate(raw.date_published ?? raw.date_modified);
    const name = raw.authors?.[0]?.name ?? raw.author?.name;
    return {
      guid: raw.id,
      url: (raw.url ?? raw.external_url)?.trim() || undefined,
      title: htmlToText(raw.title ?? '').trim(),
      text,
      publishedAt: date,
      author: name,
    };
  });
  return { title: feed.title, items, ttlMinutes: undefined };
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
