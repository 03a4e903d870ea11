import type { LoadError } from '../i18n/catalog.js';
import type { LanguageStatus, NamespaceStatus } from '../i18n/status.js';
import { translationStatusOf } from '../resolvers/languages.js';
import { builder } from './builder.js';

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
    namespace: t.exposeString('namespace', { description: 'The namespace: common, errors, desk, entities, or articles/<slug>.' }),
    total: t.exposeInt('total', { description: 'Strings to translate.' }),
    translated: t.exposeInt('translated', { description: 'Strings the language has.' }),
    missing: t.exposeInt('missing', { description: 'Strings it lacks.' }),
    stale: t.exposeInt('stale', { description: 'Translations made from an earlier source text.' }),
    orphaned: t.exposeInt('orphaned', {
      description:
        'Translations in the file whose paragraph (or article) is no longer there, or kept under a position key from before stable paragraph keys: never served, kept until a translator deletes them.',
    }),
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
    orphaned: t.exposeInt('orphaned', {
      description:
        'Translations in article files whose paragraph was removed from the article (or whose article no longer exists), or kept under a legacy position key ("paragraphs.p3", renamed by `npm run i18n:rekey`). They are never served for another paragraph and never deleted automatically; `i18n:check` lists them.',
    }),
    coverage: t.exposeFloat('coverage', { description: 'translated / total, from 0 to 1.' }),
    missingKeys: t.exposeStringList('missingKeys', { description: '"namespace:key" of every missing string.' }),
    staleKeys: t.exposeStringList('staleKeys', { description: '"namespace:key" of every stale translation.' }),
    orphanedKeys: t.exposeStringList('orphanedKeys', {
      description: '"namespace:key" of every orphaned translation, such as "articles/<slug>:paragraphs.p-6fc76108".',
    }),
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
    resolve: (_root, args, ctx) => translationStatusOf(ctx, args.lang),
  }),
}));
