import type { FeedItem } from '@tumen/core';

/** A parsed feed: its items, and the refresh hint (RSS `<ttl>`, minutes) if any. */
export interface ParsedFeed {
  title?: string | undefined;
  items: FeedItem[];
  ttlMinutes?: number | undefined;
}
