import { FeedParseError } from './feed-parse-error.ts';

/**
 * Refuses XML that only an attack would send, before any parser sees it: an internal
 * DTD subset declaring entities (billion laughs, XXE: no feed needs its own
 * entities), and elements named like JavaScript prototype keys, which tree-building
 * parsers turn into object keys. A plain `<!DOCTYPE rss PUBLIC …>` (RSS 0.91) passes.
 */
export function guardXml(xml: string): void {
  const head = xml.slice(0, 64 * 1024);
  if (/<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(head) || /<!ENTITY/i.test(head)) {
    throw new FeedParseError('the document declares its own XML entities (a DTD), which Tumen refuses to expand');
  }
  const bad = /<\/?(?:[\w.-]+:)?(__proto__|constructor|prototype)[\s/>]/.exec(xml);
  if (bad) {
    throw new FeedParseError(`the document contains an element named "${bad[1]}", which no feed format uses; refused as hostile`);
  }
}
