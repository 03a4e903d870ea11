import { languageFor } from '../context.js';
import { type EntityLike, localizeParagraph, type ParagraphToLocalize } from '../resolvers/localize.js';
import { paragraphMentions, placement } from '../resolvers/mentions.js';
import { builder } from './builder.js';
import { ParagraphKindEnum } from './enums.js';
import { LANG_ARG, LocalizedTextRef, localized, localizedDescription, ProvenanceEnum } from './localized.js';
import { requiring } from './selection.js';

/** What the localized fields of a paragraph need besides its own columns. */
const articleOfParagraph = { article: { select: { slug: true, language: true } } } as const;

/**
 * Makes sure a nested mention selection loads each mention's entity (its names are needed to find
 * it in a translation), whatever the client selected under it.
 */
export const withEntity = <T extends object>(query: T): T =>
  requiring(query, {
    entityId: true,
    start: true,
    end: true,
    text: true,
    entity: { key: true, kind: true, name: true, aliases: true, dateValue: true, amount: true, unit: true },
  });

export const Mention = builder.prismaObject('Mention', {
  description:
    'A place in a paragraph where an entity is mentioned. Offsets count UTF-16 code units of the paragraph’s text as served (`text.slice(start, end)` in JavaScript is the mention); `sourceStart` and `sourceEnd` give the place in the original.',
  fields: (t) => ({
    entity: t.relation('entity', { description: 'The entity mentioned.' }),
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
        'True when `start` and `end` point at the mention in the served text; false when a translation does not contain any of the entity’s localized names in that place.',
      resolve: (m) => placement(m).located,
    }),
    sourceStart: t.exposeInt('start', { description: 'Offset of the mention in the original paragraph text (inclusive).' }),
    sourceEnd: t.exposeInt('end', { description: 'Offset just past the mention in the original paragraph text (exclusive).' }),
    sourceText: t.exposeString('text', { description: 'The mention as written in the original.' }),
    paragraph: t.relation('paragraph', { description: 'The paragraph the mention is in.' }),
    referent: t.relation('referent', {
      nullable: true,
      description:
        'When the name stands for something else, what it means: "Pyongyang" in "Pyongyang-Beijing relations" refers to North Korea’s government. Null otherwise.',
    }),
  }),
});

export const Paragraph = builder.prismaNode('Paragraph', {
  // node(id:) and nodes(ids:) answer null for an ID that names nothing, rather than an error.
  nullable: true,
  id: { field: 'id', description: 'Global ID of the paragraph, for `node(id:)`. Kept when the paragraph’s text changes on re-ingest.' },
  description: 'One paragraph or subheading of an article, with the entity mentions found in it.',
  // The type's field list: one declaration per field (what each does lives in src/resolvers).
  fields: (t) => ({
    key: t.exposeString('key', {
      description:
        'Stable key of the paragraph within its article, such as "p-6fc76108": kept when other paragraphs are inserted, removed or moved, and when this one is edited. Locale files key its translations by it (`paragraphs.<key>`).',
    }),
    position: t.exposeInt('position', { description: 'Zero-based place of the paragraph within its article.' }),
    kind: t.expose('kind', { type: ParagraphKindEnum, description: 'Whether this is a subheading or body text.' }),
    kindLabel: t.string(
      localized('The kind as a label in the served language, such as "소제목".', (p: { kind: string }, lang, ctx) =>
        ctx.catalog.label(lang, `common:paragraphKind.${p.kind}`),
      ),
    ),
    text: t.string({
      ...localized(
        'The paragraph in the served language; when it has no translation there, the original, marked FALLBACK in `provenance`.',
        (p: ParagraphToLocalize, lang, ctx) => localizeParagraph(ctx, p, lang).text,
      ),
      select: articleOfParagraph,
    }),
    language: t.string({
      ...localized(
        'BCP 47 tag of the language `text` is actually served in, as the subtree’s language resolves it (it differs from the one asked for on a fallback).',
        (p: ParagraphToLocalize, lang, ctx) => localizeParagraph(ctx, p, lang).language,
      ),
      select: articleOfParagraph,
    }),
    provenance: t.field({
      type: ProvenanceEnum,
      ...localized(
        'Where `text` comes from, as the subtree’s language resolves it: ORIGINAL, TRANSLATED, CONVERTED or FALLBACK.',
        (p: ParagraphToLocalize, lang, ctx) => localizeParagraph(ctx, p, lang).provenance,
      ),
      select: articleOfParagraph,
    }),
    stale: t.boolean({
      ...localized(
        'True when `text` is a translation made from an earlier version of this paragraph: still served, but due for review.',
        (p: ParagraphToLocalize, lang, ctx) => localizeParagraph(ctx, p, lang).stale,
      ),
      select: articleOfParagraph,
    }),
    localizedText: t.field({
      type: LocalizedTextRef,
      ...localized('The served text with its language and provenance in one object.', (p: ParagraphToLocalize, lang, ctx) =>
        localizeParagraph(ctx, p, lang),
      ),
      select: articleOfParagraph,
    }),
    originalText: t.exposeString('text', {
      description: 'The exact source text of the paragraph in the article’s original language (curly quotes and all).',
    }),
    textHash: t.exposeString('textHash', { description: 'SHA-256 of the original text; changes exactly when the text does.' }),
    article: t.relation('article', { description: 'The article this paragraph belongs to.' }),
    mentions: t.field({
      type: [Mention],
      description: localizedDescription(
        'Entity mentions in this paragraph, in order of position in the original. Offsets and text refer to the text as served: in a translation, each mention points at its entity’s localized name when it can be found (`located`).',
      ),
      args: { lang: t.arg.string(LANG_ARG) },
      select: (_args, _ctx, nestedSelection) => ({
        ...articleOfParagraph,
        mentions: withEntity(nestedSelection({ orderBy: [{ start: 'asc' }, { end: 'asc' }] })),
      }),
      // Typed by the select function above, so the language is resolved here; withEntity() loaded each mention's entity.
      resolve: (p, args, ctx, info) =>
        paragraphMentions(
          ctx,
          p,
          p.mentions as Array<(typeof p.mentions)[number] & { entity: EntityLike }>,
          languageFor(ctx, info, args.lang),
        ),
    }),
  }),
});
