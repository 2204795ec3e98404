import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasWarnings, compileWatchlist, documentText, explainMatch, parseWatchlist } from '../../src/index.ts';
import { entity, found, wl } from './helpers.ts';

const people = wl([
  entity('kozlov', 'Alexander Kozlov', ['Kozlov', 'Козлов', 'Александр Козлов', '코즐로프']),
  entity('galushka', 'Alexander Galushka', ['Galushka', 'Галушка']),
  entity('matsegora', 'Alexander Matsegora', ['Matsegora', 'Мацегора', '마체고라']),
  entity('ro-tu-chol', 'Ro Tu Chol', ['로두철', 'Ро Ду Чхоль'], { lang: 'ko' }),
  entity('ri-ryong-nam', 'Ri Ryong Nam', ['리룡남'], { lang: 'ko' }),
  entity('choe-son-hui', 'Choe Son Hui', ['최선희', 'Чвэ Сон Хи'], { lang: 'ko' }),
  entity('pak-thae-song', 'Pak Thae Song', ['박태성'], { lang: 'ko' }),
  entity('kim-jong-un', 'Kim Jong Un', ['김정은', 'Ким Чен Ын'], { lang: 'ko' }),
  entity('kwang-chol', 'Kim Kwang Chol', [], { lang: 'ko' }),
  entity('rason', 'Rason', ['라선', '나선', 'Расон'], { type: 'place' }),
  entity('khasan', 'Khasan', ['하산', 'Хасан'], { type: 'place' }),
  entity('russia', 'Russia', ['Russian Federation', 'Россия', '러시아'], { type: 'place' }),
  entity('primorye', 'Primorye', ['Приморский край'], { type: 'place' }),
  entity('minvostok', 'Far East ministry', ['Министерство по развитию Дальнего Востока'], { type: 'organization' }),
  entity('rzd', 'Russian Railways', ['РЖД', 'Российские железные дороги'], { type: 'organization' }),
  entity('dprk', 'DPRK', ['Корейская Народно-Демократическая Республика'], { type: 'place' }),
  entity('tumen-river', 'Tumen River', ['река Туманная'], { type: 'place' }),
  entity('vostochny', 'Vostochny', ['космодром Восточный'], { type: 'place' }),
  entity('treaty', 'Comprehensive strategic partnership', ['всеобъемлющее стратегическое партнерство'], { type: 'project' }),
]);

const ids = (body: string): string[] => Object.keys(found(people, body)).sort();

describe('whole words only', () => {
  it.each([
    ['en', 'Kozlov arrived.', ['kozlov']],
    ['en', 'Kozlovsky arrived.', []],
    ['en', 'Rasonal is not a place.', []],
    ['en', 'port of Rason.', ['rason']],
    ['en', "Kozlov's visit and Kozlov’s remarks", ['kozlov']],
    ['en', 'the Kozlovs arrived', []],
    ['en', 'XKozlov', []],
    ['en', 'Kozlov2', []],
    ['ko', '코즐로프는 말했다', ['kozlov']],
    ['ko', '코즐로프스키는 말했다', []],
    ['ru', 'Козлов прибыл', ['kozlov']],
    ['ru', 'Козловский прибыл', []],
    ['ru', 'Расонский порт', []],
  ])('[%s] %s', (_script, body, expected) => {
    expect(ids(body)).toEqual(expected);
  });
});

