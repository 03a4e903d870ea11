// Localized strings: titles, paragraphs, entity names and aliases, in the language a field resolves to.
// Everything here reads the in-memory catalog: no database round trips.
import type { Context } from '../context.js';
import type { LocalizedText } from '../i18n/catalog.js';
import { formatDate } from '../i18n/format.js';
import { articleNamespace, entityAliasesKey, entityNameKey, originalLanguage, paragraphKey } from '../i18n/keys.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';
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

export function localizeTitle(ctx: Context, article: { slug: string; title: string; language: string }, language: Language): LocalizedText {
  return record(
    ctx,
    ctx.catalog.localize(language, articleNamespace(article.slug), 'title', {
      text: article.title,
      language: originalLanguage(article.language),
      hash: sha256(article.title),
    }),
  );
}

/** What localizing a paragraph needs: its own columns and its article's slug and language. */
export interface ParagraphToLocalize {
  key: string;
  text: string;
  textHash?: string;
  article: { slug: string; language: string };
}

export function localizeParagraph(ctx: Context, paragraph: ParagraphToLocalize, language: Language): LocalizedText {
  return record(
    ctx,
    ctx.catalog.localize(language, articleNamespace(paragraph.article.slug), paragraphKey(paragraph.key), {
      text: paragraph.text,
      language: originalLanguage(paragraph.article.language),
      hash: paragraph.textHash ?? sha256(paragraph.text),
    }),
  );
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

export function localizeEntityName(ctx: Context, entity: EntityLike, language: Language): LocalizedText {
  if (language !== DEFAULT_LANGUAGE) {
    if (entity.kind === 'DATE' && entity.dateValue && !ctx.catalog.has(language, 'entities', entityNameKey(entity.key))) {
      const text = formatDate(entity.dateValue, language);
      if (text) return record(ctx, { text, language, provenance: 'FORMATTED', requested: language, stale: false });
    }
    if (
      entity.kind === 'QUANTITY' &&
      entity.amount !== null &&
      entity.unit &&
      !ctx.catalog.has(language, 'entities', entityNameKey(entity.key))
    ) {
      const key = `units.${entity.unit}`;
      const text = ctx.catalog.t(language)(key, { count: entity.amount, defaultValue: '' }) as string;
      if (text) return record(ctx, { text, language, provenance: 'FORMATTED', requested: language, stale: false });
    }
  }
  return record(
    ctx,
    ctx.catalog.localize(language, 'entities', entityNameKey(entity.key), {
      text: entity.name,
      language: DEFAULT_LANGUAGE,
      hash: sha256(entity.name),
    }),
  );
}

/** The entity's other names in a language: translated ones when there are any, else the English ones. */
export function localizeAliases(ctx: Context, entity: EntityLike, language: Language): string[] {
  if (language === DEFAULT_LANGUAGE) return entity.aliases;
  const own = ctx.catalog.raw(language, 'entities', entityAliasesKey(entity.key));
  // zh-Hant has zh-Hans's aliases converted, unless a translator wrote its own.
  return Array.isArray(own) ? own : entity.aliases;
}
