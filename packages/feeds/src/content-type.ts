/** A parsed Content-Type header. */
export interface MediaType {
  /** Lowercase `type/subtype`, empty when absent. */
  type: string;
  /** The charset parameter, unquoted, if one was given with `=`. */
  charset?: string | undefined;
}

/**
 * Parses a Content-Type header leniently: quotes (single or double) and spaces
 * around `=` are accepted, and malformed parameters such as `charset:utf-8` are
 * ignored rather than guessed at.
 */
export function parseContentType(header: string | undefined): MediaType {
  if (!header) return { type: '' };
  const [type = '', ...params] = header.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const m = /^\s*charset\s*=\s*(.*?)\s*$/i.exec(param);
    if (!m) continue;
    const value = m[1]!.replace(/^(["'])(.*)\1$/, '$2').trim();
    if (value) charset = value;
  }
  return { type: type.trim().toLowerCase(), charset };
}
