import { describe, expect, it } from 'vitest';
import { type AlignGroup, alignMentions, isVisitAbbreviation, knownNamesOf } from '../../src/i18n/align-mentions.js';

/** Mentions of the original as [entity index, the text they are found at, which occurrence of it]. */
function mentionsIn(source: string, list: Array<[number, string, number?]>) {
  return list.map(([group, text, nth = 0]) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = source.indexOf(text, at + 1);
    if (at < 0) throw new Error(`“${text}” is not in the source`);
    return { start: at, end: at + text.length, group };
  });
}

const group = (key: string, ...surfaces: Array<string | [string, 'visit']>): AlignGroup => ({
  key,
  surfaces: surfaces.map((s) => (typeof s === 'string' ? { text: s, visit: false } : { text: s[0], visit: true })),
});

/** What each mention landed on, or null. */
function align(source: string, target: string, groups: AlignGroup[], list: Array<[number, string, number?]>, entities = {}) {
  const spans = alignMentions({ source, target, mentions: mentionsIn(source, list), groups, known: knownNamesOf(entities) });
  return spans.map((s) => (s ? `${target.slice(s.start, s.end)}@${s.start}` : null));
}

describe('aligning mentions with a translation', () => {
  const china = { ko: group('china', '중국', ['방중', 'visit']), zh: group('china', '中国', ['访华', 'visit']) };

  it('places a plain mention on the name, not on the abbreviation of a visit before it', () => {
    const source = 'North Korea has sent more migrant workers to China following Kim Jong Un’s recent visit.';
    const ko = '북한이 김정은 국무위원장의 최근 방중 이후 중국에 노동자를 추가로 파견했다.';
    expect(align(source, ko, [china.ko], [[0, 'China']])).toEqual([`중국@${ko.indexOf('중국')}`]);
    const zh = '金正恩近期访华后，朝鲜又向中国增派了一批劳务人员。';
    expect(align(source, zh, [china.zh], [[0, 'China']])).toEqual([`中国@${zh.indexOf('中国')}`]);
  });

  it('places “visit to China” on the abbreviation, and the other mention on the name', () => {
    const source = 'Shortly after Kim’s visit to China, the women were bused into China through the customs office.';
    const zh = '金正恩访华后不久，她们乘坐大巴经海关进入中国。';
    expect(
      align(
        source,
        zh,
        [china.zh],
        [
          [0, 'China'],
          [0, 'China', 1],
        ],
      ),
    ).toEqual(['访华@3', `中国@${zh.indexOf('中国')}`]);
  });

  it('leaves a mention unlocated rather than take an occurrence that is not it', () => {
    // Only the visit is said: the workers sent “to China” are not named in the translation.
    const source = 'Workers were sent to China soon after Kim’s visit.';
    expect(align(source, '김정은의 방중 직후 노동자들이 파견됐다.', [china.ko], [[0, 'China']])).toEqual([null]);
    // Two mentions, one name: the mention in the same place gets it, the other is unlocated.
    const two = 'China asked for them, so the workers went to China.';
    expect(
      align(
        two,
        '요청에 따라 노동자들이 중국으로 갔다.',
        [china.ko],
        [
          [0, 'China'],
          [0, 'China', 1],
        ],
      ),
    ).toEqual([null, '중국@13']);
  });

  it('takes the occurrence in the same sentence: “in China”, not the “Chinese authorities” before it', () => {
    const source =
      'Chinese authorities have shortened visa periods and issued fewer visas overall. As a result, large numbers of North Koreans in China have returned home.';
    const ko = '중국 당국은 비자 기간을 단축하고 비자 발급 건수도 줄였다. 그 결과 중국에 있던 북한 주민 상당수가 귀국했다.';
    expect(align(source, ko, [china.ko], [[0, 'China']])).toEqual([`중국@${ko.indexOf('중국에')}`]);
  });

  it('keeps mentions of one entity in their order', () => {
    const source = 'North Korea fought, and North Korea’s ties with China and China’s aid grew.';
    const zh = '朝鲜打仗，朝鲜与中国的关系和中国的援助都增加了。';
    const nk = group('north-korea', '朝鲜');
    expect(
      align(
        source,
        zh,
        [nk, china.zh],
        [
          [0, 'North Korea'],
          [0, 'North Korea', 1],
          [1, 'China'],
          [1, 'China', 1],
        ],
      ),
    ).toEqual(['朝鲜@0', '朝鲜@5', '中国@8', '中国@14']);
  });

  it('never places a name inside a longer known name at the same place', () => {
    const entities = {
      kcna: { name: '조선중앙통신', aliases: [] },
      ccp: { name: '中国共产党', aliases: ['中共'] },
      'north-korea': { name: '북한', aliases: ['조선'] },
    };
    const nk = group('north-korea', '북한', '조선');
    expect(align('North Korea said so, KCNA said.', '조선중앙통신이 그렇게 전했다.', [nk], [[0, 'North Korea']], entities)).toEqual([null]);
    expect(
      align('North Korea said so, KCNA said.', '조선중앙통신에 따르면 조선이 그렇게 말했다.', [nk], [[0, 'North Korea']], entities),
    ).toEqual(['조선@12']);
    expect(align('China said the party did.', '中国共产党表示，中国已经这样做了。', [china.zh], [[0, 'China']], entities)).toEqual([
      '中国@8',
    ]);
  });

  it('never places a name glued to a longer Korean word, number or Latin word', () => {
    const source = 'After the visit to China, 50 workers left.';
    const workers = group('q-50', '50명');
    expect(
      align(
        source,
        '지방중소기업에서 150명이 떠났다.',
        [china.ko, workers],
        [
          [0, 'China'],
          [1, '50 workers'],
        ],
      ),
    ).toEqual([null, null]);
    expect(
      align(
        source,
        '방중 뒤 노동자 50명이 떠났다.',
        [china.ko, workers],
        [
          [0, 'China'],
          [1, '50 workers'],
        ],
      ),
    ).toEqual(['방중@0', '50명@9']);
  });

  it('nests a place in an organization only where the original names the organization over it', () => {
    const entities = { 'sinuiju-customs-office': { name: '신의주 세관', aliases: [] }, sinuiju: { name: '신의주', aliases: [] } };
    const sinuiju = group('sinuiju', '신의주');
    const customs = group('sinuiju-customs-office', '신의주 세관');
    const nested = 'They crossed through the Sinuiju customs office.';
    expect(
      align(
        nested,
        '그들은 신의주 세관을 거쳐 건넜다.',
        [sinuiju, customs],
        [
          [0, 'Sinuiju'],
          [1, 'Sinuiju customs office'],
        ],
        entities,
      ),
    ).toEqual(['신의주@4', '신의주 세관@4']);
    // The city alone is not in the customs office's name when the original names it elsewhere.
    const apart = 'Sinuiju workers crossed through the customs office.';
    expect(align(apart, '신의주 세관을 거쳐 건넜다.', [sinuiju, customs], [[0, 'Sinuiju']], entities)).toEqual([null]);
  });

  it('knows a visit abbreviation from a name that begins the same way', () => {
    expect(isVisitAbbreviation('방중', '중국', 'ko')).toBe(true);
    expect(isVisitAbbreviation('访华', '中国', 'zh-Hans')).toBe(true);
    expect(isVisitAbbreviation('訪中', '中國', 'zh-Hant')).toBe(true);
    expect(isVisitAbbreviation('방콕', '방콕', 'ko')).toBe(false);
    expect(isVisitAbbreviation('평북', '평안북도', 'ko')).toBe(false);
    expect(isVisitAbbreviation('访华', '中国', 'en')).toBe(false);
  });
});
