import type { z } from 'zod';

/**
 * Reports every id used twice across the given lists, at the later one's `id` field,
 * naming where it was first used.
 */
export function checkUniqueIds(ctx: z.RefinementCtx, lists: [string, { id: string }[]][]): void {
  const seen = new Map<string, string>();
  for (const [key, items] of lists) {
    items.forEach((item, index) => {
      const prior = seen.get(item.id);
      if (prior) ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `id "${item.id}" is already used by ${prior}` });
      else seen.set(item.id, `${key}[${index}]`);
    });
  }
}
