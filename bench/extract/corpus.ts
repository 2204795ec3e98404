/**
 * Benchmark articles: realistic English (real KCNA text), Korean and Russian (the
 * Yonhap- and TASS-style texts of the labeled set plus extra sentences), cut into
 * ~5 KB articles by sampling sentences with a seeded generator.
 */
import { readFileSync } from 'node:fs';

interface Doc {
  lang: string;
  title: string;
  body: string;
}

const EXTRA_KO = [
  '정부 소식통은 북러 간 교역이 지난해보다 크게 늘었다고 말했다.',
  '조선중앙통신은 이날 평양에서 열린 행사에 각계 인사들이 참석했다고 전했다.',
  '러시아 극동 지역과 북한 나선특구를 잇는 물류 협력이 확대되고 있다.',
  '전문가들은 양국 협력이 국제사회의 대북제재를 약화시킬 수 있다고 지적했다.',
  '회담에서는 관광, 교육, 보건 분야 교류 방안도 논의된 것으로 알려졌다.',
  '통일부 당국자는 관련 동향을 예의주시하고 있다고 밝혔다.',
  '블라디보스토크 항구에는 북한 선박의 입항이 잇따르고 있다.',
  '이번 합의는 내년 상반기부터 단계적으로 이행될 예정이다.',
];
const EXTRA_RU = [
  'Как сообщили в пресс-службе министерства, стороны подписали протокол о намерениях.',
  'Товарооборот между двумя странами по итогам года вырос почти в девять раз.',
  'В ходе визита делегация посетила предприятия Приморского края и порт Восточный.',
  'Эксперты отмечают, что сотрудничество в сфере туризма развивается быстрыми темпами.',
  'Переговоры прошли в конструктивной и доброжелательной атмосфере, отметили в ведомстве.',
  'Ранее стороны договорились увеличить число рейсов между Владивостоком и Пхеньяном.',
  'По данным таможенной службы, основную часть поставок составляют продовольствие и удобрения.',
  'Следующее заседание рабочей группы планируется провести осенью в Москве.',
];

// General news sentences with no tracked names, so that topical sentences make up about a
// third of an article, as in a real on-beat story.
const NEUTRAL_KO = [
  '기상청은 이번 주말 전국에 비가 내리고 기온이 평년보다 낮겠다고 예보했다.',
  '한국은행은 기준금리를 현 수준으로 동결하기로 결정했다고 발표했다.',
  '서울 아파트 매매가격은 3주 연속 상승세를 이어간 것으로 나타났다.',
  '정부는 내년도 예산안을 국회에 제출하고 민생 경제 회복에 중점을 두겠다고 밝혔다.',
  '국내 주요 기업들의 2분기 영업이익이 시장 전망치를 웃돈 것으로 집계됐다.',
  '교육부는 새 학기부터 디지털 교과서를 단계적으로 도입한다고 설명했다.',
  '전문가들은 물가 상승률이 하반기에 점차 둔화할 것으로 내다봤다.',
  '이번 조치는 관계 부처 협의를 거쳐 다음 달 초 시행될 예정이다.',
  '국회는 이날 본회의를 열고 민생 법안 20여 건을 처리했다.',
  '수출은 반도체와 자동차 호조에 힘입어 열 달 연속 증가했다.',
  '보건당국은 감염병 확산에 대비해 방역 수칙 준수를 당부했다.',
  '대표팀은 다음 달 열리는 아시아 지역 예선을 앞두고 소집 훈련에 들어갔다.',
  '행사에는 시민 수천 명이 참석해 성황을 이뤘다고 주최 측은 전했다.',
  '관계자는 구체적인 내용은 아직 정해지지 않았다고 말했다.',
  '이에 대해 외교부는 공식 논평을 내지 않았다.',
  '회의는 두 시간가량 비공개로 진행된 것으로 알려졌다.',
];
const NEUTRAL_RU = [
  'По прогнозу синоптиков, в выходные в регионе ожидаются дожди и понижение температуры.',
  'Центральный банк сохранил ключевую ставку на прежнем уровне, говорится в сообщении регулятора.',
  'Правительство внесло в парламент проект бюджета на следующий год.',
  'По данным ведомства, объем промышленного производства вырос на три процента.',
  'В министерстве отметили, что программа будет реализована в несколько этапов.',
  'Мероприятие посетили несколько тысяч человек, сообщили организаторы.',
  'Эксперты ожидают, что инфляция во втором полугодии замедлится.',
  'Заседание прошло в закрытом режиме и продолжалось около двух часов.',
  'Подробности соглашения пока не раскрываются, отметили в пресс-службе.',
  'Сборная начнет подготовку к отборочному турниру в следующем месяце.',
  'Власти призвали жителей соблюдать меры предосторожности.',
  'Решение вступит в силу после его официального опубликования.',
  'Как отметил собеседник агентства, работа над документом продолжается.',
  'Ранее в ведомстве сообщали о планах расширить программу поддержки.',
  'По словам представителя компании, производство будет запущено до конца года.',
  'Аналитики связывают рост цен с увеличением спроса в летний период.',
];

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?。])\s+|\n+/u).map((s) => s.trim()).filter((s) => s.length > 20);
}

/** A deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One long document of at least `units` code units: `texts` joined by blank lines, over
 * and over. Made flat, as a document read from a file or the network arrives (from a
 * decoder), not as the rope that joining builds.
 */
export function longText(texts: readonly string[], units: number): string {
  const joined = texts.join('\n\n');
  let t = joined;
  while (t.length < units) t += `\n\n${joined}`;
  return Buffer.from(t, 'utf8').toString('utf8');
}

/** `count` articles of about `size` bytes of UTF-8 per language. */
export function loadArticles(count: number, size = 5000): Record<'en' | 'ko' | 'ru', Doc[]> {
  const labeled = JSON.parse(readFileSync(new URL('../../test/fixtures/labeled/labeled-set.json', import.meta.url), 'utf8')) as {
    docs: { id: string; lang: string; title: string; body: string }[];
  };
  const pools: Record<'en' | 'ko' | 'ru', { titles: string[]; sentences: string[]; neutral: string[] }> = {
    en: { titles: [], sentences: [], neutral: [] },
    ko: { titles: [], sentences: [...EXTRA_KO], neutral: NEUTRAL_KO },
    ru: { titles: [], sentences: [...EXTRA_RU], neutral: NEUTRAL_RU },
  };
  for (const d of labeled.docs) {
    const lang = d.id.startsWith('kcna') ? 'en' : (d.lang as 'en' | 'ko' | 'ru');
    if (d.id.startsWith('en-')) continue; // English is real KCNA text only.
    pools[lang].titles.push(d.title);
    pools[lang].sentences.push(...sentences(d.body));
  }
  const out = { en: [] as Doc[], ko: [] as Doc[], ru: [] as Doc[] };
  for (const lang of ['en', 'ko', 'ru'] as const) {
    const next = rng(lang.charCodeAt(0) * 7919);
    const pool = pools[lang];
    for (let i = 0; i < count; i++) {
      let body = '';
      while (Buffer.byteLength(body, 'utf8') < size) {
        // English is real KCNA text, already a realistic mix; Korean and Russian are two thirds neutral.
        const from = pool.neutral.length && next() < 0.67 ? pool.neutral : pool.sentences;
        body += from[Math.floor(next() * from.length)]!;
        body += next() < 0.2 ? '\n' : ' ';
      }
      out[lang].push({ lang, title: pool.titles[Math.floor(next() * pool.titles.length)]!, body });
    }
  }
  return out;
}
