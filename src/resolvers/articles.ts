// What the article fields and root queries do: lookups, filters, coverage, formatted dates.
import { type Context, echo, localizedError } from '../context.js';
import { prisma } from '../db/current.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Catalog } from '../i18n/catalog.js';
import { articleNamespace, originalLanguage, paragraphKey } from '../i18n/keys.js';
import { LANGUAGE_INFO, LANGUAGES, type Language } from '../i18n/languages.js';
import { optionalText, textArgument } from './arguments.js';

/** Lists are bounded: a list argument defaults to 100 and is clamped to 1…500. */
const LIST_LIMIT_DEFAULT = 100;
const LIST_LIMIT_MAX = 500;
export const listLimit = (limit: number | null | undefined) => Math.min(Math.max(limit ?? LIST_LIMIT_DEFAULT, 1), LIST_LIMIT_MAX);

export interface ArticleFilter {
  entity?: string | null;
  source?: string | null;
}

function articleWhere(ctx: Context, args: ArticleFilter): Prisma.ArticleWhereInput {
  optionalText(ctx, 'entity', args.entity);
  optionalText(ctx, 'source', args.source);
  return {
    ...(args.entity ? { entities: { some: { entity: { key: args.entity } } } } : {}),
    ...(args.source ? { source: args.source } : {}),
  };
}

/** One article by slug, with what the client selected (the Pothos-planned `query`). */
export const findArticle = <Q extends object>(ctx: Context, query: Q, slug: string) =>
  prisma().article.findUnique({ ...query, where: { slug: textArgument(ctx, 'slug', slug) } });

/** One article by id (after a write), with what the client selected. */
export const findArticleById = <Q extends object>(query: Q, id: number) => prisma().article.findUniqueOrThrow({ ...query, where: { id } });

/** A page of articles, newest ingest first. */
export const findArticles = <Q extends object>(ctx: Context, query: Q, args: ArticleFilter) =>
  prisma().article.findMany({ ...query, where: articleWhere(ctx, args), orderBy: { id: 'desc' } });

export const countArticles = (ctx: Context, args: ArticleFilter) => prisma().article.count({ where: articleWhere(ctx, args) });

/** How much of an article one language has: its title and every paragraph. */
export interface ArticleCoverage {
  language: Language;
  total: number;
  translated: number;
}

type CoverageSource = { slug: string; language: string; paragraphs: Array<{ key: string }> };

export function articleCoverage(catalog: Catalog, article: CoverageSource, language: Language): ArticleCoverage {
  const keys = ['title', ...article.paragraphs.map((p) => paragraphKey(p.key))];
  if (language === originalLanguage(article.language)) return { language, total: keys.length, translated: keys.length };
  const ns = articleNamespace(article.slug);
  return { language, total: keys.length, translated: keys.filter((k) => catalog.has(language, ns, k)).length };
}

/** Every supported language's coverage of an article. */
export const articleTranslations = (ctx: Context, article: CoverageSource) =>
  LANGUAGES.map((language) => articleCoverage(ctx.catalog, article, language));

/** The languages an article can be served in without falling back. */
export const availableLanguages = (ctx: Context, article: CoverageSource) =>
  articleTranslations(ctx, article)
    .filter((c) => c.translated === c.total)
    .map((c) => c.language);

export interface LocalizedDateTime {
  value: Date;
  language: Language;
  timeZone: string;
  text: string;
}

/** The publication time formatted for a language, in its own time zone unless one is given. */
export function publishedIn(
  ctx: Context,
  publishedAt: Date | null,
  language: Language,
  zone: string | null | undefined,
): LocalizedDateTime | null {
  if (!publishedAt) return null;
  const timeZone = zone ?? LANGUAGE_INFO[language].timeZone;
  let text: string;
  try {
    text = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(publishedAt);
  } catch {
    throw localizedError(ctx, 'INVALID_TIME_ZONE', { zone: echo(String(timeZone)) });
  }
  ctx.served.add(language);
  return { value: publishedAt, language, timeZone, text };
}
