import { createYoga } from 'graphql-yoga';
import type { Context } from './schema/builder.js';
import { schema } from './schema/index.js';

export const EXAMPLE_QUERY = `# polyglot-desk: news articles and the entities they mention.
# Press the run button (or Ctrl-Enter) to fetch the seed article.
query SeedArticle {
  article(slug: "nk-workers-china-seafood-plants") {
    title
    source
    paragraphs {
      position
      kind
      text
      mentions { start end text entity { key kind name } }
    }
    entities(kind: PLACE) { key name aliases }
  }
  entities(kind: ORGANIZATION, first: 10) {
    totalCount
    edges { node { key name confirmed articles { slug } } }
  }
}
`;

/** The GraphQL application: schema, context, masking. Exported without a listener so tests call `yoga.fetch`. */
export function createApp() {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // Unexpected errors reach clients as "Unexpected error." with no SQL, stack or path.
    maskedErrors: { isDev: false },
    graphiql: { title: 'polyglot-desk', defaultQuery: EXAMPLE_QUERY },
    context: ({ request }) => ({ request }),
    logging: process.env.NODE_ENV === 'test' ? false : 'info',
  });
}
