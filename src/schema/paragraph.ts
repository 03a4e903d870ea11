import { builder } from './builder.js';
import { ParagraphKindEnum } from './enums.js';

export const Paragraph = builder.prismaNode('Paragraph', {
  id: { field: 'id', description: 'Global ID of the paragraph, for `node(id:)`. Kept when the paragraph’s text changes on re-ingest.' },
  description: 'One paragraph or subheading of an article, with the entity mentions found in it.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Zero-based place of the paragraph within its article.' }),
    kind: t.expose('kind', { type: ParagraphKindEnum, description: 'Whether this is a subheading or body text.' }),
    text: t.exposeString('text', { description: 'The exact source text of the paragraph (curly quotes and all).' }),
    textHash: t.exposeString('textHash', { description: 'SHA-256 of `text`; changes exactly when the text does.' }),
    article: t.relation('article', { description: 'The article this paragraph belongs to.' }),
    mentions: t.relation('mentions', {
      description: 'Entity mentions in this paragraph, in order of position.',
      query: { orderBy: [{ start: 'asc' }, { end: 'asc' }] },
    }),
  }),
});

builder.prismaObject('Mention', {
  description:
    'A place in a paragraph where an entity is mentioned. Offsets count UTF-16 code units of the paragraph’s `text`, as JavaScript string indexes do: `text.slice(start, end)` is the mention.',
  fields: (t) => ({
    entity: t.relation('entity', { description: 'The entity mentioned.' }),
    start: t.exposeInt('start', { description: 'Offset of the first code unit of the mention (inclusive).' }),
    end: t.exposeInt('end', { description: 'Offset just past the last code unit of the mention (exclusive).' }),
    text: t.exposeString('text', { description: 'The mention as written, equal to the paragraph text from `start` to `end`.' }),
    paragraph: t.relation('paragraph', { description: 'The paragraph the mention is in.' }),
    referent: t.relation('referent', {
      nullable: true,
      description:
        'When the name stands for something else, what it means: "Pyongyang" in "Pyongyang-Beijing relations" refers to North Korea’s government. Null otherwise.',
    }),
  }),
});
