// zh-Hant is written for Taiwan: the seed article, the labels and the error messages a zh-TW
// reader gets are Taiwan usage (as the Central News Agency writes), not mainland Chinese converted
// to traditional characters.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { flatten, type Resource } from '../../src/i18n/locale-file.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { SEED_SLUG } from '../helpers/seed.js';

useTestDatabase({ seedCorpus: true });
const yoga = createApp();

/** Mainland wording that a Taiwan reader must not meet in the seed article. */
const MAINLAND = ['朝鮮', '訪華', '大巴', '勞務人員', '培訓', '“', '”'];

interface Served {
  text: string;
  en: string;
  language: string;
  provenance: string;
}

let title: Served;
let paragraphs: Served[];

beforeAll(async () => {
  const res = await gql(
    yoga,
    `{ article(slug: "${SEED_SLUG}") {
      localizedTitle { text language provenance }
      originalTitle
      paragraphs { text en: text(lang: "en") language provenance }
    } }`,
    undefined,
    { 'accept-language': 'zh-TW' },
  );
  expect(res.errors).toBeUndefined();
  const article = res.data?.article;
  title = { ...article.localizedTitle, en: article.originalTitle };
  paragraphs = article.paragraphs;
});

describe('the seed article served to Accept-Language: zh-TW', () => {
  it('is the zh-Hant translation, every paragraph and the title (TRANSLATED, not CONVERTED)', () => {
    expect(paragraphs).toHaveLength(15);
    for (const served of [title, ...paragraphs]) {
      expect({ text: served.text, language: served.language, provenance: served.provenance }).toEqual({
        text: served.text,
        language: 'zh-Hant',
        provenance: 'TRANSLATED',
      });
    }
  });

  it('says 北韓, and none of 朝鮮, 訪華, 大巴, 勞務人員, 培訓 or “ ”', () => {
    const all = [title, ...paragraphs].map((s) => s.text).join('\n');
    expect(all).toContain('北韓');
    for (const word of MAINLAND) {
      const found = [title, ...paragraphs].filter((s) => s.text.includes(word)).map((s) => s.text);
      expect(found, `“${word}” in the Taiwan text`).toEqual([]);
    }
  });

  it('says 訪中 wherever the English speaks of Kim’s visit', () => {
    const visits = [title, ...paragraphs].filter((s) => /\bvisit\b/i.test(s.en));
    expect(visits.length).toBeGreaterThan(3);
    for (const s of visits) expect(s.text, s.en).toContain('訪中');
  });

  it('says 巴士 wherever the English has a bus', () => {
    const buses = paragraphs.filter((s) => /\bbus/i.test(s.en));
    expect(buses.length).toBeGreaterThan(0);
    for (const s of buses) expect(s.text, s.en).toContain('巴士');
  });

  it('quotes with 「」 wherever the English quotes', () => {
    const quoted = paragraphs.filter((s) => s.en.includes('“'));
    expect(quoted.length).toBeGreaterThan(0);
    for (const s of quoted) {
      expect(s.text, s.en).toContain('「');
      expect(s.text, s.en).toContain('」');
    }
  });
});

describe('zh-Hant labels and error messages', () => {
  const read = (language: string, file: string) =>
    new Map(flatten(JSON.parse(fs.readFileSync(`locales/${language}/${file}`, 'utf8')) as Resource));
  const placeholders = (value: string | string[] | undefined) =>
    [...String(value ?? '').matchAll(/\{\{[^}]*\}\}/g)].map((m) => m[0]).sort();

  it.each(['errors.json', 'common.json'])('%s: every zh-Hans key, with the same placeholders', (file) => {
    const simplified = read('zh-Hans', file);
    const traditional = read('zh-Hant', file);
    expect([...traditional.keys()].sort()).toEqual([...simplified.keys()].sort());
    for (const [key, value] of simplified) expect(placeholders(traditional.get(key)), key).toEqual(placeholders(value));
  });

  it('explain an unsupported language in Taiwan wording', async () => {
    const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "fr") { title } }`, undefined, { 'accept-language': 'zh-TW' });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_LANGUAGE');
    expect(res.errors?.[0]?.message).toBe('不支援「fr」這個語言。支援的語言：en, ko, zh-Hans, zh-Hant。');
  });
});
