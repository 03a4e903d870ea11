// Parts shared by the pages: the header, the language picker, provenance marks and their legend.
import type { CombinedError } from '@urql/core';
import type { ComponentChildren } from 'preact';
import type { Provenance, ServedFragment } from './generated/graphql.js';
import { t } from './i18n.js';

export function Header({ current }: { current: string }) {
  const link = (href: string, page: string, label: string) => (
    <a href={href} aria-current={current === page ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <header class="top">
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <nav aria-label={t('nav.label')}>
        <span class="brand">polyglot-desk</span>
        {link('/', 'list', t('nav.articles'))}
        {link('/status', 'status', t('nav.status'))}
        <a href="/graphql">{t('nav.api')}</a>
      </nav>
    </header>
  );
}

export interface LanguageOption {
  code: string;
  nativeName: string;
}

/** A language select inside a LanguageForm: choosing does nothing until the form is sent (no surprise navigation). */
export function LanguagePicker(props: {
  id: string;
  name: string;
  label: string;
  languages: LanguageOption[];
  value: string;
  none?: string;
}) {
  return (
    <span class="picker">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} value={props.value}>
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.languages.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.nativeName} ({language.code})
          </option>
        ))}
      </select>
    </span>
  );
}

/** The page's language choices as a GET form: each choice is its own address (?lang=…&compare=…). */
export function LanguageForm({ action, children }: { action: string; children: ComponentChildren }) {
  return (
    <form class="pickers" method="get" action={action}>
      {children}
      <button type="submit">{t('picker.show')}</button>
    </form>
  );
}

const PROVENANCE_LABEL: Record<Provenance, string | null> = {
  ORIGINAL: null,
  TRANSLATED: null,
  FORMATTED: null,
  CONVERTED: 'converted',
  FALLBACK: 'fallback',
};

/** The marks a served string carries: FALLBACK (with the language it is shown in), CONVERTED, stale. */
export function Marks({ served }: { served: ServedFragment }) {
  const marks: ComponentChildren[] = [];
  const label = PROVENANCE_LABEL[served.provenance];
  if (label === 'fallback')
    marks.push(
      <span
        class="mark mark-fallback"
        key="p"
        title={t('marks.fallback', { requested: served.requestedLanguage, language: served.language })}
      >
        FALLBACK · {served.language}
      </span>,
    );
  if (label === 'converted')
    marks.push(
      <span class="mark mark-converted" key="p" title={t('marks.converted')}>
        CONVERTED
      </span>,
    );
  if (served.stale)
    marks.push(
      <span class="mark mark-stale" key="s" title={t('marks.stale')}>
        STALE
      </span>,
    );
  return marks.length ? <span class="marks">{marks}</span> : null;
}

/** Class names for a served string's provenance. */
export const markClass = (served: ServedFragment) =>
  [`prov-${served.provenance.toLowerCase()}`, served.stale ? 'is-stale' : ''].filter(Boolean).join(' ');

export const KINDS = ['PERSON', 'PLACE', 'ORGANIZATION', 'DATE', 'QUANTITY'] as const;

/** What the marks and the highlights mean. */
export function Legend() {
  return (
    <details class="legend">
      <summary>{t('legend.title')}</summary>
      <dl>
        <dt>
          <span class="mark mark-fallback">FALLBACK · en</span>
        </dt>
        <dd>{t('legend.fallback')}</dd>
        <dt>
          <span class="mark mark-converted">CONVERTED</span>
        </dt>
        <dd>{t('legend.converted')}</dd>
        <dt>
          <span class="mark mark-stale">STALE</span>
        </dt>
        <dd>{t('legend.stale')}</dd>
        {KINDS.map((kind) => (
          <>
            <dt key={`t${kind}`}>
              <span class={`mention kind-${kind}`}>{t(`entityKind.${kind}`)}</span>
            </dt>
            <dd key={`d${kind}`}>{t('legend.entity')}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

export function Problem({ error }: { error: { message: string } | undefined }) {
  if (!error) return null;
  return (
    <p class="problem" role="alert">
      {error.message}
    </p>
  );
}

export const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;

/**
 * A text with some spans of it drawn by `draw` (in order of start; a span that overlaps the one
 * before it, or runs past the end, is left as plain text), the rest as it is.
 */
export function withSpans<T>(
  text: string,
  spans: Array<{ start: number; end: number; item: T }>,
  draw: (item: T, piece: string, i: number) => ComponentChildren,
): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let at = 0;
  [...spans]
    .sort((a, b) => a.start - b.start)
    .forEach(({ start, end, item }, i) => {
      if (start < at || end > text.length) return;
      if (start > at) parts.push(text.slice(at, start));
      parts.push(draw(item, text.slice(start, end), i));
      at = end;
    });
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** A failed request as one line: its first GraphQL error as "CODE: message", else `fallback`. */
export function errorLine(error: CombinedError | undefined, fallback: string): string {
  const first = error?.graphQLErrors[0];
  const code = first?.extensions?.code;
  return `${code ? `${String(code)}: ` : ''}${first?.message ?? error?.message ?? fallback}`;
}
