import { EntityKind, ParagraphKind } from '../generated/prisma/enums.js';
import { builder } from './builder.js';

export const EntityKindEnum = builder.enumType(EntityKind, {
  name: 'EntityKind',
  description: 'What kind of thing an entity is.',
  values: {
    PERSON: { description: 'A person, such as "Kim Jong Un".' },
    PLACE: { description: 'A country, region, city or other place, such as "Dandong".' },
    ORGANIZATION: { description: 'A government body, company, agency or publication, such as "U.N. Security Council".' },
    DATE: { description: 'A calendar date; see `Entity.dateValue`.' },
    QUANTITY: { description: 'An amount of something; see `Entity.amount` and `Entity.unit`.' },
  },
});

export const ParagraphKindEnum = builder.enumType(ParagraphKind, {
  name: 'ParagraphKind',
  description: 'Whether a paragraph is a subheading or body text.',
  values: {
    HEADING: { description: 'A subheading within the article, such as "Signs of warming relations".' },
    BODY: { description: 'A paragraph of body text.' },
  },
});
