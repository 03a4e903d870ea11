import { languageFor, once, parseLanguageArgument } from '../context.js';
import { prisma } from '../db/current.js';
import type { LoadError } from '../i18n/catalog.js';
import { DEFAULT_LANGUAGE, LANGUAGE_INFO, LANGUAGES, type Language } from '../i18n/languages.js';
import { type LanguageStatus, type NamespaceStatus, translationStatus } from '../i18n/status.js';
import { translationUnits } from '../i18n/units.js';
import { articleCoverage, languageName } from '../resolvers/localize.js';
import { builder } from './builder.js';

export const LANGUAGE_RULE =
  'The language is chosen by this field’s `lang` argument, else the `lang` argument of the nearest field above it that has one (a root field’s covers its whole subtree), else the request’s Accept-Language header, else English. Supported: en, ko, zh-Hans, zh-Hant; other tags are matched (ko-KR → ko, zh-TW → zh-Hant, zh-CN → zh-Hans).';

/** Options of the `lang` argument of localized fields. */
export const LANG_ARG = {
  required: false,
  description:
    'BCP 47 language tag for this field and everything under it, such as "ko" or "zh-TW". An unsupported tag is an UNSUPPORTED_LANGUAGE error.',
} as const;

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

export interface LocalizedTextShape {
  text: string;
  language: Language;
  provenance: 'ORIGINAL' | 'TRANSLATED' | 'CONVERTED' | 'FALLBACK' | 'FORMATTED';
  requested: Language;
  stale: boolean;
}

export const LocalizedTextRef = builder.objectRef<LocalizedTextShape>('LocalizedText').implement({
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

interface LanguageShape {
  code: Language;
}

export const LanguageRef = builder.objectRef<LanguageShape>('Language').implement({
  description: 'A language the service serves.',
  fields: (t) => ({
    code: t.string({ description: 'BCP 47 tag, such as "zh-Hant".', resolve: (l) => l.code }),
    nativeName: t.string({
      description: 'The language’s name in itself, such as "한국어".',
      resolve: (l) => LANGUAGE_INFO[l.code].nativeName,
    }),
    englishName: t.string({ description: 'The language’s name in English.', resolve: (l) => LANGUAGE_INFO[l.code].englishName }),
    name: t.string({
      description: `The language’s name in the request’s language. ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string({ required: false, description: 'BCP 47 tag of the language to name it in.' }) },
      resolve: (l, args, ctx, info) => languageName(ctx, l.code, languageFor(ctx, info, args.lang)),
    }),
    isDefault: t.boolean({
      description: 'True for the language served when a request names none (English).',
      resolve: (l) => l.code === DEFAULT_LANGUAGE,
    }),
    defaultTimeZone: t.string({
      description: 'IANA time zone used for dates served in this language.',
      resolve: (l) => LANGUAGE_INFO[l.code].timeZone,
    }),
    coverage: t.float({
      description:
        'Share of the translatable strings (article titles and paragraphs, and the names of the entities they mention) available in this language, translated or converted, from 0 to 1. 1 for the original language.',
      resolve: (l, _args, ctx) => coverage(ctx, l.code),
    }),
  }),
});

async function coverage(ctx: Parameters<typeof languageName>[0], code: Language): Promise<number> {
  if (code === DEFAULT_LANGUAGE) return 1;
  const [articles, entities] = await once(ctx, 'coverage', () =>
    Promise.all([
      prisma().article.findMany({ select: { slug: true, language: true, paragraphs: { select: { position: true } } } }),
      prisma().entity.findMany({ where: { articles: { some: {} }, kind: { notIn: ['DATE', 'QUANTITY'] } }, select: { key: true } }),
    ]),
  );
  let total = 0;
  let done = 0;
  for (const a of articles) {
    const c = articleCoverage(
      ctx.catalog,
      a.slug,
      a.paragraphs.map((p) => p.position),
      code,
      a.language,
    );
    total += c.total;
    done += c.translated;
  }
  total += entities.length;
  done += entities.filter((e) => ctx.catalog.has(code, 'entities', `${e.key}.name`)).length;
  return total === 0 ? 1 : Math.round((done / total) * 10000) / 10000;
}

builder.queryFields((t) => ({
  languages: t.field({
    type: [LanguageRef],
    description: 'The languages the service serves, the default first.',
    resolve: () => LANGUAGES.map((code) => ({ code })),
  }),
}));

const LocaleError = builder.objectRef<LoadError>('LocaleError').implement({
  description: 'A locale file that could not be loaded; its last good version is served meanwhile.',
  fields: (t) => ({
    file: t.exposeString('file', { description: 'Path under locales/, such as "ko/entities.json".' }),
    line: t.exposeInt('line', { nullable: true, description: 'Line of the problem, when known.' }),
    message: t.exposeString('message', { description: 'What is wrong.' }),
  }),
});

const NamespaceStatusRef = builder.objectRef<NamespaceStatus>('NamespaceStatus').implement({
  description: 'Translation figures for one namespace (one locale file) of a language.',
  fields: (t) => ({
    namespace: t.exposeString('namespace', { description: 'The namespace: common, errors, entities, or articles/<slug>.' }),
    total: t.exposeInt('total', { description: 'Strings to translate.' }),
    translated: t.exposeInt('translated', { description: 'Strings the language has.' }),
    missing: t.exposeInt('missing', { description: 'Strings it lacks.' }),
    stale: t.exposeInt('stale', { description: 'Translations made from an earlier source text.' }),
    coverage: t.exposeFloat('coverage', { description: 'translated / total, from 0 to 1.' }),
  }),
});

const TranslationStatusRef = builder.objectRef<LanguageStatus>('TranslationStatus').implement({
  description: 'What a language has, lacks and has out of date, with the locale files that failed to load.',
  fields: (t) => ({
    language: t.exposeString('language', { description: 'BCP 47 tag of the language.' }),
    total: t.exposeInt('total', {
      description: 'Strings to translate: labels, error messages, entity names, article titles and paragraphs.',
    }),
    translated: t.exposeInt('translated', { description: 'Strings the language has (zh-Hant: converted or its own).' }),
    missing: t.exposeInt('missing', { description: 'Strings it lacks.' }),
    stale: t.exposeInt('stale', { description: 'Translations made from an earlier source text (or with no record of their source).' }),
    coverage: t.exposeFloat('coverage', { description: 'translated / total, from 0 to 1.' }),
    missingKeys: t.exposeStringList('missingKeys', { description: '"namespace:key" of every missing string.' }),
    staleKeys: t.exposeStringList('staleKeys', { description: '"namespace:key" of every stale translation.' }),
    namespaces: t.field({ type: [NamespaceStatusRef], description: 'The same figures per namespace.', resolve: (s) => s.namespaces }),
    errors: t.field({
      type: [LocaleError],
      description: 'Locale files of this language (or unknown folders) that failed to load.',
      resolve: (s) => s.errors,
    }),
  }),
});

builder.queryFields((t) => ({
  translationStatus: t.field({
    type: TranslationStatusRef,
    description:
      'For translators: what a language has, lacks and has out of date, as of the locale files now loaded (they reload on save).',
    args: { lang: t.arg.string({ required: true, description: 'The language, such as "ko".' }) },
    resolve: async (_root, args, ctx) => {
      const language = parseLanguageArgument(ctx, args.lang);
      return translationStatus(ctx.catalog, await translationUnits(prisma(), ctx.catalog), language);
    },
  }),
}));
