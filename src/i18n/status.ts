import type { Catalog } from './catalog.js';
import { ratio } from './format.js';
import { entityNameKey, isArticleNamespace } from './keys.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';
import type { LoadError } from './locale-file.js';
import { type Unit, unitsFor } from './units.js';

export interface NamespaceStatus {
  namespace: string;
  total: number;
  translated: number;
  missing: number;
  stale: number;
  /** Translations of paragraphs (or of an article) no longer there: kept in the file, never served. */
  orphaned: number;
  coverage: number;
}

export interface LanguageStatus {
  language: Language;
  total: number;
  translated: number;
  missing: number;
  stale: number;
  /** Translations in article files whose paragraph (or article) is no longer there, or with a legacy position key. */
  orphaned: number;
  coverage: number;
  /** "namespace:key" of every string without a translation. */
  missingKeys: string[];
  /** "namespace:key" of every translation made from another source text than the current one. */
  staleKeys: string[];
  /** "namespace:key" of every orphaned translation. */
  orphanedKeys: string[];
  namespaces: NamespaceStatus[];
  errors: LoadError[];
}

/** The load errors that concern a language: its own files', and those outside every language folder. */
const errorsOf = (catalog: Catalog, language: Language) =>
  catalog.errors.filter((e) => e.file.startsWith(`${language}/`) || !LANGUAGES.some((l) => e.file.startsWith(`${l}/`)));

const emptyRow = (namespace: string): NamespaceStatus => ({
  namespace,
  total: 0,
  translated: 0,
  missing: 0,
  stale: 0,
  orphaned: 0,
  coverage: 0,
});

/**
 * The translations a language serves in article files that belong to no current unit: the
 * paragraph was removed from the article (or the article deleted), or the key is a position key
 * from before stable keys (`npm run i18n:rekey`). They are never served for another paragraph.
 */
export function orphanedKeys(catalog: Catalog, units: Unit[], language: Language): string[] {
  if (language === DEFAULT_LANGUAGE) return [];
  const current = new Set(units.filter((u) => isArticleNamespace(u.namespace)).map((u) => `${u.namespace}:${u.key}`));
  const out: string[] = [];
  for (const namespace of catalog.namespaces.filter(isArticleNamespace)) {
    for (const key of catalog.servedKeys(language, namespace)) {
      if (!current.has(`${namespace}:${key}`)) out.push(`${namespace}:${key}`);
    }
  }
  return out;
}

/** What a language has, lacks, has out of date and has left over, per namespace. */
export function translationStatus(catalog: Catalog, units: Unit[], language: Language): LanguageStatus {
  const perNamespace = new Map<string, NamespaceStatus>();
  const row = (namespace: string) => {
    const found = perNamespace.get(namespace) ?? emptyRow(namespace);
    perNamespace.set(namespace, found);
    return found;
  };
  const missingKeys: string[] = [];
  const staleKeys: string[] = [];
  for (const unit of unitsFor(units, language)) {
    const r = row(unit.namespace);
    r.total++;
    if (language === DEFAULT_LANGUAGE || catalog.has(language, unit.namespace, unit.key)) {
      r.translated++;
      if (language !== DEFAULT_LANGUAGE && catalog.isStale(language, unit.namespace, unit.key, unit.sourceHash)) {
        r.stale++;
        staleKeys.push(`${unit.namespace}:${unit.key}`);
      }
    } else {
      r.missing++;
      missingKeys.push(`${unit.namespace}:${unit.key}`);
    }
  }
  const orphaned = orphanedKeys(catalog, units, language);
  for (const id of orphaned) row(id.slice(0, id.indexOf(':'))).orphaned++;
  const namespaces = [...perNamespace.values()].map((r) => ({ ...r, coverage: ratio(r.translated, r.total) }));
  const sum = (f: keyof Omit<NamespaceStatus, 'namespace' | 'coverage'>) => namespaces.reduce((a, r) => a + r[f], 0);
  return {
    language,
    total: sum('total'),
    translated: sum('translated'),
    missing: sum('missing'),
    stale: sum('stale'),
    orphaned: orphaned.length,
    coverage: ratio(sum('translated'), sum('total')),
    missingKeys,
    staleKeys,
    orphanedKeys: orphaned,
    namespaces,
    errors: errorsOf(catalog, language),
  };
}

/** At most this many keys of entities without a name are listed per language. */
export const MISSING_NAMES_LISTED = 50;

/** A confirmed entity, for the count of names: its key, and whether some article mentions it. */
export interface ConfirmedEntity {
  key: string;
  mentioned: boolean;
}

export interface NameCount {
  total: number;
  named: number;
  missing: number;
  coverage: number;
}

/**
 * How many confirmed entities (dates and quantities aside: they are formatted from their values)
 * have a name in a language: those some article mentions, and all of them. A name is what the
 * language serves: for zh-Hant, its own or the one converted from zh-Hans.
 */
export interface EntityNameCoverage {
  /** Confirmed entities mentioned in some article. */
  mentioned: NameCount;
  /** Every confirmed entity, mentioned or not. */
  confirmed: NameCount;
  /** Keys of the confirmed entities without a name, the mentioned ones first, at most MISSING_NAMES_LISTED. */
  missingKeys: string[];
}

const nameCount = (total: number, missing: number): NameCount => ({
  total,
  named: total - missing,
  missing,
  coverage: ratio(total - missing, total),
});

/** Which confirmed entities a language names (English names them all). */
export function entityNameCoverage(catalog: Catalog, entities: ConfirmedEntity[], language: Language): EntityNameCoverage {
  const unnamed = language === DEFAULT_LANGUAGE ? [] : entities.filter((e) => !catalog.has(language, 'entities', entityNameKey(e.key)));
  const missingMentioned = unnamed.filter((e) => e.mentioned);
  const listed = [...missingMentioned, ...unnamed.filter((e) => !e.mentioned)].slice(0, MISSING_NAMES_LISTED);
  return {
    mentioned: nameCount(entities.filter((e) => e.mentioned).length, missingMentioned.length),
    confirmed: nameCount(entities.length, unnamed.length),
    missingKeys: listed.map((e) => e.key),
  };
}
