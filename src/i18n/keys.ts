// Where a translatable string lives in the locale files: its namespace and key.
import { DEFAULT_LANGUAGE, type Language, matchLanguage } from './languages.js';

/** The namespace of an article's title and paragraphs: locales/<lang>/articles/<slug>.json. */
export const articleNamespace = (slug: string) => `articles/${slug}`;
/** The key of a paragraph's translation within its article's namespace. */
export const paragraphKey = (position: number) => `paragraphs.p${position}`;
/** The key of an entity's name in the entities namespace. */
export const entityNameKey = (key: string) => `${key}.name`;
/** The key of an entity's other names in the entities namespace. */
export const entityAliasesKey = (key: string) => `${key}.aliases`;
/** The supported language an article's BCP 47 tag maps to ("en-US" → en). */
export const originalLanguage = (tag: string): Language => matchLanguage(tag) ?? DEFAULT_LANGUAGE;
