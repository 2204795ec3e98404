import type { SourceConfig } from '@tumen/core';

/** A feed SourceConfig for tests. */
export function feedSource(id: string, url: string, extra: Partial<SourceConfig> = {}): SourceConfig {
  return { id, name: id, url, kind: 'feed', everyMs: 600_000, enabled: true, fetchArticle: false, respectRobots: false, ...extra };
}

/** Asserts the shape every user-facing reason must have: one short sentence, no stack, no newline. */
export function isReadableReason(reason: string): boolean {
  return reason.length >= 10 && reason.length <= 300 && !reason.includes('\n') && !/\bat .+:\d+:\d+/.test(reason) && !/^\w*Error:/.test(reason);
}
