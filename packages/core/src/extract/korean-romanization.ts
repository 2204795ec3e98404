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
 * How {@link romanizedKoreanVariants} writes the combinations of a name of `count`
 * syllables, as the syllables that a space comes before: all of them spaced, then, for
 * two or more, the given name joined (a space only after the surname from three on).
 * TrieBuilder.addCombinations makes the same keys from these without the strings.
 */
export function romanizedSpacings(count: number): readonly (readonly boolean[])[] {
  let ways = SPACINGS[count];
  if (ways === undefined) {
    const spaced: boolean[] = [];
    const joined: boolean[] = [];
    for (let t = 0; t < count; t++) {
      spaced.push(t > 0);
      joined.push(count >= 3 && t === 1);
    }
    ways = SPACINGS[count] = count < 2 ? [spaced] : [spaced, joined];
  }
  return ways;
}

/** romanizedSpacings by syllable count, made once: there are a handful. */
const SPACINGS: (readonly (readonly boolean[])[] | undefined)[] = [];

/**
 * Spellings of a folded, space-separated romanized Korean name (`ro tu chol`):
 * every combination of table spellings, and for each, the given name written spaced
 * (`tu chol`, which also covers `Tu-chol` since hyphens fold to spaces) and joined
 * (`tuchol`). A two-syllable alias (`tu chol`) is also joined whole.
 */
export function romanizedKoreanVariants(folded: string): string[] {
  const tokens = folded.split(' ').filter(Boolean);
  if (tokens.length === 0) return [];
  // Every combination, kept as three strings instead of token arrays: the spaced form, the
  // first token, and the later tokens joined (same combinations, same order).
  let spaced = [''];
  let firsts = [''];
  let rests = [''];
  let count = 0;
  for (const token of tokens) {
    const options = syllableVariants(token);
    const nextSpaced: string[] = [];
    const nextFirsts: string[] = [];
    const nextRests: string[] = [];
    for (let c = 0; c < spaced.length; c++) {
      for (const o of options) {
        if (nextSpaced.length >= MAX_ROMANIZED_VARIANTS) break;
        nextSpaced.push(count === 0 ? o : `${spaced[c]!} ${o}`);
        nextFirsts.push(count === 0 ? o : firsts[c]!);
        nextRests.push(count === 0 ? '' : rests[c]! + o);
      }
    }
    spaced = nextSpaced;
    firsts = nextFirsts;
    rests = nextRests;
    count++;
  }
  // Spaced spellings are distinct (rows hold distinct spellings, spaces keep the tokens
  // apart) and never equal a form with joined syllables; only joined forms may repeat
  // (son+gil, so+ngil), and there are a handful per name: a scan of those few costs less
  // than hashing every spelling into a Set.
  const out: string[] = [];
  const joinedSoFar: string[] = [];
  for (let c = 0; c < spaced.length; c++) {
    out.push(spaced[c]!);
    if (count < 2) continue;
    const joined = count >= 3 ? `${firsts[c]!} ${rests[c]!}` : firsts[c]! + rests[c]!;
    if (joinedSoFar.includes(joined)) continue;
    joinedSoFar.push(joined);
    out.push(joined);
  }
  return out;
}
