import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { type ParseError, parse as parseJsonc } from 'jsonc-parser';
import * as OpenCC from 'opencc-js/cn2t';
import { writeAtomic } from '../lib/files.js';
import { FALLBACKS, LANGUAGES, type Language } from './languages.js';

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');

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

export interface LoadError {
  /** Path relative to the locales folder, such as "ko/entities.json". */
  file: string;
  line: number | null;
  message: string;
}

export type Resource = { [key: string]: string | string[] | Resource };

/** A namespace is a fixed name or an article's slug; anything else in a language folder is refused. */
const NAMESPACE = /^(?:common|errors|entities|articles\/[a-z0-9]+(?:-[a-z0-9]+)*)$/;

let toTraditional: ((text: string) => string) | null = null;
/** Simplified → Traditional Chinese with Taiwan's character standard, without Taiwan phrase substitution. */
export function convertToTraditional(text: string): string {
  const convert = toTraditional ?? OpenCC.Converter({ from: 'cn', to: 'tw' });
  toTraditional = convert;
  return convert(text);
}

function mapStrings(value: Resource, fn: (s: string) => string): Resource {
  const out: Resource = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = typeof v === 'string' ? fn(v) : Array.isArray(v) ? v.map(fn) : mapStrings(v, fn);
  }
  return out;
}

/** Every leaf of a locale file as [dotted key, value]. */
export function flatten(value: Resource, prefix = ''): Array<[string, string | string[]]> {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'string' || Array.isArray(v) ? [[`${prefix}${k}`, v] as [string, string | string[]]] : flatten(v, `${prefix}${k}.`),
  );
}

