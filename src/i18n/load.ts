// Reading a locales folder: every language's files as translators wrote them, each checked; a
// broken file falls back to its last good version. Nothing here is converted or merged.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Language } from './languages.js';
import type { LastGoodStore } from './last-good.js';
import { type LoadError, namespaceOf, parseLocaleText, type Resource } from './locale-file.js';
import { readRecords, type SourceRecords } from './records.js';

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');

export interface LoadOptions {
  lastGood?: LastGoodStore;
}

export interface LocaleFiles {
  /** The files as translators wrote them (zh-Hant: its own, not the conversion), per language and namespace. */
  files: Map<Language, Map<string, Resource>>;
  /** Which source text each translation was made from, per language. */
  records: Map<Language, SourceRecords>;
  /** Files that could not be read or parsed, and folders that are not languages. */
  errors: LoadError[];
}

/** Reads every language folder under root, then the source records. */
export function readLocaleFiles(root: string, options: LoadOptions = {}): LocaleFiles {
  const errors: LoadError[] = [];
  const files = new Map<Language, Map<string, Resource>>();
  for (const language of LANGUAGES) files.set(language, readLanguage(root, language, options, errors));
  const records = new Map<Language, SourceRecords>(LANGUAGES.map((l) => [l, readRecords(root, l)]));
  errors.push(...unknownFolders(root));
  return { files, records, errors };
}

function readLanguage(root: string, language: Language, options: LoadOptions, errors: LoadError[]): Map<string, Resource> {
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
      const data = parseLocaleText(`${language}/${namespace}.json`, readText(file, `${language}/${namespace}.json`));
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
  return files;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text; bytes that are not UTF-8 are an error at their line, never U+FFFD served as text. */
function readText(file: string, display: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    // Deleted or replaced while being read, or not a readable file.
    throw {
      file: display,
      line: null,
      message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    } satisfies LoadError;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const text = bytes.toString('utf8');
    const offset = text.indexOf('\ufffd');
    throw {
      file: display,
      line: offset >= 0 ? text.slice(0, offset).split('\n').length : null,
      message: 'invalid UTF-8: the file must be saved as UTF-8',
    } satisfies LoadError;
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

/** A folder in the locales root that is not a supported language is reported (and ignored). */
function unknownFolders(root: string): LoadError[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !(LANGUAGES as readonly string[]).includes(e.name) && !e.name.startsWith('.'))
    .map((e) => ({ file: `${e.name}/`, line: null, message: `unknown language folder; supported: ${LANGUAGES.join(', ')}` }));
}

/** The text of every locale file ("ko/entities.json" → text), for the line numbers of problems. */
export function localeTexts(root: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const lang of LANGUAGES) {
    const dir = path.join(root, lang);
    if (!fs.existsSync(dir)) continue;
    for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith('.json')) {
        const file = path.join(e.parentPath, e.name);
        texts.set(`${lang}/${path.relative(dir, file).split(path.sep).join('/')}`, fs.readFileSync(file, 'utf8'));
      }
    }
  }
  return texts;
}
