import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { canonicalUrl } from './canonical-url.ts';
import { htmlToText } from './html-text.ts';

/** The main content of an article page. */
export interface ExtractedArticle {
  title: string;
  /** The article body as plain text, boilerplate dropped. */
  text: string;
  /** `<link rel=canonical>` (or og:url) when present, else the page URL; always run through {@link canonicalUrl}. */
  canonicalUrl: string;
}

/** Never article content: scripts, chrome, navigation, forms, embeds. */
const DROP = [
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'head', 'nav', 'header', 'footer',
  'aside', 'form', 'button', 'select', 'textarea', 'input', 'menu', 'dialog', 'figure > figcaption ~ *',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=complementary]', '[role=dialog]', '[hidden]', '[aria-hidden=true]',
].join(', ');
/** Class or id words that mark page furniture rather than the story. */
const FURNITURE = /(^|[\s_-])(comments?|share|sharing|social|related|recommend|promo|advert|ads?|banner|sidebar|widget|footer|header|nav|navbar|menu|breadcrumbs?|subscribe|newsletter|cookie|popup|modal|tags?|byline-share|most-?read|popular)([\s_-]|$)/i;
/** Explicit article containers, in order of trust. */
const ARTICLE_SELECTORS = ['[itemprop=articleBody]', 'article', '[role=main]', 'main', '.article-body', '.article_body', '.story-body', '#article-body', '.entry-content', '.post-content'];
const MIN_ARTICLE_CHARS = 200;

/**
 * Extracts the main text of an article page: drops scripts, navigation, header,
 * footer, asides, forms and comment/share/related blocks, then takes an explicit
 * article container if it holds enough text, else the block whose paragraphs carry
 * the most text with the fewest links (a small readability-style density score).
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const $ = cheerio.load(html);
  const canonical = pickCanonical($, pageUrl);
  const title = pickTitle($);
  $(DROP).remove();
  $('*').each((_, el) => {
    const marker = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    const tag = el.type === 'tag' ? el.tagName : '';
    if (tag === 'body' || tag === 'html' || tag === 'article' || tag === 'main') return;
    if (FURNITURE.test(marker) && $(el).find('article, [itemprop=articleBody]').length === 0) $(el).remove();
  });
  let best: cheerio.Cheerio<AnyNode> | undefined;
  for (const selector of ARTICLE_SELECTORS) {
    const candidates = $(selector).toArray();
    const biggest = candidates.sort((a, b) => $(b).text().length - $(a).text().length)[0];
    if (biggest && $(biggest).text().replace(/\s+/g, ' ').trim().length >= MIN_ARTICLE_CHARS) {
      best = $(biggest);
      break;
    }
  }
  best ??= densestBlock($);
  const text = best ? htmlToText($.html(best)) : htmlToText($('body').html() ?? '');
  return { title, text, canonicalUrl: canonical };
}

function pickCanonical($: cheerio.CheerioAPI, pageUrl: string): string {
  const href = $('link[rel~=canonical]').attr('href') ?? $('meta[property="og:url"]').attr('content');
  if (href) {
    try {
      const url = new URL(href.trim(), pageUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') return canonicalUrl(url.href);
    } catch {
      // An unusable canonical link is ignored; the page URL stands.
    }
  }
  return canonicalUrl(pageUrl);
}

function pickTitle($: cheerio.CheerioAPI): string {
  const og = $('meta[property="og:title"]').attr('content');
  const h1 = $('article h1, main h1, h1').first().text();
  const title = $('title').first().text();
  return (og || h1 || title || '').replace(/\s+/g, ' ').trim();
}

/** The element whose direct paragraphs hold the most non-link text; parents get half of a child's score. */
function densestBlock($: cheerio.CheerioAPI): cheerio.Cheerio<Element> | undefined {
  const scores = new Map<Element, number>();
  $('p, pre, td, div > br + br').each((_, node) => {
    const el = node.tagName === 'br' ? (node.parent as Element | null) : node;
    const parent = node.tagName === 'br' ? el : (el?.parent as Element | null);
    if (!el || !parent || parent.type !== 'tag') return;
    const text = $(el).text().replace(/\s+/g, ' ').trim();
    if (text.length < 25) return;
    const linkText = $(el).find('a').text().replace(/\s+/g, ' ').length;
    const score = (1 + text.split(/[,，、]/).length + Math.min(text.length / 100, 3)) * (1 - Math.min(linkText / text.length, 1));
    scores.set(parent, (scores.get(parent) ?? 0) + score);
    const grand = parent.parent as Element | null;
    if (grand && grand.type === 'tag') scores.set(grand, (scores.get(grand) ?? 0) + score / 2);
  });
  let best: Element | undefined;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best ? $(best) : undefined;
}