/** Line (1-based) of a character offset in a text. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Checks that parsed JSON is nested objects of strings (or arrays of strings); returns the first problem. */
function shapeProblem(value: unknown, at = ''): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${at || 'the file'} must be an object of strings`;
  for (const [k, v] of Object.entries(value)) {
    const where = at ? `${at}.${k}` : k;
    if (k === '' || k.includes(':') || k === '__proto__' || k === 'constructor' || k === 'prototype')
      return `key "${where}" is not allowed`;
    if (typeof v === 'string') continue;
    if (Array.isArray(v)) {
      if (v.some((x) => typeof x !== 'string')) return `"${where}" must be a list of strings`;
      continue;
    }
    const inner = shapeProblem(v, where);
    if (inner) return inner;
  }
  return null;
}

/** The namespace a file in a language folder holds, or a LoadError when it holds none. */
export function namespaceOf(root: string, language: string, file: string): string {
  const relative = path.relative(path.join(root, language), file).split(path.sep).join('/');
  const namespace = relative.replace(/\.json$/, '');
  if (!relative.endsWith('.json') || !NAMESPACE.test(namespace)) {
    throw {
      file: `${language}/${relative}`,
      line: null,
      message: 'not a known locale file (common, errors, entities or articles/<slug>.json)',
    } satisfies LoadError;
  }
  return namespace;
}

/** Parses and validates a locale file's text. Throws a LoadError (with the line, for invalid JSON). */
export function parseLocaleText(display: string, text: string): Resource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    // jsonc-parser, strict, says where the first error is; JSON.parse's message says what it is.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const line = errors[0] ? lineOf(text, errors[0].offset) : lineOf(text, text.length);
    throw { file: display, line, message: `invalid JSON: ${message.replace(/^Unexpected/, 'unexpected')}` } satisfies LoadError;
  }
  const problem = shapeProblem(data);
  if (problem) throw { file: display, line: null, message: `wrong shape: ${problem}` } satisfies LoadError;
  return data as Resource;
}

/**
 * The last version of each locale file that parsed, kept outside the locales folder so that a
 * restart with a broken file still serves it.
 */
export class LastGoodStore {
  constructor(readonly dir: string) {}

  private file(language: string, namespace: string) {
    return path.join(this.dir, language, `${namespace}.json`);
  }

  get(language: string, namespace: string): Resource | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(language, namespace), 'utf8')) as Resource;
    } catch {
      return undefined;
    }
  }

  set(language: string, namespace: string, data: Resource): void {
    const file = this.file(language, namespace);
    const text = `${JSON.stringify(data)}\n`;
    try {
      if (fs.readFileSync(file, 'utf8') === text) return;
    } catch {
      // not there yet
    }
    writeAtomic(file, text);
  }
}

/** Which source text each translation was made from: "ns" → "key" → first 16 hex digits of its SHA-256. */
export type SourceRecords = Record<string, Record<string, string>>;
export const SOURCES_DIR = '.sources';
export const recordsFile = (root: string, language: string) => path.join(root, SOURCES_DIR, `${language}.json`);
export const shortHash = (hex: string) => hex.slice(0, 16);

export function readRecords(root: string, language: string): SourceRecords {
  try {
    return JSON.parse(fs.readFileSync(recordsFile(root, language), 'utf8')) as SourceRecords;
  } catch {
    return {};
  }
}

function listJson(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory() && e.name.endsWith('.json') && !e.name.startsWith('.'))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch {
    // Missing, or replaced while being listed: the next reload sees it settled.
    return [];
  }
}

/**
 * One consistent version of every locale file, in a dedicated i18next instance. A new version is
 * built whole and swapped in (see reload), so a request always sees one version from start to end.
 */
export class Catalog {
  readonly i18n: I18n;
  readonly errors: LoadError[];
  /** zh-Hant keys a translator wrote (the rest is converted from zh-Hans), as "ns\u0000key". */
  private readonly traditionalOverrides: Set<string>;
  private readonly fixed = new Map<Language, TFunction>();
  readonly namespaces: string[];

  private constructor(
    i18n: I18n,
    errors: LoadError[],
    overrides: Set<string>,
    namespaces: string[],
    /** The files as translators wrote them, per language. */
    readonly files: Map<Language, Map<string, Resource>>,
    /** Which source text each translation was made from, per language. */
    readonly records: Map<Language, SourceRecords>,
    readonly root: string,
  ) {
    this.i18n = i18n;
    this.errors = errors;
    this.traditionalOverrides = overrides;
    this.namespaces = namespaces;
  }

  private readonly memos = new Map<string, unknown>();

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
    return this.memo(`label\u0000${language}\u0000${key}`, () => this.t(language)(key) as string);
  }

  /** The language whose translator wrote this string: zh-Hant's converted strings come from zh-Hans. */
  authorOf(language: Language, namespace: string, key: string): Language {
    return language === 'zh-Hant' && !this.traditionalOverrides.has(`${namespace}\u0000${key}`) ? 'zh-Hans' : language;
  }

  /**
   * True when a translation exists but was made from a source text other than the current one
   * (or nobody has recorded which): it is still served, and marked stale.
   */
  isStale(language: Language, namespace: string, key: string, sourceHash: string): boolean {
    if (!this.has(language, namespace, key)) return false;
    const author = this.authorOf(language, namespace, key);
    return this.records.get(author)?.[namespace]?.[key] !== shortHash(sourceHash);
  }

  static load(root = LOCALES_DIR, options: { lastGood?: LastGoodStore } = {}): Catalog {
    const errors: LoadError[] = [];
    const bundles = new Map<Language, Map<string, Resource>>();
    /** Files written by translators (zh-Hant's own, not its conversion), for checks and exports. */
    const written = new Map<Language, Map<string, Resource>>();
    for (const language of LANGUAGES) {
      const files = new Map<string, Resource>();
      for (const file of listJson(path.join(root, language))) {
        let namespace: string;
        try {
          namespace = namespaceOf(root, language, file);
        } catch (err) {
          errors.push(err as LoadError);
          continue;
        }
        try {
          let text: string;
          try {
            text = fs.readFileSync(file, 'utf8');
          } catch (err) {
            // Deleted or replaced while being read, or not a readable file.
            throw {
              file: `${language}/${namespace}.json`,
              line: null,
              message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
            } satisfies LoadError;
          }
          const data = parseLocaleText(`${language}/${namespace}.json`, text);
          files.set(namespace, data);
          options.lastGood?.set(language, namespace, data);
        } catch (err) {
          const error = err as LoadError;
          // A broken file keeps its last good version served.
          const lastGood = options.lastGood?.get(language, namespace);
          if (lastGood) files.set(namespace, lastGood);
          errors.push({ ...error, message: `${error.message}${lastGood ? ' (serving the last good version)' : ''}` });
        }
      }
      bundles.set(language, files);
      written.set(language, new Map(files));
    }
    const records = new Map<Language, SourceRecords>(LANGUAGES.map((l) => [l, readRecords(root, l)]));
    if (fs.existsSync(root)) {
      for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
        if (entry.isDirectory() && !(LANGUAGES as readonly string[]).includes(entry.name) && !entry.name.startsWith('.')) {
          errors.push({ file: `${entry.name}/`, line: null, message: `unknown language folder; supported: ${LANGUAGES.join(', ')}` });
        }
      }
    }

    // zh-Hant: every zh-Hans string converted, then what translators wrote in zh-Hant on top.
    const simplified = bundles.get('zh-Hans') ?? new Map();
    const traditional = bundles.get('zh-Hant') ?? new Map();
    const overrides = new Set<string>();
    const merged = new Map<string, Resource>();
    for (const [ns, data] of simplified) merged.set(ns, mapStrings(data, convertToTraditional));
    for (const [ns, data] of traditional) {
      for (const [key] of flatten(data)) overrides.add(`${ns}\u0000${key}`);
      merged.set(ns, deepMerge(merged.get(ns) ?? {}, data));
    }
    bundles.set('zh-Hant', merged);

    const namespaces = [...new Set([...bundles.values()].flatMap((b) => [...b.keys()]))].sort();
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
    return new Catalog(i18n, errors, overrides, namespaces, written, records, root);
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
    const value = this.i18n.getResource(language, namespace, key) as unknown;
    return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      ? (value as string | string[])
      : undefined;
  }

  has(language: Language, namespace: string, key: string): boolean {
    const value = this.raw(language, namespace, key);
    return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  }

  /** How a language came by its string (translated, or converted for zh-Hant). */
  provenanceOf(language: Language, namespace: string, key: string): Provenance {
    return language === 'zh-Hant' && !this.traditionalOverrides.has(`${namespace}\u0000${key}`) ? 'CONVERTED' : 'TRANSLATED';
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
    const base = { requested, stale: false };
    if (requested === original.language) return { ...base, text: original.text, language: original.language, provenance: 'ORIGINAL' };
    const value = this.raw(requested, namespace, key);
    if (typeof value === 'string' && value !== '') {
      const stale = original.hash !== undefined && this.isStale(requested, namespace, key, original.hash);
      return { ...base, text: value, language: requested, provenance: this.provenanceOf(requested, namespace, key), stale };
    }
    for (const language of FALLBACKS[requested]) {
      if (language === original.language) break;
      const fallback = this.raw(language, namespace, key);
      if (typeof fallback === 'string' && fallback !== '') return { ...base, text: fallback, language, provenance: 'FALLBACK' };
    }
    return { ...base, text: original.text, language: original.language, provenance: 'FALLBACK' };
  }
}

function deepMerge(base: Resource, over: Resource): Resource {
  const out: Resource = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b) ? deepMerge(b, v) : v;
  }
  return out;
}

let current: Catalog | null = null;

/** The catalog in use; loaded on first use. */
export function catalog(): Catalog {
  current ??= Catalog.load();
  return current;
}

export function useCatalog(next: Catalog): void {
  current = next;
}
