// The desk's own text, in the page's language: locales/<lang>/desk.json, which translators edit like
// every other locale file. The server puts the page language's labels in the page (#desk-labels,
// src/desk/labels.ts); the English file is bundled and fills any gap, so a key never shows raw.
// The entity kinds' names come from common.json (entityKind.*), as the API serves them.
// Placeholders are i18next's ({{name}}); a count picks the plural form (count_one, count_other).
import type { ComponentChildren } from 'preact';
import common from '../../locales/en/common.json';
import english from '../../locales/en/desk.json';

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Every key of desk.json, plural forms under their common name ("list.count"). */
export type Key =
  Paths<typeof english & { entityKind: typeof common.entityKind }> extends infer K
    ? K extends `${infer Base}_${'one' | 'other'}`
      ? Base
      : K
    : never;

function flatten(value: unknown, prefix: string, out: Map<string, string>) {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const fallback = flatten({ ...english, entityKind: common.entityKind }, '', new Map());
let labels = new Map<string, string>();
/** The language the desk's own text is in. */
export let uiLanguage = 'en';

/** Uses these labels (the server's #desk-labels block); without them (or for a key they lack), English. */
export function setLabels(block: unknown): void {
  const given = block as { language?: unknown; labels?: Record<string, unknown> } | null;
  if (!given?.labels || typeof given.language !== 'string') return;
  labels = new Map(Object.entries(given.labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
  uiLanguage = given.language;
}

/** Takes the labels the server put in the page. */
export function loadLabels(doc: Document = document): void {
  try {
    setLabels(JSON.parse(doc.getElementById('desk-labels')?.textContent ?? 'null'));
  } catch {
    // a broken block: English
  }
}

/** The label in the page's language, else English; with a count, its plural form. */
function pick(key: string, count?: unknown): string {
  if (typeof count === 'number') {
    const own = labels.get(`${key}_${new Intl.PluralRules(uiLanguage).select(count)}`) ?? labels.get(`${key}_other`);
    const en = fallback.get(`${key}_${new Intl.PluralRules('en').select(count)}`) ?? fallback.get(`${key}_other`);
    if (own !== undefined || en !== undefined) return (own ?? en) as string;
  }
  return labels.get(key) ?? fallback.get(key) ?? key;
}

const PLACEHOLDER = /\{\{\s*([^},\s]+)[^}]*\}\}/g;

/** A label with its placeholders filled. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  return pick(key, values.count).replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** A label whose placeholders are elements (a <code>, a link): the parts, in the label's order. */
export function rich(key: Key, values: Record<string, ComponentChildren>): ComponentChildren[] {
  const text = pick(key);
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > at) parts.push(text.slice(at, index));
    const name = match[1] ?? '';
    parts.push(Object.hasOwn(values, name) ? values[name] : match[0]);
    at = index + match[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/**
 * Headers for a translator's request (a save, a check, a review): the admin token, and the desk's
 * language as Accept-Language, so that the server's refusals read in the language of the page.
 */
export const writeHeaders = (token: string) => ({ authorization: `Bearer ${token}`, 'accept-language': uiLanguage });
