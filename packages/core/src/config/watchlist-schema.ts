import { z } from 'zod';
import type { Watchlist } from '../types.ts';
import { parseYamlConfig } from './parse-yaml-config.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens, like "ro-tu-chol"');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const tags = z.array(nonEmpty).default([]);

export const entitySchema = z.strictObject({
  id,
  type: z.enum(['person', 'organization', 'place', 'project', 'other']),
  name: nonEmpty,
  lang: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as ko, ru or en').optional(),
  aliases: z.array(nonEmpty).default([]),
  tags,
});

export const storySchema = z.strictObject({
  id,
  name: nonEmpty,
  query: nonEmpty,
  tags,
});

export const watchlistSchema = z
  .strictObject({
    entities: z.array(entitySchema).default([]),
    stories: z.array(storySchema).default([]),
  })
  .superRefine((wl, ctx) => {
    const seen = new Map<string, string>();
    for (const [kind, list] of [['entities', wl.entities], ['stories', wl.stories]] as const) {
      list.forEach((item, index) => {
        const prior = seen.get(item.id);
        if (prior) {
          ctx.addIssue({ code: 'custom', path: [kind, index, 'id'], message: `id "${item.id}" is already used by ${prior}` });
        }
        seen.set(item.id, `${kind}[${list.indexOf(item)}]`);
      });
    }
  });

/** Parses and validates watchlist YAML; throws a ConfigError naming file, line and field. */
export function parseWatchlist(text: string, file = 'watchlist.yaml'): Watchlist {
  return parseYamlConfig(text, file, watchlistSchema);
}
