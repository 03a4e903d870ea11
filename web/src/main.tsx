import { Provider } from '@urql/preact';
import { render } from 'preact';
import './styles.css';
import { ArticlePage } from './article.js';
import { client } from './client.js';
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

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
