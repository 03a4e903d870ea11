import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCALES_DIR } from '../../src/i18n/catalog.js';

/** A private copy of the shipped locale files, for tests that edit them. */
export function copyLocales(): { root: string; file: (rel: string) => string; read: (rel: string) => string; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-locales-'));
  fs.cpSync(LOCALES_DIR, root, { recursive: true });
  return {
    root,
    file: (rel) => path.join(root, rel),
    read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8'),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Saves a file the way many editors do: write a temporary file, then rename it over the old one. */
export function saveByRename(file: string, text: string): void {
  const tmp = `${file}.swp${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
