import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
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

  constructor(readonly options: FetchOptions) {
    this.agent = new Agent({
      connect: { lookup: this.checkedLookup },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connections: 4,
    });
  }

  private readonly checkedLookup = (
    hostname: string,
    opts: { port?: number } & Record<string, unknown>,
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(new FetchError(`could not resolve ${hostname} (${err.code ?? err.message})`, 'dns', { cause: err }), []);
      const list = addresses as LookupAddress[];
      const port = Number(opts.port ?? 0);
      const allowed = list.filter((a) => !this.options.policy.refusal(a.address, hostname, port));
      if (allowed.length === 0) {
        const why = this.options.policy.refusal(list[0]!.address, hostname, port);
        return callback(new FetchError(`refused to connect to ${hostname}: ${why}`, 'refused-address'), []);
      }
      if ((opts as { all?: boolean }).all) callback(null, allowed);
      else callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };

  /** GETs a URL, following up to `maxRedirects` redirects, each one checked. */
  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    let url = req.url;
    for (let hop = 0; ; hop++) {
      const target = checkUrl(url, this.options.policy);
      const response = await this.once(target, req, deadline);
      if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
        discard(response.body);
        if (hop >= this.options.maxRedirects) {
          throw new FetchError(`gave up after ${this.options.maxRedirects} redirects`, 'too-many-redirects');
        }
        url = new URL(String(response.headers.location), target).href;
        continue;
      }
      const headers = flattenHeaders(response.headers);
      const body = await this.readBody(response, headers, deadline);
      return { status: response.statusCode, headers, body, url: target.href };
    }
  }

  private async once(target: URL, req: FetchRequest, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    try {
      return await request(target, {
        method: 'GET',
        dispatcher: this.agent,
        signal,
        headers: {
          'user-agent': this.options.userAgent,
          accept: req.accept ?? '*/*',
          'accept-encoding': 'gzip, deflate, br',
          ...req.headers,
        },
      });
    } catch (err) {
      throw classifyNetworkError(err, target, this.options.timeoutMs);
    }
  }

  private async readBody(response: Dispatcher.ResponseData, headers: Record<string, string>, signal: AbortSignal): Promise<Buffer> {
    const declared = Number(headers['content-length']);
    const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
    if (!encoding && Number.isFinite(declared) && declared > this.options.maxBytes) {
      discard(response.body);
      throw new FetchError(`the response is ${declared} bytes, over the ${this.options.maxBytes}-byte limit`, 'too-large');
    }
    let stream: Readable = response.body;
    const decoder = decompressor(encoding);
    if (decoder) stream = response.body.pipe(decoder);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > this.options.maxBytes) {
          throw new FetchError(`the response exceeds the ${this.options.maxBytes}-byte limit${decoder ? ' after decompression' : ''}`, 'too-large');
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      discard(response.body);
      discard(stream);
      if (err instanceof FetchError) throw err;
      if (signal.aborted) throw new FetchError(`no complete response within ${this.options.timeoutMs / 1000} s`, 'timeout');
      if (decoder) throw new FetchError(`the ${encoding} body could not be decompressed`, 'decode', { cause: err });
      throw classifyNetworkError(err, undefined, this.options.timeoutMs);
    }
    return Buffer.concat(chunks, size);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** Drops a body we will not read; its late errors must not crash the process. */
function discard(stream: Readable): void {
  stream.on('error', () => {});
  stream.destroy();
}

function decompressor(encoding: string): Transform | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return undefined;
}

/** Rejects non-http(s) URLs and literal IPs the policy refuses (lookup is skipped for those). */
function checkUrl(url: string, policy: AddressPolicy): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FetchError(`"${url}" is not a valid URL`, 'bad-url');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new FetchError(`only http and https URLs are fetched, not ${target.protocol}`, 'bad-url');
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    const why = policy.refusal(host, host, port);
    if (why) throw new FetchError(`refused to connect to ${host}: ${why}`, 'refused-address');
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
