import { compileWatchlist, type Entity, type Story, type Watchlist } from '../../src/index.ts';

/** An entity with defaults, for tables of tests. */
export function entity(id: string, name: string, aliases: string[] = [], extra: Partial<Entity> = {}): Entity {
  return { id, type: 'person', name, aliases, tags: [], ...extra };
}

/** The texts matched for each id in `body`, in order. */
export function found(watchlist: Watchlist, body: string, title?: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of compileWatchlist(watchlist).extract({ title, body })) out[m.id] = m.evidence.map((e) => e.text);
  return out;
}

/** A watchlist of entities (and optional stories). */
export function wl(entities: Entity[], stories: Story[] = []): Watchlist {
  return { entities, stories };
}
