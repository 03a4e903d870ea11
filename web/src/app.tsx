// The desk's page: the header and the page the address names. Rendered by the server into the page
// it sends (web/src/ssr.tsx), then hydrated in the browser (web/src/main.tsx).
import type { Client } from '@urql/core';
import { Provider } from '@urql/preact';
import { ArticlePage } from './article.js';
import { t } from './i18n.js';
import { ArticleList } from './list.js';
import type { Route } from './route.js';
import { StatusPage } from './status.js';
import { Header } from './ui.js';

export function App({ route, client }: { route: Route; client: Client }) {
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
