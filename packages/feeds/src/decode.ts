import iconv from 'iconv-lite';

/**
 * Decodes a response body to text. The charset comes from, in order: a BOM, the
 * Content-Type header, the XML declaration, an HTML meta tag; UTF-8 otherwise.
 */
export function decodeBody(body: Buffer, contentType?: string): string {
  const charset = detectCharset(body, contentType);
  const label = iconv.encodingExists(charset) ? charset : 'utf-8';
  return iconv.decode(body, label, { stripBOM: true });
}

/** The charset label a body declares (lowercase), `utf-8` when it declares none. */
export function detectCharset(body: Buffer, contentType?: string): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return normalizeLabel(fromHeader);
  const head = body.subarray(0, 2048).toString('latin1');
  const fromXml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (fromXml) return normalizeLabel(fromXml);
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  if (fromMeta) return normalizeLabel(fromMeta);
  return 'utf-8';
}

function normalizeLabel(label: string): string {
  const l = label.toLowerCase();
  // Korean sites label CP949 as EUC-KR; CP949 is the superset, so decode with it.
  if (l === 'euc-kr' || l === 'ks_c_5601-1987' || l === 'x-windows-949') return 'cp949';
  return l;
}
