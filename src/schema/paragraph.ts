import type { Context } from '../context.js';
import { languageFor } from '../context.js';
import type { Language } from '../i18n/languages.js';
import { type EntityLike, type LocatedMention, localizeParagraph, locateMentions } from '../resolvers/localize.js';
import { builder } from './builder.js';
import { ParagraphKindEnum } from './enums.js';
import { LANG_ARG, LANGUAGE_RULE, LocalizedTextRef, ProvenanceEnum } from './language.js';
import { requiring } from './selection.js';

/** What the localized fields of a paragraph need besides its own columns. */
const articleOfParagraph = { article: { select: { slug: true, language: true } } } as const;

type ParagraphForLocalizing = { position: number; text: string; article: { slug: string; language: string } };

/** A mention row as served: with its place in the served text when that differs from the source. */
export type ServedMention = { start: number; end: number; text: string; localized?: LocatedMention };

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

export function localizedMentions<M extends { start: number; end: number; text: string; entityId: number; entity: EntityLike }>(
  ctx: Context,
  paragraph: ParagraphForLocalizing,
  mentions: M[],
  language: Language,
) {
  const served = localizeParagraph(ctx, paragraph, language);
  return locateMentions(ctx, served, mentions, paragraph.article.language);
}

export const Mention = builder.prismaObject('Mention', {
  description:
    'A place in a paragraph where an entity is mentioned. Offsets count UTF-16 code units of the paragraph’s text as served (`text.slice(start, end)` in JavaScript is the mention); `sourceStart` and `sourceEnd` give the place in the original.',
  fields: (t) => ({
    entity: t.relation('entity', { description: 'The entity mentioned.' }),
    start: t.int({
      nullable: true,
      description:
        'Offset of the first code unit of the mention in the served text (inclusive); null when the mention could not be located in a translation.',
      resolve: (m) => ((m as ServedMention).localized ? ((m as ServedMention).localized?.start ?? null) : m.start),
    }),
    end: t.int({
      nullable: true,
      description: 'Offset just past the mention in the served text (exclusive); null when it could not be located.',
      resolve: (m) => ((m as ServedMention).localized ? ((m as ServedMention).localized?.end ?? null) : m.end),
    }),
    text: t.string({
      description: 'The mention as it reads in the served text; when it could not be located, the entity’s name in that language.',
      resolve: (m) => (m as ServedMention).localized?.text ?? m.text,
    }),
    located: t.boolean({
      description:
        'True when `start` and `end` point at the mention in the served text; false when a translation does not contain any of the entity’s localized names in that place.',
      resolve: (m) => (m as ServedMention).localized?.located ?? true,
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
  id: { field: 'id', description: 'Global ID of the paragraph, for `node(id:)`. Kept when the paragraph’s text changes on re-ingest.' },
  description: 'One paragraph or subheading of an article, with the entity mentions found in it.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Zero-based place of the paragraph within its article.' }),
    kind: t.expose('kind', { type: ParagraphKindEnum, description: 'Whether this is a subheading or body text.' }),
    kindLabel: t.string({
      description: `The kind as a label in the served language, such as "소제목". ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      resolve: (p, args, ctx, info) => ctx.catalog.label(languageFor(ctx, info, args.lang), `common:paragraphKind.${p.kind}`),
    }),
    text: t.string({
      description: `The paragraph in the served language; when it has no translation there, the original, marked FALLBACK in \`provenance\`. ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      select: articleOfParagraph,
      resolve: (p, args, ctx, info) => localizeParagraph(ctx, p, languageFor(ctx, info, args.lang)).text,
    }),
    language: t.string({
      description: `BCP 47 tag of the language \`text\` is actually served in, as the subtree’s language resolves it (it differs from the one asked for on a fallback). ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      select: articleOfParagraph,
      resolve: (p, args, ctx, info) => localizeParagraph(ctx, p, languageFor(ctx, info, args.lang)).language,
    }),
    provenance: t.field({
      type: ProvenanceEnum,
      description: `Where \`text\` comes from, as the subtree’s language resolves it: ORIGINAL, TRANSLATED, CONVERTED or FALLBACK. ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      select: articleOfParagraph,
      resolve: (p, args, ctx, info) => localizeParagraph(ctx, p, languageFor(ctx, info, args.lang)).provenance,
    }),
    stale: t.boolean({
      description: `True when \`text\` is a translation made from an earlier version of this paragraph: still served, but due for review. ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      select: articleOfParagraph,
      resolve: (p, args, ctx, info) => localizeParagraph(ctx, p, languageFor(ctx, info, args.lang)).stale,
    }),
    localizedText: t.field({
      type: LocalizedTextRef,
      description: `The served text with its language and provenance in one object. ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      select: articleOfParagraph,
      resolve: (p, args, ctx, info) => localizeParagraph(ctx, p, languageFor(ctx, info, args.lang)),
    }),
    originalText: t.exposeString('text', {
      description: 'The exact source text of the paragraph in the article’s original language (curly quotes and all).',
    }),
    textHash: t.exposeString('textHash', { description: 'SHA-256 of the original text; changes exactly when the text does.' }),
    article: t.relation('article', { description: 'The article this paragraph belongs to.' }),
    mentions: t.field({
      type: [Mention],
      description: `Entity mentions in this paragraph, in order of position in the original. Offsets and text refer to the text as served: in a translation, each mention points at its entity’s localized name when it can be found (\`located\`). ${LANGUAGE_RULE}`,
      args: { lang: t.arg.string(LANG_ARG) },
      select: (_args, _ctx, nestedSelection) => ({
        ...articleOfParagraph,
        mentions: withEntity(nestedSelection({ orderBy: [{ start: 'asc' }, { end: 'asc' }] })),
      }),
      // withEntity() above loaded each mention’s entity.
      resolve: (p, args, ctx, info) =>
        localizedMentions(
          ctx,
          p,
          p.mentions as Array<(typeof p.mentions)[number] & { entity: EntityLike }>,
          languageFor(ctx, info, args.lang),
        ),
    }),
  }),
});
