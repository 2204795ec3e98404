import type { SourceConfig, SourceFetchLimits } from '@tumen/core';
import { AddressPolicy } from './http/address-policy.ts';
import { SafeFetcher, DEFAULT_FETCH_OPTIONS, type FetchOptions, type FetchResponse } from './http/safe-fetch.ts';
import { HostLimiter } from './host-limiter.ts';
import { classifyError, classifyResponse, maxAgeMs } from './classify.ts';
import { decodeBody } from './decode.ts';
import { parseFeed, FeedParseError } from './parse-feed.ts';
import { parseHtmlListing } from './html-listing.ts';
import { extractArticle } from './extract-article.ts';
import { RobotsCache, type RobotsOptions } from './robots.ts';
import type { PollOutcome } from './poll-outcome.ts';
import type { ArticleOutcome } from './article-outcome.ts';

/** Conditional-GET validators remembered from the last successful poll. */
export interface SourceValidators {
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
}

/** Options of {@link createFetcher}; every limit has the default. */
export interface FetcherOptions extends Partial<Omit<FetchOptions, 'policy'>> {
  /** `TUMEN_FETCH_ALLOW` entries (CIDRs, IPs, host:port). Defaults to none; see {@link AddressPolicy.fromEnv}. */
  allow?: readonly string[];
  /** Minimum delay between two requests to one host. */
  perHostDelayMs?: number;
  /** robots.txt cache settings (TTL, size and time limits, agent token). */
  robots?: Partial<RobotsOptions>;
}

/** Options of {@link Fetcher.fetchArticle}. */
export interface ArticleRequest {
  /** Honor robots.txt for the article's host (default true). */
  respectRobots?: boolean | undefined;
  /** Per-request overrides of the fetch limits. */
  limits?: SourceFetchLimits | undefined;
}

/** Polls sources and fetches article pages: politely, safely, and never throwing. */
export interface Fetcher {
  /** One poll of a source; every failure becomes a `retry` or `broken` outcome with a readable reason. */
  poll(source: SourceConfig, validators: SourceValidators): Promise<PollOutcome>;
  /** Fetches an article page and extracts its main text, title and canonical URL. */
  fetchArticle(url: string, request?: ArticleRequest): Promise<ArticleOutcome>;
  close(): Promise<void>;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Builds the fetcher used by the pipeline. */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const { allow, perHostDelayMs, robots: robotsOptions, ...fetchOptions } = options;
  const http = new SafeFetcher({
    ...DEFAULT_FETCH_OPTIONS,
    ...stripUndefined(fetchOptions),
    policy: new AddressPolicy(allow ?? []),
  });
  const limiter = new HostLimiter(perHostDelayMs ?? 1000);
  const run = <T>(host: string, task: () => Promise<T>): Promise<T> => limiter.run(host, task);
  const robots = new RobotsCache(http, { timeoutMs: http.options.timeoutMs, ...robotsOptions }, run);

  /** Undefined when robots.txt allows the URL, else the outcome that stops the fetch. */
  async function robotsBlock(url: string): Promise<Extract<PollOutcome, { kind: 'retry' | 'broken' }> | undefined> {
    const verdict = await robots.check(url);
    if (verdict.kind === 'allowed') {
      if (verdict.crawlDelayMs) limiter.setDelay(hostOf(url), verdict.crawlDelayMs);
      return undefined;
    }
    return verdict.kind === 'disallowed' ? { kind: 'broken', reason: verdict.reason } : { kind: 'retry', reason: verdict.reason };
  }

  return {
    async poll(source, validators) {
      try {
        if (source.kind === 'html' && source.respectRobots) {
          const blocked = await robotsBlock(source.url);
          if (blocked) return blocked;
        }
        const response = await run(hostOf(source.url), () =>
          http.fetch({
            url: source.url,
            accept: source.kind === 'html' ? HTML_ACCEPT : FEED_ACCEPT,
            headers: conditionalHeaders(validators),
            limits: source.limits,
          }),
        );
        const early = classifyResponse(response);
        if (early) return early;
        const text = decodeBody(response.body, response.headers['content-type']);
        let items;
        let ttlMinutes: number | undefined;
        if (source.kind === 'html') {
          const selectors = source.selectors ?? { item: 'a[href]' };
          items = parseHtmlListing(text, response.url, selectors);
          if (items.length === 0) {
            return { kind: 'broken', status: response.status, reason: `the page has no items matching "${selectors.item}"; the site layout may have changed` };
          }
        } else {
          refuseHtmlAsFeed(response, text);
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

    async fetchArticle(url, request = {}) {
      try {
        if (request.respectRobots ?? true) {
          const blocked = await robotsBlock(url);
          if (blocked) return blocked;
        }
        const response = await run(hostOf(url), () => http.fetch({ url, accept: HTML_ACCEPT, limits: request.limits }));
        const early = classifyResponse(response);
        if (early) {
          return early.kind === 'not-modified' ? { kind: 'retry', status: 304, reason: 'the server answered 304 Not Modified to an unconditional request' } : early;
        }
        const article = extractArticle(decodeBody(response.body, response.headers['content-type']), response.url);
        return { kind: 'ok', status: response.status, url: response.url, ...article };
      } catch (err) {
        return classifyError(err);
      }
    },

    close: () => http.close(),
  };
}

/** A feed URL that now serves an HTML page (a moved feed, a login wall) gets a plain explanation. */
function refuseHtmlAsFeed(response: FetchResponse, text: string): void {
  const type = (response.headers['content-type'] ?? '').toLowerCase();
  if (/^\s*(<!doctype html|<html)/i.test(text.slice(0, 512)) || (type.startsWith('text/html') && !/^\s*(<\?xml|<rss|<feed|<rdf|\{)/i.test(text.slice(0, 512)))) {
    throw new FeedParseError('the address returned an HTML page, not a feed; the feed may have moved');
  }
}

function conditionalHeaders(v: SourceValidators): Record<string, string> {
  const headers: Record<string, string> = {};
  if (v.etag) headers['if-none-match'] = v.etag;
  if (v.lastModified) headers['if-modified-since'] = v.lastModified;
  return headers;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
