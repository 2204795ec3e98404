import type { FeedItem } from '@tumen/core';

/**
 * How one poll of a source ended. Every fetch result and error maps to exactly one
 * of these in {@link classifyResponse} / {@link classifyError}.
 */
export type PollOutcome =
  | {
      kind: 'ok';
      status: number;
      items: FeedItem[];
      etag: string | null;
      lastModified: string | null;
      /** The server's or feed's own refresh hint (Cache-Control max-age, RSS ttl). */
      refreshAfterMs?: number | undefined;
      bytes: number;
    }
  | { kind: 'not-modified'; status: 304; refreshAfterMs?: number | undefined }
  | { kind: 'retry'; status?: number | undefined; reason: string; retryAfterMs?: number | undefined }
  | { kind: 'broken'; status?: number | undefined; reason: string };

const MINUTE = 60_000;
const MAX_BACKOFF_MS = 24 * 60 * MINUTE;

/**
 * When to poll a source next: its own interval after success (stretched by the
 * server's refresh hint, never shortened), and exponential backoff after failures,
 * never sooner than a server's Retry-After.
 */
export function nextPollDelay(outcome: PollOutcome, everyMs: number, consecutiveFailures: number): number {
  switch (outcome.kind) {
    case 'ok':
    case 'not-modified':
      return Math.max(everyMs, Math.min(outcome.refreshAfterMs ?? 0, MAX_BACKOFF_MS));
    case 'retry':
    case 'broken': {
      const failures = consecutiveFailures + 1;
      const backoff = Math.min(everyMs * 2 ** Math.min(failures - 1, 10), MAX_BACKOFF_MS);
      return Math.max(backoff, outcome.kind === 'retry' ? (outcome.retryAfterMs ?? 0) : 0);
    }
  }
}
