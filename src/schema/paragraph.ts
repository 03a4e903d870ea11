import { languageFor } from '../context.js';
import { type LoadedParagraph, paragraphById, withArticleOf } from '../resolvers/articles.js';
import { ENTITY_COLUMNS, MENTION_COLUMNS, PARAGRAPH_COLUMNS } from '../resolvers/columns.js';
import { localizeParagraph, type ParagraphToLocalize } from '../resolvers/localize.js';
import { isLocated, mentionsOfParagraph, paragraphMentions, placement } from '../resolvers/mentions.js';
import { builder } from './builder.js';
import { ParagraphKindEnum } from './enums.js';
import { LANG_ARG, LocalizedTextRef, localized, localizedDescription, ProvenanceEnum } from './localized.js';
import { requiring } from './selection.js';

/** What localizing a paragraph reads of its row; its article comes from the parent (see withArticleOf). */
type Localizable = ParagraphToLocalize & { articleId: number };
/** A paragraph localized in a language, with its article. */
const localizeIn = (ctx: Parameters<typeof localizeParagraph>[0], p: Localizable, lang: Parameters<typeof localizeParagraph>[3]) =>
  withArticleOf(ctx, p, (article) => localizeParagraph(ctx, p, article, lang));

/**
 * Makes sure a nested mention selection loads each mention's entity (its names are needed to find
 * it in a translation), whatever the client selected under it.
 */
export const withEntity = <T extends object>(query: T): T => requiring(query, { entity: ENTITY_COLUMNS });

export const Mention = builder.prismaObject('Mention', {
  // Select mode (see src/resolvers/columns.ts). Its entity, referent and paragraph are read from the
  // row when it came with them, else loaded by id for the whole request at once.
  select: MENTION_COLUMNS,
  description:
    'A place in a paragraph where an entity is mentioned. Offsets count UTF-16 code units of the paragraph’s text as served (`text.slice(start, end)` in JavaScript is the mention); `sourceStart` and `sourceEnd` give the place in the original.',
  fields: (t) => ({
    start: t.int({
      nullable: true,
      description:
        'Offset of the first code unit of the mention in the served text (inclusive); null when the mention could not be located in a translation.',
      resolve: (m) => placement(m).start,
    }),
    end: t.int({
      nullable: true,
      description: 'Offset just past the mention in the served text (exclusive); null when it could not be located.',
      resolve: (m) => placement(m).end,
    }),
    text: t.string({
      description: 'The mention as it reads in the served text; when it could not be located, the entity’s name in that language.',
      resolve: (m) => placement(m).text,
    }),
    located: t.boolean({
      description:
        'True when `start` and `end` point at the mention in the served text; false when a translation has no occurrence of the entity’s localized names (or aliases) that corresponds to this English mention.',
      resolve: (m) => isLocated(m),
    }),
    sourceStart: t.int({ description: 'Offset of the mention in the original paragraph text (inclusive).', resolve: (m) => m.start }),
    sourceEnd: t.int({ description: 'Offset just past the mention in the original paragraph text (exclusive).', resolve: (m) => m.end }),
    sourceText: t.string({ description: 'The mention as written in the original.', resolve: (m) => m.text }),
  }),
});

