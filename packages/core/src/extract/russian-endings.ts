/**
 * Russian case endings. A Cyrillic alias is split into its inflecting head (for people:
 * every word; otherwise leading adjectives and the first noun, e.g. «Министерство» in
 * «Министерство по развитию Дальнего Востока») and a fixed tail. Inner head words are
 * expanded into their case forms at compile time; the last head word is stored as a stem,
 * and its allowed endings are checked after a hit (so «Козлов» matches «Козлову» but never
 * «Козловский»). Only endings of the word's own paradigm are accepted.
 *
 * All strings here are folded (lower case, ё→е).
 */

/** Ending sets (index = paradigm id). Each includes the nominative ending. */
export const RUSSIAN_ENDING_SETS: readonly (readonly string[])[] = [
  /* 0 INDECLINABLE */ [''],
  /* 1 HARD_MASC (Хасан, Газпром) */ ['', 'а', 'у', 'ом', 'ем', 'е', 'ы', 'и', 'ов', 'ей', 'ам', 'ами', 'ах'],
  /* 2 SURNAME_OV (Козлов, Путин) */ ['', 'а', 'у', 'ым', 'е', 'ой', 'ы', 'ых', 'ыми', 'ом'],
  /* 3 A_STEM (Галушка, Мацегора) */ ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою', 'ам', 'ами', 'ах'],
  /* 4 YA_STEM (Россия, Корея) */ ['я', 'и', 'е', 'ю', 'ей', 'ею', 'ям', 'ями', 'ях'],
  /* 5 NEUTER_O (Министерство) */ ['о', 'а', 'у', 'ом', 'е', 'ам', 'ами', 'ах'],
  /* 6 SOFT_SIGN (Сибирь, Тумень) */ ['ь', 'и', 'ью', 'я', 'ю', 'ем', 'е', 'ей'],
  /* 7 ADJECTIVE (Приморский, Туманная) */ ['ый', 'ий', 'ой', 'ая', 'яя', 'ое', 'ее', 'ого', 'его', 'ому', 'ему', 'ым', 'им', 'ом', 'ем', 'ую', 'юю', 'ые', 'ие', 'ых', 'их', 'ыми', 'ими'],
  /* 8 J_STEM (Сергей, край) */ ['й', 'я', 'ю', 'ем', 'е', 'и', 'ев', 'ям', 'ями', 'ях'],
  /* 9 NEUTER_IE (Приморье) */ ['е', 'я', 'ю', 'ем', 'и'],
  /* 10 PLURAL_NOUN (дороги in «Российские железные дороги») */ ['ы', 'и', '', 'ам', 'ами', 'ах', 'ов', 'ей'],
];

export const INDECLINABLE = 0;
const HARD_MASC = 1;
const SURNAME_OV = 2;
const A_STEM = 3;
const YA_STEM = 4;
const NEUTER_O = 5;
const SOFT_SIGN = 6;
/** The paradigm of adjectives (Приморский, Туманная). */
export const ADJECTIVE = 7;
const J_STEM = 8;
const NEUTER_IE = 9;
const PLURAL_NOUN = 10;

const CYR = /^[а-яй]+$/;
const VOWEL_END = /[аеиоуыэюя]$/;

/** A Russian word split into stem and paradigm. */
export interface RussianWord {
  stem: string;
  paradigm: number;
}

// Memo: watchlists repeat first names and common words (Александр, министерство) thousands
// of times. One map per (person, acronym), keyed by the word itself: a key built by
// concatenation had to be flattened and hashed anew for every word.
const memos = [new Map<string, RussianWord>(), new Map<string, RussianWord>(), new Map<string, RussianWord>(), new Map<string, RussianWord>()];

/** Classifies one folded word. `person` selects surname endings for -ов/-ев/-ин/-ын. */
export function classifyRussianWord(word: string, person: boolean, acronym: boolean): RussianWord {
  const memo = memos[(person ? 2 : 0) + (acronym ? 1 : 0)]!;
  const hit = memo.get(word);
  if (hit) return hit;
  const w = classify(word, person, acronym);
  if (memo.size > 50_000) memo.clear();
  memo.set(word, w);
  return w;
}

