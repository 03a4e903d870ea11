// The Catalog: one consistent version of every locale file, and the lookups serving needs. The
// pieces it is built from live beside it (locale-file, last-good, records, load, traditional,
// current); their names are re-exported here for the rest of the service.
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { FALLBACKS, LANGUAGES, type Language } from './languages.js';
import { LOCALES_DIR, type LoadOptions, readLocaleFiles } from './load.js';
import { flatten, type LoadError, type Resource } from './locale-file.js';
import { SHORT_HASH_LENGTH, type SourceRecords } from './records.js';
import { deriveTraditional, overrideKey } from './traditional.js';

export { LastGoodStore } from './last-good.js';
export { LOCALES_DIR } from './load.js';
export { flatten, type LoadError, type Resource } from './locale-file.js';
export type { SourceRecords } from './records.js';
export { convertToTraditional } from './traditional.js';

/** How a localized string came to be. */
export type Provenance = 'ORIGINAL' | 'TRANSLATED' | 'CONVERTED' | 'FALLBACK' | 'FORMATTED';

export interface LocalizedText {
  text: string;
  /** The language `text` is actually in. */
  language: Language;
  provenance: Provenance;
  /** The language that was asked for. */
  requested: Language;
  /** True when the translation was made from another source text than the current one. */
  stale: boolean;
}

/**
 * One consistent version of every locale file, in a dedicated i18next instance. A new version is
 * built whole and swapped in (see watch.ts), so a request always sees one version from start to end.
 */
export class Catalog {
  private readonly fixed = new Map<Language, TFunction>();
  private readonly memos = new Map<string, unknown>();
  /** Per language and namespace, every string by its full key: built on first use, then one Map.get a lookup. */
  private readonly lookups = new Map<Language, Map<string, ReadonlyMap<string, Entry>>>();
  private readonly labels = new Map<Language, Map<string, string>>();

  private constructor(
    readonly i18n: I18n,
    readonly errors: LoadError[],
    /** zh-Hant keys a translator wrote (the rest is converted from zh-Hans), as overrideKey(ns, key). */
    private readonly traditionalOverrides: Set<string>,
    readonly namespaces: string[],
    /** The files as translators wrote them, per language. */
    readonly files: Map<Language, Map<string, Resource>>,
    /** Which source text each translation was made from, per language. */
    readonly records: Map<Language, SourceRecords>,
    readonly root: string,
  ) {}

  /** Reads every locale file under root; zh-Hant is served converted from zh-Hans, with its own files on top. */
  static load(root = LOCALES_DIR, options: LoadOptions = {}): Catalog {
    const { files, records, errors } = readLocaleFiles(root, options);
    const conversions = options.lastGood?.conversions();
    const traditional = deriveTraditional(files.get('zh-Hans') ?? new Map(), files.get('zh-Hant') ?? new Map(), conversions);
    if (conversions) options.lastGood?.saveConversions(conversions);
    const served = new Map(files).set('zh-Hant', traditional.files);
    const namespaces = [...new Set([...served.values()].flatMap((b) => [...b.keys()]))].sort();
    return new Catalog(createI18n(served, namespaces), errors, traditional.overrides, namespaces, files, records, root);
  }

  /**
   * Remembers a value derived from this catalog version alone (it never changes: a reload builds a
   * new catalog), so hot paths such as labels and localized names are computed once.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    if (this.memos.size > 100_000) this.memos.clear();
    this.memos.set(key, value);
    return value;
  }

  /** A label from a namespace in a language, remembered. */
  label(language: Language, key: string): string {
    let labels = this.labels.get(language);
    if (!labels) {
      labels = new Map();
      this.labels.set(language, labels);
    }
    let label = labels.get(key);
    if (label === undefined) {
      label = this.t(language)(key) as string;
      if (labels.size > 10_000) labels.clear();
      labels.set(key, label);
    }
    return label;
  }

  /**
   * A string with a count (`t(key, { count })`, plural forms and all; '' when the language has none),
   * remembered per language, key and count.
   */
  counted(language: Language, key: string, count: number): string {
    const byCount = this.memo(`counted\u0000${language}\u0000${key}`, () => new Map<number, string>());
    let text = byCount.get(count);
    if (text === undefined) {
      text = this.t(language)(key, { count, defaultValue: '' }) as string;
      if (byCount.size > 1_000) byCount.clear();
      byCount.set(count, text);
    }
    return text;
  }

  /** What one language has under a key of a namespace, from the flat lookup of that namespace. */
  private entry(language: Language, namespace: string, key: string): Entry | undefined {
    let namespaces = this.lookups.get(language);
    if (!namespaces) {
      namespaces = new Map();
      this.lookups.set(language, namespaces);
    }
    let entries = namespaces.get(namespace);
    if (!entries) {
      // Namespaces come from stored data (article slugs), so remembering the missing ones is bounded too.
      entries = this.i18n.hasResourceBundle(language, namespace) ? this.entriesOf(language, namespace) : NO_ENTRIES;
      namespaces.set(namespace, entries);
    }
    return entries.get(key);
  }

  /** Every string and list of strings of a namespace in a language, with what serving it needs to know. */
  private entriesOf(language: Language, namespace: string): Map<string, Entry> {
    const values = new Map<string, string | string[]>();
    leaves(this.i18n.getResourceBundle(language, namespace) as Resource, '', false, values);
    const entries = new Map<string, Entry>();
    for (const [key, value] of values) {
      const author = this.authorOf(language, namespace, key);
      entries.set(key, {
        value,
        present: value !== '' && !(Array.isArray(value) && value.length === 0),
        provenance: this.provenanceOf(language, namespace, key),
        record: this.records.get(author)?.[namespace]?.[key],
      });
    }
    return entries;
  }

