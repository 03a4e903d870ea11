// The desk's page as HTML, for the server to send (src/desk/serve.ts imports the build of this file,
// dist/web/ssr.mjs): the same components the browser runs, given the answers the page carries and
// the labels of its language, so the article is on screen before the script arrives, and readable
// without it. The browser then hydrates what it finds (web/src/main.tsx).
import { renderToString } from 'preact-render-to-string';
import { App } from './app.js';
import { ask, createDeskClient } from './client.js';
import { setLabels } from './i18n.js';
import { type PageQuery, pageQueries, routeOf } from './route.js';

/**
 * What the server asks for a page before it sends it: the page's queries (the ones the browser
 * would ask, with the same variables), and the language the address asks for.
 */
export function pageRequests(path: string, search: string): { language?: string; queries: PageQuery[] } {
  const route = routeOf({ pathname: path, search });
  return { language: route.page === 'list' || route.page === 'article' ? route.lang : undefined, queries: pageQueries(route) };
}

export interface PageInput {
  /** The address's path and query string ("?lang=ko"). */
  path: string;
  search: string;
  /** The answers the page carries (#desk-data). */
  embedded: unknown;
  /** The labels the page carries (#desk-labels). */
  labels: unknown;
}

/** The inside of #app for a page, or null when it cannot be rendered from what the page carries. */
export function renderPage(input: PageInput): string | null {
  // renderToString is synchronous: the labels set here are the ones this render reads.
  setLabels(input.labels);
  const { client, restore } = createDeskClient(false);
  if (!restore(input.embedded)) return null;
  const route = routeOf({ pathname: input.path, search: input.search });
  ask(client, pageQueries(route));
  return renderToString(<App route={route} client={client} />);
}
