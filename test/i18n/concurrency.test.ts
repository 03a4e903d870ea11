import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';

useTestDatabase({ seedCorpus: true });
const yoga = createApp();

const LANGUAGES = ['en', 'ko', 'zh-Hans', 'zh-Hant'] as const;
type Lang = (typeof LANGUAGES)[number];
const REQUESTS = 1000;

interface Body {
  data: Record<string, unknown> & {
    article: { title: string; paragraphs: Array<{ position: number; text: string; language: string }> };
    entity: { name: string; kindLabel: string };
  };
  errors?: unknown[];
  extensions: { i18n: { requested: { acceptLanguage: string | null; arguments: string[] }; served: string[] } };
}

/**
 * Request i asks for LANGUAGES[i % 4], by header for half of them and by argument for the other
 * half (eight documents in all, so parsing is cached as for real clients).
 */
function request(i: number): { lang: Lang; byHeader: boolean; init: RequestInit } {
  const lang = LANGUAGES[i % LANGUAGES.length] ?? 'en';
  const byHeader = i % 8 < 4;
  const arg = byHeader ? '' : `, lang: "${lang}"`;
  const query = `{ article(slug: "${SEED_SLUG}"${arg}) { title paragraphs { position text language } }
    entity(key: "kim-jong-un"${arg}) { name kindLabel } }`;
  return {
    lang,
    byHeader,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(byHeader ? { 'accept-language': lang } : {}) },
      body: JSON.stringify({ query }),
    },
  };
}

async function send(i: number): Promise<{ body: Body; contentLanguage: string | null }> {
  const res = await yoga.fetch('http://localhost/graphql', request(i).init);
  return { body: (await res.json()) as Body, contentLanguage: res.headers.get('content-language') };
}

/** What each language's answer is, asked one request at a time. */
const reference = new Map<Lang, Body['data']['article'] & { entity: Body['data']['entity'] }>();

beforeAll(async () => {
  for (const [i, lang] of LANGUAGES.entries()) {
    const { body } = await send(i);
    reference.set(lang, { ...body.data.article, entity: body.data.entity });
  }
});

describe('concurrent requests in different languages', () => {
  it('the answers asked one at a time are the right ones', () => {
    const en = reference.get('en');
    const ko = reference.get('ko');
    const zh = reference.get('zh-Hans');
    const tw = reference.get('zh-Hant');
    expect(en?.title).toBe('North Korea sends more workers to China after Kim Jong Un’s visit');
    expect(en?.entity).toEqual({ name: 'Kim Jong Un', kindLabel: 'Person' });
    expect(ko?.title).toBe(seedTranslation('ko').title);
    expect(ko?.paragraphs[3]?.text).toBe(seedTranslation('ko').paragraphs[seedKey(3)]);
    expect(ko?.entity).toEqual({ name: '김정은', kindLabel: '인물' });
    expect(zh?.title).toBe(seedTranslation('zh-Hans').title);
    expect(zh?.paragraphs[3]?.text).toBe(seedTranslation('zh-Hans').paragraphs[seedKey(3)]);
    expect(zh?.entity).toEqual({ name: '金正恩', kindLabel: '人物' });
    expect(tw?.entity).toEqual({ name: '金正恩', kindLabel: '人物' });
    for (const lang of LANGUAGES) {
      const paragraphs = reference.get(lang)?.paragraphs ?? [];
      expect(paragraphs).toHaveLength(15);
      for (const p of paragraphs) expect(p.language).toBe(lang);
    }
    // Four different answers: no language is served another's text.
    expect(new Set(LANGUAGES.map((l) => reference.get(l)?.title)).size).toBe(4);
    expect(new Set(LANGUAGES.map((l) => reference.get(l)?.paragraphs[3]?.text)).size).toBe(4);
  });

  // A thousand full article queries: seconds on a quiet machine, more on a busy one, so given room.
  it(`${REQUESTS.toLocaleString('en')} interleaved requests in en, ko, zh-Hans and zh-Hant: each gets exactly its own language`, {
    timeout: 90_000,
  }, async () => {
    // Counted as each request goes out, and again from what each response says it served.
    const sent: Record<string, number> = {};
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => {
        const { lang } = request(i);
        sent[lang] = (sent[lang] ?? 0) + 1;
        return send(i);
      }),
    );
    const failures: string[] = [];
    const servedCount: Record<string, number> = {};
    for (const [i, { body, contentLanguage }] of responses.entries()) {
      const { lang, byHeader } = request(i);
      // What the response says it was asked for and what it served.
      const requested = body.extensions?.i18n?.requested;
      const asked = byHeader ? requested?.acceptLanguage : requested?.arguments.join();
      const served = body.extensions?.i18n?.served.join() ?? '?';
      servedCount[served] = (servedCount[served] ?? 0) + 1;
      const answer = body.data && { ...body.data.article, entity: body.data.entity };
      const problems = [
        body.errors ? `errors ${JSON.stringify(body.errors)}` : '',
        asked === lang ? '' : `asked for ${asked}`,
        served === lang ? '' : `served ${served}`,
        contentLanguage === lang ? '' : `Content-Language ${contentLanguage}`,
        answer?.paragraphs.length === 15 && answer.paragraphs.every((p) => p.language === lang) ? '' : 'paragraphs in another language',
        JSON.stringify(answer) === JSON.stringify(reference.get(lang)) ? '' : 'an answer unlike the one asked alone',
      ].filter(Boolean);
      if (problems.length) failures.push(`request ${i} (${lang}, by ${byHeader ? 'header' : 'argument'}): ${problems.join('; ')}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(failures).toHaveLength(0);
    expect(sent).toEqual({ en: REQUESTS / 4, ko: REQUESTS / 4, 'zh-Hans': REQUESTS / 4, 'zh-Hant': REQUESTS / 4 });
    expect(servedCount).toEqual(sent);
  });
});
