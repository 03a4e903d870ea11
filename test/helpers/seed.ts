import fs from 'node:fs';

/** The translated seed article, as translators wrote it. */
export const SEED_SLUG = 'nk-workers-china-seafood-plants';
export const seedTranslation = (language: 'ko' | 'zh-Hans') =>
  JSON.parse(fs.readFileSync(`locales/${language}/articles/${SEED_SLUG}.json`, 'utf8')) as {
    title: string;
    paragraphs: Record<string, string>;
  };

/** Latin letters left in a Korean or Chinese string, except the NK of 데일리NK / 每日NK. */
export const englishLeft = (text: string) => text.replace(/NK/g, '').match(/[A-Za-z]+/g) ?? [];
