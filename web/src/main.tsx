import { Provider } from '@urql/preact';
import { render } from 'preact';
import './styles.css';
import { ArticlePage } from './article.js';
import { client } from './client.js';
import { ArticleListDocument, ArticlePageDocument } from './generated/graphql.js';
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
            <h1>Not found</h1>
            <p>
              There is no page here. <a href="/">See the articles</a>.
            </p>
          </section>
        )}
      </main>
    </Provider>
  );
}

// The page's data is asked for before the first render, so the request runs while the page is
// built (urql shares the answer with the components' identical queries).
const route = routeOf(window.location);
if (route.page === 'article') {
  client.query(ArticlePageDocument, { slug: route.slug, lang: route.lang }).toPromise();
  if (route.compare) client.query(ArticlePageDocument, { slug: route.slug, lang: route.compare }).toPromise();
} else if (route.page === 'list') client.query(ArticleListDocument, { lang: route.lang }).toPromise();

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
// The fonts' stylesheet, linked for print so that it does not hold up the first render, now applies.
requestAnimationFrame(() => document.querySelector('link[data-fonts]')?.setAttribute('media', 'all'));
