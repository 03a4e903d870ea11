// An article in one language (/articles/<slug>?lang=ko), or two side by side, aligned paragraph by
// paragraph (…?lang=en&compare=zh-Hant). Each paragraph carries the language it is served in; the
// entity mentions are highlighted by kind, with the entity's name in the other languages on hover
// or focus; FALLBACK, CONVERTED and stale strings are marked.

import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { ArticlePageDocument, type ArticlePageQuery, type ServedFragment } from './generated/graphql.js';
import { t, uiLanguage } from './i18n.js';
import { ReviewPanel } from './review.js';
import { articleHref } from './route.js';
import { Editor, TARGETS, TranslatorPanel, useToken } from './translator.js';
import { LanguageForm, LanguagePicker, Legend, Marks, markClass, Problem, withSpans } from './ui.js';

type Article = NonNullable<ArticlePageQuery['article']>;
type Paragraph = Article['paragraphs'][number];
type Mention = Paragraph['mentions'][number];

const NAMES: Array<[code: string, field: 'en' | 'ko' | 'zhHans' | 'zhHant']> = [
  ['en', 'en'],
  ['ko', 'ko'],
  ['zh-Hans', 'zhHans'],
  ['zh-Hant', 'zhHant'],
];

/** An entity's name in one of the four languages. */
const nameIn = (entity: Mention['entity'], code: string) => entity[NAMES.find(([c]) => c === code)?.[1] ?? 'en'];

/** A highlighted mention; hovering or focusing it shows the entity's name in the other languages. */
function MentionMark({ mention, id, language }: { mention: Mention; id: string; language: string }) {
  const [open, setOpen] = useState(false);
  const { entity } = mention;
  const others = NAMES.filter(([code]) => code !== language);
  return (
    <span class="mention-wrap">
      <button
        type="button"
        class={`mention kind-${entity.kind}${entity.confirmed ? '' : ' proposed'}`}
        data-entity={entity.key}
        data-kind={entity.kind}
        aria-describedby={id}
        aria-expanded={open}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        {mention.text}
      </button>
      {/* Filled only while open: an article has a hundred mentions, and the page draws faster without them. */}
      <span role="tooltip" id={id} class="tip" hidden={!open}>
        {open && (
          <>
            <span class="tip-kind">
              {entity.kindLabel}
              {entity.confirmed ? '' : ` · ${t('article.proposed')}`}
            </span>
            {others.map(([code, field]) => (
              <span class="tip-name" key={code}>
                <span class="tip-lang">{code}</span> <span lang={code}>{entity[field]}</span>
              </span>
            ))}
          </>
        )}
      </span>
    </span>
  );
}

/** The paragraph's served text with its located mentions highlighted (overlaps keep the first). */
function Highlighted({ paragraph, idPrefix }: { paragraph: Paragraph; idPrefix: string }) {
  const placed = paragraph.mentions
    .filter((m): m is Mention & { start: number; end: number } => m.located && m.start != null && m.end != null && m.end > m.start)
    .map((m) => ({ start: m.start, end: m.end, item: m }));
  return (
    <>
      {withSpans(paragraph.localizedText.text, placed, (mention, text, i) => (
        <MentionMark key={i} mention={{ ...mention, text }} id={`${idPrefix}-m${i}`} language={paragraph.localizedText.language} />
      ))}
    </>
  );
}

/** Who may edit, in which language: set only in translator mode, for a language translators write. */
interface Editing {
  slug: string;
  lang: string;
  token: string;
}

/** The Edit button of a string and, once pressed, its editor. */
function EditControl(props: {
  editing?: Editing;
  keyName: string;
  label: string;
  source: string;
  served: ServedFragment;
  mentions?: Mention[];
}) {
  const [open, setOpen] = useState(false);
  const { editing, served } = props;
  if (!editing) return null;
  // A fallback is not a translation: the editor starts empty, with the source above it.
  const current = served.provenance === 'FALLBACK' ? '' : served.text;
  if (!open)
    return (
      <button type="button" class="edit" onClick={() => setOpen(true)} aria-label={t('article.editLabel', { what: props.label })}>
        {t('article.edit')}
      </button>
    );
  return (
    <Editor
      target={{
        ...editing,
        key: props.keyName,
        label: props.label,
        source: props.source,
        current,
        mentions: props.mentions?.map((m) => ({
          sourceStart: m.sourceStart,
          sourceEnd: m.sourceEnd,
          entity: { key: m.entity.key, kind: m.entity.kind, name: nameIn(m.entity, editing.lang), aliases: m.entity.aliases },
        })),
      }}
      onClose={() => setOpen(false)}
    />
  );
}

