// Entity review from the article page (translator mode): the article's proposed entities, each
// confirmed, rejected or renamed through the write API's review mutations; the page then reads the
// article again.
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { client } from './client.js';
import {
  ArticlePageDocument,
  type ArticlePageQuery,
  ConfirmEntityDocument,
  RejectEntityDocument,
  RenameEntityDocument,
} from './generated/graphql.js';
import { t, writeHeaders } from './i18n.js';
import { errorLine } from './ui.js';

type Entity = NonNullable<ArticlePageQuery['article']>['entities'][number];

export function ReviewPanel({ slug, lang, token, entities }: { slug: string; lang?: string; token: string; entities: Entity[] }) {
  const [, confirm] = useMutation(ConfirmEntityDocument);
  const [, reject] = useMutation(RejectEntityDocument);
  const [, rename] = useMutation(RenameEntityDocument);
  const [note, setNote] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const proposed = entities.filter((e) => !e.confirmed);
  const act = async (entity: Entity, action: 'confirm' | 'reject' | 'rename') => {
    const context = { fetchOptions: { headers: writeHeaders(token) } };
    const name = (names[entity.key] ?? '').trim();
    if (action === 'rename' && !name) {
      setNote(t('review.typeName', { name: entity.originalName }));
      return;
    }
    const result =
      action === 'confirm'
        ? await confirm({ key: entity.key }, context)
        : action === 'reject'
          ? await reject({ key: entity.key }, context)
          : await rename({ key: entity.key, name }, context);
    if (result.error) {
      setNote(errorLine(result.error, result.error.message));
      return;
    }
    setNote(
      action === 'rename'
        ? t('review.renamed', { name: entity.originalName, newName: name })
        : t(action === 'confirm' ? 'review.confirmed' : 'review.rejected', { name: entity.originalName }),
    );
    await client.query(ArticlePageDocument, { slug, lang }, { requestPolicy: 'network-only' }).toPromise();
  };
  return (
    <section class="review" aria-labelledby="review-title">
      <h2 id="review-title">{t('review.title')}</h2>
      {proposed.length === 0 ? (
        <p>{t('review.none')}</p>
      ) : (
        <ul>
          {proposed.map((entity) => (
            <li key={entity.key} data-entity={entity.key}>
              <span class={`mention kind-${entity.kind}`}>{entity.originalName}</span> <span class="muted">({entity.kindLabel})</span>{' '}
              <button type="button" onClick={() => act(entity, 'confirm')}>
                {t('review.confirm')}
              </button>{' '}
              <button type="button" onClick={() => act(entity, 'reject')}>
                {t('review.reject')}
              </button>{' '}
              <label for={`rename-${entity.key}`} class="visually-hidden">
                {t('review.renameLabel', { name: entity.originalName })}
              </label>
              <input
                id={`rename-${entity.key}`}
                type="text"
                maxLength={200}
                placeholder={t('review.newName')}
                value={names[entity.key] ?? ''}
                onInput={(e) => setNames({ ...names, [entity.key]: (e.currentTarget as HTMLInputElement).value })}
              />{' '}
              <button type="button" onClick={() => act(entity, 'rename')}>
                {t('review.rename')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status">{note}</p>
    </section>
  );
}
