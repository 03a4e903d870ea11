import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();

describe('errors', () => {
  it('masks a database failure: no SQL, stack or path reaches the client', async () => {
    await t.db.sql.exec('ALTER TABLE "Paragraph" RENAME COLUMN "text" TO "body"');
    try {
      const res = await gql(yoga, '{ article(slug: "nk-workers-china-seafood-plants") { paragraphs { text } } }');
      expect(res.errors?.[0]?.message).toBe('Unexpected error.');
      const body = JSON.stringify(res.errors?.map(({ message, extensions }) => ({ message, extensions })));
      expect(res.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      for (const leak of ['Paragraph', 'body', 'column', 'SELECT', 'prisma', 'at ', '/work', 'node_modules']) {
        expect(body).not.toContain(leak);
      }
    } finally {
      await t.db.sql.exec('ALTER TABLE "Paragraph" RENAME COLUMN "body" TO "text"');
    }
  });

  it('answers a malformed query with a 400 and a clear message', async () => {
    const res = await gql(yoga, '{ article(slug: 42) { title } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/String cannot represent a non string value/);
    const syntax = await gql(yoga, '{ article(slug: "x" { title } }');
    expect(syntax.status).toBe(400);
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('refuses a control character or an overlong value in a slug, key or source as BAD_USER_INPUT, localized', async () => {
    const cases = [
      ['query($v: String!) { article(slug: $v) { slug } }', 'a\u0000b', 'slug'],
      ['query($v: String!) { entity(key: $v) { key } }', 'dan\u0000dong', 'key'],
      ['query($v: String) { articles(source: $v) { totalCount } }', 'Daily\u0000NK', 'source'],
      ['query($v: String) { articles(entity: $v) { totalCount } }', 'x'.repeat(501), 'entity'],
    ] as const;
    for (const [query, value, argument] of cases) {
      const res = await gql(yoga, query, { v: value }, { 'accept-language': 'ko' });
      expect(res.errors?.[0]?.extensions, argument).toEqual({ code: 'BAD_USER_INPUT', argument });
      expect(res.errors?.[0]?.message).toMatch(/^입력이 올바르지 않습니다: “/);
    }
  });
});
