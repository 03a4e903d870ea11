// What the article fields and root queries do: lookups, filters, coverage, formatted dates.
import { batched, type Context, echo, found, localizedError, once } from '../context.js';
import { prisma } from '../db/current.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Catalog } from '../i18n/catalog.js';
import { articleNamespace, originalLanguage, paragraphKey } from '../i18n/keys.js';
import { LANGUAGE_INFO, LANGUAGES, type Language } from '../i18n/languages.js';
import { optionalText, textArgument } from './arguments.js';
import { PARAGRAPH_COLUMNS } from './columns.js';

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

/** What localizing a paragraph needs of its article. */
export interface ArticleOfParagraph {
  slug: string;
  language: string;
}

/** The article a paragraph came with from its parent field (Article.paragraphs). */
const OWNER = Symbol('article of paragraph');
type ParagraphRow = { [OWNER]?: ArticleOfParagraph; article?: Partial<ArticleOfParagraph>; articleId?: number };

/**
 * An article's paragraphs, each marked with the article (in place: the rows are this request's own),
 * so that their localized fields read its slug and language instead of loading it per paragraph.
 */
export function ownParagraphs<P extends object>(article: ArticleOfParagraph, paragraphs: P[]): P[] {
  for (const p of paragraphs) (p as ParagraphRow)[OWNER] = article;
  return paragraphs;
}

/**
 * Runs `use` with a paragraph's article: the one it came with, else the one loaded with it, else
 * (a paragraph reached on its own, as by `node(id:)`) loaded by id, once per request; Prisma batches
 * the lookups of one tick into one statement.
 */
export function withArticleOf<T>(ctx: Context, paragraph: object, use: (article: ArticleOfParagraph) => T): T | Promise<T> {
  const p = paragraph as ParagraphRow;
  const owner = p[OWNER];
  if (owner) return use(owner);
  const loaded = p.article;
  if (loaded && typeof loaded.slug === 'string' && typeof loaded.language === 'string') return use(loaded as ArticleOfParagraph);
  const id = p.articleId;
  if (id === undefined) throw new Error('a paragraph was loaded without its article id');
  return once(ctx, `article-of-paragraph\u0000${id}`, () =>
    prisma().article.findUniqueOrThrow({ where: { id }, select: { slug: true, language: true } }),
  ).then(use);
}

async function loadParagraphs(ids: number[]) {
  const rows = await prisma().paragraph.findMany({ where: { id: { in: ids } }, select: PARAGRAPH_COLUMNS });
  return new Map(rows.map((row) => [row.id, row]));
}

/** A paragraph by id with the Paragraph type's columns; those a request asks for in one tick come in one statement. */
export const paragraphById = (ctx: Context, id: number) =>
  batched(ctx, 'paragraph-by-id', id, loadParagraphs).then((p) => found('paragraph', id, p));

/** A paragraph as every query loads it. */
export type LoadedParagraph = Awaited<ReturnType<typeof paragraphById>>;

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
  let timeZone = zone ?? LANGUAGE_INFO[language].timeZone;
  let text: string;
  try {
    // Validates the zone even when it is not used below.
    new Intl.DateTimeFormat(language, { timeZone });
    if (isDateOnly(publishedAt)) {
      // A date without a time (front matter `date: 2026-11-20`) is that calendar day, shown as a
      // date alone: no time nobody wrote, and no shift to the previous or next day.
      timeZone = 'UTC';
      text = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone }).format(publishedAt);
    } else {
      text = `${new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone }).format(publishedAt)} ${timeOfDay(publishedAt, language, timeZone)}`;
    }
  } catch {
    throw localizedError(ctx, 'INVALID_TIME_ZONE', { zone: echo(String(timeZone)) });
  }
  ctx.served.add(language);
  return { value: publishedAt, language, timeZone, text };
}

/** Midnight UTC to the millisecond: how a date given without a time is stored. */
const isDateOnly = (date: Date) => date.getTime() % 86_400_000 === 0;

/** Korean writes the period of the day as 오전/오후 (this ICU says AM/PM). */
const DAY_PERIODS: Partial<Record<Language, Record<string, string>>> = { ko: { AM: '오전', PM: '오후' } };

/** The time of day in a language's own form: 오전 9:30, 上午9:30, 9:30 AM. */
function timeOfDay(date: Date, language: Language, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', hour12: true, timeZone }).formatToParts(date);
  const periods = DAY_PERIODS[language];
  return parts.map((p) => (p.type === 'dayPeriod' && periods ? (periods[p.value] ?? p.value) : p.value)).join('');
}
