// Stable paragraph identity across re-ingests, on PostgreSQL and on the embedded PGlite database:
// a paragraph keeps its id and key (locale files key translations by it) when others are inserted,
// removed or moved, and when it is edited; a removed paragraph is deleted. Also Article.updatedBy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { ingestText } from '../../src/ingest/index.js';
import { sha256, splitFrontMatter } from '../../src/ingest/text.js';
import { ingestArticleText } from '../../src/services/ingest.js';
import { prepareDatabase } from '../../src/services/setup.js';
import { useTestDatabase } from '../helpers/db.js';
import { SEED_FILE, SEED_SLUG, seedKey } from '../helpers/seed.js';

const SEED = fs.readFileSync(SEED_FILE, 'utf8');
const FRONT = SEED.slice(0, SEED.length - splitFrontMatter(SEED).body.length);
const LINES = splitFrontMatter(SEED).body.split('\n').filter(Boolean);
/** The seed article with its paragraphs replaced. */
const seedWith = (lines: string[]) => `${FRONT}${lines.join('\n')}\n`;
const line = (n: number) => LINES[n] ?? '';

const postgres = useTestDatabase({ seedCorpus: true });

// The embedded database, in a folder of its own, seeded as on a first start.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-identity-'));
const pglite = {} as { db: Database };
beforeAll(async () => {
  pglite.db = await openDatabase({ ...loadConfig({}), databaseUrl: undefined, dataDir: dir });
  await prepareDatabase(pglite.db);
}, 120_000);
afterAll(async () => {
  await pglite.db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['PostgreSQL', () => postgres.db],
  ['PGlite', () => pglite.db],
])('stable paragraph identity on %s', (_name, database) => {
  const paragraphs = async (slug = SEED_SLUG) =>
    database().prisma.paragraph.findMany({
      where: { article: { slug } },
      orderBy: { position: 'asc' },
      select: { id: true, key: true, position: true, kind: true, text: true, textHash: true },
    });
  const ingest = (text: string) => ingestText(database().prisma, text, { by: 'cli' });
  let original: Awaited<ReturnType<typeof paragraphs>>;

  beforeAll(async () => {
    original = await paragraphs();
  });

  it('was seeded with the keys locale files use, by "seed"', async () => {
    expect(original.map((p) => p.key)).toEqual(LINES.map((_, n) => seedKey(n)));
    expect(original.map((p) => p.position)).toEqual(LINES.map((_, n) => n));
    const article = await database().prisma.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } });
    expect(article.updatedBy).toBe('seed');
  });

  it('(a) keeps every other paragraph’s id and key when one is inserted at position 1, and restores all when it is deleted', async () => {
    const inserted = 'A paragraph the desk added after the lede, about trade in Dandong.';
    const insert = await ingest(seedWith([line(0), inserted, ...LINES.slice(1)]));
    expect(insert.status).toBe('updated');
    expect(insert.paragraphs).toEqual({ total: 16, added: 1, changed: 0, removed: 0, unchanged: 15, moved: 0 });
    const after = await paragraphs();
    const others = after.filter((p) => p.position !== 1);
    expect(others.map(({ id, key, textHash }) => ({ id, key, textHash }))).toEqual(
      original.map(({ id, key, textHash }) => ({ id, key, textHash })),
    );
    expect(others.map((p) => p.position)).toEqual([0, ...LINES.slice(1).map((_, n) => n + 2)]);
    const fresh = after[1];
    expect(fresh?.text).toBe(inserted);
    expect(fresh?.key).toBe(`p-${sha256(inserted).slice(0, 8)}`);
    expect(original.map((p) => p.key)).not.toContain(fresh?.key);
    expect(original.map((p) => p.id)).not.toContain(fresh?.id);

    const remove = await ingest(SEED);
    expect(remove.paragraphs).toEqual({ total: 15, added: 0, changed: 0, removed: 1, unchanged: 15, moved: 0 });
    expect(await paragraphs()).toEqual(original);
  });

  it('(b) keeps a moved paragraph’s id and key, and counts it as moved', async () => {
    const moved = await ingest(seedWith([...LINES.slice(0, 5), ...LINES.slice(6), line(5)]));
    expect(moved.paragraphs).toEqual({ total: 15, added: 0, changed: 0, removed: 0, unchanged: 14, moved: 1 });
    const after = await paragraphs();
    expect(after.at(-1)).toMatchObject({ id: original[5]?.id, key: original[5]?.key, text: line(5), position: 14 });
    expect(after.map((p) => p.key).sort()).toEqual(original.map((p) => p.key).sort());
    expect(after.map((p) => p.id).sort()).toEqual(original.map((p) => p.id).sort());

    const back = await ingest(SEED);
    expect(back.paragraphs.moved).toBe(1);
    expect(await paragraphs()).toEqual(original);
  });

  it('(c) keeps an edited paragraph’s id and key, changing only its text and textHash', async () => {
    const editedText = line(3).replace('finalized', 'completed');
    expect(editedText).not.toBe(line(3));
    const edited = await ingest(seedWith(LINES.map((l, n) => (n === 3 ? editedText : l))));
    expect(edited.paragraphs).toEqual({ total: 15, added: 0, changed: 1, removed: 0, unchanged: 14, moved: 0 });
    const after = await paragraphs();
    expect(after[3]).toEqual({ ...original[3], text: editedText, textHash: sha256(editedText) });
    expect(after.filter((p) => p.position !== 3)).toEqual(original.filter((p) => p.position !== 3));

    await ingest(SEED);
    expect(await paragraphs()).toEqual(original);
  });

  it('(d) deletes a paragraph removed from the source: its key no longer exists', async () => {
    const removed = await ingest(seedWith(LINES.filter((_, n) => n !== 7)));
    expect(removed.paragraphs).toEqual({ total: 14, added: 0, changed: 0, removed: 1, unchanged: 14, moved: 0 });
    const after = await paragraphs();
    expect(after.map((p) => p.key)).not.toContain(seedKey(7));
    expect(await database().prisma.paragraph.findUnique({ where: { id: original[7]?.id ?? -1 } })).toBeNull();
    expect(after.map(({ id, key }) => ({ id, key }))).toEqual(original.filter((p) => p.position !== 7).map(({ id, key }) => ({ id, key })));

    // Put back, the same text gets the same key again (its translations apply again), as a new row.
    await ingest(SEED);
    const restored = await paragraphs();
    expect(restored.map((p) => p.key)).toEqual(original.map((p) => p.key));
    expect(restored[7]?.id).not.toBe(original[7]?.id);
    original = restored;
  });

  it('keeps a heading that became body text (a period added) as the same paragraph', async () => {
    expect(original[7]?.kind).toBe('HEADING');
    const body = `${line(7)}.`;
    const result = await ingest(seedWith(LINES.map((l, n) => (n === 7 ? body : l))));
    expect(result.paragraphs).toMatchObject({ changed: 1, added: 0, removed: 0 });
    const after = await paragraphs();
    expect(after[7]).toMatchObject({ id: original[7]?.id, key: original[7]?.key, kind: 'BODY', text: body });
    await ingest(SEED);
    expect(await paragraphs()).toEqual(original);
  });

  it('keeps two identical paragraphs apart, in their order, when a paragraph is inserted before them', async () => {
    const twin = 'The same sentence, twice.';
    await ingest(`---\nslug: twins\n---\n${twin}\n${twin}`);
    const before = await paragraphs('twins');
    const base = `p-${sha256(twin).slice(0, 8)}`;
    expect(before.map((p) => p.key)).toEqual([base, `${base}-2`]);
    const result = await ingest(`---\nslug: twins\n---\nA new first line.\n${twin}\n${twin}`);
    expect(result.paragraphs).toEqual({ total: 3, added: 1, changed: 0, removed: 0, unchanged: 2, moved: 0 });
    const after = await paragraphs('twins');
    expect(after.slice(1).map(({ id, key }) => ({ id, key }))).toEqual(before.map(({ id, key }) => ({ id, key })));
    // A third copy gets a key of its own.
    await ingest(`---\nslug: twins\n---\nA new first line.\n${twin}\n${twin}\n${twin}`);
    expect((await paragraphs('twins')).map((p) => p.key)).toEqual([after[0]?.key, base, `${base}-2`, `${base}-3`]);
  });

  it('records who wrote the article last (Article.updatedBy)', async () => {
    const by = async () => (await database().prisma.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })).updatedBy;
    expect(await by()).toBe('cli');
    const edited = seedWith(LINES.map((l, n) => (n === 3 ? l.replace('60 days', '90 days') : l)));
    expect(await ingestArticleText(database(), edited, { by: 'admin' })).toMatchObject({ ok: true, result: { status: 'updated' } });
    expect(await by()).toBe('admin');
    // Unchanged text writes nothing, so the last writer stays.
    expect(await ingestArticleText(database(), edited, { by: 'cli' })).toMatchObject({ ok: true, result: { status: 'unchanged' } });
    expect(await by()).toBe('admin');
    await ingest(SEED);
    expect(await by()).toBe('cli');
  });
});
