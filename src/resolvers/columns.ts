// The columns every query loads of each model: the GraphQL types' own selections (select mode, in
// src/schema) and what the loaders of nested lists select, so that a row reaches the same fields
// whichever way it was loaded. Fields that read only these resolve without a selection of their
// own; the other columns are loaded only when a query asks for a field that reads them.

/** The headline and everything localized read these. */
export const ARTICLE_COLUMNS = { id: true, slug: true, title: true, language: true } as const;

/**
 * Nearly every field of a paragraph reads these (its article's slug and language come from the
 * parent). Not textHash: 64 characters a row that localizing needs only for a translation, and
 * then computes from the text (which it is the SHA-256 of).
 */
export const PARAGRAPH_COLUMNS = { id: true, key: true, position: true, kind: true, text: true, articleId: true } as const;

/** Placing a mention in the served text reads all of these. */
export const MENTION_COLUMNS = {
  id: true,
  paragraphId: true,
  entityId: true,
  referentId: true,
  start: true,
  end: true,
  text: true,
} as const;

/** The name fields read these (dates and quantities are named from their values), and placing a mention its aliases. */
export const ENTITY_COLUMNS = {
  id: true,
  key: true,
  kind: true,
  name: true,
  aliases: true,
  dateValue: true,
  amount: true,
  unit: true,
} as const;
