/**
 * Equivalent romanizations of Korean name syllables, as data. Each row is one syllable
 * as written by the DPRK (McCune–Reischauer without breves: KCNA, Pyongyang Times), by
 * South Korea (Revised Romanization: Yonhap) and by common personal spellings.
 * For an entity with `lang: ko`, every romanized alias is expanded syllable by syllable
 * through this table. Documented for users in docs/matching.md; keep the two in sync.
 *
 * Spellings are folded (lower case, no breves or apostrophes): `ch'ŏl` is `chol` here.
 * A spelling may appear in one row only.
 */
export const KOREAN_ROMANIZATION_TABLE: readonly (readonly string[])[] = [
  // Surnames
  ['ro', 'no', 'roh'],
  ['ri', 'rhee', 'lee', 'yi'],
  ['choe', 'choi'],
  ['pak', 'park', 'bak'],
  ['kim'], // Kim stays Kim in every system.
  ['yun', 'yoon'],
  ['jo', 'cho'],
  ['han'],
  ['kang', 'gang'],
  ['ryu', 'yu', 'yoo'],
  ['rim', 'im', 'lim'],
  // Given-name syllables
  ['tu', 'du', 'doo'],
  ['to', 'do'],
  ['chol', 'cheol', 'chul'],
  ['jong', 'chong', 'jeong'],
  ['son', 'seon', 'sun'],
  ['kwang', 'gwang'],
  ['ryong', 'yong', 'ryeong'],
  ['hui', 'hee'],
  ['thae', 'tae'],
  ['tok', 'deok', 'dok'],
  ['song', 'seong', 'sung'],
  ['un', 'eun'],
  ['hun', 'hoon'],
  ['myong', 'myeong', 'myung'],
  ['chun', 'chon', 'cheon'],
  ['kyong', 'gyeong', 'kyung'],
  ['il'],
  ['ho'],
  ['nam'],
  ['sok', 'seok', 'suk'],
  ['hyon', 'hyeon', 'hyun'],
];
