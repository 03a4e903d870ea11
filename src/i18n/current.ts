// The catalog the process serves: loaded from LOCALES_DIR on first use, replaced whole on reload.
import { Catalog } from './catalog.js';

let current: Catalog | null = null;
/** How many live reloads (watch.ts) keep the catalog in step with the files. */
let watchers = 0;
const waiters = new Set<() => void>();

/** The catalog in use; loaded on first use. */
export function catalog(): Catalog {
  current ??= Catalog.load();
  return current;
}

export function useCatalog(next: Catalog): void {
  current = next;
  for (const waiter of [...waiters]) waiter();
}

/** Called by the live reload as it starts and stops. */
export function liveReload(on: boolean): void {
  watchers = Math.max(0, watchers + (on ? 1 : -1));
}

/**
 * Resolves true once the catalog in use satisfies `test` (a file just written is served), false
 * after `timeoutMs`, or at once when no live reload is running to bring the change in.
 */
export function untilCatalog(test: (c: Catalog) => boolean, timeoutMs: number): Promise<boolean> {
  if (test(catalog())) return Promise.resolve(true);
  if (watchers === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      waiters.delete(check);
      resolve(ok);
    };
    const check = () => {
      if (test(catalog())) done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    waiters.add(check);
  });
}
