// Reviewing entities, for any front end (CLI, GraphQL mutations, the web page): confirm or reject a
// proposal, rename, retype, merge into another entity, add aliases. Each action is one transaction
// and records who reviewed the entity and when. A rejected entity is kept, marked rejected, with its
// mentions removed, so the extractor never proposes or matches that name again.
import type { Database } from '../db/client.js';
import { EntityKind } from '../generated/prisma/enums.js';

export type ReviewErrorCode = 'ENTITY_NOT_FOUND' | 'INVALID_NAME' | 'INVALID_KIND' | 'MERGE_INTO_ITSELF' | 'ENTITY_REJECTED';

export class ReviewError extends Error {
  override name = 'ReviewError';
  constructor(
    readonly code: ReviewErrorCode,
    message: string,
    readonly values: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const ENTITY_KINDS: readonly EntityKind[] = Object.values(EntityKind);
/** Longest name or alias accepted, in characters. */
export const NAME_MAX = 200;
/** Most aliases one entity may have. */
export const ALIASES_MAX = 50;

export type ReviewAction =
  | { action: 'confirm'; key: string }
  | { action: 'reject'; key: string }
  | { action: 'rename'; key: string; name: string }
  | { action: 'retype'; key: string; kind: string }
  | { action: 'merge'; key: string; into: string }
  | { action: 'addAliases'; key: string; aliases: string[] };

export interface ReviewResult {
  /** The entity as it now is (for a merge: the one merged into). */
  key: string;
  action: ReviewAction['action'];
  /** Mentions removed (reject) or moved (merge). */
  mentions: number;
}

type Db = Pick<Database, 'prisma'>;
type Tx = Parameters<Parameters<Database['prisma']['$transaction']>[0]>[0];

/** A name or alias as given: trimmed, one line, not empty, bounded. */
export function cleanName(raw: string, what = 'name'): string {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!name) throw new ReviewError('INVALID_NAME', `the ${what} is empty`, { what });
  if (name.length > NAME_MAX) throw new ReviewError('INVALID_NAME', `the ${what} is longer than ${NAME_MAX} characters`, { what });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f\ufffd]/.test(raw)) throw new ReviewError('INVALID_NAME', `the ${what} holds control characters`, { what });
  return name;
}

async function entityOf(tx: Tx, key: string) {
  const entity = await tx.entity.findUnique({ where: { key }, select: { id: true, key: true, name: true, aliases: true, rejected: true } });
  if (!entity) throw new ReviewError('ENTITY_NOT_FOUND', `no entity has the key "${key.slice(0, 80)}"`, { key: key.slice(0, 80) });
  return entity;
}

const reviewed = (by: string) => ({ reviewedAt: new Date(), reviewedBy: by });

/** Refuses an alias list over the bound rather than cutting it (a cut name would be lost silently). */
function tooMany(aliases: string[]): void {
  if (aliases.length > ALIASES_MAX) {
    throw new ReviewError('INVALID_NAME', `an entity has at most ${ALIASES_MAX} aliases; remove some first`, { what: 'alias' });
  }
}

/** Applies one review action in one transaction. `by` is who did it ("admin", "cli"). */
export async function reviewEntity(db: Db, action: ReviewAction, by: string): Promise<ReviewResult> {
  return db.prisma.$transaction(async (tx) => {
    const entity = await entityOf(tx, action.key);
    if (entity.rejected && action.action !== 'confirm' && action.action !== 'reject') {
      throw new ReviewError('ENTITY_REJECTED', `"${entity.key}" was rejected; confirm it first to change it`, { key: entity.key });
    }
    switch (action.action) {
      case 'confirm':
        await tx.entity.update({ where: { id: entity.id }, data: { confirmed: true, rejected: false, ...reviewed(by) } });
        return { key: entity.key, action: action.action, mentions: 0 };
      case 'reject':
        return reject(tx, entity, by);
      case 'rename': {
        const name = cleanName(action.name);
        // The old name stays findable as an alias: articles already say it.
        const aliases = [...new Set([...entity.aliases, entity.name])].filter((a) => a !== name);
        tooMany(aliases);
        await tx.entity.update({ where: { id: entity.id }, data: { name, aliases, ...reviewed(by) } });
        return { key: entity.key, action: action.action, mentions: 0 };
      }
      case 'retype': {
        const kind = ENTITY_KINDS.find((k) => k === action.kind);
        if (!kind)
          throw new ReviewError('INVALID_KIND', `"${action.kind.slice(0, 40)}" is not one of ${ENTITY_KINDS.join(', ')}`, {
            kind: action.kind.slice(0, 40),
          });
        await tx.entity.update({ where: { id: entity.id }, data: { kind, ...reviewed(by) } });
        return { key: entity.key, action: action.action, mentions: 0 };
      }
      case 'merge':
        return merge(tx, entity, action.into, by);
      case 'addAliases': {
        const added = action.aliases.map((a) => cleanName(a, 'alias'));
        const aliases = [...new Set([...entity.aliases, ...added])].filter((a) => a !== entity.name);
        tooMany(aliases);
        await tx.entity.update({ where: { id: entity.id }, data: { aliases, ...reviewed(by) } });
        return { key: entity.key, action: action.action, mentions: 0 };
      }
    }
  });
}

