// Translation status per language, as translationStatus gives it: coverage, missing, stale and
// orphaned strings, locale files that failed to load, and the same figures per namespace.
import { useQuery } from '@urql/preact';
import { type StatusFiguresFragment, TranslationStatusPageDocument } from './generated/graphql.js';
import { rich, t } from './i18n.js';
import { Problem, percent } from './ui.js';

function Keys({ label, keys }: { label: string; keys: string[] }) {
  if (!keys.length) return null;
  return (
    <details>
      <summary>
        {label} ({keys.length})
      </summary>
      <ul class="keys">
        {keys.map((key) => (
          <li key={key}>
            <code>{key}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

function LanguageStatus({ status, name }: { status: StatusFiguresFragment; name: string }) {
  return (
    <section class="status-language" aria-labelledby={`status-${status.language}`} data-language={status.language}>
      <h2 id={`status-${status.language}`}>
        <span lang={status.language}>{name}</span> <code>{status.language}</code>
      </h2>
      <dl class="figures">
        <div>
          <dt>{t('status.coverage')}</dt>
          <dd>
            <meter min={0} max={1} value={status.coverage} aria-label={t('list.coverageOf', { language: status.language })} />{' '}
            {percent(status.coverage)} ({t('status.translatedOf', { translated: status.translated, total: status.total })})
          </dd>
        </div>
        <div>
          <dt>{t('status.missing')}</dt>
          <dd data-figure="missing">{status.missing}</dd>
        </div>
        <div>
          <dt>{t('status.stale')}</dt>
          <dd data-figure="stale">{status.stale}</dd>
        </div>
        <div>
          <dt>{t('status.orphaned')}</dt>
          <dd data-figure="orphaned">{status.orphaned}</dd>
        </div>
        <div>
          <dt>{t('status.errors')}</dt>
          <dd data-figure="errors">{status.errors.length}</dd>
        </div>
      </dl>
      {status.errors.length > 0 && (
        <ul class="errors">
          {status.errors.map((e) => (
            <li key={`${e.file}:${e.line}`}>
              <code>
                {e.file}
                {e.line ? `:${e.line}` : ''}
              </code>{' '}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      <p class="exports">
        {t('status.export', { language: status.language })}{' '}
        <a href={`/status/export/${status.language}/xliff`} download>
          XLIFF 2.0
        </a>
        {' · '}
        <a href={`/status/export/${status.language}/xliff12`} download>
          XLIFF 1.2
        </a>
        {' · '}
        <a href={`/status/export/${status.language}/po`} download>
          PO
        </a>{' '}
        {rich('status.import', { command: <code>npm run i18n:import</code> })}
      </p>
      <Keys label={t('status.missingKeys')} keys={status.missingKeys} />
      <Keys label={t('status.staleKeys')} keys={status.staleKeys} />
      <table class="namespaces">
        <caption>{t('status.byFile')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('status.namespace')}</th>
            <th scope="col">{t('status.coverage')}</th>
            <th scope="col">{t('status.missing')}</th>
            <th scope="col">{t('status.stale')}</th>
            <th scope="col">{t('status.orphaned')}</th>
          </tr>
        </thead>
        <tbody>
          {status.namespaces.map((ns) => (
            <tr key={ns.namespace}>
              <th scope="row">
                <code>{ns.namespace}</code>
              </th>
              <td>
                {percent(ns.coverage)} ({ns.translated}/{ns.total})
              </td>
              <td>{ns.missing}</td>
              <td>{ns.stale}</td>
              <td>{ns.orphaned}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function StatusPage() {
  const [{ data, error, fetching }] = useQuery({ query: TranslationStatusPageDocument, requestPolicy: 'network-only' });
  if (fetching && !data) return <p class="loading">{t('status.loading')}</p>;
  if (!data) return <Problem error={error} />;
  const name = (code: string) => data.languages.find((l) => l.code === code)?.nativeName ?? code;
  return (
    <section class="status">
      <h1>{t('status.title')}</h1>
      <p>{rich('status.intro', { command: <code>npm run i18n:export</code>, guide: <code>locales/README.md</code> })}</p>
      {[data.ko, data.zhHans, data.zhHant].map((status) => (
        <LanguageStatus key={status.language} status={status} name={name(status.language)} />
      ))}
    </section>
  );
}
