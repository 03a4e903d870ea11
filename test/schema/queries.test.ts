import fs from 'node:fs';
import { getNamedType, isObjectType, printSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { schema } from '../../src/schema/index.js';
import { createApp, EXAMPLE_QUERY } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();
const SLUG = 'nk-workers-china-seafood-plants';

beforeAll(async () => {
  await ingestText(
    t.db.prisma,
    '---\nslug: second-story\nsource: Test desk\n---\nTraders in Dandong met officials from Sinuiju on Oct. 2.',
  );
});

describe('article queries', () => {
  it('serves the seed article with ordered paragraphs and exact mention offsets', async () => {
    const res = await gql(
      yoga,
      `query($slug: String!) { article(slug: $slug) {
      id slug title titleDerived source url publishedAt language
      paragraphs { id position kind text mentions { start end text entity { key kind name } } }
      entities { key kind name aliases }
    } }`,
      { slug: SLUG },
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const a = res.data?.article;
    expect(a).toMatchObject({
      slug: SLUG,
      title: 'North Korea sends more workers to China after Kim Jong Un’s visit',
      titleDerived: false,
      source: 'Daily NK',
      url: null,
      language: 'en',
    });
    expect(a.paragraphs.map((p: { position: number }) => p.position)).toEqual([...Array(15).keys()]);
    expect(a.paragraphs[7]).toMatchObject({ kind: 'HEADING', text: 'Signs of warming relations' });
    for (const p of a.paragraphs) for (const m of p.mentions) expect(p.text.slice(m.start, m.end)).toBe(m.text);
    expect(a.entities.map((e: { key: string }) => e.key)).toEqual(expect.arrayContaining(['north-korea', 'kim-jong-un', 'dandong']));
    expect(
      a.entities
        .slice(0, 3)
        .map((e: { key: string }) => e.key)
        .sort(),
    ).toEqual(['china', 'kim-jong-un', 'north-korea']);
    expect(a.entities).toHaveLength(25);
  });

  it('returns null, not an error, for an unknown slug or key', async () => {
    const res = await gql(yoga, '{ article(slug: "no-such-story") { id } entity(key: "no-such-entity") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ article: null, entity: null });
  });

  it('pages articles as a Relay connection, filtered by entity and by source', async () => {
    const all = await gql(yoga, '{ articles(first: 1) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }');
    expect(all.data?.articles.totalCount).toBe(2);
    expect(all.data?.articles.edges).toHaveLength(1);
    expect(all.data?.articles.pageInfo.hasNextPage).toBe(true);
    const next = await gql(
      yoga,
      'query($after: String) { articles(first: 1, after: $after) { edges { node { slug } } pageInfo { hasNextPage } } }',
      {
        after: all.data?.articles.pageInfo.endCursor,
      },
    );
    const slugs = [all.data?.articles.edges[0].node.slug, next.data?.articles.edges[0].node.slug].sort();
    expect(slugs).toEqual(['nk-workers-china-seafood-plants', 'second-story']);
    expect(next.data?.articles.pageInfo.hasNextPage).toBe(false);

    const kim = await gql(yoga, '{ articles(entity: "kim-jong-un") { totalCount edges { node { slug } } } }');
    expect(kim.data?.articles).toEqual({ totalCount: 1, edges: [{ node: { slug: SLUG } }] });
    const dandong = await gql(yoga, '{ articles(entity: "dandong") { totalCount } }');
    expect(dandong.data?.articles.totalCount).toBe(2);
    const desk = await gql(yoga, '{ articles(source: "Test desk") { edges { node { slug } } } }');
    expect(desk.data?.articles.edges).toEqual([{ node: { slug: 'second-story' } }]);
  });

  it('serves entities by key and by kind, with their mentions and articles', async () => {
    const res = await gql(
      yoga,
      `{
      entity(key: "dandong") { key kind name mentionCount mentions { text paragraph { position } } articles { slug } }
      entities(kind: DATE) { totalCount edges { node { name dateValue confirmed } } }
      orgs: entities(kind: ORGANIZATION, first: 2) { totalCount edges { node { name } } pageInfo { hasNextPage } }
    }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.entity).toMatchObject({ key: 'dandong', kind: 'PLACE', name: 'Dandong', mentionCount: 3 });
    expect(res.data?.entity.articles.map((a: { slug: string }) => a.slug).sort()).toEqual([SLUG, 'second-story']);
    expect(res.data?.entities.totalCount).toBe(4);
    expect(res.data?.entities.edges.map((e: { node: { dateValue: string } }) => e.node.dateValue)).toContain('--09-12');
    expect(res.data?.orgs.totalCount).toBe(5);
    expect(res.data?.orgs.pageInfo.hasNextPage).toBe(true);
  });

  it('fetches any object by global ID with node(id)', async () => {
    const a = await gql(yoga, `{ article(slug: "${SLUG}") { id paragraphs { id } entities { id key } } }`);
    const ids = [a.data?.article.id, a.data?.article.paragraphs[3].id, a.data?.article.entities[0].id];
    const res = await gql(
      yoga,
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
      ... on Article { slug } ... on Paragraph { position } ... on Entity { key } } }`,
      { ids },
    );
    expect(res.data?.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Article', 'Paragraph', 'Entity']);
    expect(res.data?.nodes[1].position).toBe(3);
    const missing = await gql(yoga, '{ node(id: "QXJ0aWNsZTo5OTk5OTk=") { id } }');
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.node).toBeNull();
  });

  it('answers a global ID that names nothing with null, and the others in a list still resolve', async () => {
    const a = await gql(yoga, `{ article(slug: "${SLUG}") { id } }`);
    const stale = Buffer.from('Article:999999').toString('base64');
    const res = await gql(yoga, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [a.data?.article.id, stale] });
    expect(res.errors).toBeUndefined();
    expect(res.data?.nodes).toEqual([{ id: a.data?.article.id }, null]);
  });

  it('reports the mention of a capital that stands for its government', async () => {
    const res = await gql(yoga, `{ article(slug: "${SLUG}") { paragraphs { mentions { text referent { key } } } } }`);
    const mentions = res.data?.article.paragraphs.flatMap((p: { mentions: unknown[] }) => p.mentions);
    expect(mentions.filter((m: { referent: unknown }) => m.referent)).toEqual([
      { text: 'Pyongyang', referent: { key: 'north-korea' } },
      { text: 'Beijing', referent: { key: 'china' } },
    ]);
  });
});

describe('the schema', () => {
  it('is committed as schema.graphql, printed and sorted (run npm run schema:print)', () => {
    expect(fs.readFileSync('schema.graphql', 'utf8')).toBe(`${printSchema(schema)}\n`);
  });

  it('describes every type, field and argument', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of field.args)
            if (!arg.description && !['first', 'last', 'before', 'after'].includes(arg.name))
              undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('says, on every localized field, how its language is chosen', () => {
    const silent: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.args.some((a) => a.name === 'lang') && !/Accept-Language/.test(field.description ?? '') && type.name !== 'Query') {
          silent.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(silent).toEqual([]);
  });

  it('keeps the names clients rely on', () => {
    const fields = (name: string) => Object.keys((schema.getType(name) as { getFields(): object }).getFields());
    expect(fields('Article')).toEqual(
      expect.arrayContaining(['id', 'slug', 'title', 'source', 'url', 'publishedAt', 'paragraphs', 'entities']),
    );
    expect(fields('Paragraph')).toEqual(expect.arrayContaining(['id', 'position', 'kind', 'text', 'mentions']));
    expect(fields('Entity')).toEqual(expect.arrayContaining(['id', 'key', 'kind', 'name', 'aliases', 'mentions', 'articles']));
    expect(fields('Mention')).toEqual(expect.arrayContaining(['entity', 'start', 'end', 'text']));
    expect(fields('Article')).toEqual(expect.arrayContaining(['availableLanguages']));
    expect(fields('Paragraph')).toEqual(expect.arrayContaining(['language', 'provenance']));
    expect(fields('Entity')).toEqual(expect.arrayContaining(['kindLabel']));
    expect(fields('Language')).toEqual(expect.arrayContaining(['code', 'nativeName', 'englishName', 'isDefault', 'coverage']));
    const args = (type: string, field: string) =>
      (schema.getType(type) as unknown as { getFields(): Record<string, { args: Array<{ name: string }> }> })
        .getFields()
        [field]?.args.map((a) => a.name);
    expect(args('Query', 'article')).toEqual(expect.arrayContaining(['slug', 'lang']));
    expect(args('Query', 'articles')).toEqual(expect.arrayContaining(['lang']));
    expect(args('Query', 'entity')).toEqual(expect.arrayContaining(['key', 'lang']));
    expect(args('Paragraph', 'text')).toEqual(['lang']);
    expect(args('Article', 'title')).toEqual(['lang']);
    expect(args('Entity', 'name')).toEqual(['lang']);
    expect(getNamedType(schema.getQueryType()?.getFields().articles?.type ?? schema.getQueryType()!)?.name).toBe('QueryArticlesConnection');
  });

  it('serves GraphiQL at /graphql, opening on a working example query', async () => {
    const page = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('polyglot-desk');
    expect(html).toContain('query SeedArticle');
    // The header editor opens with Accept-Language filled in.
    expect(html).toMatch(/Accept-Language[^,}]*ko/);
    const res = await gql(yoga, EXAMPLE_QUERY);
    expect(res.errors).toBeUndefined();
    expect(res.data?.article.paragraphs).toHaveLength(15);
  });
});