async function reject(tx: Tx, entity: { id: number; key: string }, by: string): Promise<ReviewResult> {
  const removed = await tx.mention.deleteMany({ where: { entityId: entity.id } });
  await tx.mention.updateMany({ where: { referentId: entity.id }, data: { referentId: null } });
  await tx.articleEntity.deleteMany({ where: { entityId: entity.id } });
  await tx.entity.update({ where: { id: entity.id }, data: { rejected: true, confirmed: false, ...reviewed(by) } });
  return { key: entity.key, action: 'reject', mentions: removed.count };
}

/**
 * Merges an entity into another: its mentions and article links move to the target, its names
 * become the target's aliases, and it is deleted. Mentions the target already has at the same
 * place are dropped rather than doubled.
 */
async function merge(
  tx: Tx,
  source: { id: number; key: string; name: string; aliases: string[] },
  intoKey: string,
  by: string,
): Promise<ReviewResult> {
  if (intoKey === source.key) throw new ReviewError('MERGE_INTO_ITSELF', 'an entity cannot be merged into itself', { key: source.key });
  const target = await entityOf(tx, intoKey);
  if (target.rejected)
    throw new ReviewError('ENTITY_REJECTED', `"${target.key}" was rejected; confirm it first to merge into it`, { key: target.key });
  // The merged entity's names become the target's aliases: refused up front if they do not fit.
  const aliases = [...new Set([...target.aliases, source.name, ...source.aliases])].filter((a) => a !== target.name);
  tooMany(aliases);
  const mentions = await tx.mention.findMany({
    where: { entityId: source.id },
    select: { id: true, paragraphId: true, start: true, end: true },
  });
  const taken = new Set(
    (
      await tx.mention.findMany({
        where: { entityId: target.id, paragraphId: { in: mentions.map((m) => m.paragraphId) } },
        select: { paragraphId: true, start: true, end: true },
      })
    ).map((m) => `${m.paragraphId}:${m.start}:${m.end}`),
  );
  const doubled = mentions.filter((m) => taken.has(`${m.paragraphId}:${m.start}:${m.end}`)).map((m) => m.id);
  if (doubled.length) await tx.mention.deleteMany({ where: { id: { in: doubled } } });
  const moved = await tx.mention.updateMany({ where: { entityId: source.id }, data: { entityId: target.id } });
  await tx.mention.updateMany({ where: { referentId: source.id }, data: { referentId: target.id } });
  // The target's article links, recounted from its mentions now (doubled ones were dropped above).
  const articles = (await tx.articleEntity.findMany({ where: { entityId: source.id }, select: { articleId: true } })).map(
    (l) => l.articleId,
  );
  await tx.articleEntity.deleteMany({ where: { entityId: source.id } });
  for (const articleId of articles) {
    const rows = await tx.mention.findMany({
      where: { entityId: target.id, paragraph: { articleId } },
      select: { paragraph: { select: { position: true } } },
    });
    if (rows.length === 0) continue;
    const counts = { mentionCount: rows.length, firstPosition: Math.min(...rows.map((r) => r.paragraph.position)) };
    await tx.articleEntity.upsert({
      where: { articleId_entityId: { articleId, entityId: target.id } },
      create: { articleId, entityId: target.id, ...counts },
      update: counts,
    });
  }
  await tx.entity.update({ where: { id: target.id }, data: { aliases, ...reviewed(by) } });
  await tx.entity.delete({ where: { id: source.id } });
  return { key: target.key, action: 'merge', mentions: moved.count };
}

export interface Proposal {
  key: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  mentionCount: number;
  articles: string[];
}

/** Proposed entities awaiting review, most mentioned first (at most `limit`, 1 to 500). */
export async function listProposals(db: Db, limit = 100): Promise<Proposal[]> {
  const rows = await db.prisma.entity.findMany({
    where: { confirmed: false, rejected: false, articles: { some: {} } },
    select: {
      key: true,
      kind: true,
      name: true,
      aliases: true,
      _count: { select: { mentions: true } },
      articles: { take: 5, select: { article: { select: { slug: true } } } },
    },
    orderBy: [{ mentions: { _count: 'desc' } }, { name: 'asc' }],
    take: Math.min(Math.max(limit, 1), 500),
  });
  return rows.map((r) => ({
    key: r.key,
    kind: r.kind,
    name: r.name,
    aliases: r.aliases,
    mentionCount: r._count.mentions,
    articles: r.articles.map((a) => a.article.slug),
  }));
}
