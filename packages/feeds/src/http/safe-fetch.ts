import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate, gunzipSync } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { Agent, buildConnector, request, type Dispatcher } from 'undici';
import { AddressPolicy } from './address-policy.ts';
import { FetchError } from './errors.ts';

/** Limits and identity for every request Tumen makes. */
export interface FetchOptions {
  policy: AddressPolicy;
  userAgent: string;
  /** Total deadline per request, headers and body included (a slow drip ends here). */
  timeoutMs: number;
  /** Largest body accepted, after decompression. */
  maxBytes: number;
  maxRedirects: number;
}

/** The limits one request may override (per source). */
export type FetchLimits = Pick<FetchOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects'>;

/** Defaults from the issue: 30 s total, 10 MB after decompression, 5 redirects. */
export const DEFAULT_FETCH_OPTIONS: Omit<FetchOptions, 'policy'> = {
  userAgent: 'Tumen/0.1 (+https://github.com/tumen-news/tumen; news monitoring)',
  timeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
};

export interface FetchRequest {
  url: string;
  headers?: Record<string, string>;
  accept?: string;
  /** Per-request overrides of the client's limits. */
  limits?: Partial<FetchLimits> | undefined;
}

/** A completed HTTP exchange; the body is already decompressed. */
export interface FetchResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL after redirects. */
  url: string;
}

/**
 * An HTTP client that cannot be turned against the network it runs in: every
 * connection is checked against the {@link AddressPolicy} using the address actually
 * connected to (one checked DNS lookup, no second resolution), on every redirect hop.
 */
export class SafeFetcher {
  private readonly agent: Agent;
  /** One connector per port, so the checked lookup knows the port for `host:port` allow entries. */
  private readonly connectors = new Map<number, buildConnector.connector>();

  constructor(readonly options: FetchOptions) {
    this.agent = new Agent({
      connect: (opts, callback) => {
        const port = Number(opts.port || (opts.protocol === 'https:' ? 443 : 80));
        let connector = this.connectors.get(port);
        if (!connector) {
          connector = buildConnector({ lookup: this.checkedLookup(port) as never });
          this.connectors.set(port, connector);
        }
        connector(opts, callback);
      },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connections: 4,
    });
  }

