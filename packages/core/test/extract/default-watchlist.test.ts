import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWatchlist, parseWatchlist } from '../../src/index.ts';

/**
 * Spellings that real articles use, found by the checks on real text described in
 * test/fixtures/labeled/README.md, each in a sentence written for this test (the real
 * texts are third-party copyright and are not stored). A row fails if a watchlist edit
 * drops the spelling; the look-alike rows fail if one makes it match ordinary text.
 */
const watchlist = compileWatchlist(parseWatchlist(readFileSync(new URL('../../../../config/watchlist.yaml', import.meta.url), 'utf8')));
const idsIn = (text: string): string[] => watchlist.extract({ body: text }).map((m) => m.id);

describe('the default watchlist', () => {
  it.each([
    // English
    ['Governor Kozemyako led the delegation to Pyongyang.', 'kozhemyako'],
    ["Rodong Sinmun, paper of the North Korean Workers' Party, said so.", 'wpk'],
    ['A road bridge across the Tumanna River is being built.', 'tumen-river'],
    ['A motorway bridge over the Tumen River is due in 2026.', 'tumen-bridge-project'],
    ['Minister Yoon Jeong-ho met the governor.', 'yun-jong-ho'],
    ["Coal went by rail from Khasan to North Korea's Najin Port.", 'rajin'],
    ["Coal went by rail from Khasan to North Korea's Najin Port.", 'khasan-rajin-railway'],
    ["Trains run again between the North's Tumen River Station and Khasan.", 'tumangang'],
    ['The construction of a road bridge across the Tumanna River began.', 'tumen-bridge-project'],
    ['Premier Mishustin gave the start of the works.', 'mishustin'],
    ['The drones align with their 2024 strategic partnership treaty.', 'treaty-comprehensive-partnership'],
    ['Russia and the DPRK agree on joint mineral resource exploration.', 'electricity-minerals-deals'],
    ['The train left Khasan at 8:30 am Moscow time and reached Moscow later.', 'moscow'],
    ['Trains from Khasan near Lake Khasan run daily.', 'khasan'],
    // Korean
    ['북러, 포괄·전략적 동반자 조약 비준서 교환', 'treaty-comprehensive-partnership'],
    ['지난해 체결한 북러 조약에 따라 협력을 강화했다.', 'treaty-comprehensive-partnership'],
    ['두 나라 사이의 포괄적인 전략적 동반자관계를 심화시키고', 'treaty-comprehensive-partnership'],
    ["'전면적 전략적 동반자 관계 조약'을 비준했다.", 'treaty-comprehensive-partnership'],
    ['북조선에 대한 유엔 제재 실시 상황', 'dprk'],
    ['알렉산드르 노박 부총리 등을 만났다.', 'novak'],
    ['갈루슈카 장관이 평양에 도착했다.', 'galushka'],
    ['북러 경제공동위원회 제11차 회의가 열렸다.', 'intergovernmental-commission'],
    ["'무역, 경제 및 과학기술협조위원회' 회의", 'intergovernmental-commission'],
    ['북러 포괄적 전략동반자 조약 1주년', 'treaty-comprehensive-partnership'],
    ['노동당 본부청사에서 장관을 접견했다.', 'wpk'],
    ['노동당 중앙군사위원회 확대회의가 열렸다.', 'wpk'],
    ['나선은하 사진과 함께 라선에서 열린 회의', 'rason'],
    // Russian
    ['Автомобильный мост через реку Туманная построят за полтора года.', 'tumen-bridge-project'],
    ['строительство автомобильного моста через реку Туманная', 'tumen-bridge-project'],
    ['сообщил руководитель Министерства иностранных дел России', 'russian-foreign-ministry'],
    ['Путин и Ким Чен Ын подписали договор о всеобъемлющем партнёрстве.', 'treaty-comprehensive-partnership'],
  ])('finds %j as %s', (text, id) => {
    expect(idsIn(text)).toContain(id);
  });

  it.each([
    ['노박 조코비치가 우승했다.', 'novak'],
    ['Novak Djokovic won in Moscow.', 'novak'],
    ['The new Labor Party leader spoke in Sydney.', 'wpk'],
    ['The train left Khasan at 8:30 am Moscow time.', 'moscow'],
    ['The University of Idaho in Moscow, Idaho, reopened.', 'moscow'],
    ['A memorial to the battle of Lake Khasan stands there.', 'khasan'],
    ['조선 시대 왕세자의 집무 공간이 공개됐다.', 'dprk'],
    ['조선 빅3의 수주잔량이 늘었다.', 'dprk'],
    ['일반적인 나선은하들과 달리 중심에 핵이 있다.', 'rason'],
    ['마린스키극장 프리모르스키 무대 발레단이 공연한다.', 'primorye'],
    ['The Belousov–Zhabotinsky reaction oscillates.', 'belousov'],
    ['Реакция Белоусова — Жаботинского колеблется.', 'belousov'],
    ['하산-두만강 철도 검문소가 운영되고 있다.', 'tumen-river'],
  ])('does not read %j as %s', (text, id) => {
    expect(idsIn(text)).not.toContain(id);
  });
});
