/**
 * Hangul rules. Korean writes particles and titles against the name with no space
 * (김정은동지, 최선희외무상은, 라선에서), so a Hangul alias is a whole word when it is
 * followed by a non-Hangul character, a particle, a noun written against it (두만강변) or a
 * title, and when it starts a Hangul run or follows a title written against it (외무상최선희).
 */
import { groupBy } from '../group-by.ts';

/** Case particles and endings that follow a noun directly. Longest first is not required: any prefix match accepts. */
export const HANGUL_PARTICLES: readonly string[] = [
  '은', '는', '이', '가', '을', '를', '의', '에', '에게', '에게서', '와', '과', '도', '로', '으로', '에서', '께서', '께',
  '만', '까지', '부터', '보다', '처럼', '하고', '이며', '이다', '이고', '이나', '나', '랑', '이랑', '한테',
  '이란', '라는', '이라는', '조차', '마저', '뿐', '들', '측', '쪽', '간', '내', '산', '행', '발', '시', '씨', '과의', '와의', '서', '엔',
];

/**
 * Nouns written against a name, after it, mostly a place's or a country's: 두만강변 (the
 * Tumen's bank), 러시아정부 (the Russian government), 라선일대 (the Rason area), and the
 * compounds the DPRK writes as one word (로씨야대사관, 로씨야인, 조로친선, 하싼사이).
 * Followers only, like particles.
 */
export const HANGUL_ATTACHED_NOUNS: readonly string[] = [
  '변', '일대', '인근', '주변', '연안', '유역', '하구', '상류', '하류', '지역', '정부', '당국', '국경', '사이',
  '인', '대사관', '령사관', '영사관', '외무성', '외무부', '국방성', '국방부', '련방', '연방', '철도', '주식회사',
  '친선', '관계', '외교', '수뇌', '협조', '협력',
];

/** Titles and honorifics KCNA and Yonhap write against a name, before or after it. */
export const HANGUL_TITLES: readonly string[] = [
  '동지', '동무', '선생', '위원장', '부위원장', '총비서', '비서', '부총리', '총리', '대사', '장관', '차관', '상', '부상',
  '원수', '대통령', '주석', '국방상', '외무상', '대외경제상', '총장', '국장', '대표', '단장', '사령관', '주재', '대변인',
  '담당', '의장', '회장', '사장', '지사', '시장', '부장', '공사', '영사', '각하', '령도자', '영도자',
];

/**
 * The DPRK writes ㄹ at the start of a word where South Korea writes ㅇ or ㄴ (initial
 * sound law, 두음법칙): 로/노, 리/이, 류/유, 림/임… Both forms are generated for the
 * first syllable of a Hangul alias of a `lang: ko` entity (the surname).
 */
export const HANGUL_INITIAL_PAIRS: readonly (readonly [string, string])[] = [
  ['로', '노'], ['리', '이'], ['류', '유'], ['림', '임'], ['라', '나'], ['량', '양'], ['려', '여'], ['렴', '염'],
  ['룡', '용'], ['련', '연'], ['력', '역'], ['륙', '육'], ['록', '녹'],
];

const PAIR_OF = new Map<string, string>();
for (const [a, b] of HANGUL_INITIAL_PAIRS) {
  PAIR_OF.set(a, b);
  PAIR_OF.set(b, a);
}

/** Both initial-sound-law spellings of a Hangul name (`로두철` → `로두철`, `노두철`). */
export function hangulInitialVariants(folded: string): string[] {
  const first = folded.charAt(0);
  const other = PAIR_OF.get(first);
  return other ? [folded, other + folded.slice(1)] : [folded];
}

/** Korean spacing is inconsistent (자동차 다리 / 자동차다리): a spaced Hangul alias also matches joined. */
export function hangulSpacingVariants(folded: string): string[] {
  return folded.includes(' ') ? [folded, folded.replaceAll(' ', '')] : [folded];
}

function toCodes(list: readonly string[]): Uint16Array[] {
  return list.map((s) => Uint16Array.from(s, (ch) => ch.charCodeAt(0)));
}
/** Everything that may follow a Hangul name directly. */
const FOLLOWERS = [...HANGUL_PARTICLES, ...HANGUL_ATTACHED_NOUNS, ...HANGUL_TITLES];
const SUFFIXES = toCodes(FOLLOWERS);
const TITLES = toCodes(HANGUL_TITLES);

function isHangul(c: number): boolean {
  return c >= 0xac00 && c <= 0xd7a3;
}

/** True if the Hangul run at `pos` in `chars` starts with a particle or a title. */
export function startsWithParticleOrTitle(chars: Uint16Array, pos: number, length: number): boolean {
  for (const s of SUFFIXES) {
    if (pos + s.length > length) continue;
    let ok = true;
    for (let k = 0; k < s.length; k++) {
      if (chars[pos + k] !== s[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** True if the Hangul run ending just before `pos` ends with a title (외무상|최선희). */
export function endsWithTitle(chars: Uint16Array, pos: number): boolean {
  for (const s of TITLES) {
    if (pos - s.length < 0) continue;
    let ok = true;
    for (let k = 0; k < s.length; k++) {
      if (chars[pos - s.length + k] !== s[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

export { isHangul };

// Followers indexed by the syllable they start with, titles by the one they end with: a
// candidate looks only at the few that can fit, not at all hundred.
const SUFFIXES_BY_FIRST = groupBy(FOLLOWERS, (w) => w.charCodeAt(0));
const TITLES_BY_LAST = groupBy(HANGUL_TITLES, (w) => w.charCodeAt(w.length - 1));
const NONE: readonly string[] = [];

/** True if some title ends with the syllable `c`: only after one may a Hangul name start inside a word. */
export function endsSomeTitle(c: number): boolean {
  return TITLES_BY_LAST.has(c);
}

/**
 * The Hangul rule checked on the original text, for the common case where the
 * neighbours are Hangul syllables or ASCII (which fold to themselves or to nothing that
 * matters here). Returns true/false, or undefined when the window path must decide.
 */
export function hangulBoundaryFast(text: string, start: number, end: number): boolean | undefined {
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  const after = end < text.length ? text.charCodeAt(end) : 32;
  if (!(before < 128 || isHangul(before)) || !(after < 128 || isHangul(after))) return undefined;
  if (before === 38 || after === 38) return undefined; // a character reference: use the window
  if (isHangul(before)) {
    let titled = false;
    for (const t of TITLES_BY_LAST.get(before) ?? NONE) {
      if (start >= t.length && text.startsWith(t, start - t.length)) {
        titled = true;
        break;
      }
    }
    if (!titled) return false;
  }
  if (isHangul(after)) {
    for (const p of SUFFIXES_BY_FIRST.get(after) ?? NONE) if (text.startsWith(p, end)) return true;
    return false;
  }
  return true;
}
