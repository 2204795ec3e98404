import robotsParser from 'robots-parser';
import type { SafeFetcher } from './http/safe-fetch.ts';
import { decodeBody } from './decode.ts';

/** What robots.txt says about one URL. */
export type RobotsVerdict =
  | { kind: 'allowed'; crawlDelayMs?: number | undefined }
  | { kind: 'disallowed'; reason: string }
  /** robots.txt could not be read (5xx, network); RFC 9309 says assume everything is disallowed for now. */
  | { kind: 'unreachable'; reason: string };

type Rules = { isAllowed(url: string, ua?: string): boolean | undefined; getCrawlDelay(ua?: string): number | undefined };

interface CacheEntry {
  expires: number;
  rules?: Rules | undefined;
  /** Set when the fetch failed (server error, network): the reason, cached briefly. */
  failure?: string | undefined;
}

export interface RobotsOptions {
  /** Product token matched against `User-agent:` lines. */
  agent: string;
  /** How long a fetched robots.txt is trusted (RFC 9309 suggests at most 24 h). */
  ttlMs: number;
  /** How long a failed robots.txt fetch is remembered before trying again. */
  failureTtlMs: number;
  /** robots.txt larger than this is cut (RFC 9309 requires reading at least 500 KiB). */
  maxBytes: number;
  timeoutMs: number;
}

export const DEFAULT_ROBOTS_OPTIONS: RobotsOptions = {
  agent: 'Tumen',
  ttlMs: 12 * 60 * 60_000,
  failureTtlMs: 15 * 60_000,
  maxBytes: 512 * 1024,
  timeoutMs: 15_000,
};

/**
 * robots.txt per origin, fetched through the same safe client as everything else
 * and cached with a TTL. 4xx means no rules (allowed); 5xx or a network failure
 * means "disallowed for now" (RFC 9309 §2.3.1.4), reported as unreachable so the
 * caller retries later instead of calling the source broken.
 */
export class RobotsCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<CacheEntry>>();
  readonly options: RobotsOptions;

  constructor(
    private readonly http: SafeFetcher,
    options: Partial<RobotsOptions> = {},
    private readonly run: <T>(host: string, task: () => Promise<T>) => Promise<T> = (_host, task) => task(),
  ) {
    this.options = { ...DEFAULT_ROBOTS_OPTIONS, ...options };
  }

  /** Whether Tumen may fetch `url`. Never throws. */
  async check(url: string, now = Date.now()): Promise<RobotsVerdict> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { kind: 'allowed' };
    }
    const entry = await this.entry(target, now);
    if (entry.failure) return { kind: 'unreachable', reason: entry.failure };
    if (!entry.rules) return { kind: 'allowed' };
    if (entry.rules.isAllowed(target.href, this.options.agent) === false) {
      return {
        kind: 'disallowed',
        reason: `robots.txt of ${target.host} does not allow Tumen to read ${target.pathname}; set respect_robots: false only if the site permits it`,
      };
    }
    const delay = entry.rules.getCrawlDelay(this.options.agent);
    return { kind: 'allowed', crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay, 60) * 1000 : undefined };
  }

  private async entry(target: URL, now: number): Promise<CacheEntry> {
    const origin = target.origin;
    const cached = this.entries.get(origin);
    if (cached && cached.expires > now) return cached;
    let pending = this.inflight.get(origin);
    if (!pending) {
      pending = this.load(target, now).finally(() => this.inflight.delete(origin));
      this.inflight.set(origin, pending);
    }
    const entry = await pending;
    this.entries.set(origin, entry);
    return entry;
  }

  private async load(target: URL, now: number): Promise<CacheEntry> {
    const robotsUrl = `${target.origin}/robots.txt`;
    try {
      const response = await this.run(target.host, () =>
        this.http.fetch({
          url: robotsUrl,
          accept: 'text/plain, */*;q=0.5',
          limits: { maxBytes: this.options.maxBytes, timeoutMs: this.options.timeoutMs },
        }),
      );
      if (response.status >= 200 && response.status < 300) {
        return { expires: now + this.options.ttlMs, rules: robotsParser(robotsUrl, decodeBody(response.body, response.headers['content-type'])) };
      }
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        return { expires: now + this.options.ttlMs };
      }
      return { expires: now + this.options.failureTtlMs, failure: `robots.txt of ${target.host} could not be read (HTTP ${response.status}); Tumen will try again later` };
    } catch (err) {
      const why = (err as Error)?.message ?? String(err);
      const code = (err as { code?: string }).code;
      if (code === 'too-large') {
        // An oversize robots.txt is a server quirk, not a ban: treat like no rules rather than block the source forever.
        return { expires: now + this.options.ttlMs };
      }
      if (code === 'refused-address' || code === 'bad-url') {
        // The page fetch to this origin fails the same way, with the precise reason; no rules to report here.
        return { expires: now + this.options.failureTtlMs };
      }
      return { expires: now + this.options.failureTtlMs, failure: `robots.txt of ${target.host} could not be read (${why}); Tumen will try again later` };
    }
  }
}
