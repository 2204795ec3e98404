import type { Entity } from '../types.ts';
import { CYRILLIC, HANGUL, scriptOf } from './char-class.ts';
import { hangulInitialVariants, hangulSpacingVariants } from './hangul.ts';
import { MAX_ROMANIZED_VARIANTS, romanizedKoreanVariants, syllableVariants } from './korean-romanization.ts';
import { normalize } from './normalize.ts';
import { INDECLINABLE, russianKeyParts, type RussianKeyParts } from './russian-endings.ts';

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
  const plan = formKeys(form, opts);
  switch (plan.kind) {
    case 'keys':
      return plan.keys;
    case 'cyrillic': {
      const out: KeySpec[] = [];
      for (const { heads, tail, paradigm } of plan.parts) {
        for (const h of heads) out.push({ key: h + tail, rule: BoundaryRule.Cyrillic, paradigm });
      }
      return out;
    }
    case 'romanized':
      return romanizedKoreanVariants(plan.folded).map((key) => ({ key, rule: BoundaryRule.Word, paradigm: INDECLINABLE }));
  }
}

/**
 * The keys of a form, as {@link keysForForm} makes them, in the shape that needs the
 * fewest strings, for the compiler: a romanized name of a `lang: ko` entity as the
 * spellings of each syllable (its keys are every combination of them, written in each
 * of romanizedSpacings' ways: a name like Kang Chol Chol has 36), a Cyrillic name as the
 * heads and tail of its keys (a person's: a head per case), anything else as its keys.
 */
export type FormKeys =
  | { kind: 'keys'; keys: KeySpec[] }
  | { kind: 'cyrillic'; parts: RussianKeyParts[] }
  | { kind: 'romanized'; folded: string; options: (readonly string[])[] };

/** See {@link FormKeys}. */
export function formKeys(form: string, opts: { lang?: string | undefined; person?: boolean }): FormKeys {
  const folded = normalize(form);
  if (!folded) return { kind: 'keys', keys: [] };
  const script = scriptOf(folded);
  if (script === CYRILLIC) {
    const korean = opts.lang === 'ko';
    const parts: RussianKeyParts[] = [];
    for (const spelling of korean ? koreanCyrillicSpellings(folded) : [folded]) parts.push(russianKeyParts(spelling, form, opts.person ?? false, korean));
    return { kind: 'cyrillic', parts };
  }
  if (script === HANGUL) {
    const out = new Set<string>();
    for (const spaced of hangulSpacingVariants(folded)) {
      for (const v of opts.lang === 'ko' ? hangulInitialVariants(spaced) : [spaced]) out.add(v);
    }
    return { kind: 'keys', keys: [...out].map((key) => ({ key, rule: BoundaryRule.Hangul, paradigm: INDECLINABLE })) };
  }
  const romanized = opts.lang === 'ko' && /^[a-z ]+$/.test(folded);
  const options = romanized ? syllableOptions(folded) : undefined;
  if (options) return { kind: 'romanized', folded, options };
  const spellings = romanized ? romanizedKoreanVariants(folded) : [folded];
  if (!spellings.includes(folded)) spellings.unshift(folded);
  return { kind: 'keys', keys: spellings.map((key) => ({ key, rule: BoundaryRule.Word, paradigm: INDECLINABLE })) };
}

/**
 * The spellings of each syllable of a folded romanized name (see syllableVariants), or
 * undefined where romanizedKoreanVariants does more than combine them: past
 * MAX_ROMANIZED_VARIANTS combinations, which it cuts short, and the name itself is then
 * added apart.
 */
function syllableOptions(folded: string): (readonly string[])[] | undefined {
  let product = 1;
  const options: (readonly string[])[] = [];
  for (const t of folded.split(' ')) {
    if (t === '') return undefined;
    const o = syllableVariants(t);
    product *= o.length;
    options.push(o);
  }
  return product <= MAX_ROMANIZED_VARIANTS ? options : undefined;
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
  const person = entity.type === 'person';
  return formsOf(entity).map((form) => ({ form, keys: keysForForm(form, { lang: entity.lang, person }) }));
}

/** An entity's name and its aliases, each once. */
export function formsOf(entity: Entity): string[] {
  // Aliases are few: comparing them costs less than hashing each into a Set.
  const forms = [entity.name];
  for (const a of entity.aliases) if (!forms.includes(a)) forms.push(a);
  return forms;
}

/** The key of a query prefix term (`bridg*`). */
export function keyForPrefix(prefix: string): KeySpec | undefined {
  const key = normalize(prefix);
  return key ? { key, rule: BoundaryRule.Prefix, paradigm: INDECLINABLE } : undefined;
}
