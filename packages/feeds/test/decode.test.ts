import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decideCharset, decodeBody, parseContentType, parseFeed } from '../src/index.ts';
import { fixture } from './fixtures.ts';

const rss = (title: string, encoding?: string): string =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><description>${title} - ${title}</description></item></channel></rss>`;

describe('legacy charsets Korean, Russian, Japanese and Chinese sites still serve', () => {
  const samples: [label: string, declared: string, text: string][] = [
    ['cp949', 'EUC-KR', '북한과 러시아가 포괄적 전략적 동반자 관계 조약에 서명했다 똠방각하'], // 똠 exists only in CP949, not EUC-KR
    ['windows-1251', 'windows-1251', 'Россия и КНДР подписали договор о всеобъемлющем стратегическом партнёрстве'],
    ['koi8-r', 'KOI8-R', 'Шойгу прибыл в Пхеньян с визитом'],
    ['shift_jis', 'Shift_JIS', '北朝鮮とロシアが包括的戦略パートナーシップ条約に署名'],
    ['gb18030', 'GB18030', '朝鲜与俄罗斯签署全面战略伙伴关系条约 𠀀'],
    ['gb18030', 'GB2312', '朝鲜与俄罗斯签署条约'],
    ['big5', 'Big5', '北韓與俄羅斯簽署條約'],
  ];
  for (const [label, declared, text] of samples) {
    const bytes = iconv.encode(rss(text, declared), label);
    it(`${declared} from the XML declaration`, async () => {
      expect(decodeBody(bytes, 'application/rss+xml')).toBe(rss(text, declared));
      const feed = await parseFeed(decodeBody(bytes, 'text/xml'));
      expect(feed.items[0]!.title).toBe(text);
    });
    it(`${declared} from the Content-Type header, with a lying XML declaration`, () => {
      const lying = iconv.encode(rss(text, 'utf-8'), label);
      expect(decodeBody(lying, `text/xml; charset="${declared}"`)).toBe(rss(text, 'utf-8'));
    });
  }

  it('sniffs undeclared EUC-KR and KOI8-R bodies that are not UTF-8', () => {
    const korean = iconv.encode(`<rss><channel><title>${'조선중앙통신은 러시아 국방상의 방문을 보도하였다. '.repeat(5)}</title></channel></rss>`, 'cp949');
    const russian = iconv.encode(`<rss><channel><title>${'Министр обороны России прибыл в Пхеньян. '.repeat(5)}</title></channel></rss>`, 'koi8-r');
    expect(decideCharset(korean)).toMatchObject({ charset: 'cp949', source: 'sniffed' });
    expect(decideCharset(russian)).toMatchObject({ charset: 'koi8-r', source: 'sniffed' });
    expect(decodeBody(korean)).toContain('조선중앙통신은 러시아 국방상의');
  });

  it('reads the real windows-1251 oren.ru feed', async () => {
    const bytes = readFileSync(fixture('oren.ru', 'iconv.xml'));
    expect(decideCharset(bytes, 'text/xml')).toMatchObject({ charset: 'windows-1251', source: 'xml-declaration' });
    const feed = await parseFeed(decodeBody(bytes));
    expect(feed.title).toBe('Новости Оренбурга и области / Раздел Новости');
    expect(feed.ttlMinutes).toBe(30);
    expect(feed.items.every((i) => !/[ÐÑ\uFFFD]/.test(i.title + i.text))).toBe(true);
  });
});

describe('charset precedence: BOM > Content-Type > XML declaration > HTML meta', () => {
  it('a BOM beats a header that says otherwise', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('Ким Чен Ын'), 'utf8')]);
    expect(decideCharset(body, 'text/xml; charset=windows-1251')).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(decodeBody(body, 'text/xml; charset=windows-1251')).toBe(rss('Ким Чен Ын'));
  });
  it('the header beats the XML declaration', () => {
    expect(decideCharset(iconv.encode(rss('Пхеньян', 'utf-8'), 'koi8-r'), 'application/xml; charset=koi8-r').charset).toBe('koi8-r');
  });
  it('the HTML meta charset is used for HTML without a header charset', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head><body>로동신문</body></html>`;
    expect(decideCharset(iconv.encode(html, 'cp949'), 'text/html')).toMatchObject({ charset: 'cp949', source: 'html-meta' });
    const html5 = `<html><head><meta charset="windows-1251"></head><body>Рабочая газета</body></html>`;
    expect(decodeBody(iconv.encode(html5, 'windows-1251'), 'text/html')).toContain('Рабочая газета');
  });
  it('a declared charset the bytes do not fit falls through, with a warning', () => {
    const body = Buffer.from(rss('Лавров', 'us-ascii'), 'utf8');
    const decision = decideCharset(body, 'application/xml');
    expect(decision.charset).toBe('utf-8');
    expect(decision.warning).toMatch(/not valid us-ascii/);
  });
  it('an unknown label is reported and ignored', () => {
    expect(decideCharset(Buffer.from(rss('x', 'bogus')))).toMatchObject({ charset: 'utf-8', warning: expect.stringMatching(/unknown charset "bogus"/) });
  });
});

describe('parseContentType', () => {
  it.each([
    ["application/atom+xml;charset='us-ascii'", 'application/atom+xml', 'us-ascii'],
    ['text/xml;charset = us-ascii', 'text/xml', 'us-ascii'],
    ['application/rss+xml;charset= "us-ascii"', 'application/rss+xml', 'us-ascii'],
    ['text/xml; charset:iso-8859-1', 'text/xml', undefined],
    ['text/xml;', 'text/xml', undefined],
    ['TEXT/HTML; Charset=EUC-KR', 'text/html', 'EUC-KR'],
  ])('%s', (header, type, charset) => {
    expect(parseContentType(header)).toEqual({ type, charset });
  });
});
