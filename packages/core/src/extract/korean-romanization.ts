import { KOREAN_ROMANIZATION_TABLE } from './korean-romanization-table.ts';

const ROW_OF = new Map<string, readonly string[]>();
for (const row of KOREAN_ROMANIZATION_TABLE) for (const spelling of row) ROW_OF.set(spelling, row);

/** Upper bound on generated spellings per alias, so a long name cannot explode the automaton. */
export const MAX_ROMANIZED_VARIANTS = 256;

/** The equivalent spellings of one folded syllable (the syllable itself if it is not in the table). */
export function syllableVariants(syllable: string): readonly string[] {
  return ROW_OF.get(syllable) ?? [syllable];
}

/**
 * Spellings of a folded, space-separated romanized Korean name (`ro tu chol`):
 * every combination of table spellings, and for each, the given name written spaced
 * (`tu chol`, which also covers `Tu-chol` since hyphens fold to spaces) and joined
 * (`tuchol`). A two-syllable alias (`tu chol`) is also joined whole.
 */
export function romanizedKoreanVariants(folded: string): string[] {
  const tokens = folded.split(' ').filter(Boolean);
  if (tokens.length === 0) return [];
  let combos: string[][] = [[]];
  for (const token of tokens) {
    const options = syllableVariants(token);
    const next: string[][] = [];
    for (const combo of combos) {
      for (const o of options) {
        if (next.length >= MAX_ROMANIZED_VARIANTS) break;
        next.push([...combo, o]);
      }
    }
    combos = next;
  }
  const out = new Set<string>();
  for (const combo of combos) {
    out.add(combo.join(' '));
    if (combo.length >= 3) out.add(`${combo[0]} ${combo.slice(1).join('')}`);
    else if (combo.length === 2) out.add(combo.join(''));
  }
  return [...out];
}
