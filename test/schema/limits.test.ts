import { describe, expect, it } from 'vitest';
import { createApp, EXAMPLE_QUERY, LIMITS, NODES_MAX } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';

useTestDatabase({ seedCorpus: true });
const yoga = createApp();

describe('query limits', () => {
  it('accept the example query and ordinary nesting', async () => {
    expect((await gql(yoga, EXAMPLE_QUERY)).errors).toBeUndefined();
    const res = await gql(
      yoga,
      '{ article(slug: "nk-workers-china-seafood-plants") { paragraphs { mentions { entity { articles { slug } } } } } }',
    );
    expect(res.errors).toBeUndefined();
  });

  it('refuse a query nested deeper than the limit, with a clear localized error', async () => {
    let inner = 'slug';
    for (let i = 0; i < 4; i++) inner = `paragraphs { mentions { entity { articles { ${inner} } } } }`;
    const res = await gql(yoga, `{ article(slug: "nk-workers-china-seafood-plants") { ${inner} } }`, undefined, {
      'accept-language': 'ko',
    });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/^쿼리가 너무 크거나 너무 깊게 중첩되어 있습니다: Query depth limit of 12 exceeded/);
  });

  it('refuse too many aliases', async () => {
    const aliases = Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `a${i}: article(slug: "x") { slug }`).join(' ');
    const res = await gql(yoga, `{ ${aliases} }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded/);
  });

  it('refuse an operation over the cost limit', async () => {
    // Within the depth and alias limits, but 29 deep copies cost more than 20,000 (armor's cost model).
    const field =
      'paragraphs { text position kind mentions { text start end entity { key name kind articles { slug title paragraphs { text position mentions { text start end entity { key name aliases kindLabel articles { slug title source paragraphs { text position kind } } } } } } } } }';
    const many = Array.from({ length: 29 }, (_, i) => `a${i}: article(slug: "nk-workers-china-seafood-plants") { ${field} }`).join(' ');
    const res = await gql(yoga, `{ ${many} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/Query Cost limit of 20000 exceeded/);
  });

  it('refuse a document with too many tokens', async () => {
    const fields = Array.from({ length: LIMITS.tokens }, () => '__typename').join(' ');
    const res = await gql(yoga, `{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/Token limit of 3000 exceeded/);
  });

  it('answer the same over-limit query in each caller’s language, whatever was asked before', async () => {
    let inner = 'slug';
    for (let i = 0; i < 4; i++) inner = `paragraphs { mentions { entity { articles { ${inner} } } } }`;
    const query = `{ article(slug: "nk-workers-china-seafood-plants") { ${inner} } }`;
    const ko = await gql(yoga, query, undefined, { 'accept-language': 'ko' });
    const en = await gql(yoga, query, undefined, { 'accept-language': 'en' });
    const tw = await gql(yoga, query, undefined, { 'accept-language': 'zh-TW' });
    expect(ko.errors?.[0]?.message).toMatch(/^쿼리가 너무 크거나/);
    expect(en.errors?.[0]?.message).toMatch(/^The query is too large or too deeply nested: Query depth limit of 12 exceeded/);
    expect(tw.errors?.[0]?.message).toMatch(/^查詢過大或巢狀層級過深/);
    for (const res of [ko, en, tw]) expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuse too many tokens with QUERY_TOO_COMPLEX, localized', async () => {
    const fields = Array.from({ length: LIMITS.tokens }, () => '__typename').join(' ');
    const ko = await gql(yoga, `{ ${fields} }`, undefined, { 'accept-language': 'ko' });
    const en = await gql(yoga, `{ ${fields} }`, undefined, { 'accept-language': 'en' });
    expect(ko.status).toBe(400);
    expect(ko.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(ko.errors?.[0]?.message).toMatch(/^쿼리가 너무 크거나 너무 깊게 중첩되어 있습니다: Token limit of 3000 exceeded/);
    expect(en.errors?.[0]?.message).toMatch(/^The query is too large or too deeply nested: Token limit of 3000 exceeded/);
  });

  it('refuse nodes(ids:) over the bound, literal or in variables, before loading anything, in the caller’s language', async () => {
    const id = (n: number) => Buffer.from(`Article:${n}`).toString('base64');
    const within = await gql(yoga, `{ nodes(ids: [${Array.from({ length: NODES_MAX }, (_, i) => `"${id(i + 1)}"`).join(',')}]) { id } }`);
    expect(within.errors).toBeUndefined();
    expect(within.data?.nodes).toHaveLength(NODES_MAX);
    const literal = await gql(
      yoga,
      `{ nodes(ids: [${Array.from({ length: NODES_MAX + 1 }, (_, i) => `"${id(i + 1)}"`).join(',')}]) { id } }`,
    );
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids', max: NODES_MAX });
    expect(literal.data ?? null).toBeNull();
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const huge = await gql(
      yoga,
      'query Many($ids: [ID!]!) { nodes(ids: $ids) { id ... on Article { paragraphs { text } } } }',
      { ids: Array.from({ length: 30_000 }, (_, i) => id(i + 1)) },
      { 'accept-language': 'ko' },
    );
    console.info(
      `[limits] nodes with 30,000 ids refused in ${Date.now() - started} ms, RSS +${Math.round((process.memoryUsage().rss - before) / 2 ** 20)} MB`,
    );
    expect(huge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(huge.errors?.[0]?.message).toMatch(/[가-힣]/);
    expect(huge.errors?.[0]?.message).toContain('30000');
  });

  it('refuse lists nested deeper than the limit, through fragments too, in the caller’s language', async () => {
    let five = 'text';
    for (let i = 0; i < 5; i++) five = i ? `paragraphs { article { ${five} } }` : `paragraphs { ${five} }`;
    const query = `{ article(slug: "nk-workers-china-seafood-plants") { ${five} } }`;
    for (const [language, pattern] of [
      ['ko', /^쿼리가 너무 크거나.*lists nested 5 deep, at most 3/],
      ['en', /^The query is too large or too deeply nested: lists nested 5 deep, at most 3/],
    ] as const) {
      const res = await gql(yoga, query, undefined, { 'accept-language': language });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(res.errors?.[0]?.message).toMatch(pattern);
    }
    const viaFragments = await gql(
      yoga,
      `query { article(slug: "nk-workers-china-seafood-plants") { ...A } }
       fragment A on Article { paragraphs { article { ...B } } }
       fragment B on Article { paragraphs { article { paragraphs { mentions { text } } } } }`,
    );
    expect(viaFragments.errors?.[0]?.message).toMatch(/lists nested 4 deep/);
    const three = await gql(yoga, `{ articles(first: 5) { edges { node { paragraphs { mentions { text entity { aliases } } } } } } }`);
    expect(three.errors).toBeUndefined();
  });
});
