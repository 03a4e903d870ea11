import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/ingest/extract.js';
import { loadGazetteer } from '../../src/ingest/gazetteer-store.js';
import { ingestText } from '../../src/ingest/index.js';
import { loadNlp } from '../../src/ingest/nlp.js';
import { storeArticle } from '../../src/ingest/store.js';
import { parseArticle } from '../../src/ingest/text.js';
import { rowCounts, useTestDatabase } from '../helpers/db.js';

// parseArticle() and extractEntities() use the NLP libraries once they are loaded (ingestText() loads them).
await loadNlp();

const SEED = fs.readFileSync('data/articles/nk-workers-china-seafood-plants.txt', 'utf8');
const SLUG = 'nk-workers-china-seafood-plants';

const t = useTestDatabase({ seedCorpus: false });

const snapshot = async () =>
  t.db.prisma.article.findUniqueOrThrow({
    where: { slug: SLUG },
    include: { paragraphs: { orderBy: { position: 'asc' }, include: { mentions: { orderBy: { start: 'asc' } } } } },
  });

describe('re-ingest', () => {
  it('creates the article once, then changes nothing for the same text', async () => {
    const first = await ingestText(t.db.prisma, SEED);
    expect(first.status).toBe('created');
    expect(first.paragraphs.total).toBe(15);
    const before = await snapshot();
    const counts = await rowCounts(t.db);

    // Same words, different line endings and stray whitespace: still the same article.
    const again = await ingestText(t.db.prisma, `\uFEFF${SEED.replace(/\n/g, '  \r\n')}\r\n\r\n`);
    expect(again.status).toBe('unchanged');
    expect(await snapshot()).toEqual(before);
    expect(await rowCounts(t.db)).toEqual(counts);
  });

  it('updates a changed paragraph in place: same ids everywhere, a new hash where the text changed', async () => {
    const before = await snapshot();
    const edited = SEED.replace('the women received 60 days of training', 'the women received 90 days of training');
    const result = await ingestText(t.db.prisma, edited);
    expect(result.status).toBe('updated');
    expect(result.paragraphs).toMatchObject({ total: 15, changed: 1, added: 0, removed: 0, unchanged: 14 });
    const after = await snapshot();
    expect(after.id).toBe(before.id);
    expect(after.paragraphs.map((p) => p.id)).toEqual(before.paragraphs.map((p) => p.id));
    const changed = after.paragraphs.filter((p, i) => p.textHash !== before.paragraphs[i]?.textHash);
    expect(changed.map((p) => p.position)).toEqual([3]);
    expect(changed[0]?.mentions.map((m) => m.text)).toContain('90 days');
    expect(after.contentHash).not.toBe(before.contentHash);
  });

  it('adds and removes trailing paragraphs, keeping the ids of the rest', async () => {
    const before = await snapshot();
    const longer = await ingestText(t.db.prisma, `${SEED}\nA closing line from the desk about Dandong.`);
    expect(longer.paragraphs).toMatchObject({ added: 1, removed: 0, changed: 1 }); // paragraph 3 reverts to 60 days
    const mid = await snapshot();
    expect(mid.paragraphs.slice(0, 15).map((p) => p.id)).toEqual(before.paragraphs.map((p) => p.id));
    const shorter = await ingestText(t.db.prisma, SEED);
    expect(shorter.paragraphs).toMatchObject({ removed: 1, changed: 0, added: 0 });
    const after = await snapshot();
    expect(after.paragraphs).toHaveLength(15);
    expect(after.paragraphs.map((p) => p.id)).toEqual(before.paragraphs.map((p) => p.id));
  });

  it('is one transaction: a failure half-way through writes nothing', async () => {
    const counts = await rowCounts(t.db);
    const article = parseArticle('---\nslug: doomed\n---\nDandong and Sinuiju traded.\nSecond paragraph.');
    const extraction = extractEntities(
      article.paragraphs.map((p) => p.text),
      await loadGazetteer(t.db.prisma),
    );
    // A mention that points past the last paragraph fails when mentions are written, after the
    // article, its paragraphs and its new entities have been.
    extraction.mentions.push({ paragraph: 99, start: 0, end: 1, text: 'D', entityKey: 'dandong', via: 'rule' });
    await expect(storeArticle(t.db.prisma, article, extraction)).rejects.toThrow();
    expect(await rowCounts(t.db)).toEqual(counts);
    expect(await t.db.prisma.article.findUnique({ where: { slug: 'doomed' } })).toBeNull();
  });

  it('grows the gazetteer: a proposed entity from one article is known in the next', async () => {
    await ingestText(t.db.prisma, '---\nslug: first-bureau\n---\nOfficials at the Hoeryong Trade Bureau halted shipments.');
    const proposed = await t.db.prisma.entity.findUniqueOrThrow({ where: { key: 'hoeryong-trade-bureau' } });
    expect(proposed.confirmed).toBe(false);
    await ingestText(t.db.prisma, '---\nslug: second-bureau\n---\nThe Hoeryong Trade Bureau said trade resumed.');
    const entity = await t.db.prisma.entity.findUniqueOrThrow({ where: { key: 'hoeryong-trade-bureau' }, include: { articles: true } });
    expect(entity.id).toBe(proposed.id);
    expect(entity.articles).toHaveLength(2);
  });
});
