import * as cheerio from 'cheerio';
import type { FeedItem, HtmlSelectors } from '@tumen/core';

/**
 * Reads the items of an HTML listing page with CSS selectors: each `item` element
 * yields a link (resolved against the page URL), a title and an optional date.
 */
export function parseHtmlListing(html: string, pageUrl: string, selectors: HtmlSelectors): FeedItem[] {
  const $ = cheerio.load(html);
  const base = $('base[href]').attr('href');
  const baseUrl = base ? safeUrl(base, pageUrl) ?? pageUrl : pageUrl;
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  $(selectors.item).each((_, el) => {
    const item = $(el);
    const linkEl = selectors.link ? item.find(selectors.link).first() : item.is('a') ? item : item.find('a[href]').first();
    const href = linkEl.attr('href');
    const url = href ? safeUrl(href, baseUrl) : undefined;
    if (!url || seen.has(url)) return;
    const title = (selectors.title ? item.find(selectors.title).first().text() : linkEl.text()).replace(/\s+/g, ' ').trim();
    if (!title) return;
    seen.add(url);
    let publishedAt: Date | undefined;
    if (selectors.date) {
      const dateEl = item.find(selectors.date).first();
      const raw = dateEl.attr('datetime') ?? dateEl.text().trim();
      const parsed = raw ? new Date(raw.replace(/^(\d{4})\.(\d{1,2})\.(\d{1,2})\.?/, '$1-$2-$3')) : undefined;
      if (parsed && !Number.isNaN(parsed.getTime())) publishedAt = parsed;
    }
    items.push({ url, title, text: '', publishedAt });
  });
  return items;
}

function safeUrl(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