function classify(word: string, person: boolean, acronym: boolean): RussianWord {
  if (!CYR.test(word) || acronym || word.length < 2) return { stem: word, paradigm: INDECLINABLE };
  // First names in -ий (Юрий, Дмитрий) are nouns; surnames in -ский/-цкий are adjectives.
  if (person && word.endsWith('ий') && !/[сц]кий$/.test(word)) return { stem: word.slice(0, -1), paradigm: J_STEM };
  if (/(ые|[кгхжшщч]ие)$/.test(word) && word.length > 4) return { stem: word.slice(0, -2), paradigm: ADJECTIVE };
  if (/(ый|ий|ой)$/.test(word) && word.length > 4) return { stem: word.slice(0, -2), paradigm: ADJECTIVE };
  if (/(ая|яя)$/.test(word) && word.length > 4) return { stem: word.slice(0, -2), paradigm: ADJECTIVE };
  // Neuter adjectives, hard and soft (стратегическое, всеобъемлющее).
  if ((word.endsWith('ое') || word.endsWith('ее')) && word.length > 4) return { stem: word.slice(0, -2), paradigm: ADJECTIVE };
  if (word.endsWith('й')) return { stem: word.slice(0, -1), paradigm: J_STEM };
  if (word.endsWith('ь')) return { stem: word.slice(0, -1), paradigm: SOFT_SIGN };
  if (word.endsWith('я')) return { stem: word.slice(0, -1), paradigm: YA_STEM };
  if (word.endsWith('а')) return { stem: word.slice(0, -1), paradigm: A_STEM };
  if (word.endsWith('ство') || word.endsWith('ло') || word.endsWith('ние')) {
    return word.endsWith('ние') ? { stem: word.slice(0, -1), paradigm: NEUTER_IE } : { stem: word.slice(0, -1), paradigm: NEUTER_O };
  }
  if (word.endsWith('ье')) return { stem: word.slice(0, -1), paradigm: NEUTER_IE };
  // Common nouns of place names that end in a vowel and decline («у озера Хасан», «на море»),
  // unlike the foreign names below.
  if (word === 'озеро') return { stem: 'озер', paradigm: NEUTER_O };
  if (word === 'море' || word === 'поле') return { stem: word.slice(0, -1), paradigm: NEUTER_IE };
  // Foreign names ending in a vowel (Шойгу, Сочи, Токио) do not decline.
  if (VOWEL_END.test(word)) return { stem: word, paradigm: INDECLINABLE };
  if (person && /(ов|ев|ин|ын)$/.test(word)) return { stem: word, paradigm: SURNAME_OV };
  return { stem: word, paradigm: HARD_MASC };
}

/** Every case form of a classified word (its stem plus each ending of its paradigm). */
export function russianForms(w: RussianWord): string[] {
  return RUSSIAN_ENDING_SETS[w.paradigm]!.map((e) => w.stem + e);
}

/** Adjective endings grouped by case slot, hard and soft spellings together. */
const ADJECTIVE_SLOTS: readonly (readonly string[])[] = [
  ['ый', 'ий', 'ой'], ['ая', 'яя'], ['ое', 'ее'], ['ого', 'его'], ['ому', 'ему'], ['ым', 'им'], ['ом', 'ем'],
  ['ую', 'юю'], ['ые', 'ие'], ['ых', 'их'], ['ыми', 'ими'], ['ой', 'ей'],
];

