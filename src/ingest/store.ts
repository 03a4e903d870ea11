import type { PrismaClient } from '../generated/prisma/client.js';
import type { Extraction } from './extract.js';
import type { ParsedArticle } from './text.js';

export interface StoreResult {
  articleId: number;
  status: 'created' | 'updated' | 'unchanged';
  paragraphs: { total: number; added: number; changed: number; removed: number; unchanged: number };
  entities: { total: number; created: number; proposed: number };
  mentions: number;
}

/**
 * Writes an article, its paragraphs, entities and mentions in one transaction. Paragraphs are
 * matched by position: an unchanged one keeps its id, a changed one is updated in place.
 */
export async function storeArticle(prisma: PrismaClient, article: ParsedArticle, extraction: Extraction): Promise<StoreResult> {
  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.article.findUnique({
        where: { slug: article.slug },
        include: { paragraphs: { select: { id: true, position: true, kind: true, textHash: true } } },
      });
      const stats: StoreResult['paragraphs'] = { total: article.paragraphs.length, added: 0, changed: 0, removed: 0, unchanged: 0 };
      if (existing && existing.contentHash === article.contentHash) {
        stats.unchanged = existing.paragraphs.length;
        return {
          articleId: existing.id,
          status: 'unchanged' as const,
          paragraphs: stats,
          entities: { total: 0, created: 0, proposed: 0 },
          mentions: 0,
        };
      }
      const fields = {
        title: article.title,
        titleDerived: article.titleOrigin === 'derived',
        source: article.source,
        sourceUrl: article.sourceUrl,
        publishedAt: article.publishedAt,
        language: article.language,
        contentHash: article.contentHash,
      };
      const { id: articleId } = existing
        ? await tx.article.update({ where: { id: existing.id }, data: fields, select: { id: true } })
        : await tx.article.create({ data: { slug: article.slug, ...fields }, select: { id: true } });

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
        } else {
          if (old.textHash !== p.textHash || old.kind !== p.kind) {
            await tx.paragraph.update({ where: { id: old.id }, data: { kind: p.kind, text: p.text, textHash: p.textHash } });
            stats.changed++;
          } else stats.unchanged++;
          paragraphIds.push(old.id);
        }
      }
      const removed = await tx.paragraph.deleteMany({ where: { articleId, position: { gte: article.paragraphs.length } } });
      stats.removed = removed.count;

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
      const ids = new Map(
        (await tx.entity.findMany({ where: { key: { in: entities.map((e) => e.key) } }, select: { id: true, key: true } })).map((e) => [
          e.key,
          e.id,
        ]),
      );
      const idOf = (key: string) => {
        const id = ids.get(key);
        if (id === undefined) throw new Error(`entity ${key} vanished during ingest`);
        return id;
      };

      await tx.mention.deleteMany({ where: { paragraph: { articleId } } });
      const mentions = extraction.mentions.map((m) => ({
        paragraphId: paragraphIds[m.paragraph] ?? -1,
        entityId: idOf(m.entityKey),
        start: m.start,
        end: m.end,
        text: m.text,
        referentId: m.referentKey ? idOf(m.referentKey) : null,
      }));
      await tx.mention.createMany({ data: mentions });

      const perEntity = new Map<string, { count: number; first: number }>();
      for (const m of extraction.mentions) {
        const e = perEntity.get(m.entityKey) ?? { count: 0, first: m.paragraph };
        e.count++;
        e.first = Math.min(e.first, m.paragraph);
        perEntity.set(m.entityKey, e);
      }
      await tx.articleEntity.deleteMany({ where: { articleId } });
      await tx.articleEntity.createMany({
        data: [...perEntity].map(([key, e]) => ({ articleId, entityId: idOf(key), mentionCount: e.count, firstPosition: e.first })),
      });

      return {
        articleId,
        status: existing ? ('updated' as const) : ('created' as const),
        paragraphs: stats,
        entities: { total: perEntity.size, created: created.count, proposed: entities.filter((e) => !e.confirmed).length },
        mentions: mentions.length,
      };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
