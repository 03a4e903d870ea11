// The desk's own text for a page: locales/<lang>/desk.json as the catalog now serves it (zh-Hant
// converted where translators wrote nothing of their own; a save reloads it like any locale file),
// with the entity kinds' names from common.json. Put in the page as JSON; the script fills any gap
// from the English file it bundles (web/src/i18n.ts).

import type { Catalog } from '../i18n/catalog.js';
import { catalog } from '../i18n/current.js';
import { type Language, negotiate } from '../i18n/languages.js';

/** The labels of one language: as the JSON the page carries, and as they are. */
export interface DeskLabels {
  language: Language;
  json: string;
  labels: Record<string, string>;
}

/** Labels by catalog (a reload makes a new one) and language. */
const made = new WeakMap<Catalog, Map<Language, DeskLabels>>();

function labelsOf(current: Catalog, language: Language): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of current.servedKeys(language, 'desk')) {
    const value = current.raw(language, 'desk', key);
    if (typeof value === 'string') labels[key] = value;
  }
  for (const key of current.servedKeys(language, 'common')) {
    if (!key.startsWith('entityKind.')) continue;
    const value = current.raw(language, 'common', key);
    if (typeof value === 'string') labels[key] = value;
  }
  return labels;
}

/** The JSON of the desk's labels in `language`, or in the language negotiated from Accept-Language. */
export function deskLabels(language: Language | null, acceptLanguage: string | undefined): DeskLabels {
  const current = catalog();
  const chosen = language ?? negotiate(acceptLanguage).language;
  let byLanguage = made.get(current);
  if (!byLanguage) {
    byLanguage = new Map();
    made.set(current, byLanguage);
  }
  let entry = byLanguage.get(chosen);
  if (!entry) {
    const labels = labelsOf(current, chosen);
    entry = { language: chosen, labels, json: JSON.stringify({ language: chosen, labels }) };
    byLanguage.set(chosen, entry);
  }
  return entry;
}
