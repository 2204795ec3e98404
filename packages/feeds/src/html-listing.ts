import * as cheerio from 'cheerio';
import type { FeedItem, HtmlSelectors } from '@tumen/core';
import { canonicalUrl } from './canonical-url.ts';

/**
 * Reads the items of an HTML listing page with CSS selectors: each `item` element
 * yields a link (resolved against `<base href>` or the page URL, canonicalized), a
 * title and an optional date. Items without a usable http(s) link or a title are
 * skipped, and a link seen twice on the page is kept once.
 */
export function parseHtmlListing(html: string, pageUrl: string, selectors: HtmlSelectors): FeedItem[] {
  const $ = cheerio.load(html);
  const base = $('base[href]').first().attr('href');
  const baseUrl = base ? (safeUrl(base, pageUrl) ?? pageUrl) : pageUrl;
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  let elements;
  try {
    elements = $(selectors.item);
  } catch {
    // A selector the CSS engine cannot read is a configuration error; say which one.
    throw new ListingSelectorError(`the item selector "${selectors.item}" is not valid CSS`);
  }
  elements.each((_, el) => {
    const item = $(el);
    const linkEl = selectors.link ? item.find(selectors.link).first() : item.is('a[href]') ? item : item.find('a[href]').first();
    const href = linkEl.attr('href');
    const url = href ? safeUrl(href, baseUrl) : undefined;
    if (!url || seen.has(url)) return;
    const title = (selectors.title ? item.find(selectors.title).first().text() : linkEl.text()).replace(/\s+/g, ' ').trim();
    if (!title) return;
    seen.add(url);
    let publishedAt: Date | undefined;
    if (selectors.date) {
      const dateEl = item.find(selectors.date).first();
      publishedAt = parseListingDate(dateEl.attr('datetime') ?? dateEl.text());
    }
    items.push({ url, title, text: '', publishedAt });
  });
  return items;
}

/** A CSS selector in a source's configuration cannot be used. */
export class ListingSelectorError extends Error {
  override name = 'ListingSelectorError';
}

/**
 * Reads the dates listing pages show: ISO (`2024-08-04`, with time), dotted
 * (`2024.08.04`, `2024.8.4.`, as on KCNA and Rodong Sinmun, optionally in brackets,
 * or `Juche 113 (2024).08.04`), slashed, and Korean (`2024년 8월 4일`). Date-only values
 * are midnight UTC. Undefined when nothing date-like is found.
 */
export function parseListingDate(raw: string | undefined): Date | undefined {
  const text = (raw ?? '').trim();
  if (!text) return undefined;
  const ymd = /(\d{4})\)?\s*(?:[.\-/]|년)\s*(\d{1,2})\s*(?:[.\-/]|월)\s*(\d{1,2})(?:\s*일)?\.?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (ymd) {
    const [, y, m, d, hh, mm, ss] = ymd;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0)));
    return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? date : undefined;
  }
  // Date.parse accepts almost anything ("Juche 113" becomes year 113): keep only plausible news dates.
  const parsed = new Date(text);
  const year = parsed.getUTCFullYear();
  return Number.isNaN(parsed.getTime()) || year < 1990 || year > 2100 ? undefined : parsed;
}

function safeUrl(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? canonicalUrl(url.href) : undefined;
  } catch {
    return undefined;
  }
}
