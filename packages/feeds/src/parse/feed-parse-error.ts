/** A document could not be read as a feed; the message says why in one sentence. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}
