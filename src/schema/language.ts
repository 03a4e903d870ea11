import { languageFor } from '../context.js';
import { DEFAULT_LANGUAGE, LANGUAGE_INFO, LANGUAGES, type Language } from '../i18n/languages.js';
import { languageCoverage, languageName } from '../resolvers/languages.js';
import { builder } from './builder.js';
import { LANGUAGE_RULE } from './localized.js';

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
      resolve: (l, _args, ctx) => languageCoverage(ctx, l.code),
    }),
  }),
});

builder.queryFields((t) => ({
  languages: t.field({
    type: [LanguageRef],
    description: 'The languages the service serves, the default first.',
    resolve: () => LANGUAGES.map((code) => ({ code })),
  }),
}));
