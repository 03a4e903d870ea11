import { prisma } from '../db/current.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { EntityKind } from '../generated/prisma/enums.js';
import { Article, listLimit } from './article.js';
import { builder, totalCountField } from './builder.js';
import { EntityKindEnum } from './enums.js';

export const Entity = builder.prismaNode('Entity', {
  id: { field: 'id', description: 'Global ID of the entity, for `node(id:)`.' },
  description: 'A named entity (person, place, organization, date or quantity) found in the articles.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key, such as "kim-jong-un"; locale files use it.' }),
    kind: t.expose('kind', { type: EntityKindEnum, description: 'What kind of thing this is.' }),
    name: t.exposeString('name', { description: 'Canonical English name, such as "Kim Jong Un".' }),
    aliases: t.exposeStringList('aliases', {
      description: 'Other English names and spellings it goes by, such as "DPRK" for North Korea.',
    }),
    confirmed: t.exposeBoolean('confirmed', {
      description:
        'True for known entities (and for dates and quantities, whose values are exact); false when the extractor proposed a new name that awaits review.',
    }),
    dateValue: t.exposeString('dateValue', {
      nullable: true,
      description: 'For a DATE, its ISO 8601 value: "2025-09-10", or "--09-10" when the text gives no year and none could be inferred.',
    }),
    amount: t.exposeFloat('amount', {
      nullable: true,
      description: 'For a QUANTITY, the number, such as 150 for "three groups of 50 workers".',
    }),
    unit: t.exposeString('unit', { nullable: true, description: 'For a QUANTITY, what is counted, such as "workers" or "days".' }),
    mentions: t.relation('mentions', {
      description: 'Where the entity is mentioned, across all articles (at most `limit`, default 100, most recent articles first).',
      args: { limit: t.arg.int({ required: false, description: 'How many mentions to return, 1 to 500.' }) },
      query: (args) => ({
        take: listLimit(args.limit),
        orderBy: [{ paragraph: { articleId: 'desc' } }, { paragraph: { position: 'asc' } }, { start: 'asc' }],
      }),
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
    args: { key: t.arg.string({ required: true, description: 'The entity’s key, such as "dandong".' }) },
    resolve: (query, _root, args) => prisma().entity.findUnique({ ...query, where: { key: args.key } }),
  }),
  entities: t.prismaConnection(
    {
      type: 'Entity',
      cursor: 'id',
      totalCount: (_parent, args) => prisma().entity.count({ where: entityFilter(args) }),
      description: 'Entities in alphabetical order of name, optionally of one kind, or only confirmed or only proposed ones.',
      args: {
        kind: t.arg({ type: EntityKindEnum, required: false, description: 'Only entities of this kind.' }),
        confirmed: t.arg.boolean({ required: false, description: 'Only confirmed (true) or only proposed (false) entities.' }),
        mentioned: t.arg.boolean({
          required: false,
          description: 'When true (the default), only entities that some article mentions; when false, also the rest of the gazetteer.',
        }),
      },
      resolve: (query, _root, args) =>
        prisma().entity.findMany({
          ...query,
          where: entityFilter(args),
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        }),
    },
    { description: 'A page of entities.', ...totalCountField },
    { description: 'An entity in a page of entities.' },
  ),
}));

function entityFilter(args: { kind?: EntityKind | null; confirmed?: boolean | null; mentioned?: boolean | null }): Prisma.EntityWhereInput {
  return {
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.confirmed === null || args.confirmed === undefined ? {} : { confirmed: args.confirmed }),
    ...(args.mentioned === false ? {} : { articles: { some: {} } }),
  };
}

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
