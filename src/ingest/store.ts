import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { alignParagraphs, keptInOrder, paragraphKeyFor } from './align.js';
import { ingestErrorForDatabase } from './db-errors.js';
import type { Extraction } from './extract.js';
import type { ParsedArticle } from './text.js';

/** Who writes an article (Article.updatedBy): the corpus seeded on start, the CLI, or the GraphQL API's admin. */
export type IngestSource = 'seed' | 'cli' | 'admin';

export interface StoreResult {
  articleId: number;
  status: 'created' | 'updated' | 'unchanged';
  /**
   * Each new paragraph is one of added, changed, unchanged or moved; removed counts old ones.
   * changed: edited in place (same id and key; its translations go stale); moved: the same text,
   * taken out of its order among the others (one shifted by an insertion or a removal above it is
   * unchanged).
   */
  paragraphs: { total: number; added: number; changed: number; removed: number; unchanged: number; moved: number };
  entities: { total: number; created: number; proposed: number };
  mentions: number;
}

/** The client of an interactive transaction: every step below runs on it. */
type Tx = Prisma.TransactionClient;
type ParagraphStats = StoreResult['paragraphs'];
type ExistingArticle = {
  id: number;
  contentHash: string;
  paragraphs: Array<{ id: number; key: string; position: number; kind: string; text: string; textHash: string }>;
};

export interface StoreOptions {
  /** Recorded as Article.updatedBy when the article is created or changed. */
  by?: IngestSource;
}

/**
 * Writes an article, its paragraphs, entities and mentions in one transaction. Paragraphs are
 * aligned by content (src/ingest/align.ts): one that is kept, moved or edited keeps its id and key.
 *
 * Ingests of one slug are serialized by a transaction-scoped advisory lock on it, taken first (so
 * across processes too, on PostgreSQL and PGlite alike). A write that still loses a race, or a
 * database that does not answer in time, is an IngestError (CONFLICT, BUSY) with a plain message.
 */
export async function storeArticle(
  prisma: PrismaClient,
  article: ParsedArticle,
  extraction: Extraction,
  options: StoreOptions = {},
): Promise<StoreResult> {
  try {
    return await prisma.$transaction((tx) => storeSteps(tx, article, extraction, options), { timeout: 60_000, maxWait: 10_000 });
  } catch (err) {
    throw ingestErrorForDatabase(err, article.slug) ?? err;
  }
}

/** The advisory lock key of an article's slug (one 32-bit hash; a collision only serializes two slugs). */
const lockArticle = (tx: Tx, slug: string) =>
  tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `polyglot-desk:article:${slug}`);

async function storeSteps(tx: Tx, article: ParsedArticle, extraction: Extraction, options: StoreOptions): Promise<StoreResult> {
  await lockArticle(tx, article.slug);
  const existing = await tx.article.findUnique({
    where: { slug: article.slug },
    include: {
      paragraphs: { select: { id: true, key: true, position: true, kind: true, text: true, textHash: true }, orderBy: { position: 'asc' } },
    },
  });
  const stats: ParagraphStats = { total: article.paragraphs.length, added: 0, changed: 0, removed: 0, unchanged: 0, moved: 0 };
  if (existing && existing.contentHash === article.contentHash) {
    stats.unchanged = existing.paragraphs.length;
    return { articleId: existing.id, status: 'unchanged', paragraphs: stats, entities: { total: 0, created: 0, proposed: 0 }, mentions: 0 };
  }
  const articleId = await writeArticle(tx, article, existing, options.by ?? null);
  const paragraphIds = await writeParagraphs(tx, articleId, article, existing, stats);
  const { ids, created } = await writeEntities(tx, extraction);
  const mentions = await writeMentions(tx, articleId, extraction, paragraphIds, ids);
  const total = await writeArticleEntities(tx, articleId, extraction, ids);
  return {
    articleId,
    status: existing ? 'updated' : 'created',
    paragraphs: stats,
    entities: { total, created, proposed: [...extraction.entities.values()].filter((e) => !e.confirmed).length },
    mentions,
  };
}

/** The article row: created, or its fields updated. Returns its id. */
async function writeArticle(tx: Tx, article: ParsedArticle, existing: ExistingArticle | null, by: IngestSource | null): Promise<number> {
  const fields = {
    updatedBy: by,
    title: article.title,
    titleDerived: article.titleOrigin === 'derived',
    source: article.source,
    sourceUrl: article.sourceUrl,
    publishedAt: article.publishedAt,
    language: article.language,
    contentHash: article.contentHash,
  };
  const { id } = existing
    ? await tx.article.update({ where: { id: existing.id }, data: fields, select: { id: true } })
    : await tx.article.create({ data: { slug: article.slug, ...fields }, select: { id: true } });
  return id;
}

/**
 * Paragraphs aligned with the stored ones: removed, moved, edited in place or added; each kept one
 * keeps its id and key. Positions are unique per article, so the kept ones that move park on
 * negative positions first. Returns the ids in the new order.
 */