describe('romanized Korean names (lang: ko)', () => {
  it('the romanization table lists each spelling once, in one row (variant generation relies on it)', async () => {
    const { KOREAN_ROMANIZATION_TABLE } = await import('../../src/extract/korean-romanization-table.ts');
    const all = KOREAN_ROMANIZATION_TABLE.flat();
    expect(new Set(all).size).toBe(all.length);
  });
  it.each([
    'Ro Tu Chol', 'Ro Tu-chol', 'Ro Tuchol', 'RO TU CHOL', "Ro Tu Ch'ŏl", 'No Tu Chol', 'Roh Tu Chol', 'Ro Du Cheol', 'Roh Doo-chul', 'Ro Du-chol',
  ])('"%s" is Ro Tu Chol', (spelling) => {
    expect(found(people, `Vice-premier ${spelling} spoke.`)['ro-tu-chol']).toEqual([spelling]);
  });
  it.each(['Ri Ryong Nam', 'Lee Yong Nam', 'Rhee Ryong-nam', 'Yi Ryongnam', 'Ri Ryeong Nam'])('"%s" is Ri Ryong Nam', (spelling) => {
    expect(found(people, `${spelling} met them.`)['ri-ryong-nam']).toEqual([spelling]);
  });
  it.each(['Choe Son Hui', 'Choi Son-hui', 'Choe Sonhui', 'Choi Sun Hee', 'Choe Seon-hui'])('"%s" is Choe Son Hui', (spelling) => {
    expect(found(people, `FM ${spelling} said`)['choe-son-hui']).toEqual([spelling]);
  });
  it.each(['Pak Thae Song', 'Park Tae Song', 'Bak Thae-song', 'Park Tae-seong'])('"%s" is Pak Thae Song', (spelling) => {
    expect(found(people, `Premier ${spelling}`)['pak-thae-song']).toEqual([spelling]);
  });
  it.each(['Kim Jong Un', 'Kim Jong-un', 'Kim Jongun', 'Kim Chong Un', 'Kim Jeong-eun'])('"%s" is Kim Jong Un', (spelling) => {
    expect(found(people, `${spelling} inspected`)['kim-jong-un']).toEqual([spelling]);
  });
  it.each([
    ['respected ComradeKim Jong Unexpressed deep concern', 'Kim Jong Un'],
    ['respected HEKim Jong Unand result', 'Kim Jong Un'],
    ['recognition,Kim Jong Unpresided over', 'Kim Jong Un'],
  ])('KCNA scraper quirk, name glued to its neighbours: %s', (body, name) => {
    expect(found(people, body)['kim-jong-un']).toEqual([name]);
  });
  it.each(['Kozlovsky', 'MrKozlov', 'ComradeRason', 'KIM JONG UNITED'])('glued names need a full capitalized Korean name: %s', (body) => {
    expect(found(people, body)).toEqual({});
  });
  it("Kwangch'ŏl = Kwangchol = Gwang-cheol", () => {
    expect(found(people, "Kim Kwangch'ŏl, Kim Gwang-cheol and Kim Kwangchol")['kwang-chol']).toHaveLength(3);
  });
  it.each([
    ['Kim Jong Il', 'kim-jong-un'],
    ['Gim Jong Un', 'kim-jong-un'],
    ['Ro Tu', 'ro-tu-chol'],
    ['ro tu cholsu', 'ro-tu-chol'],
    ['Ro Tu cholsu', 'ro-tu-chol'],
    ['Comrade Ro Tu', 'ro-tu-chol'],
    ['Ri Ryong', 'ri-ryong-nam'],
    ['Lee Chol', 'ri-ryong-nam'],
  ])('false-positive guard: "%s" is not %s', (text, id) => {
    expect(found(people, text)[id]).toBeUndefined();
  });
});

describe('Hangul: particles, titles, 로/노', () => {
  it.each([
    ['로두철은 말했다', ['로두철']],
    ['노두철 부총리', ['노두철']],
    ['로두철동지와', ['로두철']],
    ['내각부총리로두철', ['로두철']],
    ['대로두철', []],
    ['부총리로두철', ['로두철']],
    ['김정은동지께서', ['김정은']],
    ['김정은위원장은', ['김정은']],
    ['최선희외무상은', ['최선희']],
    ['외무상최선희', ['최선희']],
    ['최선희를 만났다', ['최선희']],
    ['(최선희)', ['최선희']],
    ['리룡남대사', ['리룡남']],
    ['이룡남 대사', ['이룡남']],
  ])('%s', (body, expected) => {
    const hits = Object.values(found(people, body)).flat();
    expect(hits).toEqual(expected);
  });
  it('explain lists a name inside a longer word as rejected, though matching never walks there', () => {
    const x = explainMatch(people, 'ro-tu-chol', { body: '대로두철, 부총리로두철' });
    expect(x).toMatchObject({
      kind: 'entity',
      hits: [{ evidence: { text: '로두철', start: 9 } }],
      rejected: [{ variant: '로두철', reason: 'starts inside a longer Hangul word (no title before it)', evidence: { start: 1 } }],
    });
  });
  it.each([
    ['라선에서', 'rason', true],
    ['나선경제무역지대', 'rason', false],
    ['나선형 계단', 'rason', false],
    ['라선시', 'rason', true],
    ['하산역까지', 'khasan', false],
    ['하산에서 출발', 'khasan', true],
    ['하산지역', 'khasan', true],
    ['라선일대', 'rason', true],
    ['러시아정부는', 'russia', true],
    ['하산하는 길', 'khasan', false],
    // Compounds the DPRK writes as one word, and its honorifics.
    ['러시아대사관', 'russia', true],
    ['러시아인들과', 'russia', true],
    ['하산사이의', 'khasan', true],
    ['김정은령도자', 'kim-jong-un', true],
    ['러시아워 교통', 'russia', false],
    ['등산 후 하산하다', 'khasan', false],
    ['러시아와 조선', 'russia', true],
    ['러시아산 석유', 'russia', true],
    ['벨러시아', 'russia', false],
    ['김정은', 'kim-jong-un', true],
    ['김정은희', 'kim-jong-un', false],
    ['박김정은', 'kim-jong-un', false],
  ])('%s → %s %s', (body, id, expected) => {
    expect(found(people, body)[id] !== undefined).toBe(expected);
  });
});

