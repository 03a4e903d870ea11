// The translators' tools as plain functions (behind `npm run i18n:*`, and later GraphQL and a web
// page). They read the locale files under a folder and the articles and entities in a database, and
// return what they found; they never print and never exit. A request they refuse is a
// TranslationError with a code; an import that fails its checks is a result with its problems.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../db/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { Catalog, type LoadError } from '../i18n/catalog.js';
import { checkLocales, type GlossaryEntity, type Problem } from '../i18n/check.js';
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
import { isLanguage, LANGUAGES, type Language, TARGET_LANGUAGES } from '../i18n/languages.js';
import { localeTexts } from '../i18n/load.js';
import { type Resource, serialize } from '../i18n/locale-file.js';
import { markCurrent } from '../i18n/records.js';
import { type LanguageStatus, translationStatus } from '../i18n/status.js';
import { translationUnits, type Unit, unitsFor } from '../i18n/units.js';
import { writeAtomic } from '../lib/files.js';

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

/** Entities mentioned by some article, with what the glossary check needs. */
async function glossaryEntities(prisma: PrismaClient): Promise<Map<string, GlossaryEntity>> {
  const rows = await prisma.entity.findMany({
    where: { articles: { some: {} } },
    select: { key: true, kind: true, name: true, dateValue: true },
  });
  return new Map(rows.map((r) => [r.key, r]));
}

// ---- status -------------------------------------------------------------------------------------

export interface StatusReport {
  root: string;
  /** One entry per language asked for (every language translators write, by default). */
  languages: LanguageStatus[];
  /** Every locale file that failed to load, in any language. */
  errors: LoadError[];
}

/** What `i18n:status` shows: per language and namespace, what is translated, missing and stale. */
export async function translationStatusReport(
  db: TranslationsDb,
  locales: Locales,
  options: { language?: string } = {},
): Promise<StatusReport> {
  const languages = options.language === undefined ? TARGET_LANGUAGES : [requireLanguage(options.language)];
  const catalog = loaded(locales);
  const units = await translationUnits(db.prisma, catalog);
  return { root: catalog.root, languages: languages.map((l) => translationStatus(catalog, units, l)), errors: catalog.errors };
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
const brokenFiles = (catalog: Catalog, language: Language): Problem[] =>
  catalog.errors
    .filter((e) => e.file.startsWith(`${language}/`))
    .map((e) => ({
      severity: 'error',
      file: e.file,
      line: e.line,
      key: null,
      message: `${e.message}; fix this file before importing into it`,
    }));

const unknownKey = (file: string, e: ExchangeEntry): Problem => ({
  severity: 'error',
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
 * paragraphs the file does not contain).
 */
async function trialErrors(
  db: TranslationsDb,
  root: string,
  units: Unit[],
  language: Language,
  changed: Map<string, Resource>,
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
