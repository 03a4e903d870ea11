// Entity mentions placed in the text as served: where they were found in the original, and in a
// translation at the entity's localized name (which reads the in-memory catalog only); and the
// loading of a paragraph's mentions, for all the paragraphs of a request at once.
import { batched, type Context } from '../context.js';
import { prisma } from '../db/current.js';
import type { LocalizedText } from '../i18n/catalog.js';
import { formatDay } from '../i18n/format.js';
import { originalLanguage } from '../i18n/keys.js';
import type { Language } from '../i18n/languages.js';
import { ENTITY_COLUMNS, MENTION_COLUMNS } from './columns.js';
import { type EntityLike, localizeAliases, localizeEntityName, localizeParagraph, type ParagraphToLocalize } from './localize.js';

const MENTION_WITH_ENTITY = { ...MENTION_COLUMNS, entity: { select: ENTITY_COLUMNS } } as const;

async function loadMentions(paragraphIds: number[]) {
  const rows = await prisma().mention.findMany({
    where: { paragraphId: { in: paragraphIds } },
    select: MENTION_WITH_ENTITY,
    orderBy: [{ start: 'asc' }, { end: 'asc' }],
    // One statement for the mentions and their entities.
    relationLoadStrategy: 'join',
  });
  const byParagraph = new Map<number, typeof rows>();
  for (const row of rows) {
    const group = byParagraph.get(row.paragraphId);
    if (group) group.push(row);
    else byParagraph.set(row.paragraphId, [row]);
  }
  return byParagraph;
}

/** A mention as loaded for its paragraph: the Mention type's columns and its entity's. */
export type LoadedMention = Awaited<ReturnType<typeof loadMentions>> extends Map<number, Array<infer M>> ? M : never;
const NO_MENTIONS: LoadedMention[] = [];

/**
 * A paragraph's mentions in order of position, each with its entity. The mentions of every
 * paragraph a request lists come in one statement, whatever the number of paragraphs.
 */
export const mentionsOfParagraph = (ctx: Context, paragraphId: number): Promise<LoadedMention[]> =>
  batched(ctx, 'mentions-of-paragraph', paragraphId, loadMentions).then((rows) => rows ?? NO_MENTIONS);

export interface MentionRow {
  start: number;
  end: number;
  text: string;
  entityId: number;
  entity: EntityLike;
}

/** Where a mention sits in the text as served. */
export interface Placement {
  start: number | null;
  end: number | null;
  text: string;
  located: boolean;
}

/**
 * Places mentions in the text actually served. In the original they are where they were found;
 * in a translation, the n-th mention of an entity is the n-th occurrence of one of its localized
 * names, when there is one.
 */
export function placeMentions<M extends MentionRow>(
  ctx: Context,
  served: LocalizedText,
  mentions: M[],
  originalTag: string,
): ServedMention<M>[] {
  if (served.language === originalLanguage(originalTag)) {
    // Served where they were written: the rows themselves, marked, rather than a copy of each.
    for (const m of mentions) (m as Partial<ServedMention>)[AS_WRITTEN] = true;
    return mentions as ServedMention<M>[];
  }
  // The same paragraph served in the same language places the same way, as long as the catalog
  // version and the mentions are the same: remembered per served text.
  const remembered = ctx.catalog.memo('placements', () => new Map<string, Placed>());
  let placed = remembered.get(served.text);
  if (!placed || placed.language !== served.language || !sameMentions(placed.mentions, mentions)) {
    placed = {
      language: served.language,
      mentions: mentions.map(({ entityId, start, end, text, entity }) => ({
        entityId,
        start,
        end,
        text,
        key: entity.key,
        name: entity.name,
      })),
      placements: placeInTranslation(ctx, served, mentions),
    };
    if (remembered.size > 50_000) remembered.clear();
    remembered.set(served.text, placed);
  }
  const placements = placed.placements;
  return mentions.map((m, i) => ({ ...m, served: placements[i] as Placement }));
}

/** The placements of a served text, with the mentions (and their entities' names) they were made for. */
interface Placed {
  language: Language;
  mentions: Array<{ entityId: number; start: number; end: number; text: string; key: string; name: string }>;
  placements: Placement[];
}

function sameMentions(known: Placed['mentions'], mentions: MentionRow[]): boolean {
  if (known.length !== mentions.length) return false;
  for (let i = 0; i < known.length; i++) {
    const k = known[i] as Placed['mentions'][number];
    const m = mentions[i] as MentionRow;
    if (k.entityId !== m.entityId || k.start !== m.start || k.end !== m.end || k.text !== m.text) return false;
    if (k.key !== m.entity.key || k.name !== m.entity.name) return false;
  }
  return true;
}