async function writeParagraphs(
  tx: Tx,
  articleId: number,
  article: ParsedArticle,
  existing: ExistingArticle | null,
  stats: ParagraphStats,
): Promise<number[]> {
  const old = existing?.paragraphs ?? [];
  const alignment = alignParagraphs(old, article.paragraphs);
  const matched = alignment.map((i) => (i === null ? null : (old[i] ?? null)));
  const inOrder = keptInOrder(alignment);
  const kept = new Set(matched.filter((o) => o !== null).map((o) => o.id));
  const removed = old.filter((o) => !kept.has(o.id));
  if (removed.length) await tx.paragraph.deleteMany({ where: { id: { in: removed.map((o) => o.id) } } });
  stats.removed = removed.length;
  // Positions are unique per article: the kept paragraphs that change position park on negative
  // ones first, then take their new ones (one statement each, however many moved); edited ones are
  // updated one by one.
  await park(tx, matched.filter((o, j) => o !== null && o.position !== j) as ExistingArticle['paragraphs']);
  const positions: Array<{ id: number; position: number }> = [];
  const taken = new Set(matched.filter((o) => o !== null).map((o) => o.key));
  const ids: Array<number | undefined> = [];
  const added: Prisma.ParagraphCreateManyInput[] = [];
  for (const [j, p] of article.paragraphs.entries()) {
    const o = matched[j];
    if (!o) {
      added.push({ articleId, key: paragraphKeyFor(p.textHash, taken), position: j, kind: p.kind, text: p.text, textHash: p.textHash });
      stats.added++;
      continue;
    }
    const edited = o.textHash !== p.textHash || o.kind !== p.kind;
    if (o.position !== j) positions.push({ id: o.id, position: j });
    if (edited) await tx.paragraph.update({ where: { id: o.id }, data: { kind: p.kind, text: p.text, textHash: p.textHash } });
    if (edited) stats.changed++;
    else if (!inOrder.has(j)) stats.moved++;
    else stats.unchanged++;
    ids[j] = o.id;
  }
  await reposition(tx, positions);
  for (const [position, id] of await insertParagraphs(tx, articleId, added)) ids[position] = id;
  return article.paragraphs.map((_, j) => {
    const id = ids[j];
    if (id === undefined) throw new Error(`paragraph ${j} was not written`);
    return id;
  });
}

/** Moves paragraphs to negative positions (one statement), freeing theirs for others. */
async function park(tx: Tx, moving: ExistingArticle['paragraphs']): Promise<void> {
  if (moving.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "Paragraph" SET "position" = -1 - "position" WHERE "id" IN (SELECT value::int FROM jsonb_array_elements_text($1::jsonb))`,
    JSON.stringify(moving.map((o) => o.id)),
  );
}

/** Gives kept paragraphs their new positions, in one statement. */
async function reposition(tx: Tx, positions: Array<{ id: number; position: number }>): Promise<void> {
  if (positions.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "Paragraph" AS p SET "position" = v."position"
     FROM jsonb_to_recordset($1::jsonb) AS v("id" int, "position" int) WHERE p."id" = v."id"`,
    JSON.stringify(positions),
  );
}

/** New paragraphs in one statement; returns their ids by position. */
async function insertParagraphs(tx: Tx, articleId: number, added: Prisma.ParagraphCreateManyInput[]): Promise<Map<number, number>> {
  if (added.length === 0) return new Map();
  await tx.paragraph.createMany({ data: added });
  const rows = await tx.paragraph.findMany({
    where: { articleId, position: { in: added.map((p) => p.position) } },
    select: { id: true, position: true },
  });
  return new Map(rows.map((r) => [r.position, r.id]));
}

/** New entities created (existing keys kept as they are); returns every found entity's id by key, and how many were created. */
async function writeEntities(tx: Tx, extraction: Extraction): Promise<{ ids: (key: string) => number; created: number }> {
  // In key order: two ingests inserting the same new entities lock them in the same order, never in a cycle.
  const entities = [...extraction.entities.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const created = await tx.entity.createMany({
    data: entities
      .filter((e) => e.isNew)
      .map((e) => ({
        key: e.key,
        kind: e.kind,
        name: e.name,
        aliases: e.aliases,
        dateValue: e.dateValue ?? null,
        amount: e.amount ?? null,
        unit: e.unit ?? null,
        confirmed: e.confirmed,
      })),
    skipDuplicates: true,
  });
  const rows = await tx.entity.findMany({ where: { key: { in: entities.map((e) => e.key) } }, select: { id: true, key: true } });
  const byKey = new Map(rows.map((e) => [e.key, e.id]));
  const ids = (key: string) => {
    const id = byKey.get(key);
    if (id === undefined) throw new Error(`entity ${key} vanished during ingest`);
    return id;
  };
  return { ids, created: created.count };
}

/** The article's mentions, replaced. Returns how many were written. */
async function writeMentions(
  tx: Tx,
  articleId: number,
  extraction: Extraction,
  paragraphIds: number[],
  ids: (key: string) => number,
): Promise<number> {
  await tx.mention.deleteMany({ where: { paragraph: { articleId } } });
  const mentions = extraction.mentions.map((m) => ({
    paragraphId: paragraphIds[m.paragraph] ?? -1,
    entityId: ids(m.entityKey),
    start: m.start,
    end: m.end,
    text: m.text,
    referentId: m.referentKey ? ids(m.referentKey) : null,
  }));
  await tx.mention.createMany({ data: mentions });
  return mentions.length;
}

/** The article's entities with their mention counts and first paragraph, replaced. Returns how many. */
async function writeArticleEntities(tx: Tx, articleId: number, extraction: Extraction, ids: (key: string) => number): Promise<number> {
  const perEntity = new Map<string, { count: number; first: number }>();
  for (const m of extraction.mentions) {
    const e = perEntity.get(m.entityKey) ?? { count: 0, first: m.paragraph };
    e.count++;
    e.first = Math.min(e.first, m.paragraph);
    perEntity.set(m.entityKey, e);
  }
  await tx.articleEntity.deleteMany({ where: { articleId } });
  await tx.articleEntity.createMany({
    data: [...perEntity].map(([key, e]) => ({ articleId, entityId: ids(key), mentionCount: e.count, firstPosition: e.first })),
  });
  return perEntity.size;
}
