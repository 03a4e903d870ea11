import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/i18n/catalog.js';
import { useCatalog } from '../../src/i18n/current.js';
import { createApp } from '../../src/yoga.js';
import { rowCounts, useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales } from '../helpers/locales.js';
import { SEED_SLUG, seedKey } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const TOKEN = 'test-admin-token-0123456789abcdef';
const yoga = createApp({ adminToken: TOKEN, ingestMaxBytes: 4096 });
const admin = { authorization: `Bearer ${TOKEN}` };
// Saved translations go to a private copy of the locale files.
const locales = copyLocales();
useCatalog(Catalog.load(locales.root));
afterAll(() => locales.remove());

const snapshot = () => locales.snapshot();

const INGEST = `mutation Ingest($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    status slug titleDerived mentions
    paragraphs { total added changed moved removed unchanged }
    entities { total created proposed }
    article { slug title source paragraphCount updatedBy paragraphs { key text } }
  }
}`;

const article = (slug: string, extra: Record<string, unknown> = {}) => ({
  input: {
    text: 'Workers arrived in Dandong on Sept. 10.\nMore followed from Sinuiju.',
    slug,
    title: 'Workers arrive',
    source: 'Test Wire',
    ...extra,
  },
});

describe('the write API', () => {
  it('writes nothing without the token, nothing with a wrong one, and the article with the right one', async () => {
    const before = await rowCounts(t.db);
    const none = await gql(yoga, INGEST, article('token-check'));
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await gql(yoga, INGEST, article('token-check'), { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rowCounts(t.db)).toEqual(before);

    const right = await gql(yoga, INGEST, article('token-check'), admin);
    expect(right.errors).toBeUndefined();
    expect(right.data?.ingestArticle).toMatchObject({
      status: 'CREATED',
      slug: 'token-check',
      paragraphs: { total: 2, added: 2, changed: 0, removed: 0 },
      article: { slug: 'token-check', title: 'Workers arrive', source: 'Test Wire', paragraphCount: 2, updatedBy: 'admin' },
    });
    expect((await rowCounts(t.db)).articles).toBe((before.articles ?? 0) + 1);
    const next = await gql(yoga, '{ article(slug: "token-check") { title paragraphs { key } } }');
    expect(next.data?.article.title).toBe('Workers arrive');
    expect(next.data?.article.paragraphs.map((p: { key: string }) => p.key)).toEqual(
      right.data?.ingestArticle.article.paragraphs.map((p: { key: string }) => p.key),
    );
  });

  it('is off without ADMIN_TOKEN, and says how to turn it on, in the request’s language', async () => {
    const off = createApp();
    const en = await gql(off, INGEST, article('off'), admin);
    expect(en.errors?.[0]?.extensions?.code).toBe('WRITE_API_DISABLED');
    expect(en.errors?.[0]?.message).toMatch(/ADMIN_TOKEN/);
    const ko = await gql(off, INGEST, article('off'), { ...admin, 'accept-language': 'ko' });
    expect(ko.errors?.[0]?.message).toMatch(/쓰기 API가 꺼져 있습니다/);
  });

  it('refuses bad input with the ingester’s codes, localized, and writes nothing', async () => {
    const before = await rowCounts(t.db);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ text: '   \n  ' }, 'EMPTY'],
      [{ text: 'x'.repeat(5000) }, 'TOO_LARGE'],
      [{ slug: 'Not A Slug!' }, 'BAD_FRONT_MATTER'],
      [{ title: 'two\nlines' }, 'BAD_FRONT_MATTER'],
      [{ url: 'javascript:alert(1)' }, 'BAD_FRONT_MATTER'],
      [{ language: 'fr' }, 'UNSUPPORTED_LANGUAGE'],
    ];
    for (const [extra, code] of cases) {
      const res = await gql(yoga, INGEST, article('bad-input', extra), { ...admin, 'accept-language': 'zh-CN' });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(extra)).toBe(code);
      expect(res.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.data?.ingestArticle ?? null).toBeNull();
    }
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('reviews entities: confirm, rename, retype, add aliases, merge and reject, recording who and when', async () => {
    const text = 'Officials of the Harbor Trust met Lee Sang-ho in Dandong.\nThe Harbor Trust said Lee Sang-ho would return.';
    const ingested = await gql(yoga, INGEST, { input: { text, slug: 'review-me', title: 'Review me' } }, admin);
    expect(ingested.errors).toBeUndefined();
    const proposals = await gql(yoga, '{ entities(confirmed: false) { edges { node { key name kind } } } }');
    const keys = proposals.data?.entities.edges.map((e: { node: { key: string } }) => e.node.key) as string[];
    expect(keys.length).toBeGreaterThan(0);
    const [first] = keys as [string];

    const review = (mutation: string) =>
      gql(
        yoga,
        `mutation { r: ${mutation} { action mentions entity { key name kind aliases confirmed rejected reviewedBy reviewedAt } } }`,
        {},
        admin,
      );
    const renamed = await review(`renameEntity(key: "${first}", name: "Renamed Thing")`);
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data?.r.entity).toMatchObject({ key: first, name: 'Renamed Thing', reviewedBy: 'admin' });
    expect(renamed.data?.r.entity.reviewedAt).toMatch(/^\d{4}-/);
    expect((await review(`retypeEntity(key: "${first}", kind: ORGANIZATION)`)).data?.r.entity.kind).toBe('ORGANIZATION');
    expect((await review(`addEntityAliases(key: "${first}", aliases: ["The Thing"])`)).data?.r.entity.aliases).toContain('The Thing');
    expect((await review(`confirmEntity(key: "${first}")`)).data?.r.entity.confirmed).toBe(true);

    const rejected = await review(`rejectEntity(key: "${first}")`);
    expect(rejected.data?.r).toMatchObject({ action: 'REJECT', entity: { rejected: true, confirmed: false } });
    const served = await gql(yoga, '{ article(slug: "review-me") { paragraphs { mentions { entity { key } } } } }');
    const mentioned = served.data?.article.paragraphs.flatMap((p: { mentions: Array<{ entity: { key: string } }> }) =>
      p.mentions.map((m) => m.entity.key),
    );
    expect(mentioned).not.toContain(first);

    const merged = await review(`mergeEntity(key: "dandong", into: "dandong")`);
    expect(merged.errors?.[0]?.extensions?.code).toBe('MERGE_INTO_ITSELF');
  });

  it('refuses an unknown entity with a localized ENTITY_NOT_FOUND and changes nothing', async () => {
    const before = await rowCounts(t.db);
    const res = await gql(yoga, 'mutation { confirmEntity(key: "no-such-entity") { action } }', {}, { ...admin, 'accept-language': 'ko' });
    expect(res.errors?.[0]?.extensions?.code).toBe('ENTITY_NOT_FOUND');
    expect(res.errors?.[0]?.message).toBe('키가 “no-such-entity”인 개체가 없습니다.');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('saves one translation through the same checks as an import, and refuses a broken one writing nothing', async () => {
    const key = `paragraphs.${seedKey(7)}`;
    const SAVE = 'mutation Save($input: SaveTranslationInput!) { saveTranslation(input: $input) { language namespace key file } }';
    const before = snapshot();
    const broken = await gql(
      yoga,
      SAVE,
      { input: { language: 'ko', namespace: `articles/${SEED_SLUG}`, key, text: '“관계 개선 조짐' } },
      { ...admin, 'accept-language': 'ko' },
    );
    expect(broken.errors?.[0]?.extensions?.code).toBe('TRANSLATION_REFUSED');
    expect(broken.errors?.[0]?.message).toMatch(/^번역을 저장하지 않았습니다/);
    expect(((broken.errors?.[0]?.extensions?.problems ?? []) as Array<{ code: string }>).map((p) => p.code)).toContain('UNBALANCED');
    const anonymous = await gql(yoga, SAVE, { input: { language: 'ko', namespace: `articles/${SEED_SLUG}`, key, text: '관계 개선 조짐' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(snapshot()).toEqual(before);

    const saved = await gql(
      yoga,
      SAVE,
      { input: { language: 'ko', namespace: `articles/${SEED_SLUG}`, key, text: '양국 관계 개선 조짐' } },
      admin,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveTranslation).toEqual({
      language: 'ko',
      namespace: `articles/${SEED_SLUG}`,
      key,
      file: `ko/articles/${SEED_SLUG}.json`,
    });
    useCatalog(Catalog.load(locales.root));
    const served = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { paragraphs { key text stale provenance } } }`);
    const paragraph = served.data?.article.paragraphs.find((p: { key: string }) => `paragraphs.${p.key}` === key);
    expect(paragraph).toEqual({ key: seedKey(7), text: '양국 관계 개선 조짐', stale: false, provenance: 'TRANSLATED' });
  });

  it('refuses control characters in every write with a code, localized, writing nothing', async () => {
    const before = await rowCounts(t.db);
    const nulText = await gql(
      yoga,
      INGEST,
      { input: { text: 'Workers arrived\u0000 in Dandong.', slug: 'nul-text' } },
      { ...admin, 'accept-language': 'ko' },
    );
    expect(nulText.errors?.[0]?.extensions?.code).toBe('BINARY');
    expect(nulText.errors?.[0]?.message).toMatch(/^텍스트에 바이너리 데이터가/);
    const nulTitle = await gql(yoga, INGEST, article('nul-title', { title: 'Bad\u0000title' }), admin);
    expect(nulTitle.errors?.[0]?.extensions?.code).toBe('BAD_FRONT_MATTER');
    for (const mutation of ['renameEntity(key: $k, name: "X")', 'mergeEntity(key: "dandong", into: $k)', 'confirmEntity(key: $k)']) {
      const res = await gql(yoga, `mutation($k: String!) { r: ${mutation} { action } }`, { k: 'dan\u0000dong' }, admin);
      expect(res.errors?.[0]?.extensions?.code, mutation).toBe('BAD_USER_INPUT');
    }
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('merges without losing a name or miscounting: refused when the names do not fit, counts recomputed', async () => {
    const text = 'Dandong and Sinuiju face each other.\nTrucks left Sinuiju for Dandong.';
    await gql(yoga, INGEST, { input: { text, slug: 'merge-me', title: 'Merge me' } }, admin);
    const crowded = Array.from({ length: 50 }, (_, i) => `Alias ${i}`);
    const entity = await t.db.prisma.entity.findUniqueOrThrow({ where: { key: 'dandong' } });
    await t.db.prisma.entity.update({ where: { key: 'dandong' }, data: { aliases: crowded } });
    const refused = await gql(yoga, 'mutation { mergeEntity(key: "sinuiju", into: "dandong") { action } }', {}, admin);
    expect(refused.errors?.[0]?.extensions?.code).toBe('INVALID_NAME');
    expect(await t.db.prisma.entity.findUnique({ where: { key: 'sinuiju' } })).not.toBeNull();
    await t.db.prisma.entity.update({ where: { key: 'dandong' }, data: { aliases: entity.aliases } });

    const merged = await gql(yoga, 'mutation { mergeEntity(key: "sinuiju", into: "dandong") { mentions entity { aliases } } }', {}, admin);
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.mergeEntity.entity.aliases).toContain('Sinuiju');
    const article = await t.db.prisma.article.findUniqueOrThrow({ where: { slug: 'merge-me' } });
    const rows = await t.db.prisma.mention.count({ where: { entity: { key: 'dandong' }, paragraph: { articleId: article.id } } });
    const link = await t.db.prisma.articleEntity.findUniqueOrThrow({
      where: { articleId_entityId: { articleId: article.id, entityId: entity.id } },
    });
    expect(link.mentionCount).toBe(rows);
    expect(rows).toBe(4);
  });
});
