import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { negotiate } from '../../src/i18n/languages.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { SEED_SLUG } from '../helpers/seed.js';

useTestDatabase({ seedCorpus: true });
const yoga = createApp();
const ENGLISH_TITLE = 'North Korea sends more workers to China after Kim Jong Un’s visit';

describe('an unsupported or malformed lang argument', () => {
  it.each(['fr', 'xx-YY', '../../etc/passwd', '__proto__', 'ko\r\nX: 1', '', 'k'.repeat(10_000)])(
    '%j is UNSUPPORTED_LANGUAGE, listing the supported languages',
    async (lang) => {
      for (const query of [
        `query($lang: String) { article(slug: "${SEED_SLUG}", lang: $lang) { title } }`,
        `query($lang: String) { article(slug: "${SEED_SLUG}") { paragraphs { text(lang: $lang) } } }`,
        'query($lang: String) { entity(key: "dandong", lang: $lang) { name } }',
      ]) {
        const res = await gql(yoga, query, { lang });
        expect(res.errors?.length).toBeGreaterThan(0);
        const error = res.errors?.[0];
        expect(error?.extensions?.code).toBe('UNSUPPORTED_LANGUAGE');
        expect(error?.extensions?.supported).toEqual(['en', 'ko', 'zh-Hans', 'zh-Hant']);
        expect(error?.message).toMatch(/Supported languages: en, ko, zh-Hans, zh-Hant\./);
        expect(error?.message.length).toBeLessThan(200);
        expect(error?.message).not.toMatch(/[\r\n]/);
      }
    },
  );

  it('is explained in the language of the request', async () => {
    const ko = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "fr") { title } }`, undefined, { 'accept-language': 'ko' });
    expect(ko.errors?.[0]?.message).toBe('“fr”은(는) 지원하지 않는 언어입니다. 지원 언어: en, ko, zh-Hans, zh-Hant.');
    const zh = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "fr") { title } }`, undefined, { 'accept-language': 'zh-CN' });
    expect(zh.errors?.[0]?.message).toBe('不支持“fr”这一语言。支持的语言：en, ko, zh-Hans, zh-Hant。');
  });
});

describe('negotiate() with a malformed or hostile Accept-Language header', () => {
  it.each([
    // Well-formed as a header, but no range names a supported language: the header is kept for extensions.i18n.
    ['../../etc/passwd', 'no-match'],
    ['__proto__', 'no-match'],
    ['constructor;q=1', 'no-match'],
    ['%2e%2e%2fetc', 'no-match'],
    ['en-/../../secret', 'no-match'],
    // Every range refused (a bad q-value drops its range).
    ['ko;q=nope', 'malformed'],
    ['ko;q=2', 'malformed'],
  ])('%j gives the default language (%s)', (header, reason) => {
    expect(negotiate(header)).toEqual({ language: 'en', header, reason });
  });

  it.each([
    ['ko\r\nX-Injected: 1'],
    ['ko\u0000'],
    ['ko\tzh-TW'],
    ['koé, zh'],
    ['zh\u007f'],
    ['한국어'],
    [`ko,${'x'.repeat(10_240)}`],
    [`${'x,'.repeat(300)}ko`],
  ])('%# (control characters, non-ASCII or oversized) gives the default language and is not echoed', (header) => {
    expect(negotiate(header)).toEqual({ language: 'en', header: null, reason: 'malformed' });
  });

  it('skips a hostile range but honours a supported one next to it', () => {
    expect(negotiate('../../etc/passwd, ko')).toMatchObject({ language: 'ko', reason: 'matched' });
    expect(negotiate('ko;q=nope, zh-TW;q=0.5')).toMatchObject({ language: 'zh-Hant', reason: 'matched' });
    expect(negotiate('__proto__;q=1, constructor, zh')).toMatchObject({ language: 'zh-Hans', reason: 'matched' });
  });
});

describe('the server with a malformed or hostile Accept-Language header', () => {
  // Each of these can be sent (fetch's Headers refuses CR, LF and NUL, so they never reach the server).
  const hostile = [
    '../../etc/passwd',
    '__proto__',
    'constructor;q=1',
    `ko,${'x'.repeat(10_240)}`,
    'ko;q=nope',
    '%2e%2e%2fetc',
    'en-/../../secret',
    'ko\tzh-TW',
    'koé, zh',
    'zh\u007f',
  ];

  it.each(hostile)('%j is served in the default language, reaching no file and no header', async (header) => {
    const reads = vi.spyOn(fs, 'readFileSync');
    const opens = vi.spyOn(fs, 'openSync');
    try {
      const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}") { title paragraphs { text provenance language } } }`, undefined, {
        'accept-language': header,
      });
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data?.article.title).toBe(ENGLISH_TITLE);
      expect(res.data?.article.paragraphs).toHaveLength(15);
      for (const p of res.data?.article.paragraphs ?? []) expect(p).toMatchObject({ language: 'en', provenance: 'ORIGINAL' });
      expect(res.headers.get('content-language')).toBe('en');
      // The server negotiates as negotiate() does, and echoes the header only when negotiate() keeps it.
      const negotiation = negotiate(header);
      expect(res.extensions?.i18n).toMatchObject({
        requested: { acceptLanguage: negotiation.header, arguments: [] },
        negotiated: 'en',
        served: ['en'],
      });
      expect(reads).not.toHaveBeenCalled();
      expect(opens).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
      opens.mockRestore();
    }
  });

  it('serves the supported language a hostile header also names', async () => {
    const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}") { title paragraphs { language } } }`, undefined, {
      'accept-language': '../../etc/passwd;q=1, __proto__, ko;q=0.5',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.article.title).not.toBe(ENGLISH_TITLE);
    expect(new Set(res.data?.article.paragraphs.map((p: { language: string }) => p.language))).toEqual(new Set(['ko']));
    expect(res.headers.get('content-language')).toBe('ko');
    expect(res.extensions?.i18n).toMatchObject({ negotiated: 'ko', served: ['ko'] });
  });
});
