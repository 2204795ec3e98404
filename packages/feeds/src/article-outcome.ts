/** How fetching one article page ended; classified like a poll. */
export type ArticleOutcome =
  | { kind: 'ok'; status: number; title: string; text: string; canonicalUrl: string; url: string }
  | { kind: 'retry'; status?: number | undefined; reason: string; retryAfterMs?: number | undefined }
  | { kind: 'broken'; status?: number | undefined; reason: string };
