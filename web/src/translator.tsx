// Translator mode: behind the write API's admin token, kept in this tab's sessionStorage only. A
// title or paragraph translation is edited in place. As you type, the checks that need nothing but
// the text (empty, placeholders, brackets and quotes) run in the page at once, and every check of
// `npm run i18n:check` (glossary, Korean particles) runs on the server through
// the checkTranslation query a moment after the last keystroke; any problem blocks the save. The
// save goes through the saveTranslation mutation, which runs the same checks again and refuses
// with the reasons; the page then reads the article again until the live reload serves the text.
import { useMutation } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { client } from './client.js';
import { ArticlePageDocument, CheckTranslationDocument, SaveTranslationDocument } from './generated/graphql.js';
import { rich, t, writeHeaders } from './i18n.js';
import { errorLine, withSpans } from './ui.js';

const TOKEN_KEY = 'polyglot-desk.admin-token';
/** The languages translators write (en is the source). */
export const TARGETS = ['ko', 'zh-Hans', 'zh-Hant'];

export function readToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function storeToken(token: string) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage refused (private mode): the token lives until the page is left
  }
}

/** The token, and a setter that keeps it for this tab. */
export function useToken(): [string, (token: string) => void] {
  const [token, setToken] = useState(readToken);
  return [
    token,
    (next: string) => {
      storeToken(next);
      setToken(next);
    },
  ];
}

/** Says whether editing is on, and how to turn it on. */
export function TranslatorPanel({ token, setToken, lang }: { token: string; setToken: (t: string) => void; lang: string }) {
  const [draft, setDraft] = useState('');
  if (token) {
    return (
      <section class="translator on" aria-label={t('translator.mode')}>
        <p>
          {t('translator.on')} {TARGETS.includes(lang) ? t('translator.howToEdit') : t('translator.chooseLanguage')}{' '}
          <button type="button" onClick={() => setToken('')}>
            {t('translator.stop')}
          </button>
        </p>
      </section>
    );
  }
  return (
    <section class="translator" aria-label={t('translator.mode')}>
      <p>{rich('translator.readOnly', { variable: <code>ADMIN_TOKEN</code> })}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim()) setToken(draft.trim());
        }}
      >
        <label for="admin-token">{t('translator.token')}</label>{' '}
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          value={draft}
          onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <button type="submit">{t('translator.enable')}</button>
      </form>
    </section>
  );
}

const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)]
    .map((m) => m[1] ?? '')
    .sort()
    .join(', ');
const PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['(', ')'],
  ['（', '）'],
  ['[', ']'],
  ['《', '》'],
  ['「', '」'],
  ['『', '』'],
  ['{', '}'],
];

