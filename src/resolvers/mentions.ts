// Entity mentions placed in the text as served: where they were found in the original, and in a
// translation at the entity's localized name. Reads the in-memory catalog only.
import type { Context } from '../context.js';
import type { LocalizedText } from '../i18n/catalog.js';
import { formatDay } from '../i18n/format.js';
import { originalLanguage } from '../i18n/keys.js';
import type { Language } from '../i18n/languages.js';
import { type EntityLike, localizeAliases, localizeEntityName, localizeParagraph, type ParagraphToLocalize } from './localize.js';

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
    return mentions.map((m) => ({ ...m, served: { start: m.start, end: m.end, text: m.text, located: true } }));
  }
  const byEntity = new Map<number, M[]>();
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) byEntity.set(m.entityId, [...(byEntity.get(m.entityId) ?? []), m]);
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
  return mentions.map((m) => ({ ...m, served: placed.get(m) ?? { start: null, end: null, text: m.text, located: false } }));
}

/** A mention row with its place in the text as served: what the GraphQL Mention type reads. */
export type ServedMention<M extends MentionRow = MentionRow> = M & { served: Placement };

/** The served place of a mention the Mention type resolves (every mention field reaches it here). */
export function placement(mention: object): Placement {
  const served = (mention as Partial<ServedMention>).served;
  if (!served) throw new Error('a Mention was resolved without being placed in the served text');
  return served;
}

/** A paragraph's mentions, placed in the paragraph as served in `language`. */
export function paragraphMentions<M extends MentionRow>(ctx: Context, paragraph: ParagraphToLocalize, mentions: M[], language: Language) {
  return placeMentions(ctx, localizeParagraph(ctx, paragraph, language), mentions, paragraph.article.language);
}

/** Mentions from many paragraphs (an entity's), each placed in its own paragraph as served, in the given order. */
export function mentionsAcrossParagraphs<M extends MentionRow & { paragraph: ParagraphToLocalize & { id: number } }>(
  ctx: Context,
  rows: M[],
  language: Language,
): ServedMention<M>[] {
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
    paragraphMentions(ctx, first.paragraph, group, language).forEach((m, i) => {
      const row = group[i];
      if (row) served.set(row, m);
    });
  }
  return rows.map((m) => served.get(m) ?? { ...m, served: { start: null, end: null, text: m.text, located: false } });
}
