import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle, parseHtmlListing, parseListingDate } from '../src/index.ts';
import { fixture } from './fixtures.ts';

const html = (name: string): string => readFileSync(fixture('html', name), 'utf8');

describe('parseHtmlListing', () => {
  it('reads a KCNA-like listing: relative links resolved, fragments and duplicates dropped, javascript: links skipped, dotted dates', () => {
    const items = parseHtmlListing(html('kcna-listing.html'), 'http://www.kcna.kp/en/category/articles/q/1.kcmsf', {
      item: 'ul.article-link li',
      link: 'a',
      date: '.publish-time',
    });
    expect(items.map((i) => [i.url, i.publishedAt?.toISOString().slice(0, 10)])).toEqual([
      ['http://www.kcna.kp/en/article/q/a713c2df6798b0f051a4fac14e5953be.kcmsf', '2024-08-05'],
      ['http://www.kcna.kp/en/article/q/0c5f9d1e5d8a4d8e9e2b7f3f0a1b2c3d.kcmsf', '2024-07-19'],
    ]);
    expect(items[1]!.title).toBe('Russian Military Delegation Arrives in Pyongyang[2024.07.19.]');
  });

  it('reads a Rodong-like listing against <base href>, with Korean and dotted dates and a separate title selector', () => {
    const items = parseHtmlListing(html('rodong-listing.html'), 'https://rodong.rep.kp/ko/', {
      item: '.ListNewsLineTitleW',
      title: 'a',
      date: '.ListNewsLineDate',
    });
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ url: 'https://rodong.rep.kp/ko/index.php?MTJAMjAyNC0wOC0wNEAwMDFAMUBAMEAxMQ==', title: '조선민주주의인민공화국과 로씨야련방사이의 친선관계 더욱 발전' });
    expect(items.map((i) => i.publishedAt?.toISOString().slice(0, 10))).toEqual(['2024-08-04', '2024-08-03']);
  });

  it.each([
    ['2024.08.04', '2024-08-04T00:00:00.000Z'],
    ['[2024.8.4.]', '2024-08-04T00:00:00.000Z'],
    ['Juche 113 (2024).08.04', '2024-08-04T00:00:00.000Z'],
    ['Juche 113', undefined],
    ['2024년 8월 4일', '2024-08-04T00:00:00.000Z'],
    ['2024-08-04 14:30', '2024-08-04T14:30:00.000Z'],
    ['2024/02/30', undefined],
    ['Sun, 04 Aug 2024 10:00:00 GMT', '2024-08-04T10:00:00.000Z'],
    ['no date', undefined],
  ])('parseListingDate(%s)', (raw, iso) => {
    expect(parseListingDate(raw)?.toISOString()).toBe(iso);
  });
});

describe('extractArticle', () => {
  const article = extractArticle(html('article.html'), 'https://news.example.com/amp/2024/07/19/russian-delegation?utm_medium=x');

  it('keeps the story paragraphs', () => {
    expect(article.text).toContain('A military delegation of the Russian Federation');
    expect(article.text).toContain('comprehensive strategic partnership signed in June');
  });
  it('drops scripts, styles, navigation, header, footer, asides, share and related blocks, forms and comments', () => {
    for (const junk of ['should never appear', 'color: red', 'Home', 'Share on Twitter', 'Most read', 'Earlier: Treaty signed', 'Subscribe', 'Copyright', 'Example News']) {
      expect(article.text).not.toContain(junk);
    }
  });
  it('honors <link rel=canonical>, canonicalized', () => {
    expect(article.canonicalUrl).toBe('https://news.example.com/2024/07/19/russian-delegation');
    expect(article.title).toBe('Russian Military Delegation Arrives in Pyongyang');
  });
  it('falls back to the canonicalized page URL and the densest block when there is no canonical link or article element', () => {
    const body = `<html><body><div id="menu"><a href="/1">One</a> <a href="/2">Two</a></div><div><p>${'Pyongyang and Moscow agreed to expand cooperation, officials said. '.repeat(5)}</p><p>${'The talks lasted two days, and covered trade, energy, and transport. '.repeat(4)}</p></div><div class="links"><p><a href="/x">A link-only paragraph that should not win the density contest at all</a></p></div></body></html>`;
    const a = extractArticle(body, 'https://amp.example.org/news/1.amp?fbclid=1');
    expect(a.canonicalUrl).toBe('https://example.org/news/1');
    expect(a.text).toMatch(/^Pyongyang and Moscow agreed/);
    expect(a.text).toContain('covered trade, energy, and transport');
    expect(a.text).not.toContain('link-only');
  });
});
