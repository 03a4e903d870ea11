import { prisma } from '../db/current.js';
import type { Prisma } from '../generated/prisma/client.js';
import { builder, totalCountField } from './builder.js';

const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;

/** Clamps an optional list size argument to 1…LIST_LIMIT_MAX. */
export const listLimit = (limit: number | null | undefined) => Math.min(Math.max(limit ?? LIST_LIMIT_DEFAULT, 1), LIST_LIMIT_MAX);

export const Article = builder.prismaNode('Article', {
  id: { field: 'id', description: 'Global ID of the article, for `node(id:)`.' },
  description: 'A news article with its paragraphs and the named entities it mentions.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, URL-safe identifier, used by `article(slug:)`.' }),
    title: t.exposeString('title', { description: 'Headline of the article, in its original language.' }),
    titleDerived: t.exposeBoolean('titleDerived', {
      description: 'True when no title was given at ingest and the headline was derived from the first paragraph.',
    }),
    source: t.exposeString('source', { description: 'Name of the publication the article comes from, such as "Daily NK".' }),
    url: t.exposeString('sourceUrl', { nullable: true, description: 'Address of the original article, when known.' }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the article was first published, when known.',
    }),
    language: t.exposeString('language', { description: 'BCP 47 tag of the language the article was written in, such as "en".' }),
    contentHash: t.exposeString('contentHash', {
      description: 'SHA-256 of the article as last ingested; changes whenever its text or metadata change.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the article was first ingested.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the article last changed on re-ingest.' }),
    paragraphs: t.relation('paragraphs', {
      description: 'The paragraphs and subheadings of the article, in reading order.',
      query: { orderBy: { position: 'asc' } },
    }),
    paragraphCount: t.relationCount('paragraphs', { description: 'How many paragraphs the article has.' }),
  }),
});

builder.queryFields((t) => ({
  article: t.prismaField({
    type: 'Article',
    nullable: true,
    description: 'The article with this slug, or null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The article’s slug, such as "nk-workers-china-seafood-plants".' }) },
    resolve: (query, _root, args) => prisma().article.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  articles: t.prismaConnection(
    {
      type: 'Article',
      cursor: 'id',
      totalCount: (_parent, args) => prisma().article.count({ where: articleFilter(args) }),
      description: 'All articles, newest ingest first, optionally only those that mention an entity or come from a source.',
      args: {
        entity: t.arg.string({ required: false, description: 'Only articles that mention the entity with this key, such as "dandong".' }),
        source: t.arg.string({ required: false, description: 'Only articles from this source, such as "Daily NK" (exact match).' }),
      },
      resolve: (query, _root, args) => prisma().article.findMany({ ...query, where: articleFilter(args), orderBy: { id: 'desc' } }),
    },
    {
      description: 'A page of articles.',
      ...totalCountField,
    },
    {
      description: 'An article in a page of articles.',
    },
  ),
}));

function articleFilter(args: { entity?: string | null; source?: string | null }): Prisma.ArticleWhereInput {
  return {
    ...(args.entity ? { entities: { some: { entity: { key: args.entity } } } } : {}),
    ...(args.source ? { source: args.source } : {}),
  };
}
