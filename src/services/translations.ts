// The translators' tools as plain functions (behind `npm run i18n:*`, and later GraphQL and a web
// page). They read the locale files under a folder and the articles and entities in a database, and
// return what they found; they never print and never exit. A request they refuse is a
// TranslationError with a code; an import or a save that fails its checks is a result with its
// problems. Within one process, the calls that write locale files run one at a time per folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../db/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { Catalog, type LoadError } from '../i18n/catalog.js';
import { checkLocales, type GlossaryEntity, type Problem, type ProblemCode } from '../i18n/check.js';
import {
  type ExchangeEntry,
  ExchangeError,
  exportUnits,
  FORMATS,
  type Format,
  isFormat,
  parseExchange,
  setPath,
  writtenValue,
} from '../i18n/exchange.js';
import { articleNamespace, entityNameKey, isArticleNamespace, legacyPosition, paragraphKey } from '../i18n/keys.js';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language, TARGET_LANGUAGES } from '../i18n/languages.js';
import { localeTexts } from '../i18n/load.js';
import { parseLocaleText, type Resource, serialize } from '../i18n/locale-file.js';
import { markCurrent, recordsFile, SOURCES_DIR, type SourceRecords, writeRecords } from '../i18n/records.js';
import {
  type ConfirmedEntity,
  type EntityNameCoverage,
  entityNameCoverage,
  type LanguageStatus,
  translationStatus,
} from '../i18n/status.js';
import { appliesTo, translationUnits, type Unit, unitsFor } from '../i18n/units.js';
import { writeAtomic } from '../lib/files.js';
import { oneAtATime, type Queues } from '../lib/serial.js';

export type TranslationErrorCode =
  /** A language the service does not serve. */
  | 'UNSUPPORTED_LANGUAGE'
  /** An exchange format other than xliff, xliff12 or po. */
  | 'UNSUPPORTED_FORMAT'
  /** A key with no translation to mark current. */
  | 'UNKNOWN_KEY'
  /** An import file that cannot be read as XLIFF or PO, or is not for a language translators write. */
  | 'BAD_FILE'
  /** An import file that does not exist. */
  | 'NO_SUCH_FILE';

