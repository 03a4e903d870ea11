import { languageFor, setRootLanguage } from '../context.js';
import { ratio } from '../i18n/format.js';
import {
  type ArticleCoverage,
  articleTranslations,
  availableLanguages,
  countArticles,
  findArticle,
  findArticles,
  ownParagraphs,
  type LocalizedDateTime as PublishedTime,
  publishedIn,
} from '../resolvers/articles.js';
import { ARTICLE_COLUMNS } from '../resolvers/columns.js';
import { localizeTitle } from '../resolvers/localize.js';
import { builder, totalCountField } from './builder.js';
import { LANG_ARG, LocalizedTextRef, localized, localizedDescription } from './localized.js';
import { Paragraph } from './paragraph.js';

const ArticleTranslation = builder.objectRef<ArticleCoverage>('ArticleTranslation').implement({
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
      resolve: (s) => ratio(s.translated, s.total),
    }),
    complete: t.boolean({ description: 'True when every string is there.', resolve: (s) => s.translated === s.total }),
  }),
});

const LocalizedDateTime = builder.objectRef<PublishedTime>('LocalizedDateTime').implement({
  description: 'An instant, as an ISO value and formatted for a language in an explicit time zone.',
  fields: (t) => ({
    iso: t.string({ description: 'ISO 8601 value in UTC.', resolve: (d) => d.value.toISOString() }),
    text: t.string({
      description:
        'Formatted for `language` in `timeZone`, such as "2025년 9월 16일 화요일 오전 9:30" or "2025年9月16日星期二 上午9:30"; a date published without a time is the date alone, such as "2026년 11월 20일 금요일" (and `timeZone` is UTC).',
      resolve: (d) => d.text,
    }),
    language: t.string({ description: 'BCP 47 tag of the language the text is formatted for.', resolve: (d) => d.language }),
    timeZone: t.string({ description: 'IANA time zone the text is given in.', resolve: (d) => d.timeZone }),
  }),
});

/** What the headline fields read. */
type TitleSource = { slug: string; title: string; language: string };
/** What the coverage fields read besides the article's own columns. */
const coverageSource = { paragraphs: { select: { key: true } } } as const;

export const Article = builder.prismaNode('Article', {
  // node(id:) and nodes(ids:) answer null for an ID that names nothing, rather than an error.
  nullable: true,
  id: { field: 'id', description: 'Global ID of the article, for `node(id:)`.' },
  description: 'A news article with its paragraphs and the named entities it mentions.',
  // Select mode (see src/resolvers/columns.ts): fields reading only those columns have no `select`
  // of their own, which would cost a lookup per row at run time.
  select: ARTICLE_COLUMNS,
  // The type's field list: one declaration per field (what each does lives in src/resolvers).
  fields: (t) => ({
    slug: t.string({ description: 'Stable, URL-safe identifier, used by `article(slug:)`.', resolve: (a) => a.slug }),
    title: t.string(
      localized(
        'Headline of the article in the served language (see `localizedTitle` for its provenance).',
        (a: TitleSource, lang, ctx) => localizeTitle(ctx, a, lang).text,
      ),
    ),
    localizedTitle: t.field({
      type: LocalizedTextRef,
      ...localized('The headline with the language it is in and where it comes from.', (a: TitleSource, lang, ctx) =>
        localizeTitle(ctx, a, lang),
      ),
    }),
    originalTitle: t.string({
      description: 'Headline in the article’s original language, whatever the request’s language.',
      resolve: (a) => a.title,
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
      description: localizedDescription(
        'The publication time formatted for the served language, in that language’s time zone unless `timeZone` is given; null when unknown.',
      ),
      args: {
        lang: t.arg.string(LANG_ARG),
        timeZone: t.arg.string({
          required: false,
          description: 'IANA time zone, such as "Asia/Seoul". Default: the language’s own (see `Language.defaultTimeZone`).',
        }),
      },
      select: { publishedAt: true },
      resolve: (article, args, ctx, info) => publishedIn(ctx, article.publishedAt, languageFor(ctx, info, args.lang), args.timeZone),
    }),
    language: t.string({ description: 'BCP 47 tag of the language the article was written in, such as "en".', resolve: (a) => a.language }),
    availableLanguages: t.stringList({
      description:
        'Languages in which the title and every paragraph can be served without falling back: the original, those translated, and zh-Hant when zh-Hans is complete (by conversion).',
      select: coverageSource,
      resolve: (article, _args, ctx) => availableLanguages(ctx, article),
    }),
    translations: t.field({
      type: [ArticleTranslation],
      description: 'For every supported language, how much of the article it has.',
      select: coverageSource,
      resolve: (article, _args, ctx) => articleTranslations(ctx, article),
    }),
    contentHash: t.exposeString('contentHash', {
      description: 'SHA-256 of the article as last ingested; changes whenever its text or metadata change.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the article was first ingested.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the article last changed on re-ingest.' }),
    updatedBy: t.exposeString('updatedBy', {
      nullable: true,
      description: 'Who last wrote the article: "seed" (the corpus at first start), "cli" (npm run ingest) or "admin" (the write API).',
    }),
    paragraphs: t.field({
      type: [Paragraph],
      description: 'The paragraphs and subheadings of the article, in reading order.',
      select: (_args, _ctx, nestedSelection) => ({ paragraphs: nestedSelection({ orderBy: { position: 'asc' } }) }),
      // The paragraphs' localized fields read the article's slug and language from here.
      resolve: (article) => ownParagraphs(article, article.paragraphs),
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
      return findArticle(ctx, query, args.slug);
    },
  }),
  articles: t.prismaConnection(
    {
      type: 'Article',
      cursor: 'id',
      totalCount: (_parent, args, ctx) => countArticles(ctx, args),
      description: 'All articles, newest ingest first, optionally only those that mention an entity or come from a source.',
      args: {
        entity: t.arg.string({ required: false, description: 'Only articles that mention the entity with this key, such as "dandong".' }),
        source: t.arg.string({ required: false, description: 'Only articles from this source, such as "Daily NK" (exact match).' }),
        lang: t.arg.string({ ...LANG_ARG, description: `Language for every article in the page. ${LANG_ARG.description}` }),
      },
      resolve: (query, _root, args, ctx, info) => {
        setRootLanguage(ctx, info, args.lang);
        return findArticles(ctx, query, args);
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
