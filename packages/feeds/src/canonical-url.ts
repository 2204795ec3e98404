/**
 * Query parameters that only track the reader (campaigns, click ids, referrers):
 * dropping them makes one article one URL however it was shared.
 */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'yclid', 'msclkid', 'twclid', 'ttclid', 'igshid', 'mc_cid', 'mc_eid',
  'ref', 'ref_src', 'ref_url', 'referrer', 'cmpid', 'ito', 'ncid', 'sr_share', 'spm',
  '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'rb_clickid', 's_cid', 'at_medium',
  'at_campaign', 'xtor', 'guccounter', 'guce_referrer', 'guce_referrer_sig', 'amp', 'amp_js_v', 'usqp',
]);
const TRACKING_PREFIXES = ['utm_', 'mc_', 'pk_', 'mtm_', 'hmb_', 'at_', 'stm_', 'ga_'];

/**
 * The canonical form of an article URL, so the same article reached through a
 * feed, a share link or its AMP page is one URL: lowercase scheme and host, no
 * default port, no fragment, tracking parameters removed, the remaining
 * parameters sorted, and AMP variants (`amp.` host, `/amp/` segment, `/amp` or
 * `.amp` suffix, `?amp`, `outputType=amp`) turned into the regular page.
 * Returns the input unchanged when it is not an http(s) URL.
 */
export function canonicalUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return input;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return input;
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if (url.hostname.startsWith('amp.') && url.hostname.split('.').length > 2) url.hostname = url.hostname.slice(4);
  url.pathname = stripAmpPath(url.pathname);
  // Work on the raw query segments: re-encoding them (as URLSearchParams would) changes opaque
  // queries like Rodong Sinmun's base64 `?MTJA…==` into URLs the server may not recognise.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((segment) => segment && !isTrackingSegment(segment));
  kept.sort();
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.href;
}

function isTrackingSegment(segment: string): boolean {
  const eq = segment.indexOf('=');
  const key = safeDecode(eq < 0 ? segment : segment.slice(0, eq));
  const value = eq < 0 ? '' : safeDecode(segment.slice(eq + 1));
  return isTracking(key) || (key.toLowerCase() === 'outputtype' && value.toLowerCase() === 'amp');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function isTracking(key: string): boolean {
  const k = key.toLowerCase();
  return TRACKING_PARAMS.has(k) || TRACKING_PREFIXES.some((p) => k.startsWith(p));
}

function stripAmpPath(path: string): string {
  let p = path.replace(/\/amp(?=\/|$)/gi, '');
  p = p.replace(/\.amp(\.html?)?$/i, (_, ext: string | undefined) => ext ?? '');
  p = p.replace(/\/amp\.html?$/i, '/');
  return p || '/';
}
