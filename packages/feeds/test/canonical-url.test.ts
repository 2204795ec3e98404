import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../src/index.ts';

describe('canonicalUrl', () => {
  it.each([
    ['https://WWW.NKNews.org/2024/06/story/?utm_source=tw&utm_medium=social#comments', 'https://www.nknews.org/2024/06/story/'],
    ['https://e.org/a?b=2&a=1&fbclid=x&gclid=y&yclid=z&mc_cid=1&mc_eid=2&ref=home', 'https://e.org/a?a=1&b=2'],
    ['https://amp.example.com/news/1', 'https://example.com/news/1'],
    ['https://e.org/news/amp/1234', 'https://e.org/news/1234'],
    ['https://e.org/news/1234/amp', 'https://e.org/news/1234'],
    ['https://e.org/news/1234.amp', 'https://e.org/news/1234'],
    ['https://e.org/news/1234.amp.html', 'https://e.org/news/1234.html'],
    ['https://e.org/news/1234?amp', 'https://e.org/news/1234'],
    ['https://e.org/news/1234?amp=1&id=5', 'https://e.org/news/1234?id=5'],
    ['https://e.org/news?outputType=amp&id=9', 'https://e.org/news?id=9'],
    ['https://e.org/news?outputType=print&id=9', 'https://e.org/news?id=9&outputType=print'],
    ['HTTP://E.ORG:80/x', 'http://e.org/x'],
    ['https://tass.ru/politika/123', 'https://tass.ru/politika/123'],
    ['https://e.org/ampere/lamp', 'https://e.org/ampere/lamp'],
  ])('%s → %s', (input, output) => {
    expect(canonicalUrl(input)).toBe(output);
  });
  it('leaves non-http input alone', () => {
    expect(canonicalUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(canonicalUrl('not a url')).toBe('not a url');
  });
  it('is idempotent', () => {
    const once = canonicalUrl('https://amp.e.org/amp/x.amp?utm_x=1&z=2&a=1#f');
    expect(canonicalUrl(once)).toBe(once);
  });
});
