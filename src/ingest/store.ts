import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Extraction } from './extract.js';
import type { ParsedArticle } from './text.js';

export interface StoreResult {
  articleId: number;
  status: 'created' | 'updated' | 'unchanged';
  paragraphs: { total: number; added: number; changed: number; removed: number; unchanged: number };
  entities: { total: number; created: number; proposed: number };
  mentions: number;
}

/** The client of an interactive transaction: every step below runs on it. */
type Tx = Prisma.TransactionClient;
type ParagraphStats = StoreResult['paragraphs'];
type ExistingArticle = {
  id: number;
  contentHash: string;
  paragraphs: Array<{ id: number; position: number; kind: string; textHash: string }>;
};

/**
 * Writes an article, its paragraphs, entities and mentions in one transaction. Paragraphs are
 * matched by position: an unchanged one keeps its id, a changed one is updated in place.
 */
export async function storeArticle(prisma: PrismaClient, article: ParsedArticle, extraction: Extraction): Promise<StoreResult> {
  return prisma.$transaction((tx) => storeSteps(tx, article, extraction), { timeout: 60_000, maxWait: 10_000 });
}

async function storeSteps(tx: Tx, article: ParsedArticle, extraction: Extraction): Promise<StoreResult> {
  const existing = await tx.article.findUnique({
    where: { slug: article.slug },
    include: { paragraphs: { select: { id: true, position: true, kind: true, textHash: true } } },
  });
  const stats: ParagraphStats = { total: article.paragraphs.length, added: 0, changed: 0, removed: 0, unchanged: 0 };
  if (existing && existing.contentHash === article.contentHash) {
    stats.unchanged = existing.paragraphs.length;
    return { articleId: existing.id, status: 'unchanged', paragraphs: stats, entities: { total: 0, created: 0, proposed: 0 }, mentions: 0 };
  }
  const articleId = await writeArticle(tx, article, existing);
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
async function writeArticle(tx: Tx, article: ParsedArticle, existing: ExistingArticle | null): Promise<number> {
  const fields = {
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

/** Paragraphs matched by position: added, updated in place, kept, or removed past the new end. Returns their ids in order. */
async function writeParagraphs(
  tx: Tx,
  articleId: number,
  article: ParsedArticle,
  existing: ExistingArticle | null,
  stats: ParagraphStats,
): Promise<number[]> {
  const byPosition = new Map(existing?.paragraphs.map((p) => [p.position, p]) ?? []);
  const paragraphIds: number[] = [];
  for (const p of article.paragraphs) {
    const old = byPosition.get(p.position);
    if (!old) {
      const created = await tx.paragraph.create({
        data: { articleId, position: p.position, kind: p.kind, text: p.text, textHash: p.textHash },
        select: { id: true },
      });
      paragraphIds.push(created.id);
      stats.added++;
      continue;
    }
    if (old.textHash !== p.textHash || old.kind !== p.kind) {
      await tx.paragraph.update({ where: { id: old.id }, data: { kind: p.kind, text: p.text, textHash: p.textHash } });
      stats.changed++;
    } else stats.unchanged++;
    paragraphIds.push(old.id);
  }
  const removed = await tx.paragraph.deleteMany({ where: { articleId, position: { gte: article.paragraphs.length } } });
  stats.removed = removed.count;
  return paragraphIds;
}

/** New entities created (existing keys kept as they are); returns every found entity's id by key, and how many were created. */
async function writeEntities(tx: Tx, extraction: Extraction): Promise<{ ids: (key: string) => number; created: number }> {
  const entities = [...extraction.entities.values()];
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