function ParagraphView({ paragraph, column, editing }: { paragraph: Paragraph; column: string; editing?: Editing }) {
  const served = paragraph.localizedText;
  const idPrefix = `${column}-${paragraph.key}`;
  const body = <Highlighted paragraph={paragraph} idPrefix={idPrefix} />;
  return (
    <div class={`para ${markClass(served)}`} data-position={paragraph.position} data-key={paragraph.key}>
      <Marks served={served} />
      <EditControl
        editing={editing}
        keyName={`paragraphs.${paragraph.key}`}
        label={t('article.paragraphLabel', { number: paragraph.position + 1 })}
        source={paragraph.originalText}
        served={served}
        mentions={paragraph.mentions}
      />
      {paragraph.kind === 'HEADING' ? (
        <h2 lang={served.language} data-provenance={served.provenance}>
          {body}
        </h2>
      ) : (
        <p lang={served.language} data-provenance={served.provenance}>
          {body}
        </p>
      )}
    </div>
  );
}

function Title({ article, editing }: { article: Article; editing?: Editing }) {
  const title = article.localizedTitle;
  return (
    <div class={`para title-row ${markClass(title)}`}>
      <Marks served={title} />
      <EditControl editing={editing} keyName="title" label={t('article.titleLabel')} source={article.originalTitle} served={title} />
      <h1 lang={title.language} data-provenance={title.provenance}>
        {title.text}
      </h1>
    </div>
  );
}

function Byline({ article }: { article: Article }) {
  return (
    <p class="byline">
      <span lang="en">{article.source}</span>
      {article.publishedAt && (
        <>
          {' · '}
          <time dateTime={article.publishedAt} lang={article.published?.language}>
            {article.published?.text ?? article.publishedAt.slice(0, 10)}
          </time>
        </>
      )}
      {article.url && (
        <>
          {' · '}
          <a href={article.url} rel="noreferrer noopener" lang={uiLanguage}>
            {t('article.original')}
          </a>
        </>
      )}
    </p>
  );
}

export function ArticlePage({ slug, lang, compare }: { slug: string; lang?: string; compare?: string }) {
  const [first] = useQuery({ query: ArticlePageDocument, variables: { slug, lang } });
  const [second] = useQuery({ query: ArticlePageDocument, variables: { slug, lang: compare }, pause: !compare });
  const [token, setToken] = useToken();
  const article = first.data?.article;
  if (first.fetching && !first.data) return <p class="loading">{t('article.loading')}</p>;
  if (!first.data) return <Problem error={first.error} />;
  if (!article)
    return (
      <section>
        <h1>{t('article.missingTitle')}</h1>
        <p>
          {t('article.missingText', { slug })} <a href="/">{t('notFound.back')}</a>
        </p>
      </section>
    );
  const served = article.localizedTitle.requestedLanguage;
  const other = compare ? second.data?.article : undefined;
  // Paired by the paragraphs' stable keys: the same paragraph in both languages, whatever the positions.
  const otherByKey = new Map((other?.paragraphs ?? []).map((p) => [p.key, p]));
  const editing = (lang: string | undefined): Editing | undefined =>
    token && lang && TARGETS.includes(lang) ? { slug, lang, token } : undefined;
  const pickers = (
    <div class="toolbar" lang={uiLanguage}>
      <LanguageForm action={articleHref(slug)}>
        <LanguagePicker id="lang" name="lang" label={t('picker.language')} languages={first.data.languages} value={served} />
        <LanguagePicker
          id="compare"
          name="compare"
          label={t('picker.compare')}
          languages={first.data.languages}
          value={compare ?? ''}
          none={t('picker.none')}
        />
      </LanguageForm>
      <Legend />
      <TranslatorPanel token={token} setToken={setToken} lang={compare && TARGETS.includes(compare) ? compare : served} />
    </div>
  );
  if (!compare) {
    return (
      <article class="reader" lang={served} aria-labelledby="article-title">
        {pickers}
        <header id="article-title">
          <Title article={article} editing={editing(served)} />
          <Byline article={article} />
        </header>
        {article.paragraphs.map((paragraph) => (
          <ParagraphView key={paragraph.key} paragraph={paragraph} column="a" editing={editing(served)} />
        ))}
        {token && <ReviewPanel slug={slug} lang={lang} token={token} entities={article.entities} />}
      </article>
    );
  }
  return (
    <section class="compare" aria-label={t('article.sideBySide', { first: served, second: compare })}>
      {pickers}
      <Problem error={second.error} />
      {!other ? (
        <p class="loading">{t('article.loadingLanguage', { language: compare })}</p>
      ) : (
        <table class="columns" aria-label={t('article.columns')}>
          <thead>
            <tr>
              <th scope="col" lang={served} class="col-a">
                <Title article={article} editing={editing(served)} />
              </th>
              <th scope="col" lang={compare} class="col-b">
                <Title article={other} editing={editing(compare)} />
              </th>
            </tr>
          </thead>
          <tbody>
            {article.paragraphs.map((paragraph) => {
              const pair = otherByKey.get(paragraph.key);
              return (
                <tr key={paragraph.key} data-position={paragraph.position}>
                  <td class="col-a">
                    <ParagraphView paragraph={paragraph} column="a" editing={editing(served)} />
                  </td>
                  <td class="col-b">{pair && <ParagraphView paragraph={pair} column="b" editing={editing(compare)} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
