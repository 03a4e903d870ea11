import { checkOneTranslation, saveOneTranslation } from '../resolvers/write.js';
import { WRITE_RULE } from './article-mutations.js';
import { builder } from './builder.js';

const SaveTranslationInput = builder.inputType('SaveTranslationInput', {
  description: 'One string of one language, as a translator writes it into the locale files.',
  fields: (t) => ({
    language: t.string({ required: true, description: 'ko, zh-Hans or zh-Hant (zh-Hant overrides the conversion from zh-Hans).' }),
    namespace: t.string({ required: true, description: 'The locale file: "articles/<slug>", "entities", "common" or "errors".' }),
    key: t.string({
      required: true,
      description: 'The key within it: "title", "paragraphs.<Paragraph.key>", "<entity key>.name", a label such as "entityKind.PLACE".',
    }),
    text: t.string({ description: 'The translation.' }),
    aliases: t.stringList({ description: 'For "<entity key>.aliases": the entity’s other names in the language (instead of text).' }),
  }),
});

/** The input as the services take it: an entity's aliases or a text. */
const asInput = (input: { language: string; namespace: string; key: string; text?: string | null; aliases?: string[] | null }) => ({
  language: input.language,
  namespace: input.namespace,
  key: input.key,
  text: input.aliases ?? input.text ?? '',
});

interface Saved {
  language: string;
  namespace: string;
  key: string;
  file: string;
}

const SaveTranslationPayload = builder.objectRef<Saved>('SaveTranslationPayload').implement({
  description: 'Where the translation was written. The mutation answers once the live reload serves it (waiting at most 3 s), not stale.',
  fields: (t) => ({
    language: t.exposeString('language', { description: 'The language written.' }),
    namespace: t.exposeString('namespace', { description: 'The namespace written.' }),
    key: t.exposeString('key', { description: 'The key written.' }),
    file: t.exposeString('file', { description: 'The locale file, relative to the locales folder, such as "ko/articles/<slug>.json".' }),
  }),
});

builder.mutationFields((t) => ({
  saveTranslation: t.field({
    type: SaveTranslationPayload,
    description: `Saves one translation after the checks \`npm run i18n:check\` makes (placeholders, glossary, particles, brackets and quotes, empty text; for an entity's name or aliases, every string of the language, whose glossary depends on them), writing its locale file atomically and marking it current (no longer stale). A translation that fails them is refused with TRANSLATION_REFUSED and \`extensions.problems\`, and nothing is written. ${WRITE_RULE}`,
    args: { input: t.arg({ type: SaveTranslationInput, required: true, description: 'The translation.' }) },
    resolve: (_root, { input }, ctx) => saveOneTranslation(ctx, asInput(input)),
  }),
}));

interface CheckedProblem {
  code: string;
  message: string;
  key: string | null;
  file: string;
  line: number | null;
}

const TranslationProblem = builder.objectRef<CheckedProblem>('TranslationProblem').implement({
  description: 'One reason a translation would be refused, as `npm run i18n:check` reports it.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code: PLACEHOLDERS, GLOSSARY, PARTICLE, BRACKETS, EMPTY, …' }),
    message: t.exposeString('message', { description: 'What is wrong, in English (the code is stable).' }),
    key: t.exposeString('key', { nullable: true, description: '"namespace:key" of the string, when the problem concerns one.' }),
    file: t.exposeString('file', { description: 'The locale file, relative to the locales folder.' }),
    line: t.exposeInt('line', { nullable: true, description: 'Line in the file, when known.' }),
  }),
});

const TranslationCheck = builder.objectRef<{ ok: boolean; total: number; problems: CheckedProblem[] }>('TranslationCheck').implement({
  description: 'What saving a translation would say, without saving it.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'True when `saveTranslation` with the same input would save it.' }),
    total: t.exposeInt('total', { description: 'How many problems there are (the list holds at most 50).' }),
    problems: t.field({ type: [TranslationProblem], description: 'The problems, the first 50.', resolve: (c) => c.problems }),
  }),
});

builder.queryFields((t) => ({
  checkTranslation: t.field({
    type: TranslationCheck,
    description: `Runs the checks \`saveTranslation\` would run on the same input (placeholders, glossary, particles, brackets and quotes, empty text; for an entity's name or aliases, every string of the language) and writes nothing: the translator's page calls it as they type. ${WRITE_RULE}`,
    args: { input: t.arg({ type: SaveTranslationInput, required: true, description: 'The draft translation.' }) },
    resolve: (_root, { input }, ctx) => checkOneTranslation(ctx, asInput(input)),
  }),
}));