export const Paragraph = builder.prismaNode('Paragraph', {
  // node(id:) and nodes(ids:) answer null for an ID that names nothing, rather than an error.
  nullable: true,
  id: { field: 'id', description: 'Global ID of the paragraph, for `node(id:)`. Kept when the paragraph’s text changes on re-ingest.' },
  description: 'One paragraph or subheading of an article, with the entity mentions found in it.',
  // Select mode (see src/resolvers/columns.ts): fields reading only those columns have no `select`
  // of their own; its mentions come from one load for every paragraph of the request.
  select: PARAGRAPH_COLUMNS,
  // The type's field list: one declaration per field (what each does lives in src/resolvers).
  fields: (t) => ({
    key: t.string({
      description:
        'Stable key of the paragraph within its article, such as "p-6fc76108": kept when other paragraphs are inserted, removed or moved, and when this one is edited. Locale files key its translations by it (`paragraphs.<key>`).',
      resolve: (p) => p.key,
    }),
    position: t.int({ description: 'Zero-based place of the paragraph within its article.', resolve: (p) => p.position }),
    kind: t.field({ type: ParagraphKindEnum, description: 'Whether this is a subheading or body text.', resolve: (p) => p.kind }),
    kindLabel: t.string(
      localized('The kind as a label in the served language, such as "소제목".', (p: { kind: string }, lang, ctx) =>
        ctx.catalog.label(lang, `common:paragraphKind.${p.kind}`),
      ),
    ),
    text: t.string({
      ...localized(
        'The paragraph in the served language; when it has no translation there, the original, marked FALLBACK in `provenance`.',
        (p: Localizable, lang, ctx) => {
          const served = localizeIn(ctx, p, lang);
          return served instanceof Promise ? served.then((s) => s.text) : served.text;
        },
      ),
    }),
    language: t.string({
      ...localized(
        'BCP 47 tag of the language `text` is actually served in, as the subtree’s language resolves it (it differs from the one asked for on a fallback).',
        (p: Localizable, lang, ctx) => {
          const served = localizeIn(ctx, p, lang);
          return served instanceof Promise ? served.then((s) => s.language) : served.language;
        },
      ),
    }),
    provenance: t.field({
      type: ProvenanceEnum,
      ...localized(
        'Where `text` comes from, as the subtree’s language resolves it: ORIGINAL, TRANSLATED, CONVERTED or FALLBACK.',
        (p: Localizable, lang, ctx) => {
          const served = localizeIn(ctx, p, lang);
          return served instanceof Promise ? served.then((s) => s.provenance) : served.provenance;
        },
      ),
    }),
    stale: t.boolean({
      ...localized(
        'True when `text` is a translation made from an earlier version of this paragraph: still served, but due for review.',
        (p: Localizable, lang, ctx) => {
          const served = localizeIn(ctx, p, lang);
          return served instanceof Promise ? served.then((s) => s.stale) : served.stale;
        },
      ),
    }),
    localizedText: t.field({
      type: LocalizedTextRef,
      ...localized('The served text with its language and provenance in one object.', (p: Localizable, lang, ctx) =>
        localizeIn(ctx, p, lang),
      ),
    }),
    originalText: t.string({
      description: 'The exact source text of the paragraph in the article’s original language (curly quotes and all).',
      resolve: (p) => p.text,
    }),
    textHash: t.exposeString('textHash', { description: 'SHA-256 of the original text; changes exactly when the text does.' }),
    article: t.relation('article', { description: 'The article this paragraph belongs to.' }),
    mentions: t.field({
      type: [Mention],
      description: localizedDescription(
        'Entity mentions in this paragraph, in order of position in the original. Offsets and text refer to the text as served: in a translation, each mention points at the occurrence of its entity’s localized name that corresponds to the English one, when there is one (`located`).',
      ),
      args: { lang: t.arg.string(LANG_ARG) },
      resolve: (p, args, ctx, info) => {
        const language = languageFor(ctx, info, args.lang);
        return mentionsOfParagraph(ctx, p.id).then((mentions) =>
          withArticleOf(ctx, p, (article) => paragraphMentions(ctx, p, article, mentions, language)),
        );
      },
    }),
  }),
});

// Declared after Paragraph, which refers to Mention.
builder.prismaObjectField(Mention, 'paragraph', (t) =>
  t.field({
    type: Paragraph,
    description: 'The paragraph the mention is in.',
    // Loaded with the mention by Entity.mentions; otherwise by id.
    resolve: (m, _args, ctx) => (m as { paragraph?: LoadedParagraph }).paragraph ?? paragraphById(ctx, m.paragraphId),
  }),
);
