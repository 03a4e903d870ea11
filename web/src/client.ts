// The GraphQL client: urql on the same origin's /graphql. Queries go as POST (the server's response
// cache answers POSTs, and a GET would need the CSRF header); the browser sends its own
// Accept-Language, which the server negotiates when a page names no language.
import { Client, cacheExchange, fetchExchange } from '@urql/core';

export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  preferGetMethod: false,
  requestPolicy: 'cache-first',
});
