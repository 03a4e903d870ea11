// Where a translatable string lives in the locale files: its namespace and key.
import { DEFAULT_LANGUAGE, type Language, matchLanguage } from './languages.js';

/** The namespace of an article's title and paragraphs: locales/<lang>/articles/<slug>.json. */
export const articleNamespace = (slug: string) => `articles/${slug}`;
/** The key of a paragraph's translation within its article's namespace, by the paragraph's stable key. */
export const paragraphKey = (key: string) => `paragraphs.${key}`;
/** The key of an entity's name in the entities namespace. */
export const entityNameKey = (key: string) => `${key}.name`;
/** The key of an entity's other names in the entities namespace. */
export const entityAliasesKey = (key: string) => `${key}.aliases`;
/** The supported language an article's BCP 47 tag maps to ("en-US" → en). */
export const originalLanguage = (tag: string): Language => matchLanguage(tag) ?? DEFAULT_LANGUAGE;

/** A key of an article namespace: its title, or a paragraph's by stable key ("paragraphs.p-6fc76108", "-2" for repeats). */
export const STABLE_PARAGRAPH_KEY = /^paragraphs\.p-[0-9a-f]{8}(?:-[1-9][0-9]*)?$/;
/** A key from before stable paragraph keys: the paragraph's position ("paragraphs.p3"); npm run i18n:rekey renames them. */
export const LEGACY_PARAGRAPH_KEY = /^paragraphs\.p(0|[1-9][0-9]*)$/;
/** The position a legacy paragraph key names, or null for any other key. */
export function legacyPosition(key: string): number | null {
  const m = LEGACY_PARAGRAPH_KEY.exec(key);
  return m ? Number(m[1]) : null;
}
/** True for the namespace of an article (articles/<slug>). */
export const isArticleNamespace = (namespace: string) => namespace.startsWith('articles/');
