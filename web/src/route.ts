// The desk's pages, read from the address: /, /articles/<slug>?lang=…&compare=…, /status.
export type Route =
  | { page: 'list'; lang?: string }
  | { page: 'article'; slug: string; lang?: string; compare?: string }
  | { page: 'status' }
  | { page: 'missing' };

const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A language parameter when it looks like a tag (the server checks it against what it serves). */
const tag = (value: string | null) => (value && value.length <= 35 && LANG.test(value) ? value : undefined);

export function routeOf(location: { pathname: string; search: string }): Route {
  const query = new URLSearchParams(location.search);
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'list', lang: tag(query.get('lang')) };
  if (path === '/status') return { page: 'status' };
  const article = /^\/articles\/([a-z0-9][a-z0-9-]*)$/.exec(path);
  if (article?.[1]) return { page: 'article', slug: article[1], lang: tag(query.get('lang')), compare: tag(query.get('compare')) };
  return { page: 'missing' };
}

/** The address of an article page. */
export function articleHref(slug: string, lang?: string, compare?: string): string {
  const query = new URLSearchParams();
  if (lang) query.set('lang', lang);
  if (compare) query.set('compare', compare);
  const search = query.toString();
  return `/articles/${encodeURIComponent(slug)}${search ? `?${search}` : ''}`;
}

/** A query a page asks as it opens: one of the desk's operations, with the variables its components use. */
export interface PageQuery {
  operation: 'ArticlePage' | 'ArticleList';
  variables: { slug?: string; lang?: string };
}

/**
 * The queries a page opens with: what the browser asks before the first render, and what the
 * server answers inside the page it sends (src/desk/serve.ts, through web/src/ssr.tsx).
 */
export function pageQueries(route: Route): PageQuery[] {
  if (route.page === 'list') return [{ operation: 'ArticleList', variables: { lang: route.lang } }];
  if (route.page !== 'article') return [];
  const queries: PageQuery[] = [{ operation: 'ArticlePage', variables: { slug: route.slug, lang: route.lang } }];
  if (route.compare) queries.push({ operation: 'ArticlePage', variables: { slug: route.slug, lang: route.compare } });
  return queries;
}
