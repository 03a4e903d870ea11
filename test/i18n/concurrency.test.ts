import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { SEED_SLUG, seedTranslation } from '../helpers/seed.js';

useTestDatabase({ seedCorpus: true });
const yoga = createApp();

describe('concurrent requests in different languages', () => {
  it('1,000 interleaved requests in en, ko, zh-Hans and zh-Hant: none gets another language', async () => {
    const expected: Record<string, { title: string; p3: string; kim: string; kind: string }> = {
      en: { title: 'North Korea sends more workers to China after Kim Jong Un’s visit', p3: '', kim: 'Kim Jong Un', kind: 'Person' },
      ko: { title: seedTranslation('ko').title, p3: seedTranslation('ko').paragraphs.p3 ?? '', kim: '김정은', kind: '인물' },
      'zh-Hans': {
        title: seedTranslation('zh-Hans').title,
        p3: seedTranslation('zh-Hans').paragraphs.p3 ?? '',
        kim: '金正恩',
        kind: '人物',
      },
      'zh-Hant': { title: '', p3: '', kim: '金正恩', kind: '人物' },
    };
    const languages = ['en', 'ko', 'zh-Hans', 'zh-Hant'] as const;
    const query = `{ article(slug: "${SEED_SLUG}") { title paragraphs { position text language } }
      entity(key: "kim-jong-un") { name kindLabel } }`;
    const results = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const lang = languages[i % 4] ?? 'en';
        // Half by header, half by argument, so both paths interleave.
        const byHeader = i % 8 < 4;
        const q = byHeader
          ? query
          : query
              .replace(`slug: "${SEED_SLUG}"`, `slug: "${SEED_SLUG}", lang: "${lang}"`)
              .replace('key: "kim-jong-un"', `key: "kim-jong-un", lang: "${lang}"`);
        const res = await yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(byHeader ? { 'accept-language': lang } : {}) },
          body: JSON.stringify({ query: q }),
        });
        const body = (await res.json()) as {
          data: {
            article: { title: string; paragraphs: Array<{ text: string; language: string }> };
            entity: { name: string; kindLabel: string };
          };
          extensions: { i18n: { served: string[] } };
        };
        return { lang, body, contentLanguage: res.headers.get('content-language') };
      }),
    );
    const first = new Map<string, string>();
    let wrong = 0;
    for (const { lang, body, contentLanguage } of results) {
      const e = expected[lang];
      const a = body.data.article;
      const ok =
        a.paragraphs.every((p) => p.language === lang) &&
        body.data.entity.name === e?.kim &&
        body.data.entity.kindLabel === e?.kind &&
        (!e?.title || a.title === e.title) &&
        (!e?.p3 || a.paragraphs[3]?.text === e.p3) &&
        contentLanguage === lang &&
        body.extensions.i18n.served.join() === lang;
      // Every response in a language is identical to the first one in it.
      const signature = JSON.stringify(body.data);
      if (!first.has(lang)) first.set(lang, signature);
      if (!ok || first.get(lang) !== signature) wrong++;
    }
    expect(results).toHaveLength(1000);
    expect(wrong).toBe(0);
  });
});
