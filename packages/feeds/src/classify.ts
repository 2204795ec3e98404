import { FetchError } from './http/errors.ts';
import type { FetchResponse } from './http/safe-fetch.ts';
import type { PollOutcome } from './poll-outcome.ts';
import { FeedParseError } from './parse/feed-parse-error.ts';
import { ListingSelectorError } from './html-listing.ts';

/**
 * The one place that decides what a non-200 response means: retry later (with the
 * server's Retry-After), or broken with a reason a user can read. Returns undefined
 * for a 2xx, which the caller goes on to parse.
 */
export function classifyResponse(response: FetchResponse, now = Date.now()): Exclude<PollOutcome, { kind: 'ok' }> | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  if (status === 304) return { kind: 'not-modified', status, refreshAfterMs: maxAgeMs(response.headers) };
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now);
  if (status === 429) return { kind: 'retry', status, retryAfterMs, reason: `the server asks Tumen to slow down (HTTP 429)${retryAfterMs ? `; retrying in ${Math.round(retryAfterMs / 1000)} s` : ''}` };
  if (status === 404) return { kind: 'broken', status, reason: 'the address no longer exists (HTTP 404); check the source URL' };
  if (status === 410) return { kind: 'broken', status, reason: 'the server says the feed is gone for good (HTTP 410); remove or replace the source' };
  if (status === 401 || status === 403) return { kind: 'broken', status, reason: `the server refuses access (HTTP ${status}); the site may block automated readers` };
  if (status === 408) return { kind: 'retry', status, retryAfterMs, reason: 'the server timed out waiting for the request (HTTP 408); Tumen will retry' };
  if (status >= 500) return { kind: 'retry', status, retryAfterMs, reason: `the server failed (HTTP ${status}); Tumen will retry` };
  if (status >= 300 && status < 400) return { kind: 'broken', status, reason: `a redirect (HTTP ${status}) without a usable Location` };
  return { kind: 'broken', status, reason: `unexpected HTTP status ${status}` };
}

/**
 * Maps a thrown error to retry-or-broken, with a readable reason. Network trouble
 * (timeout, reset, DNS) is retried; what will not fix itself without a person
 * (refused address, oversize body, bad URL, unreadable document) is broken.
 */
export function classifyError(err: unknown): Extract<PollOutcome, { kind: 'retry' | 'broken' }> {
  if (err instanceof FetchError) {
    const retryable = err.code === 'timeout' || err.code === 'connect' || err.code === 'dns';
    return { kind: retryable ? 'retry' : 'broken', status: err.options.status, reason: err.message };
  }
  if (err instanceof FeedParseError || err instanceof ListingSelectorError) return { kind: 'broken', reason: err.message };
  const message = String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 200);
  return { kind: 'retry', reason: `unexpected error: ${message}` };
}

/** Cache-Control max-age in ms, if the response carries one. */
export function maxAgeMs(headers: Record<string, string>): number | undefined {
  const m = /(?:^|,)\s*max-age\s*=\s*(\d+)/i.exec(headers['cache-control'] ?? '');
  return m ? Number(m[1]) * 1000 : undefined;
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
