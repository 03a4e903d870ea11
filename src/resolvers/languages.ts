// What the language fields do: names, coverage, translators' status.
import { type Context, once, parseLanguageArgument } from '../context.js';
import { prisma } from '../db/current.js';
import type { Catalog } from '../i18n/catalog.js';
import { ratio } from '../i18n/format.js';
import { entityNameKey } from '../i18n/keys.js';
import { DEFAULT_LANGUAGE, LANGUAGE_INFO, type Language } from '../i18n/languages.js';
import { type LanguageStatus, translationStatus } from '../i18n/status.js';
import { translationUnits, type Unit } from '../i18n/units.js';
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

/** Units and reports kept per catalog version (an object, so a reload drops them), for one data version. */
interface Kept {
  dataVersion: number | null;
  units: Promise<Unit[]> | null;
  reports: Map<Language, Promise<LanguageStatus>>;
}
const kept = new WeakMap<Catalog, Kept>();

/** The strings to translate: kept with the data version when it is known, else loaded once per request. */
function unitsOf(ctx: Context, entry: Kept): Promise<Unit[]> {
  if (entry.units) return entry.units;
  const units = once(ctx, 'translation-units', () => translationUnits(prisma(), ctx.catalog));
  if (ctx.dataVersion !== null) {
    entry.units = units;
    units.catch(() => {
      if (entry.units === units) entry.units = null;
    });
  }
  return units;
}

/**
 * What a language has, lacks and has out of date, as of the catalog version the request reads.
 * Its cost grows with the corpus, so it is computed once per catalog version, data version and
 * language, and shared by every request and alias that asks meanwhile. When the data version is
 * not known (response cache off), only requests running at the same time share one computation.
 */
export async function translationStatusOf(ctx: Context, tag: string) {
  const language = parseLanguageArgument(ctx, tag);
  const catalog = ctx.catalog;
  let entry = kept.get(catalog);
  if (!entry || entry.dataVersion !== ctx.dataVersion) {
    entry = { dataVersion: ctx.dataVersion, units: null, reports: new Map() };
    kept.set(catalog, entry);
  }
  const reports = entry.reports;
  let report = reports.get(language);
  if (!report) {
    report = unitsOf(ctx, entry).then((units) => translationStatus(catalog, units, language));
    reports.set(language, report);
    const forget = () => {
      // A failure is never kept; without a data version, nothing is kept once it is answered.
      if (reports.get(language) === report) reports.delete(language);
    };
    report.then(() => {
      if (ctx.dataVersion === null) forget();
    }, forget);
  }
  return report;
}