  /**
   * The DNS lookup used for every connection: resolves once, drops refused
   * addresses, and hands only allowed ones to the socket, so the address checked is
   * the address connected to (no second resolution a rebinding DNS could change).
   */
  private checkedLookup(port: number) {
    return (
      hostname: string,
      opts: Record<string, unknown>,
      callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
    ): void => {
      dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
        if (err) return callback(new FetchError(`could not resolve ${hostname} (${err.code ?? err.message})`, 'dns', { cause: err }), []);
        const list = addresses as LookupAddress[];
        const allowed = list.filter((a) => !this.options.policy.refusal(a.address, hostname, port));
        if (allowed.length === 0) {
          const why = list[0] ? this.options.policy.refusal(list[0].address, hostname, port) : 'it has no address';
          return callback(new FetchError(`refused to connect to ${hostname}: ${why}`, 'refused-address'), []);
        }
        if ((opts as { all?: boolean }).all) callback(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      });
    };
  }

  /**
   * GETs a URL, following up to `maxRedirects` redirects, each hop checked against
   * the policy. Throws a {@link FetchError} with a readable message on any failure;
   * the deadline covers every hop, the headers and the whole body.
   */
  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const limits: FetchLimits = {
      timeoutMs: req.limits?.timeoutMs ?? this.options.timeoutMs,
      maxBytes: req.limits?.maxBytes ?? this.options.maxBytes,
      maxRedirects: req.limits?.maxRedirects ?? this.options.maxRedirects,
    };
    const deadline = AbortSignal.timeout(limits.timeoutMs);
    let url = req.url;
    for (let hop = 0; ; hop++) {
      const target = checkUrl(url, this.options.policy);
      const response = await this.once(target, req, deadline, limits);
      const location = response.headers.location;
      if (response.statusCode >= 300 && response.statusCode < 400 && location) {
        discard(response.body);
        if (hop >= limits.maxRedirects) {
          throw new FetchError(`gave up after ${limits.maxRedirects} redirects (last to ${String(location).slice(0, 200)})`, 'too-many-redirects');
        }
        url = resolveLocation(String(location), target);
        continue;
      }
      const headers = flattenHeaders(response.headers);
      const body = await readBody(response, headers, deadline, limits);
      return { status: response.statusCode, headers, body, url: target.href };
    }
  }

  private async once(target: URL, req: FetchRequest, signal: AbortSignal, limits: FetchLimits): Promise<Dispatcher.ResponseData> {
    try {
      return await request(target, {
        method: 'GET',
        dispatcher: this.agent,
        signal,
        headersTimeout: limits.timeoutMs,
        bodyTimeout: limits.timeoutMs,
        headers: {
          'user-agent': this.options.userAgent,
          accept: req.accept ?? '*/*',
          'accept-encoding': 'gzip, deflate, br',
          ...req.headers,
        },
      });
    } catch (err) {
      throw classifyNetworkError(err, target, limits.timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * Streams the body through the decompressor, counting decompressed bytes, and stops
 * at the limit: a declared oversize body is refused before reading, an undeclared
 * one (or a decompression bomb) as soon as it passes the limit. Memory stays below
 * `maxBytes` plus one chunk.
 */
async function readBody(response: Dispatcher.ResponseData, headers: Record<string, string>, signal: AbortSignal, limits: FetchLimits): Promise<Buffer> {
  const { maxBytes, timeoutMs } = limits;
  const declared = Number(headers['content-length']);
  const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  if (!encoding && Number.isFinite(declared) && declared > maxBytes) {
    discard(response.body);
    throw new FetchError(`the response is ${declared} bytes, over the ${maxBytes}-byte limit`, 'too-large');
  }
  const decoder = decompressor(encoding);
  if (decoder === null) {
    discard(response.body);
    throw new FetchError(`the server used an unsupported content encoding "${encoding.slice(0, 40)}"`, 'decode');
  }
  const stream: Readable = decoder ? response.body.pipe(decoder) : response.body;
  // A pipe does not forward errors: surface the source's (abort, reset) through the decoder.
  if (decoder) response.body.on('error', (err) => decoder.destroy(err));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        throw new FetchError(`the response exceeds the ${maxBytes}-byte limit${decoder ? ' after decompression' : ''}`, 'too-large');
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    discard(response.body);
    discard(stream);
    if (err instanceof FetchError) throw err;
    if (signal.aborted) throw new FetchError(`no complete response within ${timeoutMs / 1000} s`, 'timeout');
    if (decoder) throw new FetchError(`the ${encoding} body could not be decompressed`, 'decode', { cause: err });
    throw classifyNetworkError(err, undefined, timeoutMs);
  }
  const body = Buffer.concat(chunks, size);
  return encoding ? body : gunzipIfMagic(body, maxBytes);
}

/** Some servers send .gz files as the feed without Content-Encoding; unpack those, bounded. */
function gunzipIfMagic(body: Buffer, maxBytes: number): Buffer {
  if (body[0] !== 0x1f || body[1] !== 0x8b || body[2] !== 0x08) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FetchError(`the gzip file exceeds the ${maxBytes}-byte limit after decompression`, 'too-large');
    }
    throw new FetchError('the gzip file could not be decompressed', 'decode', { cause: err });
  }
}

/** Drops a body we will not read; its late errors must not crash the process. */
function discard(stream: Readable): void {
  stream.on('error', () => {});
  stream.destroy();
}

/** The decompressor for a Content-Encoding; undefined for none, null for one we cannot read. */
function decompressor(encoding: string): Transform | undefined | null {
  if (!encoding || encoding === 'identity') return undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return null;
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new FetchError(`the server redirected to an invalid address "${location.slice(0, 200)}"`, 'bad-url');
  }
}

/** Rejects non-http(s) URLs and literal IPs the policy refuses (lookup is skipped for those). */
function checkUrl(url: string, policy: AddressPolicy): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FetchError(`"${url.slice(0, 200)}" is not a valid URL`, 'bad-url');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new FetchError(`only http and https URLs are fetched, not ${target.protocol.slice(0, 20)}`, 'bad-url');
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    const why = policy.refusal(host, host, port);
    if (why) throw new FetchError(`refused to connect to ${host}: ${why}`, 'refused-address');
  } else if (!host) {
    throw new FetchError(`"${url.slice(0, 200)}" has no host`, 'bad-url');
  }
  return target;
}

function classifyNetworkError(err: unknown, target: URL | undefined, timeoutMs: number): FetchError {
  if (err instanceof FetchError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof FetchError) return cause;
  const e = err as { name?: string; code?: string; message?: string };
  const where = target ? ` to ${target.host}` : '';
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code?.startsWith('UND_ERR_') && /TIMEOUT/.test(e.code)) {
    return new FetchError(`no complete response${where} within ${timeoutMs / 1000} s`, 'timeout', { cause: err });
  }
  if (e.code === 'ECONNREFUSED') return new FetchError(`the connection${where} was refused`, 'connect', { cause: err });
  if (e.code === 'ECONNRESET' || e.code === 'UND_ERR_SOCKET') return new FetchError(`the connection${where} was reset`, 'connect', { cause: err });
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new FetchError(`could not resolve ${target?.hostname ?? 'the host'}`, 'dns', { cause: err });
  return new FetchError(`the request${where} failed (${e.code ?? e.message ?? 'unknown error'})`, 'connect', { cause: err });
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}
