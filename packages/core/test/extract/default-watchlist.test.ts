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
    ['The train left Khasan at 8:30 am Moscow time and reached Moscow later.', 'moscow'],
    ['Trains from Khasan near Lake Khasan run daily.', 'khasan'],
    // Korean
    ['북러, 포괄·전략적 동반자 조약 비준서 교환', 'treaty-comprehensive-partnership'],
    ['지난해 체결한 북러 조약에 따라 협력을 강화했다.', 'treaty-comprehensive-partnership'],
    ['두 나라 사이의 포괄적인 전략적 동반자관계를 심화시키고', 'treaty-comprehensive-partnership'],
    ["'전면적 전략적 동반자 관계 조약'을 비준했다.", 'treaty-comprehensive-partnership'],
    ['북조선에 대한 유엔 제재 실시 상황', 'dprk'],
    ['알렉산드르 노박 부총리 등을 만났다.', 'novak'],
    // Russian
    ['Автомобильный мост через реку Туманная построят за полтора года.', 'tumen-bridge-project'],
    ['строительство автомобильного моста через реку Туманная', 'tumen-bridge-project'],
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
  ])('does not read %j as %s', (text, id) => {
    expect(idsIn(text)).not.toContain(id);
  });
});
