// Localization shared by several fields: titles, paragraphs, entity names, mentions, coverage.
// Everything here reads the in-memory catalog: no database round trips.
import type { Context } from '../context.js';
import type { Catalog, LocalizedText } from '../i18n/catalog.js';
import { formatDate, formatDay } from '../i18n/format.js';
import { articleNamespace, entityAliasesKey, entityNameKey, originalLanguage, paragraphKey } from '../i18n/keys.js';
import { DEFAULT_LANGUAGE, LANGUAGE_INFO, type Language } from '../i18n/languages.js';
import { sha256 as hashOf } from '../lib/files.js';

const hashes = new Map<string, string>();
/** SHA-256 of a source string, remembered: titles and names are hashed on every request. */
function sha256(text: string): string {
  let h = hashes.get(text);
  if (!h) {
    h = hashOf(text);
    if (hashes.size > 50_000) hashes.clear();
    hashes.set(text, h);
  }
  return h;
}

function record(ctx: Context, text: LocalizedText): LocalizedText {
  ctx.served.add(text.language);
  return text;
}

export function localizeTitle(ctx: Context, article: { slug: string; title: string; language: string }, language: Language): LocalizedText {
  return record(
    ctx,
    ctx.catalog.localize(language, articleNamespace(article.slug), 'title', {
      text: article.title,
      language: originalLanguage(article.language),
      hash: sha256(article.title),
    }),
  );
}

export function localizeParagraph(
  ctx: Context,
  paragraph: { position: number; text: string; textHash?: string; article: { slug: string; language: string } },
  language: Language,
): LocalizedText {
  return record(
    ctx,
    ctx.catalog.localize(language, articleNamespace(paragraph.article.slug), paragraphKey(paragraph.position), {
      text: paragraph.text,
      language: originalLanguage(paragraph.article.language),
      hash: paragraph.textHash ?? sha256(paragraph.text),
    }),
  );
}

export interface EntityLike {
  key: string;
  kind: string;
  name: string;
  aliases: string[];
  dateValue: string | null;
  amount: number | null;
  unit: string | null;
}

export function localizeEntityName(ctx: Context, entity: EntityLike, language: Language): LocalizedText {
  if (language !== DEFAULT_LANGUAGE) {
    if (entity.kind === 'DATE' && entity.dateValue && !ctx.catalog.has(language, 'entities', entityNameKey(entity.key))) {
      const text = formatDate(entity.dateValue, language);
      if (text) return record(ctx, { text, language, provenance: 'FORMATTED', requested: language, stale: false });
    }
    if (
      entity.kind === 'QUANTITY' &&
      entity.amount !== null &&
      entity.unit &&
      !ctx.catalog.has(language, 'entities', entityNameKey(entity.key))
    ) {
      const key = `units.${entity.unit}`;
      const text = ctx.catalog.t(language)(key, { count: entity.amount, defaultValue: '' }) as string;
      if (text) return record(ctx, { text, language, provenance: 'FORMATTED', requested: language, stale: false });
    }
  }
  return record(
    ctx,
    ctx.catalog.localize(language, 'entities', entityNameKey(entity.key), {
      text: entity.name,
      language: DEFAULT_LANGUAGE,
      hash: sha256(entity.name),
    }),
  );
}

/** The entity's other names in a language: translated ones when there are any, else the English ones. */
export function localizeAliases(ctx: Context, entity: EntityLike, language: Language): string[] {
  if (language === DEFAULT_LANGUAGE) return entity.aliases;
  const own = ctx.catalog.raw(language, 'entities', entityAliasesKey(entity.key));
  // zh-Hant has zh-Hans's aliases converted, unless a translator wrote its own.
  return Array.isArray(own) ? own : entity.aliases;
}

export interface MentionLike {
  start: number;
  end: number;
  text: string;
  entityId: number;
  entity: EntityLike;
}

export interface LocatedMention {
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
export function locateMentions<M extends MentionLike>(
  ctx: Context,
  served: LocalizedText,
  mentions: M[],
  originalTag: string,
): Array<M & { localized: LocatedMention }> {
  if (served.language === originalLanguage(originalTag)) {
    return mentions.map((m) => ({ ...m, localized: { start: m.start, end: m.end, text: m.text, located: true } }));
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
  const placed = new Map<M, LocatedMention>();
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
  return mentions.map((m) => ({ ...m, localized: placed.get(m) ?? { start: null, end: null, text: m.text, located: false } }));
}

/** How much of an article a language has, counting the title and every paragraph. */
export function articleCoverage(catalog: Catalog, slug: string, positions: number[], language: Language, original: string) {
  const keys = ['title', ...positions.map(paragraphKey)];
  if (language === originalLanguage(original)) return { language, total: keys.length, translated: keys.length };
  const ns = articleNamespace(slug);
  const translated = keys.filter((k) => catalog.has(language, ns, k)).length;
  return { language, total: keys.length, translated };
}

export const languageName = (ctx: Context, code: Language, inLanguage: Language) =>
  ctx.catalog.t(inLanguage)(`common:languageName.${code}`, { defaultValue: LANGUAGE_INFO[code].englishName }) as string;