/** Singular cases of a person's first name and patronymic: nom, gen, dat, acc, ins, prep. */
const CASES = 6;
const CASE_ENDINGS: Partial<Record<number, readonly (readonly string[])[]>> = {
  [HARD_MASC]: [[''], ['а'], ['у'], ['а'], ['ом', 'ем'], ['е']],
  [SURNAME_OV]: [[''], ['а'], ['у'], ['а'], ['ым'], ['е']],
  [J_STEM]: [['й'], ['я'], ['ю'], ['я'], ['ем'], ['е', 'и']],
  [SOFT_SIGN]: [['ь'], ['я'], ['ю'], ['я'], ['ем'], ['е']],
  [A_STEM]: [['а'], ['ы', 'и'], ['е'], ['у'], ['ой'], ['е']],
  [YA_STEM]: [['я'], ['и'], ['е', 'и'], ['ю'], ['ей'], ['е', 'и']],
  [ADJECTIVE]: [['ий', 'ый', 'ой'], ['ого', 'его'], ['ому', 'ему'], ['ого', 'его'], ['им', 'ым'], ['ом', 'ем']],
};

/** The forms of a person's name word in one case slot. */
function caseEndings(w: RussianWord, slot: number): string[] {
  const table = CASE_ENDINGS[w.paradigm];
  if (!table) return [w.stem + (w.paradigm === INDECLINABLE ? '' : RUSSIAN_ENDING_SETS[w.paradigm]![0]!)];
  return table[slot]!.map((e) => w.stem + e);
}

const SINGULAR = new Set(['', 'а', 'я', 'у', 'ю', 'ом', 'ем', 'ой', 'ей', 'е', 'и', 'ы', 'ым', 'им', 'ого', 'его', 'ому', 'ему', 'ий', 'ый']);

/**
 * `original.trim().split(/[\s\p{Pd}]+/u)`, with a fast path for the usual alias (ASCII
 * and Cyrillic characters, single spaces), where it is a plain split on spaces.
 */
function splitWords(original: string): string[] {
  const t = original.trim();
  let simple = t.length > 0;
  for (let i = 0; i < t.length && simple; i++) {
    const c = t.charCodeAt(i);
    if (c === 32) simple = t.charCodeAt(i - 1) !== 32;
    else if (c < 128) simple = c > 32 && c !== 45 && c !== 127;
    else simple = c >= 0x400 && c <= 0x4ff;
  }
  return simple ? t.split(' ') : t.split(/[\s\p{Pd}]+/u);
}

// Memo: the case forms of a person's inner names (first name and patronymic) repeat across
// a watchlist (Александр Сергеевич …), and building them is most of the cost of a key.
const prefixMemo = new Map<string, string[]>();

/**
 * The distinct prefixes `inner₁ inner₂ … ` of a person's name in each case slot, in first-seen
 * order (the keys are these plus the surname's stem). Read-only: shared through the memo.
 */
function agreeingPrefixes(classes: readonly RussianWord[], innerCount: number): string[] {
  let id = '';
  for (let i = 0; i < innerCount; i++) id += `${classes[i]!.paradigm}:${classes[i]!.stem} `;
  const hit = prefixMemo.get(id);
  if (hit) return hit;
  const seen = new Set<string>();
  for (let slot = 0; slot < CASES; slot++) {
    let acc = [''];
    for (let i = 0; i < innerCount; i++) {
      const options = caseEndings(classes[i]!, slot);
      acc = acc.flatMap((a) => options.map((o) => a + o + ' '));
    }
    for (const a of acc) seen.add(a);
  }
  const out = [...seen];
  if (prefixMemo.size > 50_000) prefixMemo.clear();
  prefixMemo.set(id, out);
  return out;
}

/**
 * A word written in capitals (РЖД, КНДР): more than one unit, no lower-case letter and
 * some cased one. Decided on the units for Cyrillic and ASCII, without the two case
 * conversions (a sixth of Russian key generation at 100k aliases).
 */
export function isAcronym(o: string): boolean {
  if (o.length < 2) return false;
  let upper = false;
  for (let i = 0; i < o.length; i++) {
    const c = o.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x45f)) return false;
    if ((c >= 65 && c <= 90) || (c >= 0x400 && c <= 0x42f)) upper = true;
    else if (c >= 128 && (c < 0x400 || c > 0x45f)) return o === o.toUpperCase() && o !== o.toLowerCase();
  }
  return upper;
}

