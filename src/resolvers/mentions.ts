// Entity mentions placed in the text as served: where they were found in the original, and in a
// translation where it names the same entity in the corresponding place (aligned once per paragraph,
// language and catalog version, from the in-memory catalog only); and the loading of a paragraph's
// mentions, for all the paragraphs of a request at once.
import { batched, type Context } from '../context.js';
import { prisma } from '../db/current.js';
import { type AlignGroup, alignMentions, isVisitAbbreviation, knownNamesOf, type Surface } from '../i18n/align-mentions.js';
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
  /** The mention's id and its paragraph's, when loaded (they key what is remembered of a paragraph). */
  id?: number;
  paragraphId?: number;
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

/** Marks a mention row served in the original, where its own start, end and text are its place. */
const AS_WRITTEN = Symbol('mention served as written');
/** The language a row's own placement (`served`) is in. */
const IN_LANGUAGE = Symbol('language of the placement');

/**
 * A mention row with its place in the text as served: what the GraphQL Mention type reads. A row
 * served in the original carries no placement of its own (see placement()).
 */
export type ServedMention<M extends MentionRow = MentionRow> = M & {
  served?: Placement;
  [AS_WRITTEN]?: true;
  [IN_LANGUAGE]?: Language;
};

/** The original paragraph the mentions were found in: its text and its article's language tag. */
export interface Original {
  text: string;
  language: string;
}

/**
 * Places mentions in the text actually served. In the original they are where they were found;
 * in a translation, where the translation names the same entity in the corresponding place
 * (src/i18n/align-mentions.ts), or nowhere (`located: false`) when it does not.
 */
export function placeMentions<M extends MentionRow>(
  ctx: Context,
  served: LocalizedText,
  mentions: M[],
  original: Original,
): ServedMention<M>[] {
  if (served.language === originalLanguage(original.language)) return asWritten(mentions);
  return withPlacements(mentions, served.language, placementsIn(ctx, served, mentions, original.text));
}

/** Mentions served where they were written: the rows themselves, marked, rather than a copy of each. */
function asWritten<M extends MentionRow>(mentions: M[]): ServedMention<M>[] {
  let rows: ServedMention<M>[] = mentions;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i] as ServedMention<M>;
    if (m.served === undefined) m[AS_WRITTEN] = true;
    else {
      // Placed in a translation earlier in this request: this language gets a copy of its own.
      if (rows === mentions) rows = mentions.slice();
      rows[i] = { ...m, served: undefined, [IN_LANGUAGE]: undefined, [AS_WRITTEN]: true };
    }
  }
  return rows;
}

/**
 * The rows with their placements for one language. A row of this request not yet placed carries
 * its placement itself (no copy per mention); one already placed in another language (a query
 * asking for two) is copied.
 */
function withPlacements<M extends MentionRow>(mentions: M[], language: Language, placements: readonly Placement[]): ServedMention<M>[] {
  let rows: ServedMention<M>[] = mentions;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i] as ServedMention<M>;
    const p = placements[i] as Placement;
    if (m.served === undefined && !m[AS_WRITTEN]) {
      m.served = p;
      m[IN_LANGUAGE] = language;
    } else if (m.served !== p || m[IN_LANGUAGE] !== language) {
      if (rows === mentions) rows = mentions.slice();
      rows[i] = { ...m, served: p, [IN_LANGUAGE]: language };
    }
  }
  return rows;
}

/** What is remembered of a paragraph in one language: its placements, and what they were made from. */
interface Placed {
  text: string;
  source: string;
  mentions: Array<{ entityId: number; start: number; end: number; text: string; key: string; name: string }>;
  placements: Placement[];
}

/** Per language, the memo of the paragraphs placed in it (one catalog version holds one of each). */
const PLACED_IN: Record<Language, string> = {
  en: 'placed\u0000en',
  ko: 'placed\u0000ko',
  'zh-Hans': 'placed\u0000zh-Hans',
  'zh-Hant': 'placed\u0000zh-Hant',
};
const ENTITY_PLACED_IN: Record<Language, string> = {
  en: 'entity-placed\u0000en',
  ko: 'entity-placed\u0000ko',
  'zh-Hans': 'entity-placed\u0000zh-Hans',
  'zh-Hant': 'entity-placed\u0000zh-Hant',
};
const PLACED_MAX = 20_000;
const NO_PLACEMENTS: Placement[] = [];

/**
 * The placements of mentions in a translation, in the order of `mentions`: aligned once per
 * paragraph, language and catalog version (the catalog's memo), and again only when the served
 * text, the original or the mentions differ from what they were made from.
 */