/** Where each mention is in a translation, in the order of `mentions`. */
function placeInTranslation(ctx: Context, served: LocalizedText, mentions: MentionRow[]): Placement[] {
  type M = MentionRow;
  const byEntity = new Map<number, M[]>();
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    const group = byEntity.get(m.entityId);
    if (group) group.push(m);
    else byEntity.set(m.entityId, [m]);
  }
  // Every occurrence of every mentioned entity's localized names, then the longest first, so one
  // name never claims a span inside another's ("朝鲜" inside "朝鲜领导人金正恩"), except a place
  // inside an organization's name, as in the source ("신의주" in "신의주 세관").
  const names = new Map<number, string>();
  const hits: Array<{ entityId: number; kind: string; start: number; end: number }> = [];
  for (const [entityId, group] of byEntity) {
    const entity = group[0]?.entity;
    if (!entity) continue;
    const { name, surfaces } = ctx.catalog.memo(`surfaces\u0000${served.language}\u0000${entity.key}\u0000${entity.name}`, () => {
      const name = localizeEntityName({ ...ctx, served: new Set() }, entity, served.language).text;
      // A date is also written by its day alone after its month ("9월 10일부터 12일", "9月10日至12日").
      const day = entity.kind === 'DATE' && entity.dateValue ? formatDay(entity.dateValue, served.language) : null;
      const surfaces = [...new Set([name, ...localizeAliases(ctx, entity, served.language), ...(day ? [day] : [])])]
        .filter(Boolean)
        .sort((a, b) => b.length - a.length);
      return { name, surfaces };
    });
    names.set(entityId, name);
    for (const surface of surfaces) {
      for (let at = served.text.indexOf(surface); at >= 0; at = served.text.indexOf(surface, at + 1)) {
        hits.push({ entityId, kind: entity.kind, start: at, end: at + surface.length });
      }
    }
  }
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: typeof hits = [];
  for (const hit of hits) {
    const overlapping = taken.filter((t) => hit.start < t.end && t.start < hit.end);
    const nested =
      hit.kind === 'PLACE' &&
      overlapping.every((t) => t.kind === 'ORGANIZATION' && t.entityId !== hit.entityId && t.start <= hit.start && hit.end <= t.end);
    if (overlapping.length === 0 || nested) taken.push(hit);
  }
  const placed = new Map<M, Placement>();
  for (const [entityId, group] of byEntity) {
    const own = taken.filter((t) => t.entityId === entityId).sort((a, b) => a.start - b.start);
    group.forEach((m, i) => {
      const hit = own[i];
      placed.set(
        m,
        hit
          ? { start: hit.start, end: hit.end, text: served.text.slice(hit.start, hit.end), located: true }
          : { start: null, end: null, text: names.get(entityId) ?? m.text, located: false },
      );
    });
  }
  return mentions.map((m) => placed.get(m) ?? { start: null, end: null, text: m.text, located: false });
}

/** Marks a mention row served in the original, where its own start, end and text are its place. */
const AS_WRITTEN = Symbol('mention served as written');

/**
 * A mention row with its place in the text as served: what the GraphQL Mention type reads. A row
 * served in the original carries no placement of its own (see placement()).
 */
export type ServedMention<M extends MentionRow = MentionRow> = M & { served?: Placement; [AS_WRITTEN]?: true };

/**
 * The served place of a mention the Mention type resolves (every mention field reaches it here):
 * its placement in a translation, or, served in the original, the row itself (located).
 */
export function placement(mention: object): Placement {
  const m = mention as Partial<ServedMention>;
  if (m.served) return m.served;
  if (!m[AS_WRITTEN]) throw new Error('a Mention was resolved without being placed in the served text');
  return mention as Placement;
}

/** Whether a placed mention was found in the served text (a row served as written always is). */
export const isLocated = (mention: object) => placement(mention).located !== false;

/** A paragraph's mentions, placed in the paragraph as served in `language`. */
export function paragraphMentions<M extends MentionRow>(
  ctx: Context,
  paragraph: ParagraphToLocalize,
  article: { slug: string; language: string },
  mentions: M[],
  language: Language,
) {
  return placeMentions(ctx, localizeParagraph(ctx, paragraph, article, language), mentions, article.language);
}

/** Mentions from many paragraphs (an entity's), each placed in its own paragraph as served, in the given order. */
export function mentionsAcrossParagraphs<
  M extends MentionRow & { paragraph: ParagraphToLocalize & { id: number; article: { slug: string; language: string } } },
>(ctx: Context, rows: M[], language: Language): ServedMention<M>[] {
  const byParagraph = new Map<number, M[]>();
  for (const m of rows) {
    const group = byParagraph.get(m.paragraph.id);
    if (group) group.push(m);
    else byParagraph.set(m.paragraph.id, [m]);
  }
  const served = new Map<M, ServedMention<M>>();
  for (const group of byParagraph.values()) {
    const first = group[0];
    if (!first) continue;
    paragraphMentions(ctx, first.paragraph, first.paragraph.article, group, language).forEach((m, i) => {
      const row = group[i];
      if (row) served.set(row, m);
    });
  }
  return rows.map((m) => served.get(m) ?? { ...m, served: { start: null, end: null, text: m.text, located: false } });
}
