// The GraphQL client: urql on the same origin's /graphql. Queries go as POST (the server's response
// cache answers POSTs, and a GET would need the CSRF header); the browser sends its own
// Accept-Language, which the server negotiates when a page names no language. The answers the
// server put in the page (src/desk/serve.ts) are replayed once by the ssr exchange, so the first
// render needs no request.
import { Client, cacheExchange, createRequest, fetchExchange, ssrExchange } from '@urql/core';
import { ArticleListDocument, ArticlePageDocument } from './generated/graphql.js';

const ssr = ssrExchange({ isClient: true, includeExtensions: true });

export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, ssr, fetchExchange],
  preferGetMethod: false,
  requestPolicy: 'cache-first',
});

const DOCUMENTS = { ArticlePage: ArticlePageDocument, ArticleList: ArticleListDocument } as const;

interface Embedded {
  operation: string;
  variables: Record<string, string>;
  data: unknown;
  extensions?: unknown;
}

/**
 * Hands the page's embedded answers (the JSON in #desk-data) to the client, keyed as the
 * components' own queries with the same variables; returns how many it took.
 */
export function restorePageData(doc: Document = document): number {
  const text = doc.getElementById('desk-data')?.textContent;
  if (!text) return 0;
  let embedded: Embedded[];
  try {
    embedded = JSON.parse(text) as Embedded[];
  } catch {
    return 0;
  }
  let taken = 0;
  for (const answer of Array.isArray(embedded) ? embedded : []) {
    const document = DOCUMENTS[answer.operation as keyof typeof DOCUMENTS];
    if (!document || !answer.data) continue;
    const { key } = createRequest(document, answer.variables);
    ssr.restoreData({
      [key]: {
        data: JSON.stringify(answer.data),
        ...(answer.extensions ? { extensions: JSON.stringify(answer.extensions) } : {}),
      },
    });
    taken++;
  }
  return taken;
}
