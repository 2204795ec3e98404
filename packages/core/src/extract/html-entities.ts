/**
 * The HTML character references news text actually carries (feeds often double-escape,
 * scrapers leave `&nbsp;` and `&#8217;` behind). Decoding happens inside normalization so
 * evidence offsets still point at the raw `&…;` in the original text.
 */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  ndash: '\u2013', mdash: '\u2014', minus: '\u2212', hellip: '\u2026', middot: '\u00b7', bull: '\u2022',
  lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a', ldquo: '\u201c', rdquo: '\u201d', bdquo: '\u201e',
  laquo: '\u00ab', raquo: '\u00bb', prime: '\u2032', copy: '\u00a9', reg: '\u00ae', deg: '\u00b0',
  thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003', zwnj: '\u200c', zwj: '\u200d',
  eacute: '\u00e9', egrave: '\u00e8', ecirc: '\u00ea', euml: '\u00eb', aacute: '\u00e1', agrave: '\u00e0',
  acirc: '\u00e2', auml: '\u00e4', oacute: '\u00f3', ograve: '\u00f2', ocirc: '\u00f4', ouml: '\u00f6',
  uacute: '\u00fa', ugrave: '\u00f9', ucirc: '\u00fb', uuml: '\u00fc', iacute: '\u00ed', icirc: '\u00ee',
  iuml: '\u00ef', ccedil: '\u00e7', ntilde: '\u00f1', szlig: '\u00df',
  Eacute: '\u00c9', Ouml: '\u00d6', Uuml: '\u00dc', Auml: '\u00c4',
};

const REF = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,15}));/y;

/**
 * Decodes the character reference starting at `at` (where `text[at] === '&'`).
 * Returns the decoded string and the reference's length, or undefined if there is none.
 */
export function decodeEntityAt(text: string, at: number): { value: string; length: number } | undefined {
  REF.lastIndex = at;
  const m = REF.exec(text);
  if (!m) return undefined;
  let value: string | undefined;
  if (m[1] !== undefined || m[2] !== undefined) {
    const cp = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
    if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) value = String.fromCodePoint(cp);
  } else {
    value = NAMED[m[3]!] ?? NAMED[m[3]!.toLowerCase()];
  }
  return value === undefined ? undefined : { value, length: m[0].length };
}
