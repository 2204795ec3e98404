import { readdirSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy, DEFAULT_FETCH_OPTIONS, SafeFetcher, decodeDocument, htmlToText, parseFeed, normalizeLabel, FeedParseError } from '../src/index.ts';
import { fixture } from './fixtures.ts';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopback-server.ts';

/**
 * Every feedparser charset fixture, served from a real loopback server with the
 * Content-Type its leading comment names, fetched with Tumen's client, decoded, and
 * checked against the comment's `Expect:` line:
 * - `encoding == 'x'`: Tumen's charset equals x, up to the superset Tumen decodes
 *   with instead (EUC-KR→CP949, GB2312→GB18030, ISO-8859-1→windows-1252,
 *   TIS-620→windows-874; the same letters, more of them), and the text equals x's decoding;
 * - `feed['title'] == …`, `entries[0]['description'] == …`, `ord(…) == n`: the parsed
 *   feed has that text (Tumen stores plain text, so the expected value goes through
 *   htmlToText; when that leaves nothing, e.g. `<img alt="년" />`, the decoded document
 *   must contain the character instead);
 * - only `bozo` or `1` (crash tests): decoding and parsing end without an exception
 *   other than a FeedParseError. Tumen has no bozo flag; charset doubts are in `warning`.
 * The comment is read from the decoded text, so a UTF-16/32 file whose decoding is
 * wrong fails for want of its Expect line.
 */
const DIRS = ['encoding', 'illformed-chardet'];

/** Content-level repairs feedparser makes after decoding (not charset questions); Tumen does not make them. */
const KNOWN_GAPS: Record<string, string> = {
  'double-encoded-html.xml': 'feedparser repairs UTF-8 read as Latin-1 inside entities; Tumen keeps the text as sent',
  'bozo_double-encoded-html.xml': 'same repair as double-encoded-html',
  'bozo_linenoise.xml': 'feedparser sanitizes "<>" out of summaries and decodes byte 0x9D as U+009D; Tumen keeps "<>" and uses U+FFFD',
  'tis620.xml': 'chardet guesses ISO-8859-1 for this short undeclared Thai text',
};

/** The decoder Tumen uses for a label feedparser reports. */
const SUPERSET: Record<string, string> = { 'iso-8859-8': 'windows-1255' };
const same = (ours: string, theirs: string): boolean => {
  const a = normalizeLabel(ours) ?? ours;
  const b = normalizeLabel(theirs) ?? theirs;
  return a === b || SUPERSET[a] === b || SUPERSET[b] === a || (a === 'utf-16' && /^utf-16[bl]e$/.test(b)) || (a === 'utf-32' && /^utf-32[bl]e$/.test(b));
};

/** Reads a Python string literal ('…' with \xNN and \uNNNN escapes). */
function pyString(literal: string): string {
  return literal.slice(1, -1).replace(/\\x([0-9a-f]{2})|\\u([0-9a-f]{4})|\\(['"\\])/gi, (_, x, u, c) => (x ? String.fromCharCode(parseInt(x, 16)) : u ? String.fromCharCode(parseInt(u, 16)) : c));
}

let server: LoopbackServer;
let http: SafeFetcher;
const files = DIRS.flatMap((dir) => readdirSync(fixture('feedparser', dir)).map((name) => ({ dir, name, bytes: readFileSync(fixture('feedparser', dir, name)) })));
/** The raw comment header is ASCII in every 8-bit file, so the Content-Type can be read before decoding. */
const headerOf = (bytes: Buffer): string | undefined => {
  const ascii = bytes.toString('latin1').replace(/\0/g, '');
  return /^Header:\s*Content-type:\s*(.*)$/im.exec(ascii)?.[1]?.trim();
};

beforeAll(async () => {
  const routes: Record<string, (req: unknown, res: import('node:http').ServerResponse) => void> = {};
  for (const f of files) {
    const type = headerOf(f.bytes);
    routes[`/${f.dir}/${f.name}`] = (_req, res) => res.writeHead(200, type ? { 'content-type': type } : {}).end(f.bytes);
  }
  server = await startLoopbackServer(routes);
  http = new SafeFetcher({ ...DEFAULT_FETCH_OPTIONS, timeoutMs: 5000, policy: new AddressPolicy(['127.0.0.1/32']) });
});
afterAll(async () => {
  await http?.close();
  await server?.close();
});

describe('feedparser charset fixtures, served over loopback', () => {
  it('walks all 90 files', () => expect(files.length).toBe(90));

  for (const { dir, name, bytes } of files) {
    const gap = dir === 'encoding' || dir === 'illformed-chardet' ? KNOWN_GAPS[name] : undefined;
    it(`${dir}/${name}${gap ? ` (known gap: ${gap})` : ''}`, async () => {
      const response = await http.fetch({ url: `${server.origin}/${dir}/${name}` });
      expect(response.body.equals(bytes)).toBe(true);
      const decoded = decodeDocument(response.body, response.headers['content-type']);
      const expectLine = /^Expect:\s*(.*)$/m.exec(decoded.text)?.[1]?.trim();
      expect(expectLine, 'the Expect line must be readable after decoding').toBeTruthy();
      const feed = await parseFeed(decoded.text).catch((err: unknown) => {
        if (err instanceof FeedParseError) return undefined;
        throw err;
      });

      const enc = /encoding == '([^']+)'/.exec(expectLine!)?.[1];
      if (enc) {
        if (gap) {
          expect(same(decoded.charset, enc)).toBe(false); // still a gap: update KNOWN_GAPS when this starts failing
          return;
        }
        expect(same(decoded.charset, enc), `${decoded.charset} vs ${enc}`).toBe(true);
        const label = normalizeLabel(enc) ?? enc;
        if (!/^utf-(16|32)/.test(label)) expect(decoded.text).toBe(iconv.decode(bytes, label === 'us-ascii' ? 'windows-1252' : label, { stripBOM: true }));
      }
      const title = /feed\['title'\] == ('(?:[^'\\]|\\.)*')/.exec(expectLine!)?.[1];
      if (title) expect(feed?.title).toBe(pyString(title));
      const desc = /entries\[0\](?:\['description'\]|\.summary) == ('(?:[^'\\]|\\.)*')/.exec(expectLine!)?.[1];
      const ord = /ord\(entries\[0\]\['description'\]\) == (\d+)/.exec(expectLine!)?.[1];
      if (gap && (desc || ord)) {
        expect(feed?.items[0]?.text).not.toBe(ord ? String.fromCharCode(Number(ord)) : htmlToText(pyString(desc!)));
        return;
      }
      if (ord) expect(feed?.items[0]?.text).toBe(String.fromCharCode(Number(ord)));
      if (desc) {
        const want = htmlToText(pyString(desc));
        if (want) expect(feed?.items[0]?.text).toBe(want);
        else expect(decoded.text).toContain(/alt="([^"]*)"/.exec(pyString(desc))![1]!);
      }
    });
  }
});
