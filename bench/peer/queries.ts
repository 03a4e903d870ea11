// The query shapes of npm run bench:peer, as each target spells them, and the checks of their answers.
export const SEED_SLUG = 'nk-workers-china-seafood-plants';

/** What the targets are: polyglot-desk (twice: response cache off and on), PostGraphile, the raw floor. */
export type Kind = 'desk' | 'postgraphile' | 'raw';

export type QueryId = 'Q1 en' | 'Q1 ko' | 'Q2';
export const QUERIES: QueryId[] = ['Q1 en', 'Q1 ko', 'Q2'];

/** The same data everywhere: only polyglot-desk has Korean, so the others' Q1 ko is their Q1. */
export const sameAsQ1 = (kind: Kind, query: QueryId) => query === 'Q1 ko' && kind !== 'desk';

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const DESK_Q1 = `query Q1 { article(slug: "${SEED_SLUG}") { title paragraphs { position kind text mentions { start end text entity { key name kind } } } } }`;
const DESK_Q2 = '{ articles(first: 20) { edges { node { slug title paragraphs { text } } } } }';

// PostGraphile 5 (amber) names: Prisma makes unique indexes rather than unique constraints, so there is
// no articleBySlug; the slug is a condition on allArticles (it is indexed, so the condition exists).
const PG_Q1 = `query Q1 { allArticles(condition: { slug: "${SEED_SLUG}" }, first: 1) { nodes { title
  paragraphsByArticleId(orderBy: POSITION_ASC) { nodes { position kind text
    mentionsByParagraphId(orderBy: [START_ASC, END_ASC]) { nodes { start end text entityByEntityId { key name kind } } } } } } } }`;
const PG_Q2 = `{ allArticles(first: 20, orderBy: ROW_ID_DESC) { edges { node { slug title
  paragraphsByArticleId(orderBy: POSITION_ASC) { nodes { text } } } } } }`;

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };

export function requestFor(kind: Kind, query: QueryId): RequestSpec {
  const q2 = query === 'Q2';
  switch (kind) {
    case 'desk':
      return {
        path: '/graphql',
        headers: { ...JSON_HEADERS, 'accept-language': query === 'Q1 ko' ? 'ko' : 'en' },
        body: JSON.stringify({ query: q2 ? DESK_Q2 : DESK_Q1 }),
      };
    case 'postgraphile':
      return { path: '/graphql', headers: JSON_HEADERS, body: JSON.stringify({ query: q2 ? PG_Q2 : PG_Q1 }) };
    case 'raw':
      return {
        path: '/',
        headers: JSON_HEADERS,
        body: JSON.stringify(
          q2 ? { operationName: 'Q2', variables: { first: 20 } } : { operationName: 'Q1', variables: { slug: SEED_SLUG } },
        ),
      };
  }
}

/** One article as Q1 returns it, the same shape for every target. */
export interface ArticleAnswer {
  title: string;
  paragraphs: Array<{
    position: number;
    kind: string;
    text: string;
    mentions: Array<{ start: number | null; end: number | null; text: string; entity: { key: string; name: string; kind: string } }>;
  }>;
}

/** The page Q2 returns, the same shape for every target. */
export type PageAnswer = Array<{ slug: string; title: string; paragraphs: Array<{ text: string }> }>;

type Nodes<T> = { nodes: T[] };
interface PgArticle {
  title: string;
  paragraphsByArticleId: Nodes<{
    position: number;
    kind: string;
    text: string;
    mentionsByParagraphId: Nodes<{
      start: number;
      end: number;
      text: string;
      entityByEntityId: { key: string; name: string; kind: string };
    }>;
  }>;
}
interface PgPage {
  allArticles: { edges: Array<{ node: { slug: string; title: string; paragraphsByArticleId: Nodes<{ text: string }> } }> };
}
interface DeskPage {
  articles: { edges: Array<{ node: PageAnswer[number] }> };
}

/** What the database holds, for the checks. */
export interface Expected {
  paragraphs: number;
  mentions: number;
  /** Slugs of the newest 20 articles, newest first. */
  page: string[];
  /** Paragraphs of each of those. */
  pageParagraphs: number[];
}

export class AnswerError extends Error {
  override name = 'AnswerError';
}

const HANGUL = /[\uac00-\ud7a3]/;

/** Parses and checks one answer; returns it in the common shape, or throws AnswerError. */
export function checkAnswer(kind: Kind, query: QueryId, status: number, text: string, expected: Expected): ArticleAnswer | PageAnswer {
  if (status < 200 || status >= 300) throw new AnswerError(`HTTP ${status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown };
  if (body.errors) throw new AnswerError(`errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
  if (!body.data) throw new AnswerError(`no data: ${text.slice(0, 300)}`);
  if (query === 'Q2') {
    const page: PageAnswer =
      kind === 'postgraphile'
        ? (body.data as unknown as PgPage).allArticles.edges.map(({ node }) => ({
            slug: node.slug,
            title: node.title,
            paragraphs: node.paragraphsByArticleId.nodes,
          }))
        : (body.data as unknown as DeskPage).articles.edges.map(({ node }) => node);
    const slugs = page.map((a) => a.slug);
    if (slugs.join() !== expected.page.join()) throw new AnswerError(`articles ${slugs.join()} instead of ${expected.page.join()}`);
    const counts = page.map((a) => a.paragraphs.length);
    if (counts.join() !== expected.pageParagraphs.join()) throw new AnswerError(`paragraph counts ${counts.join()}`);
    return page;
  }
  let article: ArticleAnswer | null | undefined;
  if (kind === 'postgraphile') {
    const found = (body.data.allArticles as Nodes<PgArticle>).nodes[0];
    article = found && {
      title: found.title,
      paragraphs: found.paragraphsByArticleId.nodes.map((p) => ({
        position: p.position,
        kind: p.kind,
        text: p.text,
        mentions: p.mentionsByParagraphId.nodes.map((m) => ({ start: m.start, end: m.end, text: m.text, entity: m.entityByEntityId })),
      })),
    };
  } else {
    article = body.data.article as ArticleAnswer | null;
  }
  if (!article) throw new AnswerError('no article');
  const mentions = article.paragraphs.reduce((n, p) => n + p.mentions.length, 0);
  if (article.paragraphs.length !== expected.paragraphs || mentions !== expected.mentions) {
    throw new AnswerError(
      `${article.paragraphs.length} paragraphs and ${mentions} mentions instead of ${expected.paragraphs} and ${expected.mentions}`,
    );
  }
  if (query === 'Q1 ko' && kind === 'desk') {
    const english = article.paragraphs.filter((p) => !HANGUL.test(p.text)).map((p) => p.position);
    if (english.length) throw new AnswerError(`paragraphs without Hangul at positions ${english.join(', ')}`);
  }
  return article;
}

const DATA_FIRST = /^\{\s*"data"\s*:/;

/**
 * A cheap check for the load phase: a 2xx whose body starts with data and has no "errors" key (a
 * quote inside a string value is escaped, so the quoted word can only be a key).
 */
export function looksOk(status: number, body: string): boolean {
  return status >= 200 && status < 300 && DATA_FIRST.test(body) && !body.includes('"errors"');
}
