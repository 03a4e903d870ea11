import { Provider } from '@urql/preact';
import { render } from 'preact';
import './styles.css';
import { ArticlePage } from './article.js';
import { client, restorePageData } from './client.js';
import { ArticleListDocument, ArticlePageDocument } from './generated/graphql.js';
import { loadLabels, t } from './i18n.js';
import { ArticleList } from './list.js';
import { routeOf } from './route.js';
import { StatusPage } from './status.js';
import { Header } from './ui.js';

function App() {
  const route = routeOf(window.location);
  return (
    <Provider value={client}>
      <Header current={route.page} />
      <main id="main" tabIndex={-1}>
        {route.page === 'list' && <ArticleList lang={route.lang} />}
        {route.page === 'article' && <ArticlePage slug={route.slug} lang={route.lang} compare={route.compare} />}
        {route.page === 'status' && <StatusPage />}
        {route.page === 'missing' && (
          <section>
            <h1>{t('notFound.title')}</h1>
            <p>
              {t('notFound.text')} <a href="/">{t('notFound.back')}</a>
            </p>
          </section>
        )}
      </main>
    </Provider>
  );
}

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
if (root) {
  root.textContent = '';
  render(<App />, root);
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
