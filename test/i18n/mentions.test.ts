import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { SEED_SLUG } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();

type M = { start: number | null; end: number | null; text: string; located: boolean; entity: { key: string; kind: string } };

describe('mentions in translations', () => {
  it.each(['ko', 'zh-Hans', 'zh-Hant'])(
    '%s: never place a name inside another entity’s name (except a place inside an organization)',
    async (lang) => {
      const res = await gql(
        yoga,
        `{ article(slug: "${SEED_SLUG}", lang: "${lang}") { paragraphs { text mentions { start end text located entity { key kind } } } } }`,
      );
      expect(res.errors).toBeUndefined();
      const paragraphs = (res.data?.article.paragraphs ?? []) as Array<{ text: string; mentions: M[] }>;
      expect(paragraphs).toHaveLength(15);
      let checked = 0;
      for (const p of paragraphs) {
        const located = p.mentions.filter((m) => m.located) as Array<M & { start: number; end: number }>;
        for (const a of located) {
          checked++;
          expect(p.text.slice(a.start, a.end)).toBe(a.text);
          for (const b of located) {
            if (a === b || !(a.start < b.end && b.start < a.end)) continue;
            const nestedPlace = a.entity.kind === 'PLACE' && b.entity.kind === 'ORGANIZATION' && b.start <= a.start && a.end <= b.end;
            const nestedIn = b.entity.kind === 'PLACE' && a.entity.kind === 'ORGANIZATION' && a.start <= b.start && b.end <= a.end;
            expect(
              nestedPlace || nestedIn,
              `${a.entity.key} [${a.start},${a.end}) overlaps ${b.entity.key} [${b.start},${b.end}) in "${p.text}"`,
            ).toBe(true);
          }
        }
      }
      // The translations name the entities: most mentions are found in them.
      expect(checked).toBeGreaterThan(20);
    },
  );

  it('zh-Hans: North Korea in the first paragraph is at 朝鲜又, not inside another name', async () => {
    const zh = await gql(
      yoga,
      `{ article(slug: "${SEED_SLUG}", lang: "zh-Hans") { paragraphs { text mentions { start entity { key } } } } }`,
    );
    const p0 = zh.data?.article.paragraphs[0];
    const nk = p0.mentions.find((m: { entity: { key: string } }) => m.entity.key === 'north-korea');
    expect(p0.text).toContain('朝鲜又');
    expect(nk.start).toBe(p0.text.indexOf('朝鲜又'));
  });
});

describe('mentions on the right words (issue 11)', () => {
  const china = async (lang: string, position: number) => {
    const res = await gql(
      yoga,
      `{ article(slug: "${SEED_SLUG}", lang: "${lang}") { paragraphs { text mentions { start end text located entity { key } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const p = res.data?.article.paragraphs[position] as { text: string; mentions: M[] };
    return { text: p.text, spans: p.mentions.filter((m) => m.entity.key === 'china').map((m) => (m.located ? m.start : null)) };
  };

  it('places “to China” on 중국에 / 向中国, not on the visit (방중 / 访华) before it', async () => {
    const ko = await china('ko', 0);
    expect(ko.spans).toEqual([ko.text.indexOf('중국에')]);
    const zh = await china('zh-Hans', 0);
    expect(zh.spans).toEqual([zh.text.indexOf('向中国') + 1]);
  });

  it('places “in China” on 중국에 / 在中国, not on 중국 당국 / 中国当局 (“Chinese authorities”)', async () => {
    const ko = await china('ko', 11);
    expect(ko.spans).toEqual([ko.text.indexOf('중국에')]);
    const zh = await china('zh-Hans', 11);
    expect(zh.spans).toEqual([zh.text.indexOf('在中国') + 1]);
  });

  it.each([
    ['zh-Hans', '访华', '中国'],
    ['zh-Hant', '訪中', '中國'],
  ])('%s: “visit to China” is at %s, and the other China mention keeps its own place', async (lang, visit, name) => {
    for (const position of [3, 13]) {
      const { text, spans } = await china(lang, position);
      expect(spans).toEqual([text.indexOf(visit), text.indexOf(name)]);
    }
  });
});

describe('an article whose language tag has a region', () => {
  it('is served as the original in en, with its mentions where they are', async () => {
    await ingestText(t.db.prisma, '---\nslug: us-english\nlanguage: en-US\n---\nKim Jong Un visited Dandong on Sept. 10, and Kim left.');
    try {
      const res = await gql(
        yoga,
        '{ article(slug: "us-english") { language availableLanguages paragraphs { provenance mentions { start end text located } } } }',
      );
      const a = res.data?.article;
      expect(a.language).toBe('en-US');
      expect(a.availableLanguages).toEqual(['en']);
      expect(a.paragraphs[0].provenance).toBe('ORIGINAL');
      expect(a.paragraphs[0].mentions.every((m: { located: boolean }) => m.located)).toBe(true);
      expect(a.paragraphs[0].mentions.map((m: { text: string }) => m.text)).toEqual(['Kim Jong Un', 'Dandong', 'Sept. 10', 'Kim']);
    } finally {
      await t.db.prisma.article.delete({ where: { slug: 'us-english' } });
    }
  });
});

describe('visit abbreviations', () => {
  it('place mentions of a visit but are not served as names of the entity', async () => {
    const res = await gql(
      yoga,
      '{ entity(key: "china") { ko: aliases(lang: "ko") zh: aliases(lang: "zh-Hans") tw: aliases(lang: "zh-Hant") } }',
    );
    expect(res.errors).toBeUndefined();
    const { ko, zh, tw } = (res.data?.entity ?? {}) as Record<string, string[]>;
    expect(ko).toContain('중화인민공화국');
    expect(ko).not.toContain('방중');
    expect(zh).toContain('中华人民共和国');
    expect(zh).not.toContain('访华');
    expect(tw).toContain('中華人民共和國');
    expect(tw).not.toContain('訪中');
  });
});
