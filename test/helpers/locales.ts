import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCALES_DIR } from '../../src/i18n/catalog.js';
import { flatten, type Resource } from '../../src/i18n/locale-file.js';

/** A private copy of the shipped locale files, for tests that edit them. */
export function copyLocales(): {
  root: string;
  file: (rel: string) => string;
  read: (rel: string) => string;
  /** SHA-256 of every file under the copy, by relative path: to prove what a call wrote, or that it wrote nothing. */
  snapshot: () => Record<string, string>;
  remove: () => void;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-locales-'));
  fs.cpSync(LOCALES_DIR, root, { recursive: true });
  return {
    root,
    file: (rel) => path.join(root, rel),
    read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8'),
    snapshot: () => {
      const out: Record<string, string> = {};
      for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (!e.isFile()) continue;
        const file = path.join(e.parentPath, e.name);
        out[path.relative(root, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      }
      return out;
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Saves a file the way many editors do: write a temporary file, then rename it over the old one. */
export function saveByRename(file: string, text: string): void {
  const tmp = `${file}.swp${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Strings of a locale file by flattened key, a plural's forms counted once ("units.days"). */
export function labelCount(file: string): number {
  const keys = flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Resource).map(([key]) =>
    key.replace(/_(zero|one|two|few|many|other)$/, ''),
  );
  return new Set(keys).size;
}

const deskFiles = new Map<string, Map<string, string | string[]>>();
/** locales/<code>/desk.json as shipped, flat, read once. */
function deskFile(code: string): Map<string, string | string[]> {
  let file = deskFiles.get(code);
  if (!file) {
    file = new Map(flatten(JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, code, 'desk.json'), 'utf8')) as Resource));
    deskFiles.set(code, file);
  }
  return file;
}

/**
 * A label of the desk (locales/<lang>/desk.json as shipped, English where the language has none)
 * with its placeholders filled: what the desk's page must show in that language.
 */
export function deskLabel(lang: 'en' | 'ko' | 'zh-Hans', key: string, values: Record<string, string | number> = {}): string {
  const text = deskFile(lang).get(key) ?? deskFile('en').get(key);
  if (typeof text !== 'string') throw new Error(`no desk label ${key}`);
  return text.replace(/\{\{\s*([^},\s]+)[^}]*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
