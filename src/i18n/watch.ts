// Live reload of the locale files. Node 20's recursive fs.watch stops firing after an editor saves
// by renaming a new file into place, so each folder is watched on its own: the locales root, each
// language folder, its articles/ folder, and .sources/. A burst of events is debounced; each reload
// builds a whole new catalog and swaps it in, so a request sees the old version or the new one.
import fs from 'node:fs';
import path from 'node:path';
import { Catalog, type LastGoodStore, type LoadError, SOURCES_DIR, useCatalog } from './catalog.js';
import { LANGUAGES } from './languages.js';

export interface LocaleWatcher {
  /** Resolves after the next reload (for tests and scripts). */
  reloaded(): Promise<Catalog>;
  close(): void;
}

const describe = (e: LoadError) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`;

export function watchLocales(
  root: string,
  options: { lastGood?: LastGoodStore; debounceMs?: number; log?: (line: string) => void; initialErrors?: LoadError[] } = {},
): LocaleWatcher {
  const log = options.log ?? ((line: string) => console.log(line));
  // Each watcher with the inode of the folder it watches: a folder replaced by another of the same
  // name (moved aside and copied back) needs a new watcher.
  const watchers = new Map<string, { watcher: fs.FSWatcher; ino: number }>();
  let timer: NodeJS.Timeout | null = null;
  let waiting: Array<(c: Catalog) => void> = [];
  let previous = new Set<string>((options.initialErrors ?? []).map(describe));
  let closed = false;

  const folders = () => [
    root,
    path.join(root, SOURCES_DIR),
    ...LANGUAGES.flatMap((l) => [path.join(root, l), path.join(root, l, 'articles')]),
  ];

  const inode = (dir: string) => {
    try {
      return fs.statSync(dir).ino;
    } catch {
      return null;
    }
  };

  const rewatch = () => {
    for (const dir of folders()) {
      const ino = inode(dir);
      const current = watchers.get(dir);
      if (current && current.ino === ino) continue;
      current?.watcher.close();
      watchers.delete(dir);
      if (ino === null) continue;
      try {
        const watcher = fs.watch(dir, { persistent: false }, schedule);
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
          schedule();
        });
        watchers.set(dir, { watcher, ino });
      } catch {
        // the folder vanished between the check and the watch; the next event rewatches
      }
    }
  };

  const reload = () => {
    timer = null;
    if (closed) return;
    rewatch();
    let catalog: Catalog;
    try {
      catalog = Catalog.load(root, { lastGood: options.lastGood });
    } catch (err) {
      // Files moving under the loader: keep serving what we have and look again shortly.
      log(`[i18n] reload failed, keeping the current version: ${(err as Error).message}`);
      schedule();
      return;
    }
    useCatalog(catalog);
    const now = new Set(catalog.errors.map(describe));
    for (const e of now) if (!previous.has(e)) log(`[i18n] locale error: ${e}`);
    for (const e of previous) if (!now.has(e)) log(`[i18n] fixed: ${e}`);
    if (now.size === 0 && previous.size === 0) log('[i18n] reloaded the locale files');
    previous = now;
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve(catalog);
  };

  function schedule() {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 40);
  }

  rewatch();
  return {
    reloaded: () => new Promise((resolve) => waiting.push(resolve)),
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.watcher.close();
      watchers.clear();
    },
  };
}

/** Loads the catalog at start-up, reporting broken files, and watches for changes. */
export function startLocales(root: string, lastGood: LastGoodStore, log = (line: string) => console.log(line)): LocaleWatcher {
  const catalog = Catalog.load(root, { lastGood });
  useCatalog(catalog);
  for (const e of catalog.errors) log(`[i18n] locale error: ${describe(e)}`);
  log(`[i18n] ${catalog.namespaces.length} namespaces loaded from ${root}; watching for changes`);
  return watchLocales(root, { lastGood, log, initialErrors: catalog.errors });
}
