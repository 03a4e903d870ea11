import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, LOCALES_DIR } from '../../src/i18n/catalog.js';
import { catalog, useCatalog } from '../../src/i18n/current.js';
import { ingestText } from '../../src/ingest/index.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { englishLeft, SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();
const shipped = catalog();

beforeAll(async () => {
  await ingestText(
    t.db.prisma,
    '---\nslug: untranslated-story\ndate: 2025-09-16T00:30:00Z\n---\nTraders in Dandong met officials from Sinuiju.',
  );
});
afterEach(() => useCatalog(shipped));

const WHOLE = `query($lang: String) { article(slug: "${SEED_SLUG}", lang: $lang) {
  title localizedTitle { text language provenance requestedLanguage }
  paragraphs { position kind kindLabel text language provenance mentions { start end text located entity { key } } }
  entities { key kind kindLabel name aliases localizedName { language provenance } }
} }`;

describe('the seed article in every language', () => {
  it.each([
    ['ko', 'TRANSLATED'],
    ['zh-Hans', 'TRANSLATED'],
    ['zh-Hant', 'TRANSLATED'],
  ])('%s: complete, with no English left in paragraphs or entity names', async (lang, provenance) => {
    const res = await gql(yoga, WHOLE, { lang });
    expect(res.errors).toBeUndefined();
    const a = res.data?.article;
    expect(a.localizedTitle).toMatchObject({ language: lang, provenance, requestedLanguage: lang });
    expect(englishLeft(a.title)).toEqual([]);
    expect(a.paragraphs).toHaveLength(15);
    for (const p of a.paragraphs) {
      expect({ position: p.position, language: p.language, provenance: p.provenance }).toEqual({
        position: p.position,
        language: lang,
        provenance,
      });
      expect(englishLeft(p.text)).toEqual([]);
      for (const m of p.mentions) {
        if (m.located) expect(p.text.slice(m.start, m.end)).toBe(m.text);
        else expect(m.start).toBeNull();
      }
    }
    for (const e of a.entities) {
      expect(englishLeft(e.name), `${e.key}: ${e.name}`).toEqual([]);
      for (const alias of e.aliases) expect(englishLeft(alias), `${e.key}: ${alias}`).toEqual([]);
      expect(e.localizedName.language).toBe(lang);
      expect(englishLeft(e.kindLabel)).toEqual([]);
    }
  });

  it('uses the standard renderings of names', async () => {
    const res = await gql(
      yoga,
      `{ ko: entities(lang: "ko", first: 100) { edges { node { key name } } }
      zh: entities(lang: "zh-Hans", first: 100) { edges { node { key name } } }
      tw: entities(lang: "zh-TW", first: 100) { edges { node { key name } } } }`,
    );
    const names = (list: string) =>
      Object.fromEntries(res.data?.[list].edges.map((e: { node: { key: string; name: string } }) => [e.node.key, e.node.name]));
    expect(names('ko')).toMatchObject({
      'kim-jong-un': '김정은',
      dandong: '단둥',
      sinuiju: '신의주',
      'north-pyongan': '평안북도',
      'un-security-council': '유엔 안전보장이사회',
      'daily-nk': '데일리NK',
    });
    expect(names('zh')).toMatchObject({
      'kim-jong-un': '金正恩',
      dandong: '丹东',
      sinuiju: '新义州',
      'north-pyongan': '平安北道',
      'un-security-council': '联合国安理会',
      'daily-nk': '每日NK',
    });
    expect(names('tw')).toMatchObject({
      'kim-jong-un': '金正恩',
      dandong: '丹東',
      sinuiju: '新義州',
      'un-security-council': '聯合國安理會',
    });
    expect(names('ko')['date-09-10']).toBe('9월 10일');
    expect(names('zh')['quantity-150-workers']).toBe('150名工人');
  });

  it('serves the translators’ exact text', async () => {
    const res = await gql(
      yoga,
      `{ ko: article(slug: "${SEED_SLUG}", lang: "ko") { title paragraphs { text } } zh: article(slug: "${SEED_SLUG}", lang: "zh-Hans") { title paragraphs { text } } }`,
    );
    for (const [alias, lang] of [
      ['ko', 'ko'],
      ['zh', 'zh-Hans'],
    ] as const) {
      const file = seedTranslation(lang);
      expect(res.data?.[alias].title).toBe(file.title);
      expect(res.data?.[alias].paragraphs.map((p: { text: string }) => p.text)).toEqual(Object.values(file.paragraphs));
    }
  });
});

