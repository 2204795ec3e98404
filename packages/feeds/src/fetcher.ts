import type { SourceConfig } from '@tumen/core';
import { AddressPolicy } from './http/address-policy.ts';
import { SafeFetcher, DEFAULT_FETCH_OPTIONS, type FetchOptions } from './http/safe-fetch.ts';
import { HostLimiter } from './host-limiter.ts';
import { classifyError, classifyResponse, maxAgeMs } from './classify.ts';
import { decodeBody } from './decode.ts';
import { parseFeed } from './parse-feed.ts';
import { parseHtmlListing } from './html-listing.ts';
import type { PollOutcome } from './poll-outcome.ts';

/** Conditional-GET validators remembered from the last successful poll. */
export interface SourceValidators {
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
}

export interface FetcherOptions extends Partial<Omit<FetchOptions, 'policy'>> {
  /** `TUMEN_FETCH_ALLOW` entries. */
  allow?: readonly string[];
  /** Minimum delay between two requests to one host. */
  perHostDelayMs?: number;
}

/** Polls sources: fetches politely and safely, then parses, and never throws. */
export interface Fetcher {
  poll(source: SourceConfig, validators: SourceValidators): Promise<PollOutcome>;
  close(): Promise<void>;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Builds the fetcher used by the pipeline. */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const http = new SafeFetcher({
    ...DEFAULT_FETCH_OPTIONS,
    ...stripUndefined(options),
    policy: new AddressPolicy(options.allow ?? []),
  });
  const limiter = new HostLimiter(options.perHostDelayMs ?? 1000);

  return {
    async poll(source, validators) {
      const host = safeHost(source.url);
      try {
        const response = await limiter.run(host, () =>
          http.fetch({
            url: source.url,
            accept: source.kind === 'html' ? HTML_ACCEPT : FEED_ACCEPT,
            headers: conditionalHeaders(validators),
          }),
        );
        const early = classifyResponse(response);
        if (early) return early;
        const text = decodeBody(response.body, response.headers['content-type']);
        let items;
        let ttlMinutes: number | undefined;
        if (source.kind === 'html') {
          items = parseHtmlListing(text, response.url, source.selectors!);
        } else {
          const feed = await parseFeed(text);
          items = feed.items;
          ttlMinutes = feed.ttlMinutes;
        }
        const refresh = Math.max(maxAgeMs(response.headers) ?? 0, (ttlMinutes ?? 0) * 60_000) || undefined;
        return {
          kind: 'ok',
          status: response.status,
          items,
          etag: response.headers.etag ?? null,
          lastModified: response.headers['last-modified'] ?? null,
          refreshAfterMs: refresh,
          bytes: response.body.length,
        };
      } catch (err) {
        return classifyError(err);
      }
    },
    close: () => http.close(),
  };
}

function conditionalHeaders(v: SourceValidators): Record<string, string> {
  const headers: Record<string, string> = {};
  if (v.etag) headers['if-none-match'] = v.etag;
  if (v.lastModified) headers['if-modified-since'] = v.lastModified;
  return headers;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
