/**
 * @tumen/feeds: fetching (safe, polite, encoding-correct) and reading feeds and pages.
 * rss-parser only parses bytes fetched here; it never fetches.
 */
export { createFetcher, type Fetcher, type FetcherOptions, type SourceValidators, type ArticleRequest } from './fetcher.ts';
export { type PollOutcome, nextPollDelay } from './poll-outcome.ts';
export { type ArticleOutcome } from './article-outcome.ts';
export { classifyError, classifyResponse, parseRetryAfter, maxAgeMs } from './classify.ts';
export { AddressPolicy, internalAddressKind } from './http/address-policy.ts';
export {
  SafeFetcher,
  DEFAULT_FETCH_OPTIONS,
  type FetchOptions,
  type FetchLimits,
  type FetchRequest,
  type FetchResponse,
} from './http/safe-fetch.ts';
export { FetchError, type FetchErrorCode } from './http/errors.ts';
export { HostLimiter } from './host-limiter.ts';
export { RobotsCache, DEFAULT_ROBOTS_OPTIONS, type RobotsOptions, type RobotsVerdict } from './robots.ts';
export {
  decodeBody,
  decodeDocument,
  decideCharset,
  detectCharset,
  normalizeLabel,
  type CharsetDecision,
  type CharsetSource,
  type DecodedBody,
} from './decode.ts';
export { parseContentType, type MediaType } from './content-type.ts';
export { parseFeed, FeedParseError, type ParsedFeed } from './parse-feed.ts';
export { parseJsonFeed, looksLikeJson } from './parse/json-feed.ts';
export { guardXml } from './parse/xml-guard.ts';
export { parseHtmlListing, parseListingDate } from './html-listing.ts';
export { htmlToText, looksLikeHtml } from './html-text.ts';
export { extractArticle, type ExtractedArticle } from './extract-article.ts';
export { canonicalUrl } from './canonical-url.ts';
export {
  normalizedWords,
  shingleSet,
  minhashSignature,
  lshBands,
  estimatedJaccard,
  shingleJaccard,
  isNearDuplicate,
  SHINGLE_WORDS,
  MINHASH_SLOTS,
  LSH_BANDS,
  NEAR_DUPLICATE_MIN_JACCARD,
  NEAR_DUPLICATE_MIN_WORDS,
} from './near-duplicates.ts';
