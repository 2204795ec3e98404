import type { Entity } from '../types.ts';
import { CYRILLIC, HANGUL, scriptOf } from './char-class.ts';
import { hangulInitialVariants, hangulSpacingVariants } from './hangul.ts';
import { romanizedKoreanVariants } from './korean-romanization.ts';
import { normalize } from './normalize.ts';
import { INDECLINABLE, russianKeys } from './russian-endings.ts';

/**
 * How a candidate hit of a key is checked against its surroundings.
 * - Word: whole word, no letter or digit right after (English possessive allowed).
 * - Hangul: followed by a non-Hangul character, a particle or a title; starts a Hangul run or follows a title.
 * - Cyrillic: followed by one of the paradigm's case endings, then a word boundary.
 * - Prefix: query wildcard (`bridg*`): starts a word, may continue into the word.
 */
export const BoundaryRule = { Word: 0, Hangul: 1, Cyrillic: 2, Prefix: 3 } as const;
export type BoundaryRule = (typeof BoundaryRule)[keyof typeof BoundaryRule];

/** One automaton key: a folded spelling of an alias or query term, and how to check its hits. */
export interface KeySpec {
  key: string;
  rule: BoundaryRule;
  /** Russian paradigm id (see RUSSIAN_ENDING_SETS) for {@link BoundaryRule.Cyrillic}. */
  paradigm: number;
}

/** The automaton keys for one written form (an entity name or alias, or a query word/phrase). */
export function keysForForm(form: string, opts: { lang?: string | undefined; person?: boolean }): KeySpec[] {
  const folded = normalize(form);
  if (!folded) return [];
  const script = scriptOf(folded);
  if (script === CYRILLIC) {
    const korean = opts.lang === 'ko';
    const out: KeySpec[] = [];
    for (const spelling of korean ? koreanCyrillicSpellings(folded) : [folded]) {
      for (const k of russianKeys(spelling, form, opts.person ?? false, korean)) out.push({ key: k.key, rule: BoundaryRule.Cyrillic, paradigm: k.paradigm });
    }
    return out;
  }
  if (script === HANGUL) {
    const out = new Set<string>();
    for (const spaced of hangulSpacingVariants(folded)) {
      for (const v of opts.lang === 'ko' ? hangulInitialVariants(spaced) : [spaced]) out.add(v);
    }
    return [...out].map((key) => ({ key, rule: BoundaryRule.Hangul, paradigm: INDECLINABLE }));
  }
  const spellings = opts.lang === 'ko' && /^[a-z ]+$/.test(folded) ? romanizedKoreanVariants(folded) : [folded];
  if (!spellings.includes(folded)) spellings.unshift(folded);
  return spellings.map((key) => ({ key, rule: BoundaryRule.Word, paradigm: INDECLINABLE }));
}

/**
 * Russian spellings of a Korean name in Cyrillic: a syllable ending in ㄹ is written with
 * or without a soft sign (Чхоль, Чхол; Иль, Ил), so each spelling brings the other.
 */
function koreanCyrillicSpellings(folded: string): string[] {
  if (/ль( |$)/.test(folded)) return [folded, folded.replace(/ль(?= |$)/g, 'л')];
  if (/[^ ]л( |$)/.test(folded)) return [folded, folded.replace(/л(?= |$)/g, 'ль')];
  return [folded];
}

/** Every automaton key of an entity: its name and aliases with all generated variants. */
export function keysForEntity(entity: Entity): { form: string; keys: KeySpec[] }[] {
  // Aliases are few: comparing them costs less than hashing each into a Set.
  const forms = [entity.name];
  for (const a of entity.aliases) if (!forms.includes(a)) forms.push(a);
  const person = entity.type === 'person';
  return forms.map((form) => ({ form, keys: keysForForm(form, { lang: entity.lang, person }) }));
}

/** The key of a query prefix term (`bridg*`). */
export function keyForPrefix(prefix: string): KeySpec | undefined {
  const key = normalize(prefix);
  return key ? { key, rule: BoundaryRule.Prefix, paradigm: INDECLINABLE } : undefined;
}
