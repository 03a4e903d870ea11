import { hydrate, render } from 'preact';
import './styles.css';
import { App } from './app.js';
import { client, restorePageData } from './client.js';
import { ArticleListDocument, ArticlePageDocument } from './generated/graphql.js';
import { loadLabels } from './i18n.js';
import { routeOf } from './route.js';
import { readToken } from './translator.js';

// The page's data: the server's answers in the page, else asked for before the first render, so the
// request runs while the page is built (urql shares the answer with the components' identical queries).
const route = routeOf(window.location);
loadLabels();
restorePageData();
if (route.page === 'article') {
  client.query(ArticlePageDocument, { slug: route.slug, lang: route.lang }).toPromise();
  if (route.compare) client.query(ArticlePageDocument, { slug: route.slug, lang: route.compare }).toPromise();
} else if (route.page === 'list') client.query(ArticleListDocument, { lang: route.lang }).toPromise();

const root = document.getElementById('app');
if (root?.dataset.ssr !== undefined && !readToken()) {
  // The server rendered the page from the same answers: the browser paints it first (a frame, then
  // a task), and then it comes alive where it stands. (A translator's tab draws its own: the server
  // drew it read-only.)
  requestAnimationFrame(() => setTimeout(() => hydrate(<App route={route} client={client} />, root), 0));
} else if (root) {
  root.textContent = '';
  render(<App route={route} client={client} />, root);
}
// The fonts, after the first render: reading their stylesheets' hundreds of @font-face rules takes the
// browser tens of milliseconds, so the page's own languages come next, the others when it is idle.
requestAnimationFrame(() => {
  let sheets: Record<string, string> = {};
  try {
    sheets = JSON.parse(document.getElementById('desk-fonts')?.textContent ?? '{}') as Record<string, string>;
  } catch {}
  const link = (code: string) => {
    const href = sheets[code];
    if (!href || document.querySelector(`link[data-fonts="${code}"]`)) return;
    const element = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
    element.dataset.fonts = code;
    document.head.append(element);
  };
  const shown = [document.documentElement.lang, ...(route.page === 'article' ? [route.lang, route.compare] : [])];
  for (const code of shown) if (code) link(code);
  const later = () => {
    for (const code of Object.keys(sheets)) link(code);
  };
  if ('requestIdleCallback' in window) requestIdleCallback(later, { timeout: 2000 });
  else setTimeout(later, 500);
});
