import { findArticleById } from '../resolvers/articles.js';
import { ingestArticle } from '../resolvers/write.js';
import type { IngestResult } from '../services/ingest.js';
import { builder } from './builder.js';

const WRITE_RULE =
  'Needs the write API: the server started with ADMIN_TOKEN, and the request sending `Authorization: Bearer <ADMIN_TOKEN>` (else UNAUTHENTICATED, FORBIDDEN or WRITE_API_DISABLED, and nothing is written).';

export { WRITE_RULE };

const IngestStatus = builder.enumType('IngestStatus', {
  description: 'What an ingest did to the article.',
  values: {
    CREATED: { description: 'A new article.' },
    UPDATED: { description: 'An article with this slug existed and changed.' },
    UNCHANGED: { description: 'An article with this slug existed with exactly this text and metadata: nothing was written.' },
  },
});

const ParagraphChanges = builder.objectRef<IngestResult['paragraphs']>('ParagraphChanges').implement({
  description:
    'How the paragraphs changed. Paragraphs are matched by content: a kept, moved or edited paragraph keeps its id and key, so its translations stay with it.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Paragraphs the article now has.' }),
    added: t.exposeInt('added', { description: 'New paragraphs (served as FALLBACK until translated).' }),
    changed: t.exposeInt('changed', { description: 'Paragraphs edited in place: their translations are now stale.' }),
    moved: t.exposeInt('moved', {
      description:
        'Paragraphs whose text is unchanged but which were reordered (one merely shifted by an insertion or removal above it counts as unchanged).',
    }),
    removed: t.exposeInt('removed', { description: 'Paragraphs no longer in the article (their translations are reported as orphaned).' }),
    unchanged: t.exposeInt('unchanged', { description: 'Paragraphs unchanged in text and order.' }),
  }),
});

const EntityChanges = builder.objectRef<IngestResult['entities']>('EntityChanges').implement({
  description: 'The entities the article mentions after the ingest.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Entities the article mentions.' }),
    created: t.exposeInt('created', { description: 'Entities that did not exist before this ingest.' }),
    proposed: t.exposeInt('proposed', { description: 'Of the article’s entities, how many are proposals awaiting review.' }),
  }),
});

const IngestArticlePayload = builder.objectRef<IngestResult>('IngestArticlePayload').implement({
  description: 'The article as stored, and what the ingest did (the same report as `npm run ingest`).',
  fields: (t) => ({
    article: t.prismaField({
      type: 'Article',
      description: 'The article, as any query would serve it.',
      resolve: (query, result) => findArticleById(query, result.articleId),
    }),
    status: t.field({
      type: IngestStatus,
      description: 'Created, updated or unchanged.',
      resolve: (r) => r.status.toUpperCase() as 'CREATED',
    }),
    slug: t.exposeString('slug', { description: 'The article’s slug.' }),
    titleDerived: t.exposeBoolean('titleDerived', { description: 'True when no title was given and one was derived from the lede.' }),
    paragraphs: t.field({ type: ParagraphChanges, description: 'How the paragraphs changed.', resolve: (r) => r.paragraphs }),
    entities: t.field({ type: EntityChanges, description: 'The entities found.', resolve: (r) => r.entities }),
    mentions: t.exposeInt('mentions', { description: 'Entity mentions stored for the article.' }),
  }),
});

const IngestArticleInput = builder.inputType('IngestArticleInput', {
  description:
    'An article as text, one paragraph per line, optionally with front matter; the other fields, when given, override the front matter’s.',
  fields: (t) => ({
    text: t.string({ required: true, description: 'The article: plain text, one paragraph per line (at most INGEST_MAX_BYTES bytes).' }),
    slug: t.string({ description: 'Stable identifier: lowercase letters, digits and hyphens. Default: derived from the title.' }),
    title: t.string({ description: 'Headline. Default: a heading-like first line, or one derived from the lede.' }),
    source: t.string({ description: 'Publication the article comes from, such as "Daily NK".' }),
    url: t.string({ description: 'Address of the original article (http or https).' }),
    publishedAt: t.field({ type: 'DateTime', description: 'When it was published; the date part is kept.' }),
    language: t.string({ description: 'BCP 47 tag of the article’s language; only "en" can be ingested for now.' }),
  }),
});

builder.mutationFields((t) => ({
  ingestArticle: t.field({
    type: IngestArticlePayload,
    description: `Adds an article, or updates the one with the same slug (paragraphs matched by content; one transaction). Bad input is refused with the same codes as \`npm run ingest\` (EMPTY, TOO_LARGE, PARAGRAPH_TOO_LONG, BAD_FRONT_MATTER, UNSUPPORTED_LANGUAGE, CONFLICT, BUSY…) and nothing is written. ${WRITE_RULE}`,
    args: { input: t.arg({ type: IngestArticleInput, required: true, description: 'The article.' }) },
    resolve: (_root, args, ctx) => ingestArticle(ctx, args.input),
  }),
}));