function unbalanced(text: string): string | null {
  for (const [open, close] of PAIRS) {
    let depth = 0;
    for (const ch of text) {
      if (ch === open) depth++;
      else if (ch === close) depth--;
      if (depth < 0) return t('editor.closesNothing', { mark: close });
    }
    if (depth > 0) return t('editor.neverClosed', { mark: open });
  }
  if ((text.match(/"/g) ?? []).length % 2) return t('editor.oddQuotes');
  return null;
}

/**
 * The checks of src/i18n/check.ts that need only the source and the draft, with its messages:
 * EMPTY, PLACEHOLDERS, UNBALANCED. (The glossary and particle checks need the catalog: the save runs them.)
 */
export function draftProblems(source: string, draft: string): string[] {
  const problems: string[] = [];
  if (!draft.trim()) problems.push(`EMPTY: ${t('editor.empty')}`);
  const [want, got] = [placeholders(source), placeholders(draft)];
  if (want !== got) {
    const show = (list: string) =>
      list
        ? list
            .split(', ')
            .map((p) => `{{${p}}}`)
            .join(', ')
        : t('editor.placeholdersNone');
    problems.push(`PLACEHOLDERS: ${t('editor.placeholders', { expected: show(want), found: show(got) })}`);
  }
  const balance = unbalanced(draft);
  if (balance && !unbalanced(source)) problems.push(`UNBALANCED: ${t('editor.unbalanced', { detail: balance })}`);
  return problems;
}

interface RefusedProblem {
  code?: string;
  message?: string;
}

/** An entity mention in the source text, with the entity's name and other names in the target language. */
export interface GlossaryMention {
  sourceStart: number;
  sourceEnd: number;
  entity: { key: string; kind: string; name: string; aliases: string[] };
}

export interface EditTarget {
  slug: string;
  lang: string;
  token: string;
  /** "title" or "paragraphs.<key>". */
  key: string;
  label: string;
  source: string;
  current: string;
  /** The entities the source mentions (the glossary the server's check holds the draft to). */
  mentions?: GlossaryMention[];
}

/** Kinds whose names the draft must carry (dates and quantities are written from their values, in many forms). */
const NAMED = new Set(['PERSON', 'PLACE', 'ORGANIZATION']);

interface Term {
  key: string;
  kind: string;
  /** As the source says it (its first mention). */
  source: string;
  names: string[];
  /** True or false for a named entity: its name or another of its names is in the draft; null otherwise. */
  found: boolean | null;
}

/**
 * The glossary of a draft: each entity the source mentions, once, with its name in the target
 * language, and whether the draft names it (people, places, organizations; a date's forms vary).
 */
export function glossaryOf(source: string, mentions: GlossaryMention[], draft: string): Term[] {
  const terms = new Map<string, Term>();
  for (const m of mentions) {
    // A quantity is written however the sentence needs it ("3批…每批50人" for "three groups of 50"): no term.
    if (terms.has(m.entity.key) || m.entity.kind === 'QUANTITY') continue;
    const names = [m.entity.name, ...m.entity.aliases].filter(Boolean);
    terms.set(m.entity.key, {
      key: m.entity.key,
      kind: m.entity.kind,
      source: source.slice(m.sourceStart, m.sourceEnd),
      names,
      found: NAMED.has(m.entity.kind) ? names.some((n) => draft.includes(n)) : null,
    });
  }
  return [...terms.values()];
}

/** The source text with its mentions highlighted by kind; those the draft lacks marked missing. */
function SourceText({ source, mentions, terms }: { source: string; mentions: GlossaryMention[]; terms: Term[] }) {
  const missing = new Set(terms.filter((t) => t.found === false).map((t) => t.key));
  const spans = mentions.map((m) => ({ start: m.sourceStart, end: m.sourceEnd, item: m.entity }));
  return (
    <>
      {withSpans(source, spans, (entity, piece, i) => (
        <mark key={i} class={`src-mention kind-${entity.kind}${missing.has(entity.key) ? ' missing' : ''}`} data-entity={entity.key}>
          {piece}
        </mark>
      ))}
    </>
  );
}

/** Reads the article again (network only) until the live reload serves `text` for the key, for up to 3 s. */
async function untilServed(target: EditTarget, text: string): Promise<boolean> {
  for (let attempt = 0; attempt < 15; attempt++) {
    const result = await client
      .query(ArticlePageDocument, { slug: target.slug, lang: target.lang }, { requestPolicy: 'network-only' })
      .toPromise();
    const article = result.data?.article;
    const served =
      target.key === 'title'
        ? article?.localizedTitle.text
        : article?.paragraphs.find((p) => `paragraphs.${p.key}` === target.key)?.localizedText.text;
    if (served === text) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** How long the page waits after the last keystroke before asking the server to check the draft. */
const CHECK_DELAY_MS = 350;

/**
 * The server's checks of a draft (checkTranslation), run a moment after the last keystroke when
 * the page's own checks pass; `draft` is the text the problems are about (an answer for an older
 * draft is dropped).
 */
function useServerCheck(target: EditTarget, draft: string, ready: boolean) {
  const [result, setResult] = useState<{ draft: string | null; problems: string[] }>({ draft: null, problems: [] });
  useEffect(() => {
    if (!ready) return;
    let current = true;
    const timer = setTimeout(async () => {
      const answer = await client
        .query(
          CheckTranslationDocument,
          { input: { language: target.lang, namespace: `articles/${target.slug}`, key: target.key, text: draft } },
          { requestPolicy: 'network-only', fetchOptions: { headers: writeHeaders(target.token) } },
        )
        .toPromise();
      if (!current) return;
      const check = answer.data?.checkTranslation;
      const problems = check
        ? check.problems
            .map((p) => `${p.code}: ${p.message}`)
            .concat(check.total > check.problems.length ? [t('editor.more', { count: check.total - check.problems.length })] : [])
        : [errorLine(answer.error, t('editor.checkFailed'))];
      setResult({ draft, problems });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [target.lang, target.slug, target.key, target.token, draft, ready]);
  return result;
}

/** The editor of one string, opened in place. */
export function Editor({ target, onClose }: { target: EditTarget; onClose: () => void }) {
  const [draft, setDraft] = useState(target.current);
  const [refused, setRefused] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [, save] = useMutation(SaveTranslationDocument);
  const local = draftProblems(target.source, draft);
  const terms = glossaryOf(target.source, target.mentions ?? [], draft);
  const server = useServerCheck(target, draft, local.length === 0);
  const problems = [...local, ...(server.draft === draft ? server.problems : [])];
  const id = `edit-${target.key.replace(/[^A-Za-z0-9-]/g, '-')}`;
  return (
    <form
      class="editor"
      onSubmit={async (event) => {
        event.preventDefault();
        if (problems.length || saving) return;
        setSaving(true);
        setRefused([]);
        setNote(t('editor.saving'));
        const result = await save(
          { input: { language: target.lang, namespace: `articles/${target.slug}`, key: target.key, text: draft } },
          { fetchOptions: { headers: writeHeaders(target.token) } },
        );
        if (result.error || !result.data) {
          const listed = (result.error?.graphQLErrors[0]?.extensions?.problems as RefusedProblem[] | undefined) ?? [];
          setRefused(listed.length ? listed.map((p) => `${p.code}: ${p.message}`) : [errorLine(result.error, t('editor.refused'))]);
          setNote(t('editor.notSaved'));
          setSaving(false);
          return;
        }
        setNote(t('editor.waiting'));
        const served = await untilServed(target, draft);
        setSaving(false);
        if (served) onClose();
        else setNote(t('editor.notServedYet'));
      }}
    >
      <label for={id}>{t('editor.label', { what: target.label, language: target.lang })}</label>
      <p class="source" lang="en">
        <SourceText source={target.source} mentions={target.mentions ?? []} terms={terms} />
      </p>
      {terms.length > 0 && (
        <div class="glossary">
          <span class="glossary-title">{t('editor.glossary')}</span>
          <ul>
            {terms.map((term) => (
              <li
                key={term.key}
                data-entity={term.key}
                class={`term${term.found === true ? ' found' : term.found === false ? ' missing' : ''}`}
              >
                <span class={`src-mention kind-${term.kind}`} lang="en">
                  {term.source}
                </span>{' '}
                → <span lang={target.lang}>{term.names[0]}</span>
                {term.found !== null && (
                  <span class="term-state"> {term.found ? `✓ ${t('editor.inDraft')}` : `✗ ${t('editor.notInDraft')}`}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <textarea
        id={id}
        lang={target.lang}
        rows={4}
        value={draft}
        onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <p class="check-state" role="status">
        {local.length === 0 && server.draft !== draft ? t('editor.checking') : ''}
      </p>
      <ul class="checks" aria-live="polite">
        {problems.map((p) => (
          <li key={p} class="check-error">
            {p}
          </li>
        ))}
        {refused.map((p) => (
          <li key={`r${p}`} class="check-error refused">
            {p}
          </li>
        ))}
      </ul>
      <p class="editor-actions">
        <button type="submit" disabled={problems.length > 0 || saving}>
          {t('editor.save')}
        </button>{' '}
        <button type="button" onClick={onClose}>
          {t('editor.cancel')}
        </button>{' '}
        <span role="status">{note}</span>
      </p>
    </form>
  );
}