describe('choosing the language', () => {
  it('follows field argument, then root argument, then Accept-Language, then the default', async () => {
    const query = `{ a: article(slug: "${SEED_SLUG}", lang: "zh-Hans") { title paragraphs { position en: text(lang: "en") text } }
                     b: article(slug: "${SEED_SLUG}") { title } }`;
    const res = await gql(yoga, query, undefined, { 'accept-language': 'ko-KR' });
    expect(res.data?.a.title).toBe(seedTranslation('zh-Hans').title);
    expect(res.data?.a.paragraphs[0].en).toMatch(/^North Korea has sent/);
    expect(res.data?.a.paragraphs[0].text).toBe(seedTranslation('zh-Hans').paragraphs[seedKey(0)]);
    expect(res.data?.b.title).toBe(seedTranslation('ko').title);
    const plain = await gql(yoga, `{ article(slug: "${SEED_SLUG}") { title } }`);
    expect(plain.data?.article.title).toBe('North Korea sends more workers to China after Kim Jong Un’s visit');
  });

  it('an inner field’s lang covers its subtree: Entity.mentions(lang) and the paragraphs under it agree', async () => {
    const res = await gql(
      yoga,
      `{ entity(key: "dandong") { mentions(lang: "ko") { start end text located
        paragraph { text language localizedText { requestedLanguage provenance } article { slug } } } } }`,
      undefined,
      { 'accept-language': 'zh-CN' },
    );
    expect(res.errors).toBeUndefined();
    const mentions = res.data?.entity.mentions as Array<{
      start: number;
      end: number;
      text: string;
      located: boolean;
      paragraph: {
        text: string;
        language: string;
        localizedText: { requestedLanguage: string; provenance: string };
        article: { slug: string };
      };
    }>;
    // Dandong is in the translated seed article and in the untranslated story.
    expect(new Set(mentions.map((m) => m.paragraph.article.slug))).toEqual(new Set([SEED_SLUG, 'untranslated-story']));
    for (const m of mentions) {
      expect(m.paragraph.localizedText.requestedLanguage).toBe('ko');
      const expected =
        m.paragraph.article.slug === SEED_SLUG ? { language: 'ko', provenance: 'TRANSLATED' } : { language: 'en', provenance: 'FALLBACK' };
      expect({ language: m.paragraph.language, provenance: m.paragraph.localizedText.provenance }).toEqual(expected);
      expect(m.located).toBe(true);
      expect(m.paragraph.text.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('shows source and translation side by side', async () => {
    const res = await gql(
      yoga,
      `{ article(slug: "${SEED_SLUG}") { paragraphs { en: text(lang: "en") ko: text(lang: "ko") koProv: provenance(lang: "ko") } } }`,
    );
    const p = res.data?.article.paragraphs[7];
    expect(p).toEqual({ en: 'Signs of warming relations', ko: seedTranslation('ko').paragraphs[seedKey(7)], koProv: 'TRANSLATED' });
  });

  it('tells the client what was requested and served, in extensions.i18n and Content-Language', async () => {
    const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}") { title en: originalTitle } }`, undefined, {
      'accept-language': 'zh-TW, en;q=0.5',
    });
    expect(res.headers.get('content-language')).toBe('zh-Hant');
    expect(res.headers.get('vary')).toMatch(/Accept-Language/);
    const raw = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-TW, en;q=0.5' },
      body: JSON.stringify({ query: `{ article(slug: "${SEED_SLUG}") { title paragraphs { en: text(lang: "en") } } }` }),
    });
    const body = (await raw.json()) as { extensions: { i18n: Record<string, unknown> } };
    expect(body.extensions.i18n).toEqual({
      requested: { acceptLanguage: 'zh-TW, en;q=0.5', arguments: ['en'] },
      negotiated: 'zh-Hant',
      served: ['en', 'zh-Hant'],
      default: 'en',
      supported: ['en', 'ko', 'zh-Hans', 'zh-Hant'],
    });
    expect(raw.headers.get('content-language')).toBe('en, zh-Hant');
  });
});

