// Live reload of the locale files. Node 20's recursive fs.watch stops firing after an editor saves
// by renaming a new file into place, so each folder is watched on its own: the locales root, each
// language folder, its articles/ folder, and .sources/. A burst of events is debounced; each reload
// builds a whole new catalog and swaps it in, so a request sees the old version or the new one.
import fs from 'node:fs';
import path from 'node:path';
import { Catalog } from './catalog.js';
import { liveReload, useCatalog } from './current.js';
import { LANGUAGES } from './languages.js';
import type { LastGoodStore } from './last-good.js';
import type { LoadError } from './locale-file.js';
import { SOURCES_DIR } from './records.js';

export interface LocaleWatcher {
  /** Resolves after the next reload (for tests and scripts). */
  reloaded(): Promise<Catalog>;
  close(): void;
}

export interface WatchOptions {
  lastGood?: LastGoodStore;
  debounceMs?: number;
  log?: (line: string) => void;
  /** The errors of the catalog already in use, so that only new ones are logged. */
  initialErrors?: LoadError[];
  /** Called after each reload attempt: true when every file loaded, false when one failed its checks or the load failed. */
  onReload?: (ok: boolean) => void;
}

const describe = (e: LoadError) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`;

/** Every folder whose entries can change what is served. */
const localeFolders = (root: string) => [
  root,
  path.join(root, SOURCES_DIR),
  ...LANGUAGES.flatMap((l) => [path.join(root, l), path.join(root, l, 'articles')]),
];

function inode(dir: string): number | null {
  try {
    return fs.statSync(dir).ino;
  } catch {
    return null;
  }
}

/**
 * One fs.watch per folder, each with the inode of the folder it watches: a folder replaced by
 * another of the same name (moved aside and copied back) needs a new watcher.
 */
class FolderWatchers {
  private readonly watchers = new Map<string, { watcher: fs.FSWatcher; ino: number }>();

  constructor(private readonly onChange: () => void) {}

  /** Watches the folders that exist now, renewing those replaced and dropping those gone. */
  refresh(folders: string[]): void {
    for (const dir of folders) {
      const ino = inode(dir);
      const current = this.watchers.get(dir);
      if (current && current.ino === ino) continue;
      current?.watcher.close();
      this.watchers.delete(dir);
      if (ino !== null) this.watch(dir, ino);
    }
  }

  private watch(dir: string, ino: number): void {
    try {
      const watcher = fs.watch(dir, { persistent: false }, this.onChange);
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(dir);
        this.onChange();
      });
      this.watchers.set(dir, { watcher, ino });
    } catch {
      // the folder vanished between the check and the watch; the next event rewatches
    }
  }

  close(): void {
    for (const w of this.watchers.values()) w.watcher.close();
    this.watchers.clear();
  }
}

export function watchLocales(root: string, options: WatchOptions = {}): LocaleWatcher {
  const log = options.log ?? ((line: string) => console.log(line));
  let timer: NodeJS.Timeout | null = null;
  let waiting: Array<(c: Catalog) => void> = [];
  let previous = new Set<string>((options.initialErrors ?? []).map(describe));
  let closed = false;

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 40);
  };
  const watchers = new FolderWatchers(schedule);

  const reload = () => {
    timer = null;
    if (closed) return;
    watchers.refresh(localeFolders(root));
    let catalog: Catalog;
    try {
      catalog = Catalog.load(root, { lastGood: options.lastGood });
    } catch (err) {
      // Files moving under the loader: keep serving what we have and look again shortly.
      log(`[i18n] reload failed, keeping the current version: ${(err as Error).message}`);
      options.onReload?.(false);
      schedule();
      return;
    }
    useCatalog(catalog);
    previous = logChanges(previous, new Set(catalog.errors.map(describe)), log);
    options.onReload?.(catalog.errors.length === 0);
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve(catalog);
  };

  watchers.refresh(localeFolders(root));
  liveReload(true);
  return {
    reloaded: () => new Promise((resolve) => waiting.push(resolve)),
    close() {
      if (!closed) liveReload(false);
      closed = true;
      if (timer) clearTimeout(timer);
      watchers.close();
    },
  };
}

/** Logs the errors that appeared and those fixed since the last reload; returns the current ones. */
function logChanges(previous: Set<string>, now: Set<string>, log: (line: string) => void): Set<string> {
  for (const e of now) if (!previous.has(e)) log(`[i18n] locale error: ${e}`);
  for (const e of previous) if (!now.has(e)) log(`[i18n] fixed: ${e}`);
  if (now.size === 0 && previous.size === 0) log('[i18n] reloaded the locale files');
  return now;
}

/** Loads the catalog at start-up, reporting broken files, and watches for changes. */
export function startLocales(
  root: string,
  lastGood: LastGoodStore,
  log = (line: string) => console.log(line),
  onReload?: (ok: boolean) => void,
): LocaleWatcher {
  const catalog = Catalog.load(root, { lastGood });
  useCatalog(catalog);
  for (const e of catalog.errors) log(`[i18n] locale error: ${describe(e)}`);
  log(`[i18n] ${catalog.namespaces.length} namespaces loaded from ${root}; watching for changes`);
  return watchLocales(root, { lastGood, log, initialErrors: catalog.errors, onReload });
}
