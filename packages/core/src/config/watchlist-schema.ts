import { z } from 'zod';
import type { Watchlist } from '../types.ts';
import { parseYamlConfig } from './parse-yaml-config.ts';
import { checkUniqueIds } from './unique-ids.ts';
import { QuerySyntaxError } from '../query/ast.ts';
import { entityRefs, parseQuery } from '../query/parser.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens, like "ro-tu-chol"');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const tags = z.array(nonEmpty).default([]);

export const entitySchema = z.strictObject({
  id,
  type: z.enum(['person', 'organization', 'place', 'project', 'other']),
  name: nonEmpty,
  lang: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as ko, ru or en').optional(),
  aliases: z.array(nonEmpty).default([]),
  // Optional rather than defaulted: a watchlist without exclusions keeps the same version hash.
  exclude: z.array(nonEmpty).optional(),
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
    checkUniqueIds(ctx, [
      ['entities', wl.entities],
      ['stories', wl.stories],
    ]);
    // Story queries: syntax errors and unknown @entity references, reported at the query's line.
    const entityIds = new Set(wl.entities.map((e) => e.id));
    wl.stories.forEach((story, index) => {
      try {
        const ast = parseQuery(story.query);
        for (const ref of entityRefs(ast)) {
          if (!entityIds.has(ref.id)) {
            ctx.addIssue({
              code: 'custom',
              path: ['stories', index, 'query'],
              message: `@${ref.id} at position ${ref.position} is not an entity id of this watchlist`,
            });
          }
        }
      } catch (err) {
        if (!(err instanceof QuerySyntaxError)) throw err;
        ctx.addIssue({ code: 'custom', path: ['stories', index, 'query'], message: `query syntax error: ${err.message}` });
      }
    });
  });

/** Parses and validates watchlist YAML; throws a ConfigError naming file, line and field. */
export function parseWatchlist(text: string, file = 'watchlist.yaml'): Watchlist {
  return parseYamlConfig(text, file, watchlistSchema);
}
