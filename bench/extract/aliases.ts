/**
 * Synthetic watchlists of N aliases in the shape of the real one: Korean people
 * (romanized name with `lang: ko`, Hangul, Cyrillic), Russian people (Latin, Cyrillic,
 * Hangul) and organizations, three names each, all distinct. The real default
 * watchlist is always included, so its stories run and articles have real matches.
 */
import type { Entity, Watchlist } from '@tumen/core';

const KO_SURNAMES: [string, string, string][] = [
  ['Kim', '김', 'Ким'], ['Ri', '리', 'Ли'], ['Pak', '박', 'Пак'], ['Choe', '최', 'Чвэ'], ['Jong', '정', 'Чон'], ['Kang', '강', 'Кан'],
  ['Jo', '조', 'Чо'], ['Yun', '윤', 'Юн'], ['Jang', '장', 'Чан'], ['Rim', '림', 'Рим'], ['Han', '한', 'Хан'], ['O', '오', 'О'],
  ['So', '서', 'Со'], ['Sin', '신', 'Син'], ['Kwon', '권', 'Квон'], ['Hwang', '황', 'Хван'], ['An', '안', 'Ан'], ['Song', '송', 'Сон'],
  ['Ryu', '류', 'Рю'], ['Hong', '홍', 'Хон'],
];
const KO_SYLLABLES: [string, string, string][] = [
  ['Chol', '철', 'Чхоль'], ['Nam', '남', 'Нам'], ['Su', '수', 'Су'], ['Yong', '영', 'Ён'], ['Il', '일', 'Иль'], ['Hyok', '혁', 'Хёк'],
  ['Myong', '명', 'Мён'], ['Sok', '석', 'Сок'], ['Gwang', '광', 'Гван'], ['Ho', '호', 'Хо'], ['Jin', '진', 'Чжин'], ['Hui', '희', 'Хи'],
  ['Sun', '순', 'Сун'], ['Ok', '옥', 'Ок'], ['Chun', '춘', 'Чхун'], ['Gil', '길', 'Гиль'], ['Man', '만', 'Ман'], ['Bok', '복', 'Бок'],
  ['Dae', '대', 'Дэ'], ['Hak', '학', 'Хак'], ['Mun', '문', 'Мун'], ['Pyo', '표', 'Пхё'], ['Rae', '래', 'Рэ'], ['Sang', '상', 'Сан'],
  ['Thae', '태', 'Тхэ'], ['U', '우', 'У'], ['Won', '원', 'Вон'], ['Yang', '양', 'Ян'], ['Gyu', '규', 'Гю'], ['Hae', '해', 'Хэ'],
  ['Kun', '근', 'Гын'], ['Rok', '록', 'Рок'], ['Bin', '빈', 'Бин'], ['Chan', '찬', 'Чхан'], ['Dong', '동', 'Дон'], ['Gum', '금', 'Кым'],
  ['Hyon', '현', 'Хён'], ['Jun', '준', 'Чжун'], ['Min', '민', 'Мин'], ['Pom', '범', 'Пом'],
];
const RU_FIRST: [string, string, string][] = [
  ['Alexander', 'Александр', '알렉산드르'], ['Sergei', 'Сергей', '세르게이'], ['Dmitry', 'Дмитрий', '드미트리'], ['Andrei', 'Андрей', '안드레이'],
  ['Alexei', 'Алексей', '알렉세이'], ['Mikhail', 'Михаил', '미하일'], ['Nikolai', 'Николай', '니콜라이'], ['Vladimir', 'Владимир', '블라디미르'],
  ['Yury', 'Юрий', '유리'], ['Oleg', 'Олег', '올레그'], ['Igor', 'Игорь', '이고르'], ['Pavel', 'Павел', '파벨'],
];
const RU_STEMS: [string, string, string][] = [
  ['Petr', 'Петр', '페트르'], ['Ivan', 'Иван', '이바'], ['Sokol', 'Сокол', '소콜'], ['Morozov', 'Морозов', '모로조'], ['Volk', 'Волк', '볼크'],
  ['Belov', 'Белов', '벨로'], ['Orl', 'Орл', '오를'], ['Kuzn', 'Кузн', '쿠즈'], ['Lebed', 'Лебед', '레베드'], ['Zaits', 'Зайц', '자이츠'],
  ['Pavl', 'Павл', '파블'], ['Semen', 'Семен', '세묜'], ['Golub', 'Голуб', '골루브'], ['Vinogr', 'Виногр', '비노그'], ['Bogdan', 'Богдан', '보그단'],
  ['Vorob', 'Вороб', '보로브'], ['Fedor', 'Федор', '표도르'], ['Mikhail', 'Михайл', '미하일'], ['Tarasen', 'Тарасен', '타라센'], ['Kiril', 'Кирил', '키릴'],
];
const RU_SUFFIX: [string, string, string][] = [
  ['ov', 'ов', '로프'], ['in', 'ин', '린'], ['sky', 'ский', '스키'], ['enko', 'енко', '옌코'], ['ev', 'ев', '예프'], ['kov', 'ков', '코프'],
  ['chuk', 'чук', '추크'], ['yan', 'ян', '얀'],
];
const ORG_WORDS: [string, string, string][] = [
  ['Trade', 'Торговая', '무역'], ['Shipping', 'Морская', '해운'], ['Mining', 'Горная', '광업'], ['Energy', 'Энергетическая', '에너지'],
  ['Rail', 'Железнодорожная', '철도'], ['Fisheries', 'Рыболовная', '수산'], ['Construction', 'Строительная', '건설'], ['Machine', 'Машиностроительная', '기계'],
];
const ORG_PLACES: [string, string, string][] = [
  ['Amur', 'Амурская', '아무르'], ['Sakhalin', 'Сахалинская', '사할린'], ['Khabarovsk', 'Хабаровская', '하바롭스크'], ['Chongjin', 'Чхонджинская', '청진'],
  ['Hamhung', 'Хамхынская', '함흥'], ['Nakhodka', 'Находкинская', '나홋카'], ['Wonsan', 'Вонсанская', '원산'], ['Kimchaek', 'Кимчхэкская', '김책'],
  ['Ussuri', 'Уссурийская', '우수리'], ['Kaesong', 'Кэсонская', '개성'],
];

