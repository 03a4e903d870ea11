// Localized strings: titles, paragraphs, entity names and aliases, in the language a field resolves to.
// Everything here reads the in-memory catalog: no database round trips.
import type { Context } from '../context.js';
import { isVisitAbbreviation } from '../i18n/align-mentions.js';
import type { LocalizedText } from '../i18n/catalog.js';
import { formatDate } from '../i18n/format.js';
import { articleNamespace, entityAliasesKey, entityNameKey, originalLanguage, paragraphKey } from '../i18n/keys.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';
import { QUANTITY_QUALIFIERS } from '../ingest/extract/words.js';
import { sha256 as hashOf } from '../lib/files.js';

const hashes = new Map<string, string>();
/** SHA-256 of a source string, remembered: titles and names are hashed on every request. */
function sha256(text: string): string {
  let h = hashes.get(text);
  if (!h) {
    h = hashOf(text);
    if (hashes.size > 50_000) hashes.clear();
    hashes.set(text, h);
  }
  return h;
}

function record(ctx: Context, text: LocalizedText): LocalizedText {
  ctx.served.add(text.language);
  return text;
}

/** The original, asked for in its own language: what Catalog.localize answers then, without building keys or hashing. */
function asWritten(ctx: Context, text: string, language: Language): LocalizedText {
  ctx.served.add(language);
  return { text, language, provenance: 'ORIGINAL', requested: language, stale: false };
}

export function localizeTitle(ctx: Context, article: { slug: string; title: string; language: string }, language: Language): LocalizedText {
  const original = originalLanguage(article.language);
  if (language === original) return asWritten(ctx, article.title, language);
  return record(
    ctx,
    ctx.catalog.localize(language, articleNamespace(article.slug), 'title', {
      text: article.title,
      language: original,
      hash: sha256(article.title),
    }),
  );
}

/**
 * What localizing a paragraph needs of its own columns (and of its article: the slug and language).
 * Without textHash, the text is hashed (textHash is the SHA-256 of the text).
 */
export interface ParagraphToLocalize {
  key: string;
  text: string;
  textHash?: string;
}

export function localizeParagraph(
  ctx: Context,
  paragraph: ParagraphToLocalize,
  article: { slug: string; language: string },
  language: Language,
): LocalizedText {
  const original = originalLanguage(article.language);
  if (language === original) return asWritten(ctx, paragraph.text, language);
  return record(
    ctx,
    ctx.catalog.localize(language, articleNamespace(article.slug), paragraphKey(paragraph.key), {
      text: paragraph.text,
      language: original,
      hash: paragraph.textHash ?? sha256(paragraph.text),
    }),
  );
}

const dates = new Map<string, string | null>();
/** A date value as a name in a language, remembered (formatting is costly, and the dates are few). */
function dateName(value: string, language: Language): string | null {
  const key = `${language}\u0000${value}`;
  let name = dates.get(key);
  if (name === undefined) {
    name = formatDate(value, language);
    if (dates.size > 10_000) dates.clear();
    dates.set(key, name);
  }
  return name;
}

export interface EntityLike {
  key: string;
  kind: string;
  name: string;
  aliases: string[];
  dateValue: string | null;
  amount: number | null;
  unit: string | null;
}

const numberFormats = new Map<Language, Intl.NumberFormat>();
/** A language's number format (as i18next's `number` formats counts), made once. */
function numberFormat(language: Language): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    numberFormats.set(language, format);
  }
  return format;
}

type QuantityLike = { name: string; amount: number; unit: string };

/** The qualifier an English quantity's name starts with ("about", "at least"), as its label key, or null. */
function qualifierOf(name: string): string | null {
  const lower = name.toLowerCase();
  const qualifier = QUANTITY_QUALIFIERS.find((q) => lower.startsWith(`${q} `));
  return qualifier ? qualifier.replace(/ /g, '-') : null;
}

/**
 * A quantity in a language's own words ("관광객 300명"), with its qualifier ("관광객 약 300명",
 * "300名游客" → "约300名游客"): the qualifier's label applies to the number with its counter word
 * (the word the number is written in). Empty when the language lacks the unit's or the
 * qualifier's label, so that "about 300" is never served as exactly 300.
 */
function quantityName(ctx: Context, entity: QuantityLike, language: Language): string {
  const text = ctx.catalog.counted(language, `units.${entity.unit}`, entity.amount);
  const qualifier = qualifierOf(entity.name);
  if (!text || !qualifier) return text;
  const template = ctx.catalog.raw(language, 'common', `qualifiers.${qualifier}`);
  if (typeof template !== 'string') return '';
  const number = numberFormat(language).format(entity.amount);
  const at = text.indexOf(number);
  if (at < 0 || !template.includes('{{n}}')) return '';
  const space = text.slice(at).search(/\s/);
  const end = space < 0 ? text.length : at + space;
  return `${text.slice(0, at)}${template.replace('{{n}}', text.slice(at, end))}${text.slice(end)}`;
}

export function localizeEntityName(ctx: Context, entity: Omit<EntityLike, 'aliases'>, language: Language): LocalizedText {
  if (language !== DEFAULT_LANGUAGE) {
    if (entity.kind === 'DATE' && entity.dateValue && !ctx.catalog.has(language, 'entities', entityNameKey(entity.key))) {
      const text = dateName(entity.dateValue, language);
      if (text) return record(ctx, { text, language, provenance: 'FORMATTED', requested: language, stale: false });
    }
    if (
      entity.kind === 'QUANTITY' &&
      entity.amount !== null &&
      entity.unit &&
      !ctx.catalog.has(language, 'entities', entityNameKey(entity.key))
    ) {
      const text = quantityName(ctx, entity as QuantityLike, language);
      if (text) return record(ctx, { text, language, provenance: 'FORMATTED', requested: language, stale: false });
    }
  }
  if (language === DEFAULT_LANGUAGE) return asWritten(ctx, entity.name, language);
  return record(
    ctx,
    ctx.catalog.localize(language, 'entities', entityNameKey(entity.key), {
      text: entity.name,
      language: DEFAULT_LANGUAGE,
      hash: sha256(entity.name),
    }),
  );
}

/**
 * The entity's other names as the API serves them: its aliases without the visit abbreviations
 * (방중, 访华, 訪中), which the locale files keep to place mentions of a visit, but which are no
 * name of the entity.
 */
export function servedAliases(ctx: Context, entity: Pick<EntityLike, 'key' | 'aliases' | 'name'>, language: Language): string[] {
  const aliases = localizeAliases(ctx, entity, language);
  if (language === DEFAULT_LANGUAGE) return aliases;
  const name = ctx.catalog.raw(language, 'entities', entityNameKey(entity.key));
  return aliases.filter((alias) => !isVisitAbbreviation(alias, typeof name === 'string' ? name : entity.name, language));
}

/** The entity's other names in a language: translated ones when there are any, else the English ones. */
export function localizeAliases(ctx: Context, entity: Pick<EntityLike, 'key' | 'aliases'>, language: Language): string[] {
  if (language === DEFAULT_LANGUAGE) return entity.aliases;
  const own = ctx.catalog.raw(language, 'entities', entityAliasesKey(entity.key));
  // zh-Hant has zh-Hans's aliases converted, unless a translator wrote its own.
  return Array.isArray(own) ? own : entity.aliases;
}
