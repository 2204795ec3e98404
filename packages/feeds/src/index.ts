/**
 * @tumen/feeds: fetching (safe, polite, encoding-correct) and reading feeds and pages.
 * rss-parser only parses bytes fetched here; it never fetches.
 */
export { createFetcher, type Fetcher, type FetcherOptions, type SourceValidators } from './fetcher.ts';
export { type PollOutcome, nextPollDelay } from './poll-outcome.ts';
export { classifyError, classifyResponse, parseRetryAfter, maxAgeMs } from './classify.ts';
export { AddressPolicy } from './http/address-policy.ts';
export { SafeFetcher, DEFAULT_FETCH_OPTIONS, type FetchOptions, type FetchResponse } from './http/safe-fetch.ts';
export { FetchError, type FetchErrorCode } from './http/errors.ts';
export { HostLimiter } from './host-limiter.ts';
export { decodeBody, detectCharset } from './decode.ts';
export { parseFeed, FeedParseError, type ParsedFeed } from './parse-feed.ts';
export { parseHtmlListing } from './html-listing.ts';
export { htmlToText, looksLikeHtml } from './html-text.ts';
