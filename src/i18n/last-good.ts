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
    writeIfChanged(this.file(language, namespace), `${JSON.stringify(data)}\n`);
  }

  /** zh-Hant conversions of the zh-Hans strings last loaded, so a restart need not build OpenCC's dictionaries. */
  conversions(): Map<string, string> {
    try {
      return new Map(Object.entries(JSON.parse(fs.readFileSync(this.conversionsFile(), 'utf8')) as Record<string, string>));
    } catch {
      return new Map();
    }
  }

  saveConversions(conversions: Map<string, string>): void {
    writeIfChanged(this.conversionsFile(), `${JSON.stringify(Object.fromEntries(conversions))}\n`);
  }

  private conversionsFile() {
    return path.join(this.dir, 'zh-Hant.conversions.json');
  }
}

function writeIfChanged(file: string, text: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === text) return;
  } catch {
    // not there yet
  }
  writeAtomic(file, text);
}