describe('fallbacks and provenance', () => {
  it('serves an untranslated paragraph in English, marked FALLBACK, never as a translation', async () => {
    const res = await gql(
      yoga,
      `{ article(slug: "untranslated-story", lang: "ko") { title localizedTitle { language provenance } availableLanguages translations { language complete coverage }
      paragraphs { text language provenance mentions { text start end located } } } }`,
    );
    const a = res.data?.article;
    expect(a.localizedTitle).toEqual({ language: 'en', provenance: 'FALLBACK' });
    expect(a.paragraphs[0]).toMatchObject({
      language: 'en',
      provenance: 'FALLBACK',
      text: 'Traders in Dandong met officials from Sinuiju.',
    });
    expect(a.paragraphs[0].mentions.map((m: { text: string }) => m.text)).toEqual(['Dandong', 'Sinuiju']);
    expect(a.availableLanguages).toEqual(['en']);
    expect(a.translations.find((x: { language: string }) => x.language === 'ko')).toEqual({ language: 'ko', complete: false, coverage: 0 });
  });

  it('prefers a zh-Hant file a translator wrote over the conversion, key by key', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-locales-'));
    fs.cpSync(LOCALES_DIR, root, { recursive: true });
    fs.mkdirSync(path.join(root, 'zh-Hant', 'articles'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'zh-Hant', 'articles', `${SEED_SLUG}.json`),
      JSON.stringify({ paragraphs: { [seedKey(7)]: '兩國關係回暖跡象' } }),
    );
    try {
      useCatalog(Catalog.load(root));
      const res = await gql(
        yoga,
        `{ article(slug: "${SEED_SLUG}", lang: "zh-Hant") { localizedTitle { provenance } paragraphs { position text provenance } } }`,
      );
      const ps = res.data?.article.paragraphs;
      expect(ps[7]).toEqual({ position: 7, text: '兩國關係回暖跡象', provenance: 'TRANSLATED' });
      expect(ps[6].provenance).toBe('CONVERTED');
      expect(res.data?.article.localizedTitle.provenance).toBe('CONVERTED');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('converts with Taiwan characters but keeps news wording (消息人士 stays)', async () => {
    const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "zh-Hant") { paragraphs { text } } }`);
    const text = res.data?.article.paragraphs.map((p: { text: string }) => p.text).join('');
    expect(text).toContain('消息人士');
    expect(text).not.toContain('訊息人士');
    expect(text).toContain('遼寧省丹東');
  });

  it('formats the publication date for the language in an explicit time zone, next to its ISO value', async () => {
    const res = await gql(
      yoga,
      `{ article(slug: "untranslated-story") {
      publishedAt ko: published(lang: "ko") { iso text timeZone language } en: published { text timeZone } ny: published(timeZone: "America/New_York") { text } } }`,
    );
    const a = res.data?.article;
    expect(a.publishedAt).toBe('2025-09-16T00:30:00.000Z');
    expect(a.ko).toMatchObject({ iso: '2025-09-16T00:30:00.000Z', timeZone: 'Asia/Seoul', language: 'ko' });
    expect(a.ko.text).toMatch(/2025년 9월 16일 화요일/);
    expect(a.en).toMatchObject({ timeZone: 'UTC' });
    expect(a.en.text).toMatch(/Tuesday, September 16, 2025/);
    expect(a.ny.text).toMatch(/Monday, September 15, 2025/);
    // The time of day in each language's own form, never "AM" in Korean.
    expect(a.ko.text).toBe('2025년 9월 16일 화요일 오전 9:30');
    const zh = await gql(
      yoga,
      '{ article(slug: "untranslated-story") { hans: published(lang: "zh-Hans") { text } hant: published(lang: "zh-TW") { text } } }',
    );
    expect(zh.data?.article.hans.text).toBe('2025年9月16日星期二 上午8:30');
    expect(zh.data?.article.hant.text).toMatch(/^2025年9月16日 ?星期二 上午8:30$/);
    // A date given without a time is that day, shown as a date alone, in every language and zone.
    await ingestText(t.db.prisma, '---\nslug: date-only-story\ndate: 2026-11-20\n---\nTraders in Dandong met officials.');
    const day = await gql(
      yoga,
      '{ article(slug: "date-only-story") { ko: published(lang: "ko") { text timeZone } ny: published(timeZone: "America/New_York") { text } hant: published(lang: "zh-Hant") { text } } }',
    );
    expect(day.data?.article).toEqual({
      ko: { text: '2026년 11월 20일 금요일', timeZone: 'UTC' },
      ny: { text: 'Friday, November 20, 2026' },
      hant: { text: expect.stringMatching(/^2026年11月20日 ?星期五$/) },
    });
    await t.db.prisma.article.delete({ where: { slug: 'date-only-story' } });
    const bad = await gql(yoga, '{ article(slug: "untranslated-story") { published(timeZone: "Mars/Olympus") { text } } }', undefined, {
      'accept-language': 'ko',
    });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_TIME_ZONE' } });
    expect(bad.errors?.[0]?.message).toMatch(/올바른 시간대가 아닙니다/);
  });
});

describe('labels and languages', () => {
  it('lists the languages with names, the default and coverage', async () => {
    const res = await gql(yoga, '{ languages { code nativeName englishName name isDefault coverage } }', undefined, {
      'accept-language': 'ko',
    });
    expect(res.data?.languages.map((l: { code: string }) => l.code)).toEqual(['en', 'ko', 'zh-Hans', 'zh-Hant']);
    const ko = res.data?.languages[1];
    expect(ko).toMatchObject({ code: 'ko', nativeName: '한국어', englishName: 'Korean', name: '한국어', isDefault: false });
    expect(res.data?.languages[0]).toMatchObject({ isDefault: true, coverage: 1, name: '영어' });
    // The seed is complete; the one-paragraph story is not: (16 + 20) / (16 + 2 + 20 + 0) with its entities known.
    expect(ko.coverage).toBeGreaterThan(0.9);
    expect(ko.coverage).toBeLessThan(1);
  });

  it('labels entity kinds in the request language', async () => {
    const res = await gql(
      yoga,
      `{ entity(key: "kim-jong-un") { ko: kindLabel(lang: "ko") zh: kindLabel(lang: "zh-Hans") tw: kindLabel(lang: "zh-Hant") en: kindLabel(lang: "en") } }`,
    );
    expect(res.data?.entity).toEqual({ ko: '인물', zh: '人物', tw: '人物', en: 'Person' });
  });
});