describe('Cyrillic: Russian case endings', () => {
  it.each([
    ['Галушка', 'galushka'], ['Галушки', 'galushka'], ['Галушке', 'galushka'], ['Галушку', 'galushka'], ['Галушкой', 'galushka'],
    ['Мацегора', 'matsegora'], ['Мацегоры', 'matsegora'], ['Мацегоре', 'matsegora'], ['Мацегорой', 'matsegora'],
    ['Козлов', 'kozlov'], ['Козлова', 'kozlov'], ['Козлову', 'kozlov'], ['Козловым', 'kozlov'], ['Козлове', 'kozlov'],
    ['Александру Козлову', 'kozlov'], ['Александром Козловым', 'kozlov'],
    ['Хасане', 'khasan'], ['Хасаном', 'khasan'], ['Расона', 'rason'],
    ['России', 'russia'], ['Россией', 'russia'], ['Россию', 'russia'],
    ['Приморского края', 'primorye'], ['Приморском крае', 'primorye'],
    ['Министерства по развитию Дальнего Востока', 'minvostok'], ['Министерством по развитию Дальнего Востока', 'minvostok'],
    ['Российских железных дорог', 'rzd'], ['РЖД', 'rzd'],
    ['Ро Ду Чхолем', 'ro-tu-chol'], ['Ким Чен Ыном', 'kim-jong-un'], ['Чвэ Сон Хи', 'choe-son-hui'],
    // Compound adjectives (Народно-) and soft neuter adjectives (-ее) decline too.
    ['Корейской Народно-Демократической Республикой', 'dprk'], ['Корейскую Народно-Демократическую Республику', 'dprk'],
    ['Корейской Народно-Демократической Республики', 'dprk'],
    ['всеобъемлющем стратегическом партнерстве', 'treaty'], ['всеобъемлющего стратегического партнерства', 'treaty'],
    // Greek omicron and kappa written into the words (a rewriting site's trick).
    ['Примοрсκого края', 'primorye'],
    // Korean names in Cyrillic: a final ㄹ with or without the soft sign.
    ['Ро Ду Чхол', 'ro-tu-chol'], ['Ро Ду Чхолом', 'ro-tu-chol'],
    // A noun and the adjective after it that names it decline together.
    ['реку Туманную', 'tumen-river'], ['реки Туманной', 'tumen-river'], ['рекой Туманной', 'tumen-river'], ['космодроме Восточном', 'vostochny'],
    ['космодрома Восточный', 'vostochny'], ['реку Туманная', 'tumen-river'],
  ])('%s → %s', (word, id) => {
    expect(found(people, `Встреча: ${word}, далее.`)[id]).toEqual([word]);
  });
  it.each([
    ['Козловский', 'kozlov'], ['Козловск', 'kozlov'], ['Козлович', 'kozlov'], ['Галушкин', 'galushka'], ['Галушкова', 'galushka'],
    ['Мацегорский', 'matsegora'], ['Хасанович', 'khasan'], ['Российский', 'russia'], ['Расонский', 'rason'], ['РЖДшный', 'rzd'],
    ['Министерству по развитию Дальнего Востоков', 'minvostok'],
    ['Корейской Народно-Демократической партии', 'dprk'], ['туманная погода', 'tumen-river'], ['реку Туманку', 'tumen-river'], ['космодромом Восточного округа', 'vostochny'], ['Корейской Народной Республики', 'dprk'], ['всеобъемлющее стратегическое партнерствование', 'treaty'],
  ])('false-positive guard: %s is not %s', (word, id) => {
    expect(found(people, `Встреча: ${word}, далее.`)[id]).toBeUndefined();
  });
});

