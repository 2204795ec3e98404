import type { Watchlist } from '../types.ts';
import { CYRILLIC, scriptOf } from './char-class.ts';
import { compileWatchlist } from './index.ts';
import { normalize } from './normalize.ts';
import { ADJECTIVE, classifyRussianWord, isAcronym } from './russian-endings.ts';

/** A watchlist alias that is valid but likely to match ordinary words, or an exclude phrase (in `alias`) that can never apply. */
export interface AliasWarning {
  entity: string;
  alias: string;
  message: string;
}

/**
 * Aliases that will cry wolf, and `exclude` phrases that can never apply. Matching ignores
 * case, so a Russian proper name that is an adjective alone («Туманная», «Восточный») is
 * also the ordinary word («туманная погода», foggy weather); with its noun («река
 * Туманная») it is not, and still declines. People are exempt: surnames in -ский are
 * adjectives and are names.
 */
export function aliasWarnings(watchlist: Watchlist): AliasWarning[] {
  const out: AliasWarning[] = [];
  for (const e of watchlist.entities) {
    if (e.type === 'person') continue;
    for (const alias of [e.name, ...e.aliases]) {
      const folded = normalize(alias);
      if (folded.includes(' ') || scriptOf(folded) !== CYRILLIC || isAcronym(alias)) continue;
      if (classifyRussianWord(folded, false, false).paradigm !== ADJECTIVE) continue;
      out.push({
        entity: e.id,
        alias,
        message: `"${alias}" alone is a Russian adjective, and matching ignores case, so it also matches the ordinary word; write it with its noun (like «река Туманная»), which still declines`,
      });
    }
  }
  for (const e of watchlist.entities) {
    if (!e.exclude?.length) continue;
    // An exclusion only cancels matches inside it: one that holds no spelling of the entity does nothing.
    const alone = compileWatchlist({ entities: [{ ...e, exclude: undefined }], stories: [] });
    for (const phrase of e.exclude) {
      if (alone.extract({ body: phrase }).length > 0) continue;
      out.push({
        entity: e.id,
        alias: phrase,
        message: `the exclude phrase "${phrase}" contains no spelling of ${e.name}, so it never excludes anything; write the whole phrase around the name (like "Moscow time")`,
      });
    }
  }
  return out;
}
