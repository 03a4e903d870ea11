import type { Catalog } from './catalog.js';
import { ratio } from './format.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';
import type { LoadError } from './locale-file.js';
import { type Unit, unitsFor } from './units.js';

export interface NamespaceStatus {
  namespace: string;
  total: number;
  translated: number;
  missing: number;
  stale: number;
  coverage: number;
}

export interface LanguageStatus {
  language: Language;
  total: number;
  translated: number;
  missing: number;
  stale: number;
  coverage: number;
  /** "namespace:key" of every string without a translation. */
  missingKeys: string[];
  /** "namespace:key" of every translation made from another source text than the current one. */
  staleKeys: string[];
  namespaces: NamespaceStatus[];
  errors: LoadError[];
}

/** The load errors that concern a language: its own files', and those outside every language folder. */
const errorsOf = (catalog: Catalog, language: Language) =>
  catalog.errors.filter((e) => e.file.startsWith(`${language}/`) || !LANGUAGES.some((l) => e.file.startsWith(`${l}/`)));

/** What a language has, lacks and has out of date, per namespace. */
export function translationStatus(catalog: Catalog, units: Unit[], language: Language): LanguageStatus {
  const perNamespace = new Map<string, NamespaceStatus>();
  const missingKeys: string[] = [];
  const staleKeys: string[] = [];
  for (const unit of unitsFor(units, language)) {
    const row = perNamespace.get(unit.namespace) ?? {
      namespace: unit.namespace,
      total: 0,
      translated: 0,
      missing: 0,
      stale: 0,
      coverage: 0,
    };
    perNamespace.set(unit.namespace, row);
    row.total++;
    if (language === DEFAULT_LANGUAGE || catalog.has(language, unit.namespace, unit.key)) {
      row.translated++;
      if (language !== DEFAULT_LANGUAGE && catalog.isStale(language, unit.namespace, unit.key, unit.sourceHash)) {
        row.stale++;
        staleKeys.push(`${unit.namespace}:${unit.key}`);
      }
    } else {
      row.missing++;
      missingKeys.push(`${unit.namespace}:${unit.key}`);
    }
  }
  const namespaces = [...perNamespace.values()].map((r) => ({ ...r, coverage: ratio(r.translated, r.total) }));
  const sum = (f: keyof Omit<NamespaceStatus, 'namespace' | 'coverage'>) => namespaces.reduce((a, r) => a + r[f], 0);
  return {
    language,
    total: sum('total'),
    translated: sum('translated'),
    missing: sum('missing'),
    stale: sum('stale'),
    coverage: ratio(sum('translated'), sum('total')),
    missingKeys,
    staleKeys,
    namespaces,
    errors: errorsOf(catalog, language),
  };
}