/**
 * Whether word `i` declines as an adjective: an adjective, or the undeclined first part of
 * a compound adjective (народно- in «Народно-Демократическая»), which belongs to the
 * adjective after it.
 */
function adjectival(words: readonly string[], classes: readonly RussianWord[], i: number): boolean {
  return classes[i]!.paradigm === ADJECTIVE || (isCompoundPart(words[i]!, classes[i]!) && i + 1 < words.length && classes[i + 1]!.paradigm === ADJECTIVE);
}

/** The undeclined first part of a compound adjective: народно-, научно-, северо-. */
function isCompoundPart(word: string, w: RussianWord): boolean {
  return w.paradigm === INDECLINABLE && word.length >= 4 && word.endsWith('о') && CYR.test(word);
}

/**
 * The endings of an adjective that follows its noun, per singular case slot (nom, gen,
 * dat, acc, ins, prep), by the gender its nominative shows; hard and soft spellings together.
 */
const POSTPOSITIVE_AGREEMENT: readonly (readonly [RegExp, readonly (readonly string[])[]])[] = [
  [/(ая|яя)$/, [['ая', 'яя'], ['ой', 'ей'], ['ой', 'ей'], ['ую', 'юю'], ['ой', 'ей', 'ою', 'ею'], ['ой', 'ей']]],
  [/(ый|ий|ой)$/, [['ый', 'ий', 'ой'], ['ого', 'его'], ['ому', 'ему'], ['ый', 'ий', 'ой', 'ого', 'его'], ['ым', 'им'], ['ом', 'ем']]],
  [/(ое|ее)$/, [['ое', 'ее'], ['ого', 'его'], ['ому', 'ему'], ['ое', 'ее'], ['ым', 'им'], ['ом', 'ем']]],
];

/** Upper bound on keys generated per Cyrillic alias. */
const MAX_FORMS = 128;

/** One automaton key for a Cyrillic alias, and the endings allowed right after it. */
export interface RussianKey {
  key: string;
  paradigm: number;
}

/**
 * Keys for a folded Cyrillic alias. `original` is the alias before folding (to spot
 * acronyms such as «РЖД», which do not decline).
 */
export function russianKeys(folded: string, original: string, person: boolean, fixedInner = false): RussianKey[] {
  const { heads, tail, paradigm } = russianKeyParts(folded, original, person, fixedInner);
  return heads.map((h) => ({ key: h + tail, paradigm }));
}

/**
 * The keys of {@link russianKeys} as parts: each head followed by the one tail (the last
 * word's stem, or the words that do not decline), all with the tail's endings. Kept
 * apart, a person's ten or so keys need not be made as strings (see
 * TrieBuilder.addCombinations).
 */
export interface RussianKeyParts {
  heads: readonly string[];
  tail: string;
  paradigm: number;
}

