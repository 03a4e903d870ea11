import { languageFor, setRootLanguage } from '../context.js';
import { listLimit } from '../resolvers/articles.js';
import { ENTITY_COLUMNS, PARAGRAPH_COLUMNS } from '../resolvers/columns.js';
import { countEntities, entityById, findEntities, findEntity, type LoadedEntity } from '../resolvers/entities.js';
import { type EntityLike, localizeEntityName, servedAliases } from '../resolvers/localize.js';
import { mentionsAcrossParagraphs } from '../resolvers/mentions.js';
import { Article } from './article.js';
import { builder, totalCountField } from './builder.js';
import { EntityKindEnum } from './enums.js';
import { LANG_ARG, LocalizedTextRef, localized, localizedDescription } from './localized.js';
import { Mention, withEntity } from './paragraph.js';
import { requiring } from './selection.js';

/** What the name fields read. */
type EntityName = Omit<EntityLike, 'aliases'>;

/** What placing an entity's mentions needs loaded with each of them. */
type MentionContext = {
  entity: EntityLike;
  paragraph: { id: number; key: string; position: number; text: string; textHash: string; article: { slug: string; language: string } };
};

export const Entity = builder.prismaNode('Entity', {
  // node(id:) and nodes(ids:) answer null for an ID that names nothing, rather than an error.
  nullable: true,
  id: { field: 'id', description: 'Global ID of the entity, for `node(id:)`.' },
  description: 'A named entity (person, place, organization, date or quantity) found in the articles.',
  // Select mode (see src/resolvers/columns.ts): fields reading only those columns have no `select`
  // of their own, which would cost a lookup per row at run time.
  select: ENTITY_COLUMNS,
  // The type's field list: one declaration per field (what each does lives in src/resolvers).
  fields: (t) => ({
    key: t.string({ description: 'Stable key, such as "kim-jong-un"; locale files use it.', resolve: (e) => e.key }),
    kind: t.field({ type: EntityKindEnum, description: 'What kind of thing this is.', resolve: (e) => e.kind }),
    kindLabel: t.string(
      localized('The kind as a label in the served language, such as "인물" or "人物".', (e: { kind: string }, lang, ctx) =>
        ctx.catalog.label(lang, `common:entityKind.${e.kind}`),
      ),
    ),
    name: t.string(
      localized(
        'The entity’s name in the served language, such as "김정은" (see `localizedName` for its provenance); dates and quantities are formatted from their values.',
        (e: EntityName, lang, ctx) => localizeEntityName(ctx, e, lang).text,
      ),
    ),
    localizedName: t.field({
      type: LocalizedTextRef,
      ...localized('The name with the language it is in and where it comes from.', (e: EntityName, lang, ctx) =>
        localizeEntityName(ctx, e, lang),
      ),
    }),
    originalName: t.string({
      description: 'Canonical English name, such as "Kim Jong Un", whatever the request’s language.',
      resolve: (e) => e.name,
    }),
    aliases: t.stringList(
      localized(
        'Other names it goes by in the served language, such as "조선민주주의인민공화국" for North Korea; the English ones ("DPRK") when that language has none. Visit abbreviations the locale files keep to place mentions (방중, 访华, 訪中 for China) are not names and are not listed.',
        (e: { key: string; name: string; aliases: string[] }, lang, ctx) => servedAliases(ctx, e, lang),
      ),
    ),
    originalAliases: t.stringList({
      description: 'Other English names and spellings, such as "DPRK" for North Korea.',
      resolve: (e) => e.aliases,
    }),
    confirmed: t.exposeBoolean('confirmed', {
      description:
        'True for known entities (and for dates and quantities, whose values are exact); false when the extractor proposed a new name that awaits review.',
    }),
    rejected: t.exposeBoolean('rejected', {
      description: 'True when a reviewer rejected this proposal: it has no mentions and the name is never proposed or matched again.',
    }),
    reviewedAt: t.expose('reviewedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When a reviewer last changed the entity, if ever.',
    }),
    reviewedBy: t.exposeString('reviewedBy', { nullable: true, description: 'Who last reviewed it ("admin" through the API, "cli").' }),
    dateValue: t.string({
      nullable: true,
      description: 'For a DATE, its ISO 8601 value: "2025-09-10", or "--09-10" when the text gives no year and none could be inferred.',
      resolve: (e) => e.dateValue,
    }),
    amount: t.float({
      nullable: true,
      description: 'For a QUANTITY, the number, such as 150 for "three groups of 50 workers".',
      resolve: (e) => e.amount,
    }),
    unit: t.string({
      nullable: true,
      description: 'For a QUANTITY, what is counted, such as "workers" or "days".',
      resolve: (e) => e.unit,
    }),
    mentions: t.field({
      type: [Mention],
      description: localizedDescription(
        'Where the entity is mentioned, across all articles (at most `limit`, default 100, most recent articles first), placed in each paragraph as served.',
      ),
      args: {
        limit: t.arg.int({ required: false, description: 'How many mentions to return, 1 to 500.' }),
        lang: t.arg.string(LANG_ARG),
      },
      select: (args, _ctx, nestedSelection) => ({
        mentions: withParagraph(
          withEntity(
            nestedSelection({
              take: listLimit(args.limit),
              orderBy: [{ paragraph: { articleId: 'desc' } }, { paragraph: { position: 'asc' } }, { start: 'asc' }],
            }),
          ),
        ),
      }),
      // withEntity() and withParagraph() above loaded each mention's entity and paragraph.
      resolve: (entity, args, ctx, info) =>
        mentionsAcrossParagraphs(
          ctx,
          entity.mentions as Array<(typeof entity.mentions)[number] & MentionContext>,
          languageFor(ctx, info, args.lang),
        ),
    }),
    mentionCount: t.relationCount('mentions', { description: 'How many times the entity is mentioned, across all articles.' }),
    articles: t.field({
      type: [Article],
      description: 'The articles that mention the entity, most recent ingest first (at most `limit`, default 100).',
      args: { limit: t.arg.int({ required: false, description: 'How many articles to return, 1 to 500.' }) },
      select: (args, _ctx, nestedSelection) => ({
        articles: {
          take: listLimit(args.limit),
          orderBy: { articleId: 'desc' },
          select: { article: nestedSelection(true) },
        },
      }),
      resolve: (entity) => entity.articles.map((a) => a.article),
    }),
  }),
});

