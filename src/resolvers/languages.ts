// What the language fields do: names, coverage, translators' status.
import { type Context, once, parseLanguageArgument } from '../context.js';
import { prisma } from '../db/current.js';
import { ratio } from '../i18n/format.js';
import { entityNameKey } from '../i18n/keys.js';
import { DEFAULT_LANGUAGE, LANGUAGE_INFO, type Language } from '../i18n/languages.js';
import { translationStatus } from '../i18n/status.js';
import { translationUnits } from '../i18n/units.js';
import { articleCoverage } from './articles.js';

/** A language's name in another language ("Korean", "한국어", "韩语"). */
export const languageName = (ctx: Context, code: Language, inLanguage: Language) =>
  ctx.catalog.t(inLanguage)(`common:languageName.${code}`, { defaultValue: LANGUAGE_INFO[code].englishName }) as string;

/** Share of the translatable strings (titles, paragraphs, mentioned entities' names) a language has. */
export async function languageCoverage(ctx: Context, code: Language): Promise<number> {
  if (code === DEFAULT_LANGUAGE) return 1;
  // Loaded once per request, however many languages ask.
  const [articles, entities] = await once(ctx, 'coverage', () =>
    Promise.all([
      prisma().article.findMany({ select: { slug: true, language: true, paragraphs: { select: { key: true } } } }),
      prisma().entity.findMany({ where: { articles: { some: {} }, kind: { notIn: ['DATE', 'QUANTITY'] } }, select: { key: true } }),
    ]),
  );
  let total = entities.length;
  let done = entities.filter((e) => ctx.catalog.has(code, 'entities', entityNameKey(e.key))).length;
  for (const a of articles) {
    const c = articleCoverage(ctx.catalog, a, code);
    total += c.total;
    done += c.translated;
  }
  return ratio(done, total);
}

/** What a language has, lacks and has out of date, as of the catalog version the request reads. */
export async function translationStatusOf(ctx: Context, tag: string) {
  const language = parseLanguageArgument(ctx, tag);
  // Computed once per request and language, however many aliases ask (its cost grows with the
  // corpus): the units once, each language's report once.
  const units = await once(ctx, 'translation-units', () => translationUnits(prisma(), ctx.catalog));
  return once(ctx, `translation-status:${language}`, async () => translationStatus(ctx.catalog, units, language));
}
