import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { SEED_SLUG } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();

describe('stale titles', () => {
  it('are marked in localizedTitle like paragraphs, and clear when the English comes back', async () => {
    const seed = fs.readFileSync(`data/articles/${SEED_SLUG}.txt`, 'utf8');
    const fresh = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { localizedTitle { stale provenance } } }`);
    expect(fresh.data?.article.localizedTitle).toEqual({ stale: false, provenance: 'TRANSLATED' });
    const changed = seed.replace('title: North Korea sends more workers', 'title: North Korea sends more laborers');
    expect(changed).not.toBe(seed);
    await ingestText(t.db.prisma, changed);
    try {
      const res = await gql(
        yoga,
        `{ article(slug: "${SEED_SLUG}", lang: "ko") { localizedTitle { stale provenance } paragraphs { stale } } }`,
      );
      expect(res.data?.article.localizedTitle).toEqual({ stale: true, provenance: 'TRANSLATED' });
      expect(res.data?.article.paragraphs).toHaveLength(15);
      expect(res.data?.article.paragraphs.some((p: { stale: boolean }) => p.stale)).toBe(false);
    } finally {
      await ingestText(t.db.prisma, seed);
    }
    const back = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { localizedTitle { stale } } }`);
    expect(back.data?.article.localizedTitle.stale).toBe(false);
  });
});
