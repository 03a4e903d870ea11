// The two versions a cached response depends on besides the request itself: the data version
// (a counter the database raises with every committed write, announced by NOTIFY; see migration
// 20261130120000_data_version) and the catalog version (a hash of the locale files as loaded).
// Both are the same on every replica that has seen the same writes and loaded the same files, so
// replicas share entries; either changing makes every older entry unreachable.
import { createHash } from 'node:crypto';
import type { Database } from '../db/client.js';
import type { Catalog } from '../i18n/catalog.js';

export const DATA_CHANNEL = 'pgdesk_data';

/**
 * The latest data version this process knows to be committed. Unknown (null) while the LISTEN
 * connection is down or being re-established: notifications may be missed then, so the cache is
 * bypassed until the version has been read again.
 */
export class DataVersion {
  private value: number | null = null;
  /** Which database the versions count: its name and random epoch, hashed (set by start()). */
  namespace = '';
  private stopListening: (() => Promise<void>) | null = null;
  private readonly listeners = new Set<(value: number) => void>();

  private constructor(private readonly db: Database) {}

  /** Listens first, then reads the version, so that no commit falls between the two. */
  static async start(db: Database, log: (line: string) => void = () => {}): Promise<DataVersion> {
    const version = new DataVersion(db);
    let lost = false;
    version.stopListening = await db.listen(
      DATA_CHANNEL,
      (payload) => version.advance(Number(payload)),
      (listening) => {
        if (listening && lost) {
          lost = false;
          log('[cache] data notifications flow again: the response cache is back on');
          version.refresh().catch(() => {});
        } else if (!listening) {
          lost = true;
          version.value = null;
          log('[cache] lost the data notifications connection: the response cache is bypassed until it is back');
        }
      },
    );
    const [row] = await db.sql.query<{ epoch: string; db: string }>(
      'SELECT "epoch", current_database() AS db FROM "DataVersion" WHERE "id" = 1',
    );
    version.namespace = createHash('sha256').update(`${db.location}\u0000${row?.db}\u0000${row?.epoch}`).digest('base64url').slice(0, 12);
    await version.refresh();
    return version;
  }

  current(): number | null {
    return this.value;
  }

  /** Reads the committed version (after this process's own write, so that it reads its writes). */
  async refresh(): Promise<void> {
    const rows = await this.db.sql.query<{ value: number }>('SELECT "value" FROM "DataVersion" WHERE "id" = 1');
    this.advance(rows[0]?.value ?? 0);
  }

  /** Versions rise in commit order; a late answer never moves the version back. */
  private advance(value: number) {
    if (!Number.isSafeInteger(value)) return;
    if (this.value !== null && value <= this.value) return;
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }

  /** Called with each new version (for tests and metrics). */
  onChange(listener: (value: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.stopListening?.();
    this.value = null;
  }
}

const catalogVersions = new WeakMap<Catalog, string>();

/** A stable hash of everything a catalog serves from: the files as written and their source records. */
export function catalogVersion(catalog: Catalog): string {
  let version = catalogVersions.get(catalog);
  if (!version) {
    const hash = createHash('sha256');
    hash.update(stable(catalog.files));
    hash.update('\u0000');
    hash.update(stable(catalog.records));
    version = hash.digest('base64url').slice(0, 22);
    catalogVersions.set(catalog, version);
  }
  return version;
}

/** JSON with Maps as sorted entries and object keys sorted, so equal content gives equal text. */
function stable(value: unknown): string {
  if (value instanceof Map) {
    return `M${stable([...value.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)))}`;
  }
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
