import { describe, expect, it } from 'vitest';
import { classifyError, classifyResponse, FeedParseError, FetchError, nextPollDelay, parseRetryAfter, type FetchResponse, type PollOutcome } from '../src/index.ts';
import { isReadableReason } from './helpers/sources.ts';

const res = (status: number, headers: Record<string, string> = {}): FetchResponse => ({ status, headers, body: Buffer.alloc(0), url: 'https://e.org/' });
const NOW = Date.parse('2024-08-04T10:00:00Z');

describe('classifyResponse: the one table of HTTP outcomes', () => {
  it.each([
    [200, {}, undefined],
    [204, {}, undefined],
    [304, { 'cache-control': 'max-age=120' }, { kind: 'not-modified', refreshAfterMs: 120_000 }],
    [301, {}, { kind: 'broken', reason: expect.stringMatching(/redirect \(HTTP 301\) without a usable Location/) }],
    [401, {}, { kind: 'broken', reason: expect.stringMatching(/refuses access \(HTTP 401\)/) }],
    [403, {}, { kind: 'broken', reason: expect.stringMatching(/refuses access \(HTTP 403\)/) }],
    [404, {}, { kind: 'broken', reason: expect.stringMatching(/no longer exists \(HTTP 404\)/) }],
    [408, {}, { kind: 'retry' }],
    [410, {}, { kind: 'broken', reason: expect.stringMatching(/gone for good \(HTTP 410\)/) }],
    [418, {}, { kind: 'broken', reason: 'unexpected HTTP status 418' }],
    [429, { 'retry-after': '30' }, { kind: 'retry', retryAfterMs: 30_000, reason: expect.stringMatching(/retrying in 30 s/) }],
    [429, {}, { kind: 'retry', retryAfterMs: undefined }],
    [500, {}, { kind: 'retry', reason: expect.stringMatching(/HTTP 500/) }],
    [503, { 'retry-after': 'Sun, 04 Aug 2024 10:05:00 GMT' }, { kind: 'retry', retryAfterMs: 300_000 }],
  ])('HTTP %i %j', (status, headers, expected) => {
    const out = classifyResponse(res(status, headers), NOW);
    if (expected === undefined) return expect(out).toBeUndefined();
    expect(out).toMatchObject({ ...expected, status });
    if (out && 'reason' in out) expect(isReadableReason(out.reason)).toBe(true);
  });
});

describe('classifyError', () => {
  it.each([
    ['timeout', 'retry'],
    ['connect', 'retry'],
    ['dns', 'retry'],
    ['refused-address', 'broken'],
    ['too-large', 'broken'],
    ['too-many-redirects', 'broken'],
    ['bad-url', 'broken'],
    ['decode', 'broken'],
  ] as const)('FetchError %s → %s', (code, kind) => {
    expect(classifyError(new FetchError('some readable sentence', code))).toEqual({ kind, reason: 'some readable sentence', status: undefined });
  });
  it('a FeedParseError is broken; anything else is retried with its first line only', () => {
    expect(classifyError(new FeedParseError('not a feed'))).toEqual({ kind: 'broken', reason: 'not a feed' });
    const out = classifyError(new Error('boom\n    at x (y.ts:1:2)'));
    expect(out).toEqual({ kind: 'retry', reason: 'unexpected error: boom' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores junk, never negative', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('Sun, 04 Aug 2024 10:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Sun, 04 Aug 2024 09:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('nextPollDelay', () => {
  const every = 10 * 60_000;
  const ok: PollOutcome = { kind: 'ok', status: 200, items: [], etag: null, lastModified: null, bytes: 0 };
  it('uses the interval after success, stretched (never shortened) by the refresh hint, capped at a day', () => {
    expect(nextPollDelay(ok, every, 0)).toBe(every);
    expect(nextPollDelay({ ...ok, refreshAfterMs: 60_000 }, every, 0)).toBe(every);
    expect(nextPollDelay({ ...ok, refreshAfterMs: 30 * 60_000 }, every, 0)).toBe(30 * 60_000);
    expect(nextPollDelay({ kind: 'not-modified', status: 304, refreshAfterMs: 7 * 86_400_000 }, every, 0)).toBe(86_400_000);
  });
  it('backs off exponentially for failing sources, capped at a day', () => {
    const broken: PollOutcome = { kind: 'broken', reason: 'x' };
    expect([0, 1, 2, 3].map((n) => nextPollDelay(broken, every, n))).toEqual([every, 2 * every, 4 * every, 8 * every]);
    expect(nextPollDelay(broken, every, 50)).toBe(86_400_000);
  });
  it('never retries before the server’s Retry-After', () => {
    expect(nextPollDelay({ kind: 'retry', reason: 'x', retryAfterMs: 3 * 3_600_000 }, every, 0)).toBe(3 * 3_600_000);
    expect(nextPollDelay({ kind: 'retry', reason: 'x', retryAfterMs: 1000 }, every, 2)).toBe(4 * every);
  });
});
