// Readiness: the database answers within a short timeout and a catalog of locale files is loaded.
import type { Database } from './db/client.js';
import type { Catalog } from './i18n/catalog.js';

/** Null when ready, else the reason, such as "database: no answer within 1000 ms". */
export async function readiness(db: Database | null, catalog: () => Catalog, timeoutMs = 1000): Promise<string | null> {
  if (!db) return 'starting';
  const probe = db.sql.query('SELECT 1');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe, timeout]);
  } catch (err) {
    probe.catch(() => {});
    return `database: ${(err as Error).message || (err as { code?: string }).code || 'unreachable'}`;
  } finally {
    clearTimeout(timer);
  }
  return catalog().namespaces.length ? null : 'catalog: no locale files loaded';
}
