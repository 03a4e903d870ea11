// The response cache: whole HTTP responses to GraphQL queries, keyed by everything that can change
// them. A key is the request (path, body, Accept, Accept-Language exactly as sent, Origin) and the
// versions it was answered under (data and catalog, src/cache/versions.ts). The language is in the
// key twice over: per-field `lang` arguments are in the body, the header is in the key, so a
// response is only ever replayed to a request that would have been served the same languages.
// Only successful query responses are stored; mutations, errors and authenticated requests are not.
import { createHash } from 'node:crypto';
import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Catalog } from '../i18n/catalog.js';
import type { CacheNote } from './http.js';
import type { CachedResponse, CacheStore } from './store.js';
import { catalogVersion, type DataVersion } from './versions.js';

export type { CacheNote } from './http.js';

/** The parts of a request a key is made of. */
export interface KeyParts {
  url: string;
  body: Buffer | string;
  accept: string | undefined;
  acceptLanguage: string | undefined;
  origin: string | undefined;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Requests not looked up: the data version was unknown (notifications connection down). */
  bypassed: number;
  stored: number;
  notModified: number;
}

export class ResponseCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, bypassed: 0, stored: 0, notModified: 0 };

  constructor(
    readonly store: CacheStore,
    readonly dataVersion: DataVersion,
    private readonly catalog: () => Catalog,
  ) {}

  /** The key for a request under the versions current now; null when the data version is unknown. */
  keyFor(parts: KeyParts): string | null {
    const data = this.dataVersion.current();
    if (data === null) return null;
    const hash = createHash('sha256');
    for (const part of [parts.url, parts.accept, parts.acceptLanguage, parts.origin]) hash.update(`${part ?? '\u0001'}\u0000`);
    hash.update(parts.body);
    return `${this.dataVersion.namespace}:${data}:${catalogVersion(this.catalog())}:${hash.digest('base64url')}`;
  }

  get(key: string) {
    return this.store.get(key);
  }

  put(key: string, response: CachedResponse): void {
    this.stats.stored++;
    this.store.set(key, response);
  }

  async close(): Promise<void> {
    await this.dataVersion.close();
    await this.store.close();
  }
}

const isQuery = (document: DocumentNode, operationName: string | null | undefined) =>
  getOperationAST(document, operationName ?? undefined)?.operation === 'query';

/**
 * Marks a response cacheable when it answered one query without errors. After a mutation, waits
 * for the data version it committed before the response goes out, so that this process's next
 * read is never an entry from before its own write.
 */
export function responseCachePlugin(cache: ResponseCache | null): Plugin {
  const wrote = new WeakSet<Request>();
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in (result as object)) return;
          const context = args.contextValue as { responseCache?: CacheNote; request?: Request };
          if (isQuery(args.document, args.operationName)) {
            const note = context.responseCache;
            if (note && !(result as { errors?: unknown[] }).errors?.length) note.cacheable = true;
          } else if (context.request) {
            wrote.add(context.request);
          }
        },
      };
    },
    async onResponse({ request }) {
      if (cache && wrote.has(request)) await cache.dataVersion.refresh().catch(() => {});
    },
  };
}
