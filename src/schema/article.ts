import { echo, languageFor, localizedError, setRootLanguage } from '../context.js';
import { prisma } from '../db/current.js';
import type { Prisma } from '../generated/prisma/client.js';
import { LANGUAGE_INFO, LANGUAGES } from '../i18n/languages.js';
import { articleCoverage, localizeTitle } from '../resolvers/localize.js';
import { builder, totalCountField } from './builder.js';
import { LANG_ARG, LANGUAGE_RULE, LocalizedTextRef } from './language.js';

const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;

/** Clamps an optional list size argument to 1…LIST_LIMIT_MAX. */
export const listLimit = (limit: number | null | undefined) => Math.min(Math.max(limit ?? LIST_LIMIT_DEFAULT, 1), LIST_LIMIT_MAX);

interface TranslationShape {
  language: (typeof LANGUAGES)[number];
  total: number;
  translated: number;
}

const ArticleTranslation = builder.objectRef<TranslationShape>('ArticleTranslation').implement({
  description: 'How much of an article one language has: its title and paragraphs.',
  fields: (t) => ({
    language: t.string({ description: 'BCP 47 tag of the language.', resolve: (s) => s.language }),
    total: t.int({ description: 'Strings to translate: the title and every paragraph.', resolve: (s) => s.total }),
    translated: t.int({
      description: 'How many of them the language has (translated, converted, or original).',
      resolve: (s) => s.translated,
    }),
    coverage: t.float({
      description: 'translated / total, from 0 to 1.',
      resolve: (s) => (s.total ? Math.round((s.translated / s.total) * 10000) / 10000 : 1),
    }),
    complete: t.boolean({ description: 'True when every string is there.', resolve: (s) => s.translated === s.total }),
  }),
});

interface DateTimeShape {
  value: Date;
  language: (typeof LANGUAGES)[number];
  timeZone: string;
  text: string;
}

const LocalizedDateTime = builder.objectRef<DateTimeShape>('LocalizedDateTime').implement({
  description: 'An instant, as an ISO value and formatted for a language in an explicit time zone.',
  fields: (t) => ({
    iso: t.string({ description: 'ISO 8601 value in UTC.', resolve: (d) => d.value.toISOString() }),
    text: t.string({
      description: 'Formatted for `language` in `timeZone`, such as "2025년 9월 16일 화요일 오전 9시 0분 0초 GMT+9".',
      resolve: (d) => d.text,
    }),
    language: t.string({ description: 'BCP 47 tag of the language the text is formatted for.', resolve: (d) => d.language }),
    timeZone: t.string({ description: 'IANA time zone the text is given in.', resolve: (d) => d.timeZone }),
  }),
});

export const Article = builder.prismaNode('Article', {
  id: { field: 'id', description: 'Global ID of the article, for `node(id:)`.' },
  description: 'A news article with its paragraphs and the named entities it mentions.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, URL-safe identifier, used by `article(slug:)`.' }),
    title: t.string({
      description: `Headline of the article in the served language (see \`localizedTitle\` for its provenance). ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      resolve: (article, args, ctx, info) => localizeTitle(ctx, article, languageFor(ctx, info, args.lang)).text,
    }),
    localizedTitle: t.field({
      type: LocalizedTextRef,
      description: `The headline with the language it is in and where it comes from. ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      resolve: (article, args, ctx, info) => localizeTitle(ctx, article, languageFor(ctx, info, args.lang)),
    }),
    originalTitle: t.exposeString('title', {
      description: 'Headline in the article’s original language, whatever the request’s language.',
    }),
    titleDerived: t.exposeBoolean('titleDerived', {
      description: 'True when no title was given at ingest and the headline was derived from the first paragraph.',
    }),
    source: t.exposeString('source', { description: 'Name of the publication the article comes from, such as "Daily NK".' }),
    url: t.exposeString('sourceUrl', { nullable: true, description: 'Address of the original article, when known.' }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the article was first published, when known (ISO 8601, UTC).',
    }),
    published: t.field({
      type: LocalizedDateTime,
      nullable: true,
      description: `The publication time formatted for the served language, in that language’s time zone unless \`timeZone\` is given; null when unknown. ${LANGUAGE_RULE}`,
      args: {
        lang: t.arg.string(LANG_ARG),
        timeZone: t.arg.string({
          required: false,
          description: 'IANA time zone, such as "Asia/Seoul". Default: the language’s own (see `Language.defaultTimeZone`).',
        }),
      },
      resolve: (article, args, ctx, info) => {
        const language = languageFor(ctx, info, args.lang);
        if (!article.publishedAt) return null;
        const timeZone = args.timeZone ?? LANGUAGE_INFO[language].timeZone;
        let text: string;
        try {
          text = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(article.publishedAt);
        } catch {
          throw localizedError(ctx, 'INVALID_TIME_ZONE', { zone: echo(String(timeZone)) });
        }
        ctx.served.add(language);
        return { value: article.publishedAt, language, timeZone, text };
      },
    }),
    language: t.exposeString('language', { description: 'BCP 47 tag of the language the article was written in, such as "en".' }),
    availableLanguages: t.stringList({
      description:
        'Languages in which the title and every paragraph can be served without falling back: the original, those translated, and zh-Hant when zh-Hans is complete (by conversion).',
      select: { paragraphs: { select: { position: true } } },
      resolve: (article, _args, ctx) =>
        LANGUAGES.filter((language) => {
          const c = articleCoverage(
            ctx.catalog,
            article.slug,
            article.paragraphs.map((p) => p.position),
            language,
            article.language,
          );
          return c.translated === c.total;
        }),
    }),
    translations: t.field({
      type: [ArticleTranslation],
      description: 'For every supported language, how much of the article it has.',
      select: { paragraphs: { select: { position: true } } },
      resolve: (article, _args, ctx) =>
        LANGUAGES.map((language) =>
          articleCoverage(
            ctx.catalog,
            article.slug,
            article.paragraphs.map((p) => p.position),
            language,
            article.language,
          ),
        ),
    }),
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
    args: {
      slug: t.arg.string({ required: true, description: 'The article’s slug, such as "nk-workers-china-seafood-plants".' }),
      lang: t.arg.string({ ...LANG_ARG, description: `Language for the whole article. ${LANG_ARG.description}` }),
    },
    resolve: (query, _root, args, ctx, info) => {
      setRootLanguage(ctx, info, args.lang);
      return prisma().article.findUnique({ ...query, where: { slug: args.slug } });
    },
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
        lang: t.arg.string({ ...LANG_ARG, description: `Language for every article in the page. ${LANG_ARG.description}` }),
      },
      resolve: (query, _root, args, ctx, info) => {
        setRootLanguage(ctx, info, args.lang);
        return prisma().article.findMany({ ...query, where: articleFilter(args), orderBy: { id: 'desc' } });
      },
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
