import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { SEED_SLUG } from '../helpers/seed.js';

useTestDatabase({ seedCorpus: true });
const yoga = createApp();

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

describe('a malformed or hostile Accept-Language header', () => {
  const hostile = [
    '../../etc/passwd',
    '__proto__',
    'constructor;q=1',
    `ko,${'x'.repeat(10_240)}`,
    'ko;q=nope',
    '%2e%2e%2fetc',
    'en-/../../secret',
  ];

  it.each(hostile)('%j is served in the default language, reaching no file and no header', async (header) => {
    const reads = vi.spyOn(fs, 'readFileSync');
    const opens = vi.spyOn(fs, 'openSync');
    try {
      const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}") { title paragraphs { text provenance } } }`, undefined, {
        'accept-language': header,
      });
      expect(res.errors).toBeUndefined();
      expect(res.data?.article.title).toBe('North Korea sends more workers to China after Kim Jong Un’s visit');
      expect(res.headers.get('content-language')).toBe('en');
      expect(reads).not.toHaveBeenCalled();
      expect(opens).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
      opens.mockRestore();
    }
  });

  it('a header with CR LF cannot even be sent, and negotiate() refuses it (see languages.test.ts)', () => {
    expect(() => new Headers({ 'accept-language': 'ko\r\nX-Injected: 1' })).toThrow();
  });
});
