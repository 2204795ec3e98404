import { FeedParseError } from './feed-parse-error.ts';

/**
 * Refuses XML that only an attack would send, before any parser sees it: an internal
 * DTD subset declaring entities (billion laughs, XXE: no feed needs its own
 * entities), and elements named like JavaScript prototype keys, which tree-building
 * parsers turn into object keys. A plain `<!DOCTYPE rss PUBLIC …>` (RSS 0.91) passes.
 * Also refuses a document with no root element, on which rss-parser never settles.
 */
export function guardXml(xml: string): void {
  const head = xml.slice(0, 64 * 1024);
  if (/<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(head) || /<!ENTITY/i.test(head)) {
    throw new FeedParseError('the document declares its own XML entities (a DTD), which Tumen refuses to expand');
  }
  // Strip the prolog (declaration, comments, PIs, doctype): what remains must start an element.
  const body = head.replace(/^\uFEFF?(\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '');
  if (!/^<[A-Za-z_]/.test(body)) {
    throw new FeedParseError(body.trim() ? 'the document does not start with an XML element; it is not a feed' : 'the document is empty or has nothing after its XML declaration; it may be cut off');
  }
  const bad = /<\/?(?:[\w.-]+:)?(__proto__|constructor|prototype)[\s/>]/.exec(xml);
  if (bad) {
    throw new FeedParseError(`the document contains an element named "${bad[1]}", which no feed format uses; refused as hostile`);
  }
}
