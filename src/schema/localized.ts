// Localized fields: each takes a `lang` argument and resolves its language the same way, so a field
// declares only what it serves: `title: t.string(localized('Headline …', (a, lang, ctx) => …))`.
import type { GraphQLResolveInfo } from 'graphql';
import { type Context, languageFor } from '../context.js';
import type { LocalizedText } from '../i18n/catalog.js';
import type { Language } from '../i18n/languages.js';
import { builder } from './builder.js';

export const LANGUAGE_RULE =
  'The language is chosen by this field’s `lang` argument, else the `lang` argument of the nearest field above it that has one (a root field’s covers its whole subtree), else the request’s Accept-Language header, else English. Supported: en, ko, zh-Hans, zh-Hant; other tags are matched (ko-KR → ko, zh-TW → zh-Hant, zh-CN → zh-Hans).';

/** Options of the `lang` argument of localized fields. */
export const LANG_ARG = {
  required: false,
  description:
    'BCP 47 language tag for this field and everything under it, such as "ko" or "zh-TW". An unsupported tag is an UNSUPPORTED_LANGUAGE error.',
} as const;

/** A localized field's description: what it serves, then how its language is chosen. */
export const localizedDescription = (description: string) => `${description} ${LANGUAGE_RULE}`;

const langArgs = builder.args((t) => ({ lang: t.string(LANG_ARG) }));

/**
 * The parts every localized field shares: the `lang` argument, the language rule in its description,
 * and a resolver that receives the language the field is served in.
 */
export function localized<Parent, Result>(description: string, resolve: (parent: Parent, language: Language, ctx: Context) => Result) {
  return {
    description: localizedDescription(description),
    args: langArgs,
    resolve: (parent: Parent, args: { lang?: string | null }, ctx: Context, info: GraphQLResolveInfo) =>
      resolve(parent, languageFor(ctx, info, args.lang), ctx),
  };
}

export const ProvenanceEnum = builder.enumType('Provenance', {
  description: 'Where a served string comes from.',
  values: {
    ORIGINAL: { description: 'The text as written, in the article’s original language.' },
    TRANSLATED: { description: 'A human translation from the locale files, in the language asked for.' },
    CONVERTED: { description: 'Converted from a Simplified Chinese translation to Traditional characters (OpenCC, Taiwan standard).' },
    FALLBACK: { description: 'Not available in the language asked for: served in another language, which `language` names.' },
    FORMATTED: { description: 'Generated from the entity’s value (a date or a quantity) by the language’s formatting rules.' },
  },
});

export const LocalizedTextRef = builder.objectRef<LocalizedText>('LocalizedText').implement({
  description: 'A string as served, with the language it is in and where it comes from.',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The string.' }),
    language: t.exposeString('language', { description: 'BCP 47 tag of the language `text` is in.' }),
    requestedLanguage: t.exposeString('requested', { description: 'The language that was asked for.' }),
    provenance: t.field({
      type: ProvenanceEnum,
      description: 'Whether the string is original, translated, converted, formatted, or a fallback.',
      resolve: (s) => s.provenance,
    }),
    stale: t.exposeBoolean('stale', {
      description: 'True when the translation was made from an earlier version of the source text: still served, but due for review.',
    }),
  }),
});