/** Deterministic mixed-radix pick: the i-th combination of the given lists. */
function pick<T>(i: number, ...lists: T[][]): T[] {
  const out: T[] = [];
  for (const l of lists) {
    out.push(l[i % l.length]!);
    i = Math.floor(i / l.length);
  }
  return out;
}

/** A watchlist with about `aliasCount` names and aliases (3 per entity) on top of `base`. */
export function syntheticWatchlist(aliasCount: number, base: Watchlist, koVariants = true): Watchlist {
  const entities: Entity[] = [...base.entities];
  const n = Math.ceil(aliasCount / 3);
  let ko = 0;
  let ru = 0;
  let org = 0;
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    if (kind === 0) {
      const k = ko++;
      const [s, a, b, c] = pick(k, KO_SURNAMES, KO_SYLLABLES, KO_SYLLABLES, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((x) => [String(x), String(x), String(x)] as [string, string, string]));
      // Beyond 32,000 combinations add a third given syllable's worth of digits to stay unique.
      const extra = k >= 32000 ? KO_SYLLABLES[Math.floor(k / 32000) % KO_SYLLABLES.length]! : undefined;
      void c;
      const romanGiven = extra ? `${a![0]} ${b![0]} ${extra[0]}` : `${a![0]} ${b![0]}`;
      entities.push({
        id: `ko-${k}`,
        type: 'person',
        name: `${s![0]} ${romanGiven}`,
        lang: koVariants ? 'ko' : undefined,
        aliases: [`${s![1]}${a![1]}${b![1]}${extra ? extra[1] : ''}`, `${s![2]} ${a![2]} ${b![2]}${extra ? ` ${extra[2]}` : ''}`],
        tags: [],
      });
    } else if (kind === 1) {
      const k = ru++;
      const [f, st, suf, g] = pick(k, RU_FIRST, RU_STEMS, RU_SUFFIX, RU_FIRST);
      const tag = Math.floor(k / (RU_FIRST.length * RU_STEMS.length * RU_SUFFIX.length * RU_FIRST.length));
      const t = tag ? ` ${tag}` : '';
      entities.push({
        id: `ru-${k}`,
        type: 'person',
        name: `${f![0]} ${g![0]}ovich ${st![0]}${suf![0]}${t}`,
        aliases: [`${f![1]} ${g![1]}ович ${st![1]}${suf![1]}${t}`, `${f![2]} ${g![2]} ${st![2]}${suf![2]}${t}`],
        tags: [],
      });
    } else {
      const k = org++;
      const [w, p] = pick(k, ORG_WORDS, ORG_PLACES);
      const num = Math.floor(k / (ORG_WORDS.length * ORG_PLACES.length)) + 1;
      entities.push({
        id: `org-${k}`,
        type: 'organization',
        name: `${p![0]} ${w![0]} Company No. ${num}`,
        aliases: [`${p![1]} ${w![1]} компания № ${num}`, `${p![2]} ${w![2]}회사 ${num}호`],
        tags: [],
      });
    }
  }
  return { entities, stories: base.stories };
}

/** Every name and alias of a watchlist (for the baselines), without duplicates. */
export function allAliases(w: Watchlist): string[] {
  return [...new Set(w.entities.flatMap((e) => [e.name, ...e.aliases]))];
}