export class TranslationError extends Error {
  override name = 'TranslationError';
  constructor(
    readonly code: TranslationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The database the services read articles and entities from. */
export type TranslationsDb = Pick<Database, 'prisma'>;

/**
 * The locale files: a folder, read afresh, or a catalog already loaded (such as the one being
 * served; line numbers are still read from its folder).
 */
export type Locales = string | Catalog;

const loaded = (locales: Locales) => (typeof locales === 'string' ? Catalog.load(locales) : locales);
const id = (u: { namespace: string; key: string }) => `${u.namespace}:${u.key}`;

const queues: Queues = new Map();
/**
 * Runs the calls that read, change and write the locale files of one folder one after another, so
 * two saves (a web page and a GraphQL mutation, say) never lose each other's change. Within this
 * process only; every file is still written atomically.
 */
function oneFolderAtATime<T>(root: string, work: () => Promise<T>): Promise<T> {
  return oneAtATime(queues, path.resolve(root), work);
}

/** A language code exactly as the service spells it (en, ko, zh-Hans, zh-Hant). */
export function requireLanguage(value: string): Language {
  if (!isLanguage(value))
    throw new TranslationError('UNSUPPORTED_LANGUAGE', `language "${value.slice(0, 40)}" is not one of ${LANGUAGES.join(', ')}`);
  return value;
}

export function requireFormat(value: string): Format {
  if (!isFormat(value)) throw new TranslationError('UNSUPPORTED_FORMAT', `format must be one of ${FORMATS.join(', ')}`);
  return value;
}

/**
 * Entities mentioned by some article, and every confirmed one (their names may be written before an
 * article mentions them), with what the checks need.
 */
async function glossaryEntities(prisma: PrismaClient): Promise<Map<string, GlossaryEntity>> {
  const rows = await prisma.entity.findMany({
    where: { OR: [{ articles: { some: {} } }, { confirmed: true, rejected: false }] },
    select: { key: true, kind: true, name: true, dateValue: true },
  });
  return new Map(rows.map((r) => [r.key, r]));
}

// ---- status -------------------------------------------------------------------------------------

/** A language's status, with how many confirmed entities it names. */
export interface LanguageStatusReport extends LanguageStatus {
  entityNames: EntityNameCoverage;
}

export interface StatusReport {
  root: string;
  /** One entry per language asked for (every language translators write, by default). */
  languages: LanguageStatusReport[];
  /** Every locale file that failed to load, in any language. */
  errors: LoadError[];
}

/** Confirmed entities that have a name to translate (not dates or quantities), and whether an article mentions each. */
async function confirmedEntities(prisma: PrismaClient): Promise<ConfirmedEntity[]> {
  const rows = await prisma.entity.findMany({
    where: { confirmed: true, rejected: false, kind: { notIn: ['DATE', 'QUANTITY'] } },
    orderBy: { key: 'asc' },
    select: { key: true, _count: { select: { articles: true } } },
  });
  return rows.map((r) => ({ key: r.key, mentioned: r._count.articles > 0 }));
}

/**
 * What `i18n:status` shows: per language and namespace, what is translated, missing and stale;
 * and per language, how many confirmed entities have a name in it.
 */
export async function translationStatusReport(
  db: TranslationsDb,
  locales: Locales,
  options: { language?: string } = {},
): Promise<StatusReport> {
  const languages = options.language === undefined ? TARGET_LANGUAGES : [requireLanguage(options.language)];
  const catalog = loaded(locales);
  const [units, entities] = await Promise.all([translationUnits(db.prisma, catalog), confirmedEntities(db.prisma)]);
  return {
    root: catalog.root,
    languages: languages.map((l) => ({ ...translationStatus(catalog, units, l), entityNames: entityNameCoverage(catalog, entities, l) })),
    errors: catalog.errors,
  };
}

// ---- check --------------------------------------------------------------------------------------

export interface CheckReport {
  root: string;
  problems: Problem[];
  errors: number;
  warnings: number;
}

/** What `i18n:check` reports: every problem in every language; errors fail the check. */
export async function checkTranslations(db: TranslationsDb, locales: Locales): Promise<CheckReport> {
  const catalog = loaded(locales);
  const units = await translationUnits(db.prisma, catalog);
  const problems = checkLocales({ catalog, units, entities: await glossaryEntities(db.prisma), texts: localeTexts(catalog.root) });
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { root: catalog.root, problems, errors, warnings: problems.length - errors };
}

// ---- mark current -------------------------------------------------------------------------------

export interface MarkCurrentResult {
  language: Language;
  /** "namespace:key" of every translation marked current. */
  keys: string[];
  count: number;
}

/**
 * Records translations of a language as made from the current source texts: the given
 * "namespace:key"s, or every translation that language's translators wrote. A key without such a
 * translation fails the whole call (UNKNOWN_KEY) and nothing is written.
 */
export async function markTranslationsCurrent(
  db: TranslationsDb,
  root: string,
  language: string,
  keys?: string[],
): Promise<MarkCurrentResult> {
  const target = requireLanguage(language);
  return oneFolderAtATime(root, () => markCurrentNow(db, root, target, keys));
}

async function markCurrentNow(db: TranslationsDb, root: string, target: Language, keys?: string[]): Promise<MarkCurrentResult> {
  const catalog = Catalog.load(root);
  const units = await translationUnits(db.prisma, catalog);
  const wanted = keys ? new Set(keys) : null;
  const chosen = unitsFor(units, target).filter(
    (u) =>
      (wanted ? wanted.has(id(u)) : true) &&
      catalog.has(target, u.namespace, u.key) &&
      catalog.authorOf(target, u.namespace, u.key) === target,
  );
  const unknown = [...(wanted ?? [])].filter((k) => !chosen.some((u) => id(u) === k));
  if (unknown.length) throw new TranslationError('UNKNOWN_KEY', `no ${target} translation for: ${unknown.join(', ')}`);
  markCurrent(root, catalog.records.get(target) ?? {}, target, chosen);
  return { language: target, keys: chosen.map(id), count: chosen.length };
}

// ---- export -------------------------------------------------------------------------------------

export interface ExportOptions {
  language: string;
  /** xliff (2.0, the default), xliff12 or po. */
  format?: string;
  /** Only the strings without a translation. */
  missing?: boolean;
  /** Only the stale translations. */
  stale?: boolean;
  /** Only the entity names. */
  glossary?: boolean;
}

export interface ExportResult {
  language: Language;
  format: Format;
  /** The file's text. */
  text: string;
  /** How many units it holds. */
  count: number;
}

/** An XLIFF or PO file of a language's units, each with its English source, translation and context. */
export async function exportTranslations(db: TranslationsDb, locales: Locales, options: ExportOptions): Promise<ExportResult> {
  const language = requireLanguage(options.language);
  const format = requireFormat(options.format ?? 'xliff');
  const catalog = loaded(locales);
  let chosen: Unit[] = unitsFor(await translationUnits(db.prisma, catalog), language);
  if (options.glossary) chosen = chosen.filter((u) => u.namespace === 'entities');
  if (options.missing) chosen = chosen.filter((u) => !catalog.has(language, u.namespace, u.key));
  if (options.stale) chosen = chosen.filter((u) => catalog.isStale(language, u.namespace, u.key, u.sourceHash));
  return { language, format, text: await exportUnits(chosen, catalog, language, format), count: chosen.length };
}

// ---- import -------------------------------------------------------------------------------------

/** A file to import: read from a path, or given as text (`name` then names it in problems). */
export type ImportOptions = { file: string } | { text: string; name?: string };

interface ImportBase {
  /** The file's name, as given. */
  file: string;
  language: Language;
  format: Format;
}

export type ImportResult =
  | (ImportBase & {
      ok: true;
      /** How many translations the file holds (empty and fuzzy entries left out). */
      imported: number;
      /** How many were marked current: what changed, and from PO every entry no longer fuzzy. */
      reviewed: number;
      /** The locale files rewritten, relative to the locales folder. */
      written: string[];
    })
  | (ImportBase & {
      ok: false;
      /** Every error found; nothing was written. */
      problems: Problem[];
    });

/**
 * Imports an XLIFF or PO file into the locale files. It is checked like `i18n:check` first (the
 * whole language, not only the imported keys); if anything is wrong, the result lists the problems
 * and nothing is written. A file that cannot be read as XLIFF or PO is a BAD_FILE error.
 */
export async function importTranslations(db: TranslationsDb, root: string, options: ImportOptions): Promise<ImportResult> {
  const { file, text } = readImport(options);
  return oneFolderAtATime(root, () => importNow(db, root, file, text));
}

async function importNow(db: TranslationsDb, root: string, file: string, text: string): Promise<ImportResult> {
  let parsed: Awaited<ReturnType<typeof parseExchange>>;
  try {
    parsed = await parseExchange(text);
  } catch (err) {
    if (err instanceof ExchangeError) throw new TranslationError('BAD_FILE', err.message);
    throw err;
  }
  const { language, format, entries } = parsed;
  const catalog = Catalog.load(root);
  const units = await translationUnits(db.prisma, catalog);
  const byKey = new Map(units.map((u) => [id(u), u]));
  const known = entries.filter((e) => byKey.has(id(e)));
  const changed = applyEntries(catalog.files.get(language) ?? new Map(), known);
  const problems = [
    ...brokenFiles(catalog, language),
    ...entries.filter((e) => !byKey.has(id(e))).map((e) => unknownKey(file, e)),
    ...(await trialErrors(db, root, units, language, changed)),
  ];
  if (problems.length) return { ok: false, file, language, format, problems };

  const written = writeFiles(root, language, changed);
  // Marked current: what the file changed, and, from PO, every entry no longer flagged fuzzy (stale
  // units are exported fuzzy, so clearing the flag is the translator's review). An unchanged XLIFF
  // round trip leaves stale translations stale.
  const reviewed = known
    .filter((e) => format === 'po' || writtenValue(catalog, language, e.namespace, e.key) !== e.target)
    .map((e) => byKey.get(id(e)))
    .filter((u): u is Unit => !!u);
  if (reviewed.length) markCurrent(root, catalog.records.get(language) ?? {}, language, reviewed);
  return { ok: true, file, language, format, imported: known.length, reviewed: reviewed.length, written };
}

function readImport(options: ImportOptions): { file: string; text: string } {
  if ('text' in options) return { file: options.name ?? '(import)', text: options.text };
  try {
    return { file: options.file, text: fs.readFileSync(options.file, 'utf8') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new TranslationError('NO_SUCH_FILE', `${options.file}: no such file`);
    throw err;
  }
}

/** A broken file would be rebuilt from the imported keys alone: it must be fixed first. */
const brokenFiles = (catalog: Catalog, language: Language, doing = 'importing into it'): Problem[] =>
  catalog.errors
    .filter((e) => e.file.startsWith(`${language}/`))
    .map((e) => ({
      severity: 'error',
      code: 'BROKEN_FILE',
      file: e.file,
      line: e.line,
      key: null,
      message: `${e.message}; fix this file before ${doing}`,
    }));

const unknownKey = (file: string, e: ExchangeEntry): Problem => ({
  severity: 'error',
  code: 'UNKNOWN_KEY',
  file,
  line: null,
  key: id(e),
  message: 'no such key in the source language',
});

/** The namespaces the entries change, each as its whole new file. */
function applyEntries(files: Map<string, Resource>, entries: ExchangeEntry[]): Map<string, Resource> {
  const changed = new Map<string, Resource>();
  for (const e of entries) changed.set(e.namespace, setPath(changed.get(e.namespace) ?? files.get(e.namespace) ?? {}, e.key, e.target));
  return changed;
}

/**
 * The errors the changed files would bring: they are written to a copy of the locales folder and the
 * whole language is checked there, as i18n:check would (a new entity name can fail the glossary of
 * paragraphs the file does not contain); or, given `only`, just those "namespace:key"s.
 */
async function trialErrors(
  db: TranslationsDb,
  root: string,
  units: Unit[],
  language: Language,
  changed: Map<string, Resource>,
  only?: Set<string>,
): Promise<Problem[]> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-import-'));
  try {
    fs.cpSync(root, scratch, { recursive: true });
    for (const [ns, data] of changed) writeAtomic(path.join(scratch, language, `${ns}.json`), serialize(data));
    const found = checkLocales({
      catalog: Catalog.load(scratch),
      units,
      entities: await glossaryEntities(db.prisma),
      texts: localeTexts(scratch),
      languages: [language],
      only,
    });
    return found.filter((p) => p.severity === 'error');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes the changed files whose text differs from what is there; returns them relative to root. */
function writeFiles(root: string, language: Language, changed: Map<string, Resource>): string[] {
  const written: string[] = [];
  for (const [ns, data] of changed) {
    const target = path.join(root, language, `${ns}.json`);
    const text = serialize(data);
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) {
      writeAtomic(target, text);
      written.push(`${language}/${ns}.json`);
    }
  }
  return written;
}

// ---- rekey --------------------------------------------------------------------------------------

export interface RekeyedFile {
  /** Relative to the locales folder: "ko/articles/<slug>.json" or ".sources/ko.json". */
  file: string;
  /** Each legacy key renamed, to the stable key of the paragraph now at its position. */
  renamed: Array<{ from: string; to: string }>;
  /** Legacy keys left as they were, and why; i18n:check goes on reporting them. */
  kept: Array<{ key: string; reason: string }>;
  /** Set when the file could not be read: it was left untouched. */
  error?: string;
}

export interface RekeyResult {
  /** Every file that holds a legacy key (or could not be read), in order; only those with renames were written. */
  files: RekeyedFile[];
  /** How many keys were renamed, in all files. */
  renamed: number;
  /** How many legacy keys were left. */
  kept: number;
}

/** A legacy paragraph key's new name: the key of the paragraph now at that position, or why there is none. */
type Mapping = { to: string } | { reason: string };

/**
 * Migrates locale files written before stable paragraph keys: in every article file of every
 * language, and in `.sources/<lang>.json`, each `paragraphs.p<N>` becomes `paragraphs.<key>` of
 * the paragraph now at position N (read from the database), in place (the file's key order is
 * kept), each file written atomically. Nothing is lost: a legacy key with no paragraph at its
 * position, of an article that no longer exists, or whose stable key the file already has, is
 * kept as it is and reported. Running it again renames nothing.
 */
export async function rekeyLegacyParagraphKeys(db: TranslationsDb, root: string): Promise<RekeyResult> {
  return oneFolderAtATime(root, async () => {
    const articles = await db.prisma.article.findMany({
      select: { slug: true, paragraphs: { select: { key: true, position: true } } },
    });
    const positions = new Map(
      articles.map((a) => [articleNamespace(a.slug), new Map(a.paragraphs.map((p) => [p.position, paragraphKey(p.key)]))]),
    );
    const mapping = (namespace: string, key: string): Mapping => {
      const byPosition = positions.get(namespace);
      if (!byPosition) return { reason: 'no such article' };
      const position = legacyPosition(key) ?? -1;
      const to = byPosition.get(position);
      return to ? { to } : { reason: `the article has no paragraph ${position}` };
    };
    const files: RekeyedFile[] = [];
    for (const language of LANGUAGES) {
      for (const { file, namespace } of articleFiles(root, language)) {
        const result = rekeyLocaleFile(root, file, namespace, mapping);
        if (result) files.push(result);
      }
    }
    for (const language of LANGUAGES) {
      const result = rekeyRecords(root, language, mapping);
      if (result) files.push(result);
    }
    const count = (f: (r: RekeyedFile) => unknown[]) => files.reduce((n, r) => n + f(r).length, 0);
    return { files, renamed: count((r) => r.renamed), kept: count((r) => r.kept) };
  });
}

/** The article files of a language folder, with their namespaces. */
function articleFiles(root: string, language: Language): Array<{ file: string; namespace: string }> {
  const dir = path.join(root, language, 'articles');
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {
    return [];
  }
  return names.sort().map((n) => ({ file: `${language}/articles/${n}`, namespace: articleNamespace(n.slice(0, -'.json'.length)) }));
}

/**
 * Renames the legacy keys of an object's entries in place (same order); returns the new object,
 * or null when nothing was renamed. `name` gives a legacy entry's full key ("paragraphs.p3").
 */
function renameEntries<V>(
  entries: Record<string, V>,
  name: (k: string) => string,
  strip: (key: string) => string,
  map: (key: string) => Mapping,
  out: RekeyedFile,
): Record<string, V> | null {
  const result: Record<string, V> = {};
  let changed = false;
  for (const [k, v] of Object.entries(entries)) {
    const key = name(k);
    if (legacyPosition(key) === null) {
      result[k] = v;
      continue;
    }
    const target = map(key);
    if ('reason' in target) out.kept.push({ key, reason: target.reason });
    else if (Object.hasOwn(entries, strip(target.to)))
      out.kept.push({ key, reason: `the file already has "${target.to}" (keep one of the two and delete the other)` });
    else {
      result[strip(target.to)] = v;
      out.renamed.push({ from: key, to: target.to });
      changed = true;
      continue;
    }
    result[k] = v;
  }
  return changed ? result : null;
}

function rekeyLocaleFile(
  root: string,
  file: string,
  namespace: string,
  mapping: (namespace: string, key: string) => Mapping,
): RekeyedFile | null {
  const out: RekeyedFile = { file, renamed: [], kept: [] };
  let data: Resource;
  try {
    data = parseLocaleText(file, fs.readFileSync(path.join(root, file), 'utf8'));
  } catch (err) {
    const e = err as LoadError | Error;
    return { ...out, error: `${'file' in e && e.line ? `line ${e.line}: ` : ''}${e.message}; not rekeyed (fix it, then run again)` };
  }
  const paragraphs = data.paragraphs;
  if (!paragraphs || typeof paragraphs !== 'object' || Array.isArray(paragraphs)) return null;
  const strip = (key: string) => key.slice('paragraphs.'.length);
  const renamed = renameEntries(
    paragraphs,
    (k) => `paragraphs.${k}`,
    strip,
    (key) => mapping(namespace, key),
    out,
  );
  if (renamed) writeAtomic(path.join(root, file), serialize({ ...data, paragraphs: renamed }));
  return out.renamed.length || out.kept.length ? out : null;
}

function rekeyRecords(root: string, language: Language, mapping: (namespace: string, key: string) => Mapping): RekeyedFile | null {
  const target = recordsFile(root, language);
  const file = `${SOURCES_DIR}/${language}.json`;
  if (!fs.existsSync(target)) return null;
  const out: RekeyedFile = { file, renamed: [], kept: [] };
  let records: SourceRecords;
  try {
    records = JSON.parse(fs.readFileSync(target, 'utf8')) as SourceRecords;
    if (!records || typeof records !== 'object' || Array.isArray(records)) throw new Error('not an object');
  } catch (err) {
    return { ...out, error: `${(err as Error).message}; not rekeyed` };
  }
  const next: SourceRecords = {};
  let changed = false;
  for (const [namespace, keys] of Object.entries(records)) {
    const renamed =
      isArticleNamespace(namespace) && keys && typeof keys === 'object'
        ? renameEntries(
            keys,
            (k) => k,
            (k) => k,
            (key) => mapping(namespace, key),
            out,
          )
        : null;
    next[namespace] = renamed ?? keys;
    changed ||= renamed !== null;
  }
  // Written in the records' canonical form (sorted), as every tool writes them.
  if (changed) writeRecords(root, language, next);
  return out.renamed.length || out.kept.length ? out : null;
}

// ---- save one translation -----------------------------------------------------------------------

export interface SaveTranslationInput {
  language: string;
  /** common, errors, desk, entities or articles/<slug>. */
  namespace: string;
  /** The key within the namespace: "title", "paragraphs.p-6fc76108", "dandong.name", "dandong.aliases", "entityKind.PLACE". */
  key: string;
  /** The translation; a list of strings for an entity's aliases. */
  text: string | string[];
}

export interface SaveTranslationOptions {
  /** Check only: the same checks as a save, nothing written (the translator's page, as they type). */
  dryRun?: boolean;
}

export type SaveTranslationResult =
  | {
      ok: true;
      language: Language;
      namespace: string;
      key: string;
      /** The locale file written, relative to the locales folder ("ko/articles/<slug>.json"). */
      file: string;
      /** Always false: the save is the review, recorded in .sources. */
      stale: false;
    }
  | {
      ok: false;
      /** Every reason the save was refused (each with a stable code); nothing was written. */
      problems: Problem[];
    };

/** Longer than any paragraph could be: refused before anything is read. */
export const MAX_TRANSLATION_LENGTH = 20_000;

/**
 * Saves one translation (for the web page and GraphQL). The unit must exist now: an article's title
 * or one of its current paragraphs, an entity's name or aliases, a label or error message. The
 * language's files with the new text are checked like an import (placeholders, glossary, particles,
 * brackets and quotes, empty strings, broken files): the saved string's own checks, or, for an
 * entity's name or aliases, every string of the language); on any error nothing is written and
 * the problems are returned. Otherwise only that key of the locale file changes (written atomically,
 * canonical form) and it is recorded as made from the current source (not stale). zh-Hant writes
 * into locales/zh-Hant/…, an override of the conversion.
 */
export async function saveTranslation(
  db: TranslationsDb,
  root: string,
  input: SaveTranslationInput,
  options: SaveTranslationOptions = {},
): Promise<SaveTranslationResult> {
  const { namespace, key, text } = input;
  const refuse = (code: ProblemCode, message: string, file = ''): SaveTranslationResult => ({
    ok: false,
    problems: [{ severity: 'error', code, file, line: null, key: `${namespace}:${key}`.slice(0, 200), message }],
  });
  if (!isLanguage(input.language) || input.language === DEFAULT_LANGUAGE)
    return refuse(
      'UNSUPPORTED_LANGUAGE',
      `language "${String(input.language).slice(0, 40)}" is not one translators write (${TARGET_LANGUAGES.join(', ')})`,
    );
  const language = input.language;
  const length = Array.isArray(text) ? text.reduce((n, t) => n + (typeof t === 'string' ? t.length : 0), 0) : String(text).length;
  if (length > MAX_TRANSLATION_LENGTH) return refuse('TOO_LONG', `longer than ${MAX_TRANSLATION_LENGTH} characters`);

  return oneFolderAtATime(root, async () => {
    const catalog = Catalog.load(root);
    const units = await translationUnits(db.prisma, catalog);
    const unit = units.find((u) => u.namespace === namespace && u.key === key && appliesTo(u, language));
    const aliases = namespace === 'entities' && key.endsWith('.aliases');
    const entity = aliases && units.some((u) => u.namespace === 'entities' && u.key === entityNameKey(key.slice(0, -'.aliases'.length)));
    if (!unit && !entity) return refuse('UNKNOWN_KEY', unknownUnitMessage(namespace, key));
    const file = `${language}/${namespace}.json`;
    if (aliases ? !Array.isArray(text) || text.some((t) => typeof t !== 'string') : typeof text !== 'string')
      return refuse(aliases ? 'BAD_ALIASES' : 'NOT_A_STRING', aliases ? 'aliases must be a list of strings' : 'must be a string', file);

    const current = catalog.files.get(language)?.get(namespace) ?? {};
    const changed = new Map([[namespace, setPath(current, key, text)]]);
    // One string changed: its own checks are all it can fail, except an entity's name or aliases,
    // which every paragraph mentioning the entity is checked against (the glossary): then all of them.
    const only = namespace === 'entities' ? undefined : new Set([`${namespace}:${key}`]);
    const problems = [
      ...brokenFiles(catalog, language, 'saving into it'),
      ...(await trialErrors(db, root, units, language, changed, only)),
    ];
    if (problems.length) return { ok: false, problems };
    if (options.dryRun) return { ok: true, language, namespace, key, file, stale: false };

    writeFiles(root, language, changed);
    if (unit) markCurrent(root, catalog.records.get(language) ?? {}, language, [unit]);
    return { ok: true, language, namespace, key, file, stale: false };
  });
}

function unknownUnitMessage(namespace: string, key: string): string {
  if (isArticleNamespace(namespace)) {
    if (legacyPosition(key) !== null)
      return 'a position key from before stable paragraph keys: use the paragraph’s key (Paragraph.key, or the unit id in an export)';
    return 'not the title or a current paragraph of an article (no such article, or its paragraph is no longer in it)';
  }
  return 'no such key in the source language';
}