  /** The language whose translator wrote this string: zh-Hant's converted strings come from zh-Hans. */
  authorOf(language: Language, namespace: string, key: string): Language {
    return language === 'zh-Hant' && !this.traditionalOverrides.has(overrideKey(namespace, key)) ? 'zh-Hans' : language;
  }

  /**
   * True when a translation exists but was made from a source text other than the current one
   * (or nobody has recorded which): it is still served, and marked stale.
   */
  isStale(language: Language, namespace: string, key: string, sourceHash: string): boolean {
    const entry = this.entry(language, namespace, key);
    return !!entry?.present && !isRecordOf(entry.record, sourceHash);
  }

  /** A t function fixed to one language, with its fallbacks (never changeLanguage per request). */
  t(language: Language): TFunction {
    let t = this.fixed.get(language);
    if (!t) {
      t = this.i18n.getFixedT(language);
      this.fixed.set(language, t);
    }
    return t;
  }

  /** A string exactly as one language has it, without fallback. */
  raw(language: Language, namespace: string, key: string): string | string[] | undefined {
    return this.entry(language, namespace, key)?.value;
  }

  /** Every key a language serves in a namespace (zh-Hant: converted and its own), in file order. */
  servedKeys(language: Language, namespace: string): string[] {
    const bundle = this.i18n.getResourceBundle(language, namespace) as Resource | undefined;
    return bundle ? flatten(bundle).map(([key]) => key) : [];
  }

  has(language: Language, namespace: string, key: string): boolean {
    return this.entry(language, namespace, key)?.present ?? false;
  }

  /** How a language came by its string (translated, or converted for zh-Hant). */
  provenanceOf(language: Language, namespace: string, key: string): Provenance {
    return language === 'zh-Hant' && !this.traditionalOverrides.has(overrideKey(namespace, key)) ? 'CONVERTED' : 'TRANSLATED';
  }

  /**
   * The string for a language, walking its fallbacks; the original (in `original.language`) is
   * served as ORIGINAL when asked for, and as FALLBACK when nothing else is there.
   */
  localize(
    requested: Language,
    namespace: string,
    key: string,
    original: { text: string; language: Language; hash?: string },
  ): LocalizedText {
    if (requested === original.language) {
      return { text: original.text, language: original.language, provenance: 'ORIGINAL', requested, stale: false };
    }
    const entry = this.entry(requested, namespace, key);
    const value = entry?.value;
    if (typeof value === 'string' && value !== '') {
      const stale = original.hash !== undefined && !isRecordOf(entry?.record, original.hash);
      return { text: value, language: requested, provenance: entry?.provenance ?? 'TRANSLATED', requested, stale };
    }
    for (const language of FALLBACKS[requested]) {
      if (language === original.language) break;
      const fallback = this.raw(language, namespace, key);
      if (typeof fallback === 'string' && fallback !== '')
        return { text: fallback, language, provenance: 'FALLBACK', requested, stale: false };
    }
    return { text: original.text, language: original.language, provenance: 'FALLBACK', requested, stale: false };
  }
}

/** One string (or list) of a language's namespace, as the lookups hold it. */
interface Entry {
  value: string | string[];
  /** Not empty: the language has it. */
  present: boolean;
  provenance: Provenance;
  /** Which source text it was made from (shortHash), as its author's records say. */
  record: string | undefined;
}

const NO_ENTRIES: ReadonlyMap<string, Entry> = new Map();

/** True when a record names this source hash (record === shortHash(hash), without slicing). */
const isRecordOf = (record: string | undefined, hash: string) =>
  record !== undefined && record.length === Math.min(hash.length, SHORT_HASH_LENGTH) && hash.startsWith(record);

/**
 * Every leaf of a namespace by its full dotted key, as i18next's getResource finds it: strings,
 * lists of strings and each list's items ("aliases.0"). A key found by the nested path wins over
 * the same text spelled with dots inside one key, as in i18next.
 */
function leaves(value: Resource, prefix: string, dotted: boolean, out: Map<string, string | string[]>): void {
  for (const [k, v] of Object.entries(value)) {
    const key = `${prefix}${k}`;
    const viaDots = dotted || k.includes('.');
    if (typeof v === 'string') {
      if (!viaDots || !out.has(key)) out.set(key, v);
    } else if (Array.isArray(v)) {
      if (!v.every((item) => typeof item === 'string')) continue;
      if (!viaDots || !out.has(key)) out.set(key, v);
      v.forEach((item, i) => {
        if (!viaDots || !out.has(`${key}.${i}`)) out.set(`${key}.${i}`, item);
      });
    } else if (v && typeof v === 'object') {
      leaves(v, `${key}.`, viaDots, out);
    }
  }
}

/** A dedicated i18next instance holding one version of every language's files. */
function createI18n(bundles: Map<Language, Map<string, Resource>>, namespaces: string[]): I18n {
  const resources: Record<string, Record<string, Resource>> = {};
  for (const [language, files] of bundles) resources[language] = Object.fromEntries(files);
  const i18n = i18next.createInstance();
  i18n.init({
    resources,
    lng: 'en',
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    ns: namespaces.length ? namespaces : ['common'],
    defaultNS: 'common',
    initAsync: false,
    returnNull: false,
    keySeparator: '.',
    nsSeparator: ':',
    // Output goes into JSON, never into HTML, and nothing interpolated comes from a request.
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as Parameters<I18n['init']>[0]);
  return i18n;
}