/** {@link russianKeys}, as {@link RussianKeyParts}. */
export function russianKeyParts(folded: string, original: string, person: boolean, fixedInner = false): RussianKeyParts {
  const words = folded.split(' ');
  const originals = splitWords(original);
  // No named closures here: this runs once per Cyrillic alias, and under tsx each one
  // made per call also pays for defining its name (a twentieth of a 100k-alias build).
  const classes: RussianWord[] = [];
  for (let i = 0; i < words.length; i++) classes.push(classifyRussianWord(words[i]!, person, isAcronym(originals[i] ?? '')));
  // A noun after a plural adjective is plural (железные дороги → железных дорог).
  for (let i = 1; i < words.length; i++) {
    if (/(ые|ие)$/.test(words[i - 1]!) && classes[i - 1]!.paradigm === ADJECTIVE && /[ыи]$/.test(words[i]!)) {
      classes[i] = { stem: words[i]!.slice(0, -1), paradigm: PLURAL_NOUN };
    }
  }
  // Head: every word for people; otherwise leading adjectives up to and including the first noun.
  let headEnd = words.length;
  if (!person) {
    headEnd = 0;
    while (headEnd < words.length && adjectival(words, classes, headEnd)) headEnd++;
    headEnd = Math.min(words.length, headEnd + 1);
  }
  // A noun followed by the adjective that names it («река Туманная», «космодром
  // Восточный»): both decline, in the same case («реку Туманную», «космодроме Восточном»),
  // or the name stays as written («через реку Туманная», as news often has it).
  if (!person && headEnd === 1 && words.length === 2 && CASE_ENDINGS[classes[0]!.paradigm] && classes[1]!.paradigm === ADJECTIVE) {
    const agree = POSTPOSITIVE_AGREEMENT.find(([nominative]) => nominative.test(words[1]!))?.[1];
    if (agree) {
      const keys = new Set<string>();
      for (let slot = 0; slot < CASES; slot++) {
        for (const n of caseEndings(classes[0]!, slot)) {
          for (const e of agree[slot]!) keys.add(`${n} ${classes[1]!.stem}${e}`);
          keys.add(`${n} ${words[1]!}`);
        }
      }
      return { heads: [...keys], tail: '', paradigm: INDECLINABLE };
    }
  }
  const lastInflected = headEnd === words.length;
  // Korean names in Russian decline only their last word (Ким Чен Ына).
  const innerCount = fixedInner ? 0 : lastInflected ? headEnd - 1 : headEnd;
  if (fixedInner) {
    const last = classes[words.length - 1]!;
    if (!lastInflected) return { heads: [folded], tail: '', paradigm: INDECLINABLE };
    return { heads: [words.length > 1 ? `${words.slice(0, -1).join(' ')} ` : ''], tail: last.stem, paradigm: last.paradigm };
  }
  if (person && lastInflected && innerCount > 0) {
    // A person's names agree in case (Александра Вадимовича Козлова): one key per case,
    // not every combination. The surname's ending is then checked after the hit.
    const last = classes[words.length - 1]!;
    return { heads: agreeingPrefixes(classes, innerCount), tail: last.stem, paradigm: last.paradigm };
  }
  let prefixes: string[] = [''];
  for (let i = 0; i < innerCount; ) {
    // Adjectives in a row agree with each other: «российских железных», not «российских железная».
    let j = i + 1;
    if (adjectival(words, classes, i)) while (j < innerCount && adjectival(words, classes, j)) j++;
    const run = classes.slice(i, j);
    // A person's first name and patronymic only take singular endings (Александром Козловым).
    const endings = RUSSIAN_ENDING_SETS[run[0]!.paradigm]!.filter((e) => !person || SINGULAR.has(e));
    let forms: string[];
    if (adjectival(words, classes, i)) {
      // Agreeing adjectives share a case slot; hard/soft spellings (ых/их) vary per word.
      forms = [];
      for (const slot of ADJECTIVE_SLOTS) {
        let acc = [''];
        for (const w of run) {
          const fixed = w.paradigm !== ADJECTIVE;
          acc = acc.flatMap((a) => (fixed ? [w.stem] : slot).map((e) => (a ? `${a} ` : '') + (fixed ? e : w.stem + e)));
        }
        forms.push(...acc);
      }
      if (run.some((w) => w.paradigm !== ADJECTIVE)) forms = [...new Set(forms)];
    } else if (run[0]!.paradigm === INDECLINABLE) forms = [words[i]!];
    else forms = endings.map((e) => run.map((w) => w.stem + e).join(' '));
    const next: string[] = [];
    for (const p of prefixes) for (const f of forms) if (next.length < MAX_FORMS) next.push(p + f + ' ');
    prefixes = next;
    i = j;
  }
  if (lastInflected) {
    const last = classes[words.length - 1]!;
    return { heads: prefixes, tail: last.stem, paradigm: last.paradigm };
  }
  return { heads: prefixes, tail: words.slice(headEnd).join(' '), paradigm: INDECLINABLE };
}
