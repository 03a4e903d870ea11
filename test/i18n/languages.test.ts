import { describe, expect, it } from 'vitest';
import { matchLanguage, negotiate } from '../../src/i18n/languages.js';

describe('matching a language tag', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['ko', 'ko'],
    ['ko-KR', 'ko'],
    ['KO-kr', 'ko'],
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-Hans-CN', 'zh-Hans'],
    ['zh-hans', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['ZH-HANT-hk', 'zh-Hant'],
  ])('%s → %s', (tag, expected) => {
    expect(matchLanguage(tag)).toBe(expected);
  });

  it.each([
    'fr',
    'ja-JP',
    '',
    'x',
    'ko_KR',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    'en/../ko',
    'ko\r\nX-Injected: 1',
    'e'.repeat(100),
    'zh-Hans-CN-',
  ])('refuses %j', (tag) => {
    expect(matchLanguage(tag)).toBeNull();
  });
});

describe('negotiating Accept-Language', () => {
  it.each([
    ['ko', 'ko'],
    ['ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7', 'ko'],
    ['en;q=0.5, zh-TW;q=0.9', 'zh-Hant'],
    ['fr-FR, ja;q=0.9, zh-CN;q=0.8, ko;q=0.7', 'zh-Hans'],
    ['de, *;q=0.5', 'en'],
    ['*', 'en'],
    ['ko;q=0, zh', 'zh-Hans'],
    ['zh-hk;Q=1.0', 'zh-Hant'],
    ['ko;q=0.5, zh-Hant;q=0.5', 'ko'],
  ])('%s → %s', (header, expected) => {
    expect(negotiate(header).language).toBe(expected);
  });

  it('falls back to the default without a header, or when nothing matches', () => {
    expect(negotiate(null)).toEqual({ language: 'en', header: null, reason: 'no-header' });
    expect(negotiate('fr, de;q=0.5')).toMatchObject({ language: 'en', reason: 'no-match' });
  });

  it.each([
    ['../../etc/passwd'],
    ['__proto__'],
    ['ko\r\nX-Injected: yes'],
    ['ko\u0000'],
    [`ko,${'x'.repeat(10_240)}`],
    ['ko;q=abc'],
    ['한국어'],
  ])('a hostile header %# falls back to the default', (header) => {
    const result = negotiate(header);
    expect(result.language).toBe('en');
  });

  it('never echoes an unusable header', () => {
    expect(negotiate('ko\r\nX: 1').header).toBeNull();
    expect(negotiate('x'.repeat(600)).header).toBeNull();
  });
});