describe('evidence points at the original text', () => {
  it.each([
    ['en', "Talks: Ro Tu-ch'ŏl and KOZLOV’s team", ["Ro Tu-ch'ŏl", 'KOZLOV']],
    ['ko', '회담에서 로두철동지와 코즐로프는', ['로두철', '코즐로프']],
    ['ru', 'Переговоры: Александром  Козловым и РЖД', ['Александром  Козловым', 'РЖД']],
    ['html', 'Vice-premier Ro&nbsp;Tu&#45;chol met Kozlov', ['Ro&nbsp;Tu&#45;chol', 'Kozlov']],
  ])('[%s] %s', (_s, body, expected) => {
    const doc = { title: 'Title here', body };
    const text = documentText(doc);
    const ms = compileWatchlist(people).extract(doc);
    const ev = ms.flatMap((m) => m.evidence).sort((a, b) => a.start - b.start);
    expect(ev.map((e) => e.text)).toEqual(expected);
    for (const e of ev) {
      expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(e.snippet).toContain(e.text.replace(/\s+/g, ' '));
    }
  });
  it('story and entity evidence of the same span are one object, and so is two stories\' evidence of one term, in documents of any size', () => {
    const c = compileWatchlist(
      wl(
        [entity('rason', 'Rason', [], { type: 'place' })],
        [
          { id: 'visits', name: 'Visits', query: '@rason AND visited', tags: [] },
          { id: 'trips', name: 'Trips', query: 'visited OR toured', tags: [] },
        ],
      ),
    );
    // Short and long documents, in turn: nothing of one may be shared with the next.
    let before = new Set<object>();
    for (const count of [3, 700, 5000, 2]) {
      const body = 'Kim Jong Un visited Rason. '.repeat(count);
      const ms = c.extract({ body });
      const entityEv = ms.find((m) => m.id === 'rason')!.evidence;
      const storyEv = ms.find((m) => m.id === 'visits')!.evidence;
      const tripEv = ms.find((m) => m.id === 'trips')!.evidence;
      expect(entityEv).toHaveLength(count);
      expect(storyEv).toHaveLength(2 * count);
      expect(tripEv).toHaveLength(count);
      const byStart = new Map(storyEv.map((e) => [e.start, e]));
      expect(entityEv.filter((e) => byStart.get(e.start) === e)).toHaveLength(count);
      expect(tripEv.filter((e) => byStart.get(e.start) === e)).toHaveLength(count);
      for (const e of storyEv) expect(body.slice(e.start, e.end)).toBe(e.text);
      expect(storyEv.some((e) => before.has(e))).toBe(false);
      before = new Set(storyEv);
    }
  });
  it('an entity\'s evidence is its kept hits in text order, when its matches overlap, nest and are excluded', () => {
    // Evidence is made in the scan's order (by end) and relies on one entity's kept hits
    // having the same order by start: this holds it to explain's list of kept hits.
    const bridges = wl([
      entity('bridge', 'Tumen River', ['River Bridge', 'Tumen River Bridge', 'Bridge', 'Tumen'], { type: 'project', exclude: ['Bridge Street'] }),
      entity('river', 'River', [], { type: 'place' }),
    ]);
    const c = compileWatchlist(bridges);
    const words = ['Tumen', 'River', 'Bridge', 'Street', 'and', 'the'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 30 }), (ws) => {
        const body = ws.join(' ');
        const ms = c.extract({ body });
        for (const id of ['bridge', 'river']) {
          const explained = explainMatch(bridges, id, { body });
          const hits = explained?.kind === 'entity' ? explained.hits.map((h) => h.evidence) : [];
          expect(ms.find((m) => m.id === id)?.evidence ?? []).toEqual(hits);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('offsets count the title and the blank line', () => {
    const [m] = compileWatchlist(people).extract({ title: 'Rason', body: 'Rason again' });
    expect(m!.evidence.map((e) => [e.start, e.end])).toEqual([[0, 5], [7, 12]]);
  });
});

describe('exclude phrases', () => {
  const places = wl(
    [
      entity('moscow', 'Moscow', ['모스크바', 'Москва'], { type: 'place', exclude: ['Moscow time', '모스크바 시간', 'по московскому времени'] }),
      entity('khasan', 'Khasan', ['Хасан', '하산'], { type: 'place', exclude: ['Lake Khasan', 'озеро Хасан'] }),
    ],
    [{ id: 'in-moscow', name: 'In Moscow', query: '@moscow', tags: [] }],
  );
  it.each([
    ['en', 'Talks in Moscow began at 10:00 Moscow time.', { moscow: ['Moscow'], 'in-moscow': ['Moscow'] }],
    ['en', 'The train left at 8:30 am Moscow time.', {}],
    ['en', "The battle of Lake Khasan; trains from Khasan and from Moscow's stations.", { moscow: ['Moscow'], khasan: ['Khasan'], 'in-moscow': ['Moscow'] }],
    ['ko', '모스크바 시간으로 오전 10시, 모스크바에서 회담이 열렸다.', { moscow: ['모스크바'], 'in-moscow': ['모스크바'] }],
    ['ru', 'У озера Хасан отдыхали; поезд ушёл из Хасана в 10:00 по московскому времени.', { khasan: ['Хасана'] }],
  ])('[%s] %s', (_lang, body, expected) => {
    expect(found(places, body)).toEqual(expected);
  });
  it('explain says which phrase excluded a match', () => {
    const x = explainMatch(places, 'moscow', { body: 'At noon Moscow time.' });
    expect(x).toMatchObject({ kind: 'entity', matched: false, excluded: [{ variant: 'moscow', exclude: 'Moscow time', evidence: { text: 'Moscow' } }] });
  });
  it('watchlist check warns of a phrase that holds no spelling of the entity', () => {
    const w = wl([entity('moscow', 'Moscow', [], { type: 'place', exclude: ['Moscow time', 'Kremlin time'] })]);
    expect(aliasWarnings(w).map((x) => x.alias)).toEqual(['Kremlin time']);
  });
  it('a watchlist without exclusions parses as before (its version does not change)', () => {
    const w = parseWatchlist('entities:\n  - id: moscow\n    type: place\n    name: Moscow\n');
    expect(w.entities[0]).not.toHaveProperty('exclude');
    const x = parseWatchlist('entities:\n  - id: moscow\n    type: place\n    name: Moscow\n    exclude: [Moscow time]\n');
    expect(x.entities[0]!.exclude).toEqual(['Moscow time']);
    expect(compileWatchlist(x).version).not.toBe(compileWatchlist(w).version);
  });
});

describe('compileWatchlist', () => {
  it('version is stable and changes with the watchlist', () => {
    const a = compileWatchlist(people).version;
    expect(compileWatchlist(structuredClone(people)).version).toBe(a);
    const changed = structuredClone(people);
    changed.entities[0]!.aliases.push('Kozlow');
    expect(compileWatchlist(changed).version).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
  it('a mention inside another entity\'s longer name is still a mention; one entity gets its longest span', () => {
    const w = wl([
      entity('tumen-river', 'Tumen River', [], { type: 'place' }),
      entity('bridge', 'Tumen River road bridge', ['road bridge'], { type: 'project' }),
      entity('rason', 'Rason', ['Rason City'], { type: 'place' }),
    ]);
    expect(found(w, 'the Tumen River road bridge; Rason City')).toEqual({
      'tumen-river': ['Tumen River'],
      bridge: ['Tumen River road bridge'],
      rason: ['Rason City'],
    });
  });
  it('an alias shared by two entities reports both', () => {
    const w = wl([entity('a', 'Kim', []), entity('b', 'Kim', [])]);
    expect(Object.keys(found(w, 'Kim said'))).toEqual(['a', 'b']);
  });
});
