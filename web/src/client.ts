// The GraphQL client: urql on the same origin's /graphql. Queries go as POST (the server's response
// cache answers POSTs, and a GET would need the CSRF header); the browser sends its own
// Accept-Language, which the server negotiates when a page names no language. The answers the
// server put in the page (src/desk/serve.ts) are replayed once by the ssr exchange, so the first
// render needs no request; the server renders the page with a client of its own, given the same
// answers (web/src/ssr.tsx).
import { Client, cacheExchange, createRequest, fetchExchange, type SSRExchange, ssrExchange } from '@urql/core';
import { ArticleListDocument, ArticlePageDocument } from './generated/graphql.js';
import type { PageQuery } from './route.js';

const DOCUMENTS = { ArticlePage: ArticlePageDocument, ArticleList: ArticleListDocument } as const;

/** An answer the server put in the page: one of the page's queries (route.ts, pageQueries), and its result. */
export interface Embedded extends PageQuery {
  data: unknown;
  extensions?: unknown;
}

/**
 * Asks a page's queries at once, before the first render: the answers the page carries are then
 * in the cache when the components read them, and the others are on their way.
 */
export function ask(client: Client, queries: PageQuery[]): void {
  for (const query of queries) client.query(DOCUMENTS[query.operation], query.variables).toPromise();
}

/** A client, and a way to hand it answers it replays once, keyed as the components' own queries. */
export function createDeskClient(network = true): { client: Client; restore: (embedded: unknown) => number } {
  const ssr: SSRExchange = ssrExchange({ isClient: true, includeExtensions: true });
  const client = new Client({
    url: '/graphql',
    // The server's render has what the page carries and nothing else: it never asks the network.
    exchanges: network ? [cacheExchange, ssr, fetchExchange] : [cacheExchange, ssr],
    preferGetMethod: false,
    requestPolicy: 'cache-first',
  });
  const restore = (embedded: unknown) => {
    let taken = 0;
    for (const answer of Array.isArray(embedded) ? (embedded as Embedded[]) : []) {
      const document = DOCUMENTS[answer?.operation as keyof typeof DOCUMENTS];
      if (!document || !answer.data) continue;
      ssr.restoreData({
        [createRequest(document, answer.variables).key]: {
          data: JSON.stringify(answer.data),
          ...(answer.extensions ? { extensions: JSON.stringify(answer.extensions) } : {}),
        },
      });
      taken++;
    }
    return taken;
  };
  return { client, restore };
}

const desk = createDeskClient();
/** The page's client. */
export const client = desk.client;

/** Hands the page's embedded answers (the JSON in #desk-data) to the client; returns how many it took. */
export function restorePageData(doc: Document = document): number {
  const text = doc.getElementById('desk-data')?.textContent;
  if (!text) return 0;
  try {
    return desk.restore(JSON.parse(text));
  } catch {
    return 0;
  }
}
