/** Fetching failed for a reason worth telling the user about. `retryable` drives backoff. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly code: FetchErrorCode,
    readonly options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}

export type FetchErrorCode =
  | 'refused-address'
  | 'bad-url'
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'decode'
  | 'parse'
  | 'robots';
