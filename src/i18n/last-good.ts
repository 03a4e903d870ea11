import fs from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../lib/files.js';
import type { Resource } from './locale-file.js';

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