function placementsIn(ctx: Context, served: LocalizedText, mentions: MentionRow[], source: string, oneEntity = false): Placement[] {
  if (mentions.length === 0) return NO_PLACEMENTS;
  const remembered = ctx.catalog.memo(
    oneEntity ? ENTITY_PLACED_IN[served.language] : PLACED_IN[served.language],
    () => new Map<number | string, Placed>(),
  );
  const paragraphId = mentions[0]?.paragraphId;
  // An entity's mentions of a paragraph are remembered apart from the paragraph's whole list.
  const key = oneEntity ? `${paragraphId ?? served.text}\u0000${mentions[0]?.entityId}` : (paragraphId ?? served.text);
  let placed = remembered.get(key);
  if (!placed || placed.text !== served.text || placed.source !== source || !sameMentions(placed.mentions, mentions)) {
    placed = {
      text: served.text,
      source,
      mentions: mentions.map(({ entityId, start, end, text, entity }) => ({
        entityId,
        start,
        end,
        text,
        key: entity.key,
        name: entity.name,
      })),
      placements: placeInTranslation(ctx, served, mentions, source),
    };
    if (remembered.size >= PLACED_MAX) remembered.clear();
    remembered.set(key, placed);
  }
  return placed.placements;
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

/** Every name the catalog knows in a language, once per catalog version. */
const knownNames = (ctx: Context, language: Language) =>
  ctx.catalog.memo(`known-names\u0000${language}`, () =>
    knownNamesOf(ctx.catalog.i18n.getResourceBundle(language, 'entities') as Record<string, unknown> | undefined),
  );

/** An entity's localized name and the forms it may be written in, in a language, once per catalog version. */
function surfacesOf(ctx: Context, entity: EntityLike, language: Language): { name: string; surfaces: Surface[] } {
  return ctx.catalog.memo(`surfaces\u0000${language}\u0000${entity.key}\u0000${entity.name}`, () => {
    const name = localizeEntityName({ ...ctx, served: new Set() }, entity, language).text;
    // A date is also written by its day alone after its month ("9월 10일부터 12일", "9月10日至12日").
    const day = entity.kind === 'DATE' && entity.dateValue ? formatDay(entity.dateValue, language) : null;
    const texts = [...new Set([name, ...localizeAliases(ctx, entity, language), ...(day ? [day] : [])])].filter(Boolean);
    const surfaces = texts.map((text) => ({ text, visit: text !== name && isVisitAbbreviation(text, name, language) }));
    return { name, surfaces };
  });
}

/** Where each mention is in a translation, in the order of `mentions`. */
function placeInTranslation(ctx: Context, served: LocalizedText, mentions: MentionRow[], source: string): Placement[] {
  const groups: AlignGroup[] = [];
  const names: string[] = [];
  const groupOf = new Map<number, number>();
  const aligned = mentions.map((m) => {
    let group = groupOf.get(m.entityId);
    if (group === undefined) {
      const { name, surfaces } = surfacesOf(ctx, m.entity, served.language);
      group = groups.push({ key: m.entity.key, surfaces }) - 1;
      names.push(name);
      groupOf.set(m.entityId, group);
    }
    return { start: m.start, end: m.end, group };
  });
  const spans = alignMentions({ source, target: served.text, mentions: aligned, groups, known: knownNames(ctx, served.language) });
  return mentions.map((m, i) => {
    const span = spans[i];
    return span
      ? { start: span.start, end: span.end, text: served.text.slice(span.start, span.end), located: true }
      : { start: null, end: null, text: names[(aligned[i] as { group: number }).group] ?? m.text, located: false };
  });
}

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

/** A paragraph's mentions (all of them), placed in the paragraph as served in `language`. */
export function paragraphMentions<M extends MentionRow>(
  ctx: Context,
  paragraph: ParagraphToLocalize,
  article: { slug: string; language: string },
  mentions: M[],
  language: Language,
) {
  return placeMentions(ctx, localizeParagraph(ctx, paragraph, article, language), mentions, {
    text: paragraph.text,
    language: article.language,
  });
}

type AcrossParagraphs = MentionRow & { paragraph: ParagraphToLocalize & { id: number; article: { slug: string; language: string } } };

/**
 * Mentions from many paragraphs (an entity's), each placed in its own paragraph as served, in the
 * given order. An entity's mentions are aligned from its own alone (src/i18n/align-mentions.ts),
 * so they land where the paragraph's whole list places them, without loading that list.
 */
export function mentionsAcrossParagraphs<M extends AcrossParagraphs>(ctx: Context, rows: M[], language: Language): ServedMention<M>[] {
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
    const { paragraph } = first;
    const text = localizeParagraph(ctx, paragraph, paragraph.article, language);
    const placed =
      text.language === originalLanguage(paragraph.article.language)
        ? asWritten(group)
        : withPlacements(group, text.language, placementsIn(ctx, text, group, paragraph.text, true));
    placed.forEach((m, i) => {
      served.set(group[i] as M, m);
    });
  }
  return rows.map((m) => served.get(m) ?? { ...m, served: { start: null, end: null, text: m.text, located: false } });
}
