import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSources } from '@tumen/core';
import { describe, expect, it } from 'vitest';

const file = fileURLToPath(new URL('../../../config/sources.yaml', import.meta.url));

describe('config/sources.yaml (the default source list)', () => {
  const sources = parseSources(readFileSync(file, 'utf8'), 'config/sources.yaml');

  it('parses with parseSources', () => expect(sources.length).toBeGreaterThanOrEqual(15));

  it('covers the beat: wires, specialists, Russian and Korean feeds, KCNA and Rodong as html', () => {
    const ids = new Set(sources.map((s) => s.id));
    for (const id of ['yonhap-en-nk', 'yonhap-ko-nk', 'nk-news', 'kcna-watch', '38-north', 'tass-en', 'tass-ru', 'kcna-latest', 'rodong-en']) expect(ids).toContain(id);
    expect(sources.filter((s) => s.kind === 'html').every((s) => s.selectors && s.respectRobots)).toBe(true);
    expect(new Set(sources.map((s) => s.language))).toEqual(new Set(['en', 'ko', 'ru']));
  });

  it('uses intervals between 10 minutes and 1 hour and http(s) URLs', () => {
    for (const s of sources) {
      expect(s.everyMs).toBeGreaterThanOrEqual(10 * 60_000);
      expect(s.everyMs).toBeLessThanOrEqual(60 * 60_000);
      expect(new URL(s.url).protocol).toMatch(/^https?:$/);
    }
  });

  it('reads per-source limits', () => {
    expect(sources.find((s) => s.id === 'kcna-latest')!.limits).toEqual({ timeoutMs: 60_000, maxBytes: undefined, maxRedirects: undefined });
    expect(sources.find((s) => s.id === 'tass-en')!.limits).toBeUndefined();
  });

  it('rejects bad limits with a message naming the field', () => {
    const bad = 'sources:\n  - id: x\n    name: X\n    url: https://e.org/feed\n    timeout: forever\n';
    expect(() => parseSources(bad, 'bad.yaml')).toThrow(/timeout/);
  });
});
