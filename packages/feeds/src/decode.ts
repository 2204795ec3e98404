import iconv from 'iconv-lite';
import chardet from 'chardet';
import { parseContentType } from './content-type.ts';

/** Where the charset used to decode a body came from. */
export type CharsetSource = 'bom' | 'xml-sniff' | 'header' | 'media-type' | 'xml-declaration' | 'html-meta' | 'sniffed' | 'default';

/** The charset a body is decoded with, and why. */
export interface CharsetDecision {
  /** Lowercase iconv-lite label actually used to decode. */
  charset: string;
  source: CharsetSource;
  /** Set when a declared charset was unknown or did not fit the bytes (feedparser's "bozo"). */
  warning?: string | undefined;
}

/** A decoded body and the decision behind it. */
export interface DecodedBody extends CharsetDecision {
  text: string;
}

/**
 * Decodes a response body to text. The charset comes from, in order: a BOM (or the
 * UTF-16/32 pattern of `<?`), the Content-Type charset, the XML declaration, an HTML
 * meta tag, statistical sniffing (for legacy Korean, Russian, Japanese and Chinese
 * pages that declare nothing), UTF-8, windows-1252.
 */
export function decodeBody(body: Buffer, contentType?: string): string {
  return decodeDocument(body, contentType).text;
}

/** Like {@link decodeBody}, also telling which charset was used and why. */
export function decodeDocument(body: Buffer, contentType?: string): DecodedBody {
  const decision = decideCharset(body, contentType);
  const text = iconv.decode(body, decision.charset, { stripBOM: true });
  return { ...decision, text };
}

/** The charset label a body declares or is sniffed as (lowercase), `utf-8` when nothing says otherwise. */
export function detectCharset(body: Buffer, contentType?: string): string {
  return decideCharset(body, contentType).charset;
}

/**
 * Decides the charset following feedparser's reading of RFC 3023 and the WHATWG
 * rules: a candidate is used only when it "fits" the bytes (US-ASCII must be 7-bit,
 * UTF-8 must be valid), otherwise the next one is tried, so a wrong label degrades
 * instead of producing mojibake.
 */
export function decideCharset(body: Buffer, contentType?: string): CharsetDecision {
  const bom = fromBom(body);
  if (bom) return { charset: bom, source: 'bom' };
  const sniffed16 = fromXmlPattern(body);
  if (sniffed16) return { charset: sniffed16, source: 'xml-sniff' };

  const media = parseContentType(contentType);
  const head = body.subarray(0, 4096).toString('latin1');
  const xmlDecl = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']{1,40})["']/i.exec(head)?.[1];
  const isXmlDoc = /^\s*<\?xml/i.test(head);
  const htmlMeta = isXmlDoc ? undefined : fromHtmlMeta(head);

  const candidates: { label: string | undefined; source: CharsetSource }[] = [
    { label: media.charset, source: 'header' },
    // RFC 3023: text/*xml without a charset is US-ASCII, whatever the declaration says; it only
    // fits pure 7-bit bodies, so real feeds with a declared legacy charset fall through to it.
    { label: !media.charset && isTextXml(media.type) ? 'us-ascii' : undefined, source: 'media-type' },
    { label: xmlDecl, source: 'xml-declaration' },
    { label: htmlMeta, source: 'html-meta' },
  ];
  const warnings: string[] = [];
  for (const { label, source } of candidates) {
    if (!label) continue;
    const charset = normalizeLabel(label);
    if (!charset) {
      warnings.push(`unknown charset "${label}" (${source})`);
      continue;
    }
    if (fits(body, charset)) return { charset, source, warning: warnings.join('; ') || undefined };
    warnings.push(`the body is not valid ${charset} (${source})`);
  }
  if (fits(body, 'utf-8')) return { charset: 'utf-8', source: 'default', warning: warnings.join('; ') || undefined };
  const guess = sniff(body);
  warnings.push('no declared charset fits; guessed from the bytes');
  return { charset: guess ?? 'windows-1252', source: guess ? 'sniffed' : 'default', warning: warnings.join('; ') };
}

function fromBom(b: Buffer): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'utf-32le';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'utf-32be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** XML 1.0 appendix F: `<?` in UTF-16 or UTF-32 without a BOM. */
function fromXmlPattern(b: Buffer): string | undefined {
  if (b.length < 4) return undefined;
  const [a, c, d, e] = [b[0], b[1], b[2], b[3]];
  if (a === 0 && c === 0 && d === 0 && e === 0x3c) return 'utf-32be';
  if (a === 0x3c && c === 0 && d === 0 && e === 0) return 'utf-32le';
  if (a === 0 && c === 0x3c && d === 0 && e === 0x3f) return 'utf-16be';
  if (a === 0x3c && c === 0 && d === 0x3f && e === 0) return 'utf-16le';
  return undefined;
}

function fromHtmlMeta(head: string): string | undefined {
  return (
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    undefined
  );
}

function isTextXml(type: string): boolean {
  return type === 'text/xml' || type === 'text/xml-external-parsed-entity' || /^text\/[\w.+-]+\+xml$/.test(type);
}

/**
 * Maps a declared label to the decoder to use. Legacy labels are widened to the
 * superset browsers use, because servers that say EUC-KR or GB2312 send CP949 or
 * GB18030 in practice. Returns undefined for labels iconv-lite does not know.
 */
export function normalizeLabel(label: string): string | undefined {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const wider: Record<string, string> = {
    'euc-kr': 'cp949', euckr: 'cp949', 'ks_c_5601-1987': 'cp949', 'x-windows-949': 'cp949', 'windows-949': 'cp949', uhc: 'cp949',
    gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', 'iso-8859-1': 'windows-1252', latin1: 'windows-1252',
    'us-ascii': 'us-ascii', ascii: 'us-ascii', 'tis-620': 'windows-874', 'iso-8859-11': 'windows-874',
    'x-sjis': 'shift_jis', sjis: 'shift_jis', 'ms_kanji': 'shift_jis', u16: 'utf-16', utf_16: 'utf-16', utf_32: 'utf-32',
  };
  const mapped = wider[l] ?? l;
  if (mapped === 'us-ascii') return mapped;
  return iconv.encodingExists(mapped) ? mapped : undefined;
}

/** Whether decoding `body` as `charset` can be right: 7-bit for ASCII, well-formed for UTF-8. */
function fits(body: Buffer, charset: string): boolean {
  if (charset === 'us-ascii') return !body.some((byte) => byte > 0x7f);
  if (charset === 'utf-8' || charset === 'utf8') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(body);
      return true;
    } catch {
      return false;
    }
  }
  if (charset.startsWith('utf-16') || charset.startsWith('utf-32') || charset === 'utf16' || charset === 'utf32') {
    // A UTF-16/32 label on a body that is not laid out like one (checked by BOM/pattern earlier) is wrong.
    return false;
  }
  return true;
}

/** A statistical guess for bodies that declare nothing usable and are not UTF-8. */
function sniff(body: Buffer): string | undefined {
  const guess = chardet.detect(body.subarray(0, 64 * 1024));
  if (!guess) return undefined;
  return normalizeLabel(guess);
}
