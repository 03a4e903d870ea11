// checkTranslation: what saveTranslation would say about a draft, with the same checks (glossary,
// particles, brackets, the whole language), behind the same admin token, writing nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/i18n/catalog.js';
import { useCatalog } from '../../src/i18n/current.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales } from '../helpers/locales.js';
import { SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';

useTestDatabase({ seedCorpus: true });
const TOKEN = 'test-admin-token-check-0123456789';
const yoga = createApp({ adminToken: TOKEN });
const admin = { authorization: `Bearer ${TOKEN}` };
const locales = copyLocales();
useCatalog(Catalog.load(locales.root));
afterAll(() => locales.remove());

const CHECK = 'query Check($input: SaveTranslationInput!) { checkTranslation(input: $input) { ok total problems { code message key } } }';
const LEDE = seedKey(0);
const draft = (text: string, key = `paragraphs.${LEDE}`) => ({ input: { language: 'ko', namespace: `articles/${SEED_SLUG}`, key, text } });
// biome-ignore lint/suspicious/noExplicitAny: the response is read as JSON
const codes = (res: { data?: any }) => ((res.data?.checkTranslation?.problems ?? []) as Array<{ code: string }>).map((p) => p.code);

describe('checkTranslation', () => {
  it('passes the shipped translation and reports the glossary, particle and bracket problems of drafts, writing nothing', async () => {
    const before = locales.snapshot();
    const shipped = seedTranslation('ko').paragraphs[LEDE] as string;
    const ok = await gql(yoga, CHECK, draft(shipped), admin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.checkTranslation).toEqual({ ok: true, total: 0, problems: [] });

    const glossary = await gql(yoga, CHECK, draft('노동자를 추가로 파견했다.'), admin);
    expect(glossary.data?.checkTranslation.ok).toBe(false);
    expect(codes(glossary)).toContain('GLOSSARY');

    // 북한 ends in a final consonant: 북한이, never 북한가.
    const particle = await gql(yoga, CHECK, draft(shipped.replace('북한이', '북한가')), admin);
    expect(shipped).toContain('북한이');
    expect(codes(particle)).toContain('PARTICLE');

    const bracket = await gql(yoga, CHECK, draft(`“${shipped}`), admin);
    expect(codes(bracket)).toContain('UNBALANCED');
    expect(locales.snapshot()).toEqual(before);
  });

  it('needs the admin token, and refuses an unknown key with a code', async () => {
    const anonymous = await gql(yoga, CHECK, draft('무엇이든'));
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await gql(yoga, CHECK, draft('무엇이든', 'paragraphs.p-00000000'), admin);
    expect(codes(unknown)).toEqual(['UNKNOWN_KEY']);
  });
});