builder.queryFields((t) => ({
  entity: t.prismaField({
    type: 'Entity',
    nullable: true,
    description: 'The entity with this key, or null when there is none.',
    args: {
      key: t.arg.string({ required: true, description: 'The entity’s key, such as "dandong".' }),
      lang: t.arg.string({ ...LANG_ARG, description: `Language for the entity and everything under it. ${LANG_ARG.description}` }),
    },
    resolve: (query, _root, args, ctx, info) => {
      setRootLanguage(ctx, info, args.lang);
      return findEntity(ctx, query, args.key);
    },
  }),
  entities: t.prismaConnection(
    {
      type: 'Entity',
      cursor: 'id',
      totalCount: (_parent, args) => countEntities(args),
      description: 'Entities in alphabetical order of English name, optionally of one kind, or only confirmed or only proposed ones.',
      args: {
        kind: t.arg({ type: EntityKindEnum, required: false, description: 'Only entities of this kind.' }),
        confirmed: t.arg.boolean({ required: false, description: 'Only confirmed (true) or only proposed (false) entities.' }),
        mentioned: t.arg.boolean({
          required: false,
          description: 'When true (the default), only entities that some article mentions; when false, also the rest of the gazetteer.',
        }),
        lang: t.arg.string({ ...LANG_ARG, description: `Language for every entity in the page. ${LANG_ARG.description}` }),
      },
      resolve: (query, _root, args, ctx, info) => {
        setRootLanguage(ctx, info, args.lang);
        return findEntities(query, args);
      },
    },
    { description: 'A page of entities.', ...totalCountField },
    { description: 'An entity in a page of entities.' },
  ),
}));

/**
 * Makes sure a nested mention selection also loads its paragraph’s text and article slug (to place
 * it in a translation), keeping whatever the client selected under `paragraph`.
 */
const withParagraph = <T extends object>(query: T): T =>
  requiring(query, { paragraph: { ...PARAGRAPH_COLUMNS, article: { slug: true, language: true } } });

// Declared here rather than in paragraph.ts: Mention and Entity refer to each other. Read from the
// mention's row when it came with them (see withEntity), else loaded by id for the whole request at once.
builder.prismaObjectFields(Mention, (t) => ({
  entity: t.field({
    type: Entity,
    description: 'The entity mentioned.',
    resolve: (m, _args, ctx) => (m as { entity?: LoadedEntity }).entity ?? entityById(ctx, m.entityId),
  }),
  referent: t.field({
    type: Entity,
    nullable: true,
    description:
      'When the name stands for something else, what it means: "Pyongyang" in "Pyongyang-Beijing relations" refers to North Korea’s government. Null otherwise.',
    resolve: (m, _args, ctx) =>
      m.referentId === null ? null : ((m as { referent?: LoadedEntity }).referent ?? entityById(ctx, m.referentId)),
  }),
}));

// Declared here rather than in article.ts: Article and Entity refer to each other.
builder.prismaObjectField(Article, 'entities', (t) =>
  t.field({
    type: [Entity],
    description: 'The entities the article mentions, in order of first mention.',
    args: { kind: t.arg({ type: EntityKindEnum, required: false, description: 'Only entities of this kind.' }) },
    select: (args, _ctx, nestedSelection) => ({
      entities: {
        where: args.kind ? { entity: { kind: args.kind } } : undefined,
        orderBy: [{ firstPosition: 'asc' }, { entityId: 'asc' }],
        select: { entity: nestedSelection(true) },
      },
    }),
    resolve: (article) => article.entities.map((e) => e.entity),
  }),
);
