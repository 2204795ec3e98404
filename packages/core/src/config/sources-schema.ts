import { z } from 'zod';
import type { SourceConfig } from '../types.ts';
import { parseDuration } from '../duration.ts';
import { parseYamlConfig } from './parse-yaml-config.ts';
import { checkUniqueIds } from './unique-ids.ts';

const selectorsSchema = z.strictObject({
  item: z.string().min(1),
  link: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
});

export const sourceSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens'),
    name: z.string().trim().min(1),
    url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }),
    kind: z.enum(['feed', 'html']).default('feed'),
    every: z
      .string()
      .default('15m')
      .transform((v, ctx) => {
        const ms = parseDuration(v);
        if (ms === undefined || ms < 10_000) {
          ctx.addIssue({ code: 'custom', message: `"${v}" is not an interval of at least 10s, like "90s", "10m" or "1h"` });
          return z.NEVER;
        }
        return ms;
      }),
    language: z.string().optional(),
    enabled: z.boolean().default(true),
    fetch_article: z.boolean().default(false),
    respect_robots: z.boolean().optional(),
    selectors: selectorsSchema.optional(),
    timeout: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const ms = parseDuration(v);
        if (ms === undefined || ms < 1000 || ms > 600_000) {
          ctx.addIssue({ code: 'custom', message: `"${v}" is not a timeout between 1s and 10m, like "30s"` });
          return z.NEVER;
        }
        return ms;
      }),
    max_bytes: z.number().int().min(1024).max(100 * 1024 * 1024).optional(),
    max_redirects: z.number().int().min(0).max(20).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'html' && !s.selectors) {
      ctx.addIssue({ code: 'custom', path: ['selectors'], message: 'an html source needs selectors (at least "item")' });
    }
  })
  .transform(
    (s): SourceConfig => ({
      id: s.id,
      name: s.name,
      url: s.url,
      kind: s.kind,
      everyMs: s.every,
      language: s.language,
      enabled: s.enabled,
      fetchArticle: s.fetch_article,
      respectRobots: s.respect_robots ?? (s.kind === 'html' || s.fetch_article),
      selectors: s.selectors,
      limits:
        s.timeout !== undefined || s.max_bytes !== undefined || s.max_redirects !== undefined
          ? { timeoutMs: s.timeout, maxBytes: s.max_bytes, maxRedirects: s.max_redirects }
          : undefined,
    }),
  );

export const sourcesFileSchema = z
  .strictObject({ sources: z.array(sourceSchema) })
  .superRefine((file, ctx) => checkUniqueIds(ctx, [['sources', file.sources]]));

/** Parses and validates sources YAML; throws a ConfigError naming file, line and field. */
export function parseSources(text: string, file = 'sources.yaml'): SourceConfig[] {
  return parseYamlConfig(text, file, sourcesFileSchema).sources;
}
