import { beforeAll, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();
let statements: string[] = [];

const NESTED = `{
  articles(first: 50) { totalCount edges { node {
    slug title
    paragraphs { position text mentions { start end text entity { key name kind } referent { key } } }
    entities { key name mentions(limit: 50) { text paragraph { position } } articles { slug } }
  } } }
  entities(first: 50) { edges { node { key articles { slug paragraphs { position } } } } }
}`;

async function countStatements(query: string): Promise<number> {
  statements = [];
  const res = await gql(yoga, query);
  expect(res.errors).toBeUndefined();
  return statements.length;
}

beforeAll(() => {
  // The client is created with query events on (src/db/client.ts); its type does not say so.
  const client = t.db.prisma as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void };
  client.$on('query', (e) => statements.push(e.query));
});

describe('SQL statements per operation', () => {
  it('stay the same whatever the number of articles, paragraphs, entities and mentions', async () => {
    const one = await countStatements(NESTED);
    for (let i = 0; i < 6; i++) {
      const paragraphs = Array.from(
        { length: 5 + i * 3 },
        (_, p) => `Report ${i}-${p}: workers left Sinuiju for Dandong on Sept. ${p + 1}, said Kim Jong Un.`,
      );
      await ingestText(t.db.prisma, `---\nslug: bulk-${i}\n---\n${paragraphs.join('\n')}`);
    }
    const seven = await countStatements(NESTED);
    console.info(`SQL statements for the nested query: ${one} with 1 article, ${seven} with 7 articles`);
    expect(one).toBeGreaterThan(0);
    expect(seven).toBe(one);
    expect(one).toBeLessThanOrEqual(8);
  });

  it('needs a handful of statements for one article with its whole tree', async () => {
    const n = await countStatements(
      '{ article(slug: "nk-workers-china-seafood-plants") { paragraphs { mentions { entity { key } } } entities { key } } }',
    );
    // The article with its paragraphs and entities, then every paragraph's mentions with their entities.
    expect(n).toBeLessThanOrEqual(3);
  });

  it('needs at most two for an article with its paragraphs, mentions and entities, in any language', async () => {
    const q1 = `query Q1 { article(slug: "nk-workers-china-seafood-plants") { title
      paragraphs { position kind text mentions { start end text entity { key name kind } } } } }`;
    for (const language of ['en', 'ko']) {
      statements = [];
      const res = await gql(yoga, q1, undefined, { 'accept-language': language });
      expect(res.errors).toBeUndefined();
      expect(res.data?.article.paragraphs.length).toBeGreaterThan(10);
      // The article with its paragraphs; every paragraph's mentions with their entities.
      expect(statements.length, `${language}: ${statements.join('\n')}`).toBeLessThanOrEqual(2);
    }
  });
});

describe('translation lookups', () => {
  it('add no database round trips: the same query costs the same statements in every language', async () => {
    const query = (lang: string) => `{ articles(first: 50, lang: "${lang}") { edges { node {
      title localizedTitle { provenance } availableLanguages translations { coverage }
      paragraphs { text language provenance kindLabel localizedText { provenance } mentions { start end text located entity { name aliases kindLabel } } }
      entities { name aliases kindLabel localizedName { provenance } mentions(limit: 20) { text start located } }
    } } } }`;
    const counts: Record<string, number> = {};
    for (const lang of ['en', 'ko', 'zh-Hans', 'zh-Hant']) counts[lang] = await countStatements(query(lang));
    console.info(`SQL statements for the localized query: ${JSON.stringify(counts)}`);
    expect(new Set(Object.values(counts)).size).toBe(1);
  });
});

describe('languages', () => {
  it('load the coverage data once per request, whatever the number of languages', async () => {
    const n = await countStatements('{ languages { code coverage } }');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(3);
  });
});

describe('translationStatus', () => {
  it('is worked out once per request and language, however many aliases ask for it', async () => {
    const one = await countStatements('{ translationStatus(lang: "ko") { total missing } }');
    const aliases = Array.from({ length: 30 }, (_, i) => `s${i}: translationStatus(lang: "${i % 2 ? 'ko' : 'zh-TW'}") { total missing }`);
    statements = [];
    const res = await gql(yoga, `{ ${aliases.join(' ')} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.s1).toEqual(res.data?.s29);
    expect(statements.length).toBe(one);
  });
});
