// The catalog the process serves: loaded from LOCALES_DIR on first use, replaced whole on reload.
import { Catalog } from './catalog.js';

let current: Catalog | null = null;

/** The catalog in use; loaded on first use. */
export function catalog(): Catalog {
  current ??= Catalog.load();
  return current;
}

export function useCatalog(next: Catalog): void {
  current = next;
}
