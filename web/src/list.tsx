// The article list: title in the chosen language (by ?lang=, else the browser's Accept-Language as
// the server negotiates it), source, date, the languages each article is available in, and coverage.
import { useQuery } from '@urql/preact';
import { ArticleListDocument } from './generated/graphql.js';
import { t, uiLanguage } from './i18n.js';
import { articleHref } from './route.js';
import { LanguageForm, LanguagePicker, Legend, Marks, markClass, Problem, percent } from './ui.js';

export function ArticleList({ lang }: { lang?: string }) {
  const [result] = useQuery({ query: ArticleListDocument, variables: { lang } });
  const { data, error, fetching } = result;
  const served: string = lang ?? result.extensions?.i18n?.negotiated ?? 'en';
  if (fetching && !data) return <p class="loading">{t('list.loading')}</p>;
  if (!data) return <Problem error={error} />;
  return (
    <section class="list" lang={served}>
      <div class="toolbar" lang={uiLanguage}>
        <h1>{t('nav.articles')}</h1>
        <LanguageForm action="/">
          <LanguagePicker id="lang" name="lang" label={t('picker.language')} languages={data.languages} value={served} />
        </LanguageForm>
        <Legend />
      </div>
      <Problem error={error} />
      <table class="articles">
        <caption lang={uiLanguage}>{t('list.count', { count: data.articles.totalCount })}</caption>
        <thead lang={uiLanguage}>
          <tr>
            <th scope="col">{t('list.title')}</th>
            <th scope="col">{t('list.source')}</th>
            <th scope="col">{t('list.published')}</th>
            <th scope="col">{t('list.languages')}</th>
            <th scope="col">{t('list.coverage')}</th>
          </tr>
        </thead>
        <tbody>
          {data.articles.edges.map(({ node }) => (
            <tr key={node.slug}>
              <td>
                <a
                  class={`title ${markClass(node.localizedTitle)}`}
                  href={articleHref(node.slug, lang)}
                  lang={node.localizedTitle.language}
                >
                  {node.localizedTitle.text}
                </a>{' '}
                <Marks served={node.localizedTitle} />
              </td>
              <td lang="en">{node.source}</td>
              <td lang={node.published?.language}>
                {node.publishedAt ? <time dateTime={node.publishedAt}>{node.published?.text ?? node.publishedAt.slice(0, 10)}</time> : '—'}
              </td>
              <td lang="en">
                <ul class="langs">
                  {node.availableLanguages.map((code) => (
                    <li key={code}>
                      <a href={articleHref(node.slug, code)}>{code}</a>
                    </li>
                  ))}
                </ul>
              </td>
              <td lang="en">
                <ul class="coverage">
                  {node.translations.map((tr) => (
                    <li key={tr.language}>
                      {tr.language}{' '}
                      <meter min={0} max={1} value={tr.coverage} aria-label={t('list.coverageOf', { language: tr.language })} />{' '}
                      {percent(tr.coverage)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
