// Parts shared by the pages: the header, the language picker, provenance marks and their legend.
import type { ComponentChildren } from 'preact';
import type { Provenance, ServedFragment } from './generated/graphql.js';

export function Header({ current }: { current: string }) {
  const link = (href: string, page: string, label: string) => (
    <a href={href} aria-current={current === page ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <nav aria-label="Desk">
        <span class="brand">polyglot-desk</span>
        {link('/', 'list', 'Articles')}
        {link('/status', 'status', 'Translation status')}
        <a href="/graphql">GraphQL API</a>
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
      <button type="submit">Show</button>
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
      <span class="mark mark-fallback" key="p" title={`Not translated into ${served.requestedLanguage}: shown in ${served.language}`}>
        FALLBACK · {served.language}
      </span>,
    );
  if (label === 'converted')
    marks.push(
      <span class="mark mark-converted" key="p" title="Converted from the Simplified Chinese translation (OpenCC)">
        CONVERTED
      </span>,
    );
  if (served.stale)
    marks.push(
      <span class="mark mark-stale" key="s" title="Translated from an earlier version of the source text: due for review">
        STALE
      </span>,
    );
  return marks.length ? <span class="marks">{marks}</span> : null;
}

/** Class names for a served string's provenance. */
export const markClass = (served: ServedFragment) =>
  [`prov-${served.provenance.toLowerCase()}`, served.stale ? 'is-stale' : ''].filter(Boolean).join(' ');

export const KINDS = ['PERSON', 'PLACE', 'ORGANIZATION', 'DATE', 'QUANTITY'] as const;
const KIND_LABEL: Record<(typeof KINDS)[number], string> = {
  PERSON: 'Person',
  PLACE: 'Place',
  ORGANIZATION: 'Organization',
  DATE: 'Date',
  QUANTITY: 'Quantity',
};

/** What the marks and the highlights mean. */
export function Legend() {
  return (
    <details class="legend">
      <summary>Legend</summary>
      <dl>
        <dt>
          <span class="mark mark-fallback">FALLBACK · en</span>
        </dt>
        <dd>Not translated into the chosen language: shown in the language named, never passed off as a translation.</dd>
        <dt>
          <span class="mark mark-converted">CONVERTED</span>
        </dt>
        <dd>Traditional Chinese converted by OpenCC from the Simplified Chinese translation.</dd>
        <dt>
          <span class="mark mark-stale">STALE</span>
        </dt>
        <dd>Translated from an earlier version of the source paragraph: still served, due for review.</dd>
        {KINDS.map((kind) => (
          <>
            <dt key={`t${kind}`}>
              <span class={`mention kind-${kind}`}>{KIND_LABEL[kind]}</span>
            </dt>
            <dd key={`d${kind}`}>An entity of this kind: hover over it or focus it (Tab) for its name in the other languages.</dd>
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
