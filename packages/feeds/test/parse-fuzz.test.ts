import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody, FeedParseError, parseFeed } from '../src/index.ts';
import { fixture } from './fixtures.ts';

/**
 * Mutated real feeds through decode + parse: byte flips, truncation, tag insertion
 * and deletion. The only acceptable failure is a FeedParseError with a one-line
 * message, and every case finishes within a time bound (no hang, no blowup).
 */
const corpus = [
  ...readdirSync(fixture('rss-parser', 'input'))
    .filter((n) => ['rss-1.rss', 'heise.atom', 'content-encoded.rss', 'narro.rss', 'reddit-atom.rss', 'many-links.rss'].includes(n))
    .map((n) => readFileSync(fixture('rss-parser', 'input', n))),
  readFileSync(fixture('oren.ru', 'iconv.xml')),
  Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'j', items: [{ id: '1', title: 'a', url: 'https://e.org/' }] })),
].map((b) => b.subarray(0, 24 * 1024));

const TAGS = ['<item>', '</item>', '<entry>', '</channel>', '<![CDATA[', ']]>', '<!DOCTYPE x [', '&amp;', '&#0;', '&#xD800;', '<__proto__>', '<?xml version="1.0"?>', '\u0000', '{', '"items":', '<title>', '</rss>'];
const PER_CASE_MS = 2000;

type Mutation = { kind: 'flip'; at: number; byte: number } | { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; tag: number } | { kind: 'delete'; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), tag: fc.nat(TAGS.length - 1) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
);

function apply(buf: Buffer, m: Mutation): Buffer {
  const at = buf.length ? m.at % buf.length : 0;
  switch (m.kind) {
    case 'flip': {
      const copy = Buffer.from(buf);
      copy[at] = m.byte;
      return copy;
    }
    case 'truncate':
      return buf.subarray(0, at);
    case 'insert':
      return Buffer.concat([buf.subarray(0, at), Buffer.from(TAGS[m.tag]!), buf.subarray(at)]);
    case 'delete':
      return Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.len)]);
  }
}

describe('fuzzing decode + parse with mutated real feeds', () => {
  it('never throws anything but a readable FeedParseError, never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(corpus.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (which, mutations) => {
        const bytes = mutations.reduce(apply, corpus[which]!);
        const started = performance.now();
        try {
          const feed = await parseFeed(decodeBody(bytes, 'application/xml'));
          for (const item of feed.items) expect(typeof item.title).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(FeedParseError);
          expect((err as Error).message).not.toContain('\n');
        }
        expect(performance.now() - started).toBeLessThan(PER_CASE_MS);
      }),
      // FUZZ_RUNS / FUZZ_SEED / FUZZ_END_ON_FAILURE=1 (report the first counterexample unshrunk) for longer local hunts.
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), endOnFailure: process.env.FUZZ_END_ON_FAILURE === '1', seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
